//! Committee and administrator accounts: shared validation of e-mail addresses and
//! passwords, password hashing (server), and account creation (server).

mod email;
mod password;
#[cfg(feature = "ssr")]
pub mod service;

pub use email::{Email, EmailProblem};
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword, PasswordProblem};
#[cfg(feature = "ssr")]
pub use password::{hash_password, verify_password};
