//! What every request handler and server function shares (server only).

use crate::error::AppError;
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// The application's shared state: one database pool and one live hub for the process.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The pool (SQLite or PostgreSQL).
    pub db: DatabaseConnection,
    /// Pushes agenda changes to the viewers connected to this process.
    pub live: crate::agenda::live::LiveHub,
    /// The bound on password hashing (argon2) for the process.
    pub hashing: crate::accounts::PasswordHashing,
}

impl AppState {
    /// The state over `db` (on PostgreSQL this starts listening for other processes'
    /// agenda changes, so it needs a Tokio runtime).
    pub fn new(db: DatabaseConnection) -> AppState {
        AppState {
            live: crate::agenda::live::LiveHub::new(db.clone()),
            hashing: crate::accounts::PasswordHashing::default(),
            db,
        }
    }
}

/// The live hub, from the state provided to every server function and page.
pub fn live() -> Result<crate::agenda::live::LiveHub, AppError> {
    leptos::prelude::use_context::<AppState>()
        .map(|state| state.live)
        .ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
        })
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

/// Starts a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): concurrent writers then wait for each other within the busy timeout,
/// instead of failing with "database is locked" when a transaction that read first tries
/// to write. PostgreSQL ignores the option. Every write goes through this.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
