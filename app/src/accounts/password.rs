//! Passwords: at least 12 characters, not a common password, no composition rules
//! (NIST SP 800-63B); hashed with argon2id at OWASP's parameters.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted, in characters (bounds the hashing work).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a new password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_CHARS`] characters.
    TooLong,
    /// In the list of common passwords (checked on the server only: the list stays out of
    /// the browser's bundle).
    TooCommon,
}

impl PasswordProblem {
    /// What to tell the person, in their language.
    pub fn message(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        t.get(self.key()).unwrap_or(t.error_validation())
    }

    /// The translation key of the message (a form field's error code).
    pub fn key(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password_too_short",
            PasswordProblem::TooLong => "password_too_long",
            PasswordProblem::TooCommon => "password_too_common",
        }
    }
}

/// A password that may be set on an account.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// Checks a new password. Spaces count, nothing is trimmed: what was typed is the password.
    pub fn parse(input: &str) -> Result<NewPassword, PasswordProblem> {
        let chars = input.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(PasswordProblem::TooLong);
        }
        #[cfg(feature = "ssr")]
        if is_common(input) {
            return Err(PasswordProblem::TooCommon);
        }
        Ok(NewPassword(input.to_string()))
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "ssr")]
fn is_common(candidate: &str) -> bool {
    use std::{collections::HashSet, sync::LazyLock};
    static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .collect()
    });
    COMMON.contains(candidate) || COMMON.contains(candidate.to_lowercase().as_str())
}

#[cfg(feature = "ssr")]
fn hasher() -> argon2::Argon2<'static> {
    use argon2::{Algorithm, Argon2, Params, Version};
    // OWASP: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password for storage (PHC string: `$argon2id$v=19$m=19456,t=2,p=1$…`).
#[cfg(feature = "ssr")]
pub fn hash_password(password: &NewPassword) -> Result<String, crate::error::AppError> {
    use argon2::password_hash::PasswordHasher;
    hasher()
        .hash_password(password.expose().as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            crate::error::AppError::Internal
        })
}

/// Whether `candidate` matches a stored hash (false for a malformed hash).
#[cfg(feature = "ssr")]
pub fn verify_password(stored_hash: &str, candidate: &str) -> bool {
    use argon2::password_hash::PasswordVerifier;
    hasher()
        .verify_password(candidate.as_bytes(), stored_hash)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_rule_and_nothing_is_trimmed() {
        assert_eq!(NewPassword::parse("court"), Err(PasswordProblem::TooShort));
        assert_eq!(
            NewPassword::parse("onze car.  ").map(|_| ()),
            Err(PasswordProblem::TooShort)
        );
        assert!(
            NewPassword::parse("douze car. !").is_ok(),
            "12 characters, spaces included"
        );
        assert!(
            NewPassword::parse("ßéèàùçœæ ñø¿¡").is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)).map(|_| ()),
            Err(PasswordProblem::TooLong)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(
            NewPassword::parse("123456qwerty").map(|_| ()),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            NewPassword::parse("QWERTY123456").map(|_| ()),
            Err(PasswordProblem::TooCommon)
        );
        assert!(NewPassword::parse("le fleuve Niger à Ségou").is_ok());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_hash_verifies_its_password_only_and_uses_argon2id_at_owasp_settings() {
        let password = NewPassword::parse("le fleuve Niger à Ségou").unwrap();
        let hash = hash_password(&password).unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password(&hash, "le fleuve Niger à Ségou"));
        assert!(!verify_password(&hash, "le fleuve Niger à Segou"));
        assert!(!verify_password("not a hash", "le fleuve Niger à Ségou"));
        assert_ne!(
            hash,
            hash_password(&password).unwrap(),
            "a fresh salt each time"
        );
    }

    #[test]
    fn the_password_never_appears_in_debug_output() {
        let password = NewPassword::parse("le fleuve Niger à Ségou").unwrap();
        assert!(!format!("{password:?}").contains("Niger"));
    }
}
