//! The agenda editor's storage helpers (server only): the draft as the editor shows it,
//! audit snapshots, and the version check every change goes through.

use super::{EditorItem, ItemFields, Saved, clock, iso_day, public, warnings};
use crate::{
    accounts::Principal,
    audit::{Actor, record},
    entities::{agenda_item, agenda_public_item, session},
    error::{AppError, FieldError},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashSet;

/// A refused field, as one validation error.
pub(super) fn invalid(field: &str, code: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code)])
}

/// A draft row as the editor shows it, times in venue time.
pub(super) fn to_editor(model: &agenda_item::Model, offset: i32, public: bool) -> EditorItem {
    let (start, end) = (model.starts_at.timestamp(), model.ends_at.timestamp());
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    EditorItem {
        id: model.id,
        position: model.position,
        version: model.version,
        starts_at: start,
        ends_at: end,
        fields: ItemFields {
            day: iso_day(start, offset),
            start: clock(start, offset),
            end: clock(end, offset),
            kind: model.kind.clone(),
            theme: text(&model.theme),
            title_fr: model.title_fr.clone(),
            title_en: model.title_en.clone(),
            description_fr: text(&model.description_fr),
            description_en: text(&model.description_en),
            room: text(&model.room),
            speakers: text(&model.speakers),
        },
        status: model.status.clone(),
        public,
        published: model.published,
        removed: model.removed,
    }
}

/// What the audit log keeps of an item.
pub(super) fn snapshot(item: &agenda_item::Model) -> serde_json::Value {
    serde_json::json!({
        "session_id": item.session_id,
        "position": item.position,
        "starts_at": item.starts_at.to_rfc3339(),
        "ends_at": item.ends_at.to_rfc3339(),
        "kind": item.kind,
        "theme": item.theme,
        "title_fr": item.title_fr,
        "title_en": item.title_en,
        "description_fr": item.description_fr,
        "description_en": item.description_en,
        "room": item.room,
        "speakers": item.speakers,
        "status": item.status,
        "published": item.published,
        "removed": item.removed,
        "version": item.version,
    })
}

/// Records `action` on an item by `caller` (inside the write's transaction).
pub(super) async fn audit(
    txn: &impl ConnectionTrait,
    caller: &Principal,
    action: &str,
    id: i32,
    before: Option<&agenda_item::Model>,
    after: Option<&agenda_item::Model>,
) -> Result<(), AppError> {
    record(
        txn,
        &Actor::from(caller),
        action,
        "agenda_item",
        id,
        before.map(snapshot),
        after.map(snapshot),
    )
    .await?;
    Ok(())
}

/// The session an item belongs to.
pub(super) async fn session_of(
    db: &impl ConnectionTrait,
    item: &agenda_item::Model,
) -> Result<session::Model, AppError> {
    session::Entity::find_by_id(item.session_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The item at `version`: `NotFound` if unknown, `Conflict` if it is no longer at `version`.
pub(super) async fn at_version(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
) -> Result<agenda_item::Model, AppError> {
    let item = agenda_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if item.version != version {
        return Err(AppError::Conflict);
    }
    Ok(item)
}

/// The item to change: as [`at_version`], and refused if it is deleted in the draft.
pub(super) async fn changeable(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
) -> Result<agenda_item::Model, AppError> {
    let item = at_version(db, id, version).await?;
    if item.removed {
        return Err(invalid("item", "agenda_editor_error_removed"));
    }
    Ok(item)
}

/// Writes `changes` over item `id` only if it is still at `version` (the database checks,
/// so a concurrent save in between is refused); returns the item as now stored.
pub(super) async fn write_if_current(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    changes: agenda_item::ActiveModel,
) -> Result<agenda_item::Model, AppError> {
    let result = agenda_item::Entity::update_many()
        .set(changes)
        .filter(agenda_item::Column::Id.eq(id))
        .filter(agenda_item::Column::Version.eq(version))
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    agenda_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether item `id` has a public copy.
pub(super) async fn is_public(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(agenda_public_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some())
}

/// Every draft item of a session, in the public order (start, position, id).
pub(super) async fn session_items(
    db: &impl ConnectionTrait,
    session_id: i32,
    offset: i32,
) -> Result<Vec<EditorItem>, AppError> {
    let public: HashSet<i32> = agenda_public_item::Entity::find()
        .select_only()
        .column(agenda_public_item::Column::Id)
        .filter(agenda_public_item::Column::SessionId.eq(session_id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .order_by_asc(agenda_item::Column::StartsAt)
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|m| to_editor(m, offset, public.contains(&m.id)))
        .collect())
}

/// Item `id` as stored, with the clashes it is part of.
pub(super) async fn saved(
    db: &impl ConnectionTrait,
    id: i32,
    session: &session::Model,
) -> Result<Saved, AppError> {
    let items = session_items(db, session.id, public::offset_minutes(session)).await?;
    let item = items
        .iter()
        .find(|i| i.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let warnings = warnings(&items)
        .into_iter()
        .filter(|w| w.other_than(id).is_some())
        .collect();
    Ok(Saved { item, warnings })
}
