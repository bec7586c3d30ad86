//! What the sessions' pages show (steering committee and administrators), where their forms
//! post, and the server functions that read it.

use super::SessionStatus;
use crate::{error::AppError, i18n::Lang, participation::settings::SessionRow};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::participation::settings::SESSIONS_PATH;

/// The creation form's page, and where it posts.
pub const NEW_SESSION_PATH: &str = "/espace/sessions/nouvelle";

/// `/espace/sessions/{number}`: the edit page of session `number`, and where its form posts.
pub fn edit_path(number: i32) -> String {
    format!("{SESSIONS_PATH}/{number}")
}

/// Where the form making session `number` the current one posts.
pub fn current_path(number: i32) -> String {
    format!("{SESSIONS_PATH}/{number}/courante")
}

/// A session in the committees' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedSession {
    /// Number, title, first day and participation summary.
    pub row: SessionRow,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Where it stands.
    pub status: SessionStatus,
    /// Whether the public pages present it.
    pub is_current: bool,
}

/// A session as its form shows it (both languages).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEditor {
    /// Number (for a new session: the next free one, as a suggestion).
    pub number: i32,
    /// Title in French.
    pub title_fr: String,
    /// Title in English.
    pub title_en: String,
    /// First day, `YYYY-MM-DD` (empty for a new session).
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD` (empty for a new session).
    pub ends_on: String,
    /// Venue in French.
    pub venue_fr: String,
    /// Venue in English.
    pub venue_en: String,
    /// City.
    pub city: String,
    /// ISO 3166-1 alpha-2 code.
    pub country_code: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Stored status value.
    pub status: String,
    /// Whether the public pages present it.
    pub is_current: bool,
}

/// Every session, newest first, with where it stands.
#[server(endpoint = "sessions-list")]
pub async fn get_session_list(lang: Lang) -> Result<Vec<ListedSession>, AppError> {
    let db = crate::state::db()?;
    super::admin::list(&db, crate::accounts::auth::current(), lang)
        .await
        .map_err(AppError::respond)
}

/// What the creation form starts with.
#[server(endpoint = "session-new")]
pub async fn get_new_session() -> Result<SessionEditor, AppError> {
    let db = crate::state::db()?;
    super::admin::blank(&db, crate::accounts::auth::current())
        .await
        .map_err(AppError::respond)
}

/// Session `number`, as its edit form shows it.
#[server(endpoint = "session-editor")]
pub async fn get_session_editor(number: i32) -> Result<SessionEditor, AppError> {
    let db = crate::state::db()?;
    super::admin::find(&db, crate::accounts::auth::current(), number)
        .await
        .map_err(AppError::respond)
}

/// How many of session `number`'s agenda items the days typed (`YYYY-MM-DD`, in
/// `time_zone`) would leave out: what a refused edit tells.
#[server(endpoint = "session-agenda-outside")]
pub async fn get_agenda_outside(
    number: i32,
    starts_on: String,
    ends_on: String,
    time_zone: String,
) -> Result<u64, AppError> {
    let db = crate::state::db()?;
    super::agenda_days::outside_count(
        &db,
        crate::accounts::auth::current(),
        number,
        (&starts_on, &ends_on),
        &time_zone,
    )
    .await
    .map_err(AppError::respond)
}
