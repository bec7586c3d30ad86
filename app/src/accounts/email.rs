//! E-mail addresses, checked once for every form that asks for one.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Longest address accepted (RFC 5321's limit on a path).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Why an address was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailProblem {
    /// Nothing was typed.
    Missing,
    /// Longer than [`MAX_EMAIL_CHARS`].
    TooLong,
    /// Not of the form `name@domain.tld`.
    Malformed,
}

impl EmailProblem {
    /// What to tell the person, in their language.
    pub fn message(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        t.get(self.key()).unwrap_or(t.error_validation())
    }

    /// The translation key of the message (a form field's error code).
    pub fn key(self) -> &'static str {
        match self {
            EmailProblem::Missing => "email_missing",
            EmailProblem::TooLong => "email_too_long",
            EmailProblem::Malformed => "email_malformed",
        }
    }
}

/// A plausible e-mail address, trimmed, with its domain in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Checks the shape of an address; delivery is what proves it.
    pub fn parse(input: &str) -> Result<Email, EmailProblem> {
        let input = input.trim();
        if input.is_empty() {
            return Err(EmailProblem::Missing);
        }
        if input.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailProblem::TooLong);
        }
        let (local, domain) = input.rsplit_once('@').ok_or(EmailProblem::Malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains(['@', ' ', '<', '>', '"', ',']);
        if !(domain_ok && local_ok) || input.chars().any(char::is_whitespace) {
            return Err(EmailProblem::Malformed);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_with_the_domain_lower_cased() {
        assert_eq!(
            Email::parse("  Awa.Kone@Example.ML ").unwrap().as_str(),
            "Awa.Kone@example.ml"
        );
        assert!(Email::parse("delegue+ccmex@association-maliens.fr").is_ok());
        assert!(Email::parse("moussa@bamako.gouv.ml").is_ok());
    }

    #[test]
    fn malformed_addresses_are_refused_with_the_reason() {
        assert_eq!(Email::parse(""), Err(EmailProblem::Missing));
        assert_eq!(Email::parse("   "), Err(EmailProblem::Missing));
        for bad in [
            "awa",
            "awa@",
            "@example.ml",
            "awa@example",
            "awa@.ml",
            "awa@example..ml",
            "a wa@example.ml",
            "awa@exa mple.ml",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailProblem::Malformed), "{bad}");
        }
        let long = format!("{}@example.ml", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailProblem::TooLong));
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        for problem in [
            EmailProblem::Missing,
            EmailProblem::TooLong,
            EmailProblem::Malformed,
        ] {
            assert_ne!(problem.message(Lang::Fr), problem.message(Lang::En));
        }
    }
}
