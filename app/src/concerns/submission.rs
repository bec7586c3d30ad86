//! The concern form's rules, shared by the browser and the server.

use super::THEMES;
use crate::{
    countries,
    error::{AppError, FieldError},
    forms::{self, Fields},
};

/// Longest concern text.
pub const MAX_BODY_CHARS: usize = 4000;
/// Shortest concern text (a few words).
pub const MIN_BODY_CHARS: usize = 20;
/// Longest organisation name.
pub const MAX_ORGANISATION_CHARS: usize = 200;
/// Longest contact (an e-mail address or a phone number).
pub const MAX_CONTACT_CHARS: usize = 254;

/// A valid concern, as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConcern {
    /// One of [`THEMES`].
    pub theme: String,
    /// ISO code of the country of residence.
    pub country_code: String,
    /// The concern itself.
    pub body: String,
    /// The organisation speaking, if any.
    pub organisation: Option<String>,
    /// How to reply, if the person wants an answer (never public).
    pub contact: Option<String>,
}

fn optional(value: &str) -> Option<String> {
    Some(value.to_string()).filter(|v| !v.is_empty())
}

/// An e-mail address (something@domain.tld) or an international phone number (+ and 8 to
/// 15 digits, spaces allowed).
fn is_contact(value: &str) -> bool {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let phone = digits.strip_prefix('+').is_some_and(|rest| {
        (8..=15).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit())
    });
    let email = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.contains(char::is_whitespace)
    });
    phone || email
}

impl NewConcern {
    /// Checks a submitted form.
    pub fn parse(fields: &Fields) -> Result<Self, AppError> {
        let field = |name: &str| forms::field(fields, name).trim();
        let mut errors = Vec::new();
        let theme = field("theme");
        if !THEMES.contains(&theme) {
            errors.push(FieldError::new("theme", "concern_theme_missing"));
        }
        let country = countries::find(field("country"));
        if country.is_none() {
            errors.push(FieldError::new("country", "concern_country_missing"));
        }
        let body = field("body");
        let length = body.chars().count();
        if length < MIN_BODY_CHARS {
            errors.push(FieldError::new("body", "concern_body_too_short"));
        } else if length > MAX_BODY_CHARS {
            errors.push(FieldError::new("body", "concern_body_too_long"));
        }
        let organisation = optional(field("organisation"));
        if organisation
            .as_ref()
            .is_some_and(|o| o.chars().count() > MAX_ORGANISATION_CHARS)
        {
            errors.push(FieldError::new(
                "organisation",
                "concern_organisation_too_long",
            ));
        }
        let contact = optional(field("contact"));
        if contact
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_CONTACT_CHARS || !is_contact(c))
        {
            errors.push(FieldError::new("contact", "concern_contact_invalid"));
        }
        if !forms::checked(fields, "consent") {
            errors.push(FieldError::new("consent", "concern_consent_missing"));
        }
        match country {
            Some(country) if errors.is_empty() => Ok(NewConcern {
                theme: theme.to_string(),
                country_code: country.code.to_string(),
                body: body.to_string(),
                organisation,
                contact,
            }),
            _ => Err(AppError::Validation(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::forms::fields_of as form;

    #[test]
    fn a_concern_in_any_script_is_kept_as_typed() {
        let concern = NewConcern::parse(&form(&[
            ("theme", "consular_documents"),
            ("country", "sn"),
            (
                "body",
                "  Obtenir un passeport à Dakar prend six mois — ߒ ߓߊ߯ ߞߊ߲  ",
            ),
            ("contact", "+221 77 123 45 67"),
            ("consent", "on"),
        ]))
        .unwrap();
        assert_eq!(concern.country_code, "SN");
        assert_eq!(
            concern.body,
            "Obtenir un passeport à Dakar prend six mois — ߒ ߓߊ߯ ߞߊ߲"
        );
        assert_eq!(concern.organisation, None);
        assert_eq!(concern.contact.as_deref(), Some("+221 77 123 45 67"));
    }

    #[test]
    fn each_invalid_field_is_named() {
        let AppError::Validation(errors) = NewConcern::parse(&form(&[
            ("theme", "weather"),
            ("country", "XX"),
            ("body", "trop court"),
            ("contact", "call me"),
        ]))
        .unwrap_err() else {
            panic!("validation")
        };
        let names: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(names, ["theme", "country", "body", "contact", "consent"]);
    }

    #[test]
    fn contacts_are_an_address_or_an_international_number() {
        assert!(is_contact("awa@example.org"));
        assert!(is_contact("+33 6 12 34 56 78"));
        assert!(!is_contact("0612345678"));
        assert!(!is_contact("awa@localhost"));
        assert!(!is_contact("a b@example.org"));
    }
}
