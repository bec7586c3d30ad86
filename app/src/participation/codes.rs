//! Tracking codes people read aloud, and the secrets drawn from the operating system's
//! CSPRNG (server only): codes, the status link's key, the form's idempotency key.

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The tracking code's letters: no 0/O, 1/I/L, so a code read aloud or copied by hand
/// cannot be misread.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

#[cfg(feature = "ssr")]
fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness from the operating system");
        AppError::Internal
    })?;
    Ok(bytes)
}

#[cfg(feature = "ssr")]
/// A fresh tracking code, `CCMEX-XXXX-XXXX` (31⁸ ≈ 8.5 × 10¹¹ codes).
pub fn tracking_code() -> Result<String, AppError> {
    // Rejection sampling keeps every letter equally likely: 248 = 8 × 31.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut letters = Vec::with_capacity(8);
    while letters.len() < 8 {
        for byte in random_bytes::<16>()? {
            if byte < limit && letters.len() < 8 {
                letters.push(ALPHABET[usize::from(byte) % ALPHABET.len()] as char);
            }
        }
    }
    let letters: String = letters.into_iter().collect();
    Ok(format!("CCMEX-{}-{}", &letters[..4], &letters[4..]))
}

/// Whether `code` has the shape of a tracking code (letters of [`ALPHABET`]).
pub fn is_tracking_code(code: &str) -> bool {
    let Some(rest) = code.strip_prefix("CCMEX-") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('-').collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|p| p.len() == 4 && p.bytes().all(|b| ALPHABET.contains(&b)))
}

#[cfg(feature = "ssr")]
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(feature = "ssr")]
/// 256 random bits as 64 hex characters: the key of a request's status link.
pub fn access_key() -> Result<String, AppError> {
    Ok(hex(&random_bytes::<32>()?))
}

#[cfg(feature = "ssr")]
/// 128 random bits as 32 hex characters: the key of one rendering of the form.
pub fn idempotency_key() -> Result<String, AppError> {
    Ok(hex(&random_bytes::<16>()?))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn tracking_codes_are_readable_and_unambiguous() {
        for _ in 0..200 {
            let code = tracking_code().unwrap();
            assert!(is_tracking_code(&code), "{code}");
            assert!(!code[6..].contains(['0', 'O', '1', 'I', 'L']));
        }
        assert!(!is_tracking_code("CCMEX-0000-AAAA"));
        assert_ne!(tracking_code().unwrap(), tracking_code().unwrap());
        assert_eq!(access_key().unwrap().len(), 64);
    }
}
