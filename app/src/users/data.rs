//! Accounts as the administrators' pages see them.

use crate::{accounts::Seat, error::AppError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// Account id.
    pub id: i32,
    /// Display name.
    pub name: String,
    /// Sign-in address.
    pub email: String,
    /// Administrator.
    pub is_admin: bool,
    /// Reviewer.
    pub is_reviewer: bool,
    /// Committee seat.
    pub seat: Option<Seat>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
}

/// Every account (administrators only).
#[server(endpoint = "users")]
pub async fn get_users() -> Result<Vec<UserRow>, AppError> {
    use crate::accounts::{Permission, auth::require};
    require(Permission::ManageUsers).map_err(AppError::respond)?;
    let db = crate::state::db()?;
    super::service::list(&db).await
}

/// One account (administrators only).
#[server(endpoint = "user")]
pub async fn get_user(id: i32) -> Result<UserRow, AppError> {
    use crate::accounts::{Permission, auth::require};
    require(Permission::ManageUsers).map_err(AppError::respond)?;
    let db = crate::state::db()?;
    super::service::find(&db, id)
        .await
        .map_err(AppError::respond)
}
