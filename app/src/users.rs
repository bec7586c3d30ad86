//! `/espace/utilisateurs`: administrators create, edit and disable accounts and their
//! roles. Disabling an account ends its sessions at once.

mod data;
mod edit_page;
mod list_page;
#[cfg(feature = "ssr")]
pub mod service;

pub use data::{UserRow, get_user, get_users};
pub use edit_page::UserEditPage;
pub use list_page::UsersPage;

/// Where the account forms post: `USERS_PATH` to create, `USERS_PATH/{id}` to edit.
pub const USERS_PATH: &str = "/espace/utilisateurs";
