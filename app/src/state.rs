//! What every request handler and server function shares (server only).

use crate::error::AppError;
use sea_orm::DatabaseConnection;

/// The application's shared state: one database pool for the whole process.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
}

/// The database pool, from the state provided to every server function and page.
pub fn db() -> Result<DatabaseConnection, AppError> {
    leptos::prelude::use_context::<AppState>()
        .map(|state| state.db)
        .ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
        })
}
