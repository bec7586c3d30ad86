//! Committee and administrator accounts: shared validation of e-mail addresses and
//! passwords, password hashing (server), and account creation (server).

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod change_password;
mod email;
#[cfg(feature = "ssr")]
pub mod hashing;
mod login_page;
mod password;
mod password_page;
mod permissions;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_store;

pub use email::{Email, EmailProblem};
#[cfg(feature = "ssr")]
pub use hashing::PasswordHashing;
pub use login_page::{SIGN_IN_PATH, SignInPage, safe_next};
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword, PasswordProblem};
#[cfg(feature = "ssr")]
pub use password::{hash_password, verify_password};
pub use password_page::{PASSWORD_PATH, PasswordPage};
pub use permissions::{CommitteeKind, Permission, Principal, Seat};
