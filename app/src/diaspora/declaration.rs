//! The voluntary declaration form's rules, shared by the browser and the server.

use crate::{
    countries,
    error::{AppError, FieldError},
    forms::{self, Fields},
    i18n::Lang,
};

/// Sectors of activity a declaration may name.
pub const SECTORS: [&str; 11] = [
    "education",
    "health",
    "sport",
    "research",
    "technology",
    "governance",
    "entrepreneurship",
    "culture",
    "economy",
    "social",
    "other",
];

/// A sector's name in `lang`.
pub fn sector_label(sector: &str, lang: Lang) -> &'static str {
    let t = lang.strings();
    t.get(&format!("sector_{sector}"))
        .unwrap_or(t.sector_other())
}

/// Largest household a declaration may count.
pub const MAX_HOUSEHOLD: i32 = 50;
/// Longest city name.
pub const MAX_CITY_CHARS: usize = 120;

/// A valid declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeclaration {
    /// ISO code of the country of residence.
    pub country_code: String,
    /// City, if given.
    pub city: Option<String>,
    /// People in the household, 1 to [`MAX_HOUSEHOLD`].
    pub household_size: i32,
    /// Year of arrival, if given.
    pub arrival_year: Option<i32>,
    /// Sector of activity, one of [`SECTORS`], if given.
    pub sector: Option<String>,
}

impl NewDeclaration {
    /// Checks a submitted form; `current_year` bounds the year of arrival.
    pub fn parse(fields: &Fields, current_year: i32) -> Result<Self, AppError> {
        let field = |name: &str| forms::field(fields, name).trim();
        let mut errors = Vec::new();
        let country_code = match countries::find(field("country")) {
            Some(country) => country.code.to_string(),
            None => {
                errors.push(FieldError::new("country", "diaspora_country_missing"));
                String::new()
            }
        };
        let city = Some(field("city").to_string()).filter(|c| !c.is_empty());
        if city
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_CITY_CHARS)
        {
            errors.push(FieldError::new("city", "diaspora_city_too_long"));
        }
        let household_size = match field("household_size").parse::<i32>() {
            Ok(n) if (1..=MAX_HOUSEHOLD).contains(&n) => n,
            _ => {
                errors.push(FieldError::new(
                    "household_size",
                    "diaspora_household_invalid",
                ));
                0
            }
        };
        let arrival_year = match field("arrival_year") {
            "" => None,
            year => match year.parse::<i32>() {
                Ok(y) if (1900..=current_year).contains(&y) => Some(y),
                _ => {
                    errors.push(FieldError::new("arrival_year", "diaspora_year_invalid"));
                    None
                }
            },
        };
        let sector = match field("sector") {
            "" => None,
            s if SECTORS.contains(&s) => Some(s.to_string()),
            _ => {
                errors.push(FieldError::new("sector", "diaspora_sector_invalid"));
                None
            }
        };
        if !forms::checked(fields, "consent") {
            errors.push(FieldError::new("consent", "diaspora_consent_missing"));
        }
        if errors.is_empty() {
            Ok(NewDeclaration {
                country_code,
                city,
                household_size,
                arrival_year,
                sector,
            })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::forms::fields_of as form;

    #[test]
    fn a_complete_declaration_is_accepted_and_optional_fields_may_be_empty() {
        let full = NewDeclaration::parse(
            &form(&[
                ("country", "fr"),
                ("city", " Montreuil "),
                ("household_size", "4"),
                ("arrival_year", "2009"),
                ("sector", "health"),
                ("consent", "on"),
            ]),
            2026,
        )
        .unwrap();
        assert_eq!(full.country_code, "FR");
        assert_eq!(full.city.as_deref(), Some("Montreuil"));
        let minimal = NewDeclaration::parse(
            &form(&[
                ("country", "CI"),
                ("household_size", "1"),
                ("consent", "on"),
            ]),
            2026,
        )
        .unwrap();
        assert_eq!(
            (minimal.city, minimal.arrival_year, minimal.sector),
            (None, None, None)
        );
    }

    #[test]
    fn each_invalid_field_is_named() {
        let error = NewDeclaration::parse(
            &form(&[
                ("country", "XX"),
                ("household_size", "0"),
                ("arrival_year", "2090"),
                ("sector", "piracy"),
            ]),
            2026,
        )
        .unwrap_err();
        let AppError::Validation(fields) = error else {
            panic!("validation")
        };
        let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            names,
            [
                "country",
                "household_size",
                "arrival_year",
                "sector",
                "consent"
            ]
        );
    }
}
