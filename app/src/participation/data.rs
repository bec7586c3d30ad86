//! What the applicant's pages show, and the server functions that load it.

use super::RequestStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The application page's data: the current session's conditions and whether it takes
/// applications, with a fresh idempotency key for this rendering of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationWindow {
    /// The session's title in the reader's language (empty without a current session).
    pub session_title: String,
    /// The conditions of participation in the reader's language.
    pub conditions: Option<String>,
    /// Applications are accepted now.
    pub open: bool,
    /// Opening date, `YYYY-MM-DD HH:MM` UTC, if set.
    pub opens_at: Option<String>,
    /// Closing date, `YYYY-MM-DD HH:MM` UTC, if set.
    pub closes_at: Option<String>,
    /// Delegates a request may name.
    pub max_delegates: usize,
    /// A new random key: the same form posted twice creates one request.
    pub idempotency_key: String,
}

/// One entry of a request's history, as the applicant sees it (never who decided).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// `YYYY-MM-DD HH:MM` UTC.
    pub at: String,
    /// The status reached.
    pub status: RequestStatus,
    /// The committee's message or the applicant's answer.
    pub message: Option<String>,
    /// Written by the applicant.
    pub from_applicant: bool,
}

/// A request as its applicant sees it through the status link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedRequest {
    /// Tracking code.
    pub code: String,
    /// The organisation's name.
    pub organisation: String,
    /// Current status.
    pub status: RequestStatus,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
}

/// The current session's application window (anyone).
#[server(endpoint = "participation-window")]
pub async fn get_application_window() -> Result<ApplicationWindow, AppError> {
    let db = crate::state::db()?;
    super::tracking::application_window(&db, crate::i18n::page_lang())
        .await
        .map_err(AppError::respond)
}

/// A request, by its code and the secret key of its status link (its applicant).
#[server(endpoint = "participation-status")]
pub async fn get_tracked_request(code: String, key: String) -> Result<TrackedRequest, AppError> {
    let db = crate::state::db()?;
    super::tracking::tracked(&db, &code, &key)
        .await
        .map_err(AppError::respond)
}
