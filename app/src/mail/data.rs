//! What the outbox page shows, and the server function that loads it.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One queued or sent e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Id.
    pub id: i32,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// `fr` or `en`.
    pub language: String,
    /// Queued, `YYYY-MM-DD HH:MM` UTC.
    pub created_at: String,
    /// Sent, if it was.
    pub sent_at: Option<String>,
    /// Delivery attempts so far.
    pub attempts: i32,
}

/// One page of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    /// Newest first.
    pub emails: Vec<OutboxEntry>,
    /// E-mails in all.
    pub total: u64,
    /// Pages in all (at least 1).
    pub pages: u64,
    /// The page shown.
    pub page: u64,
}

/// The outbox (administrators).
#[server(endpoint = "outbox")]
pub async fn get_outbox(page: u64) -> Result<OutboxPage, AppError> {
    let db = crate::state::db()?;
    super::service::outbox_page(&db, crate::accounts::auth::current(), page)
        .await
        .map_err(AppError::respond)
}
