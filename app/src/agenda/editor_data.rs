//! What the committees' agenda editor shows and sends, and its server functions (thin: each
//! calls a service of [`super::editor`] with the signed-in user, which checks the
//! permission itself).

use super::{ItemFields, ItemStatus, Warning};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One item of the draft, as the editor shows and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EditorItem {
    /// Id (the public copy has the same).
    pub id: i32,
    /// Order within the session (ties on the start time).
    pub position: i32,
    /// The version this copy is; every change sends it back.
    pub version: i32,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// The fields as the form shows them (day and times in venue time).
    pub fields: ItemFields,
    /// [`ItemStatus`] stored value.
    pub status: String,
    /// Whether the public sees a version of it.
    pub public: bool,
    /// Whether this version is the public one.
    pub published: bool,
    /// Deleted in the draft; public until the next publication.
    pub removed: bool,
}

impl EditorItem {
    /// The parsed status (scheduled if unknown).
    pub fn item_status(&self) -> ItemStatus {
        ItemStatus::parse(&self.status).unwrap_or(ItemStatus::Scheduled)
    }
}

/// A session the editor can switch to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionOption {
    /// Its number.
    pub number: i32,
    /// Its title, in the reader's language.
    pub title: String,
}

/// The editor of one session's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorView {
    /// The session edited.
    pub session: SessionOption,
    /// Every session, newest first.
    pub sessions: Vec<SessionOption>,
    /// The session's days, `YYYY-MM-DD` (the first and last bound the form's day).
    pub days: Vec<String>,
    /// The venue's offset from UTC, in minutes.
    pub offset_minutes: i32,
    /// The draft's items (deleted ones included), by start time then position.
    pub items: Vec<EditorItem>,
    /// Items whose current version is not public yet.
    pub pending: u32,
    /// Room and speaker clashes.
    pub warnings: Vec<Warning>,
}

impl EditorView {
    /// First and last day of the session (`""` if it has none).
    pub fn bounds(&self) -> (String, String) {
        (
            self.days.first().cloned().unwrap_or_default(),
            self.days.last().cloned().unwrap_or_default(),
        )
    }
}

/// What a save answers: the item as stored, and the clashes it is part of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The item as stored.
    pub item: EditorItem,
    /// Room and speaker clashes involving it.
    pub warnings: Vec<Warning>,
}

/// Which way a keyboard or drag-and-drop move goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoveDirection {
    /// Before the previous item of the day.
    Up,
    /// After the next item of the day.
    Down,
}

/// The editor of session `session` (its number), or of the current session when `None`.
/// `Ok(None)`: no session exists yet.
#[server(endpoint = "agenda-editor")]
pub async fn get_agenda_editor(session: Option<i32>) -> Result<Option<EditorView>, AppError> {
    let db = crate::state::db()?;
    super::editor::view(&db, crate::accounts::auth::current(), session)
        .await
        .map_err(AppError::respond)
}

/// One draft item as it is now (after a refused save, to show what changed).
#[server(endpoint = "agenda-editor-item")]
pub async fn get_agenda_editor_item(id: i32) -> Result<EditorItem, AppError> {
    let db = crate::state::db()?;
    super::editor::item(&db, crate::accounts::auth::current(), id)
        .await
        .map_err(AppError::respond)
}

/// Adds an item to session `session`'s draft (not public until published).
#[server(endpoint = "agenda-item-create")]
pub async fn create_agenda_item(session: i32, fields: ItemFields) -> Result<Saved, AppError> {
    let db = crate::state::db()?;
    super::editor::create(&db, crate::accounts::auth::current(), session, &fields)
        .await
        .map_err(AppError::respond)
}

/// Changes an item of the draft; refused (409) if it is no longer at `version`.
#[server(endpoint = "agenda-item-update")]
pub async fn update_agenda_item(
    id: i32,
    version: i32,
    fields: ItemFields,
) -> Result<Saved, AppError> {
    let db = crate::state::db()?;
    super::editor::update(&db, crate::accounts::auth::current(), id, version, &fields)
        .await
        .map_err(AppError::respond)
}

/// Deletes an item from the draft (a public one stays public until the next publication);
/// refused (409) if it is no longer at `version`.
#[server(endpoint = "agenda-item-delete")]
pub async fn delete_agenda_item(id: i32, version: i32) -> Result<(), AppError> {
    let db = crate::state::db()?;
    super::editor::delete(&db, crate::accounts::auth::current(), id, version)
        .await
        .map_err(AppError::respond)
}

/// Takes back an item's deletion before it is published; refused (409) if the item is no
/// longer at `version`.
#[server(endpoint = "agenda-item-restore")]
pub async fn restore_agenda_item(id: i32, version: i32) -> Result<Saved, AppError> {
    let db = crate::state::db()?;
    super::editor::restore(&db, crate::accounts::auth::current(), id, version)
        .await
        .map_err(AppError::respond)
}

/// Copies an item right after itself, as a new unpublished item.
#[server(endpoint = "agenda-item-duplicate")]
pub async fn duplicate_agenda_item(id: i32) -> Result<Saved, AppError> {
    let db = crate::state::db()?;
    super::editor::duplicate(&db, crate::accounts::auth::current(), id)
        .await
        .map_err(AppError::respond)
}

/// Changes an item's status, public at once; refused (409) if it is no longer at `version`.
#[server(endpoint = "agenda-item-status")]
pub async fn set_agenda_item_status(
    id: i32,
    version: i32,
    status: ItemStatus,
) -> Result<EditorItem, AppError> {
    let db = crate::state::db()?;
    let live = crate::state::live()?;
    super::editor_timeline::set_status(
        &db,
        &live,
        crate::accounts::auth::current(),
        id,
        version,
        status,
    )
    .await
    .map_err(AppError::respond)
}

/// Exchanges an item with its neighbour of the day; refused (409) if it is no longer at
/// `version`.
#[server(endpoint = "agenda-item-move")]
pub async fn move_agenda_item(
    id: i32,
    version: i32,
    direction: MoveDirection,
) -> Result<EditorItem, AppError> {
    let db = crate::state::db()?;
    super::editor_timeline::move_item(
        &db,
        crate::accounts::auth::current(),
        id,
        version,
        direction,
    )
    .await
    .map_err(AppError::respond)
}

/// Publishes session `session`'s draft; answers how many items became public (or
/// changed, or left the agenda).
#[server(endpoint = "agenda-publish")]
pub async fn publish_agenda(session: i32) -> Result<u32, AppError> {
    let db = crate::state::db()?;
    let live = crate::state::live()?;
    super::editor_timeline::publish(&db, &live, crate::accounts::auth::current(), session)
        .await
        .map_err(AppError::respond)
}
