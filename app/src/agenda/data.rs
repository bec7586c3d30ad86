//! The server functions that load the public agenda and its changelog.

use super::{AgendaView, ChangeLog};
use crate::{error::AppError, i18n::Lang};
use leptos::prelude::*;

/// Changelog entries a page shows.
#[cfg(feature = "ssr")]
pub const CHANGES_SHOWN: u64 = 200;

/// The public agenda of session `number`, or of the current session when `None`.
/// `Ok(None)`: no session at all yet. An unknown number: not found.
#[server(endpoint = "agenda")]
pub async fn get_agenda(number: Option<i32>, lang: Lang) -> Result<Option<AgendaView>, AppError> {
    let db = crate::state::db()?;
    let load = async {
        let Some(session) = super::public::find_session(&db, number).await? else {
            return Ok(None);
        };
        Ok(Some(super::public::view(&db, session, lang).await?))
    };
    let result: Result<_, AppError> = load.await;
    result.map_err(AppError::respond)
}

/// The public changelog of session `number`, or of the current session when `None`.
#[server(endpoint = "agenda-changes")]
pub async fn get_changes(number: Option<i32>, lang: Lang) -> Result<Option<ChangeLog>, AppError> {
    let db = crate::state::db()?;
    let load = async {
        let Some(session) = super::public::find_session(&db, number).await? else {
            return Ok(None);
        };
        let changes = super::public::changes(&db, session.id, CHANGES_SHOWN).await?;
        let offset_minutes = super::public::offset_minutes(&session);
        Ok(Some(ChangeLog {
            session: crate::sessions::SessionSummary::from_model(session, lang),
            offset_minutes,
            changes,
        }))
    };
    let result: Result<_, AppError> = load.await;
    result.map_err(AppError::respond)
}
