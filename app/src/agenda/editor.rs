//! The committees' agenda editor (server only): reading the draft, creating, changing,
//! deleting and duplicating items. Status changes, moves and publication are in
//! [`super::editor_timeline`]; the shared storage helpers in [`super::editor_store`].
//!
//! Every function checks `EditAgenda` itself, and every write runs in one write transaction
//! with its audit entry. A change names the version it started from: an item no longer at
//! that version is refused with `Conflict`, checked again by the `UPDATE … WHERE version`
//! itself, so two editors saving at once never silently overwrite each other.

use super::{
    EditorItem, EditorView, ItemFields, ItemInput, ItemStatus, Saved, SessionOption, days_between,
    editor_store::{
        at_version, audit, changeable, invalid, is_public, saved, session_items, session_of,
        to_editor, write_if_current,
    },
    iso_day, public, warnings,
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    entities::{agenda_item, agenda_public_item, session},
    error::AppError,
    i18n::page_lang,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};

/// The editor of session `number` (the current session when `None`); `None` if there is no
/// session at all.
pub async fn view(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: Option<i32>,
) -> Result<Option<EditorView>, AppError> {
    authorize(caller, Permission::EditAgenda)?;
    let session = match number {
        Some(number) => public::session_by_number(db, number)
            .await?
            .ok_or(AppError::NotFound)?,
        None => match public::current_session(db).await? {
            Some(session) => session,
            None => return Ok(None),
        },
    };
    let lang = page_lang();
    let option = |s: &session::Model| SessionOption {
        number: s.number,
        title: lang.pick(&s.title_fr, &s.title_en).clone(),
    };
    let sessions = session::Entity::find()
        .order_by_desc(session::Column::Number)
        .all(db)
        .await?
        .iter()
        .map(option)
        .collect();
    let offset_minutes = public::offset_minutes(&session);
    let items = session_items(db, session.id, offset_minutes).await?;
    let pending = items.iter().filter(|i| !i.published).count();
    Ok(Some(EditorView {
        session: option(&session),
        sessions,
        days: days_between(&session.starts_on.to_string(), &session.ends_on.to_string()),
        offset_minutes,
        warnings: warnings(&items),
        pending: u32::try_from(pending).unwrap_or(u32::MAX),
        items,
    }))
}

/// One draft item as it is now.
pub async fn item(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<EditorItem, AppError> {
    authorize(caller, Permission::EditAgenda)?;
    let item = agenda_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = session_of(db, &item).await?;
    let public = is_public(db, id).await?;
    Ok(to_editor(&item, public::offset_minutes(&session), public))
}

/// Start and end of a valid input, at the session's venue.
fn instants(
    input: &ItemInput,
    session: &session::Model,
) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let (start, end) = input.times(public::offset_minutes(session));
    DateTime::from_timestamp(start, 0)
        .zip(DateTime::from_timestamp(end, 0))
        .ok_or_else(|| invalid("day", "agenda_editor_error_day_invalid"))
}

/// Checks `fields` against the session's days.
fn parse(fields: &ItemFields, session: &session::Model) -> Result<ItemInput, AppError> {
    ItemInput::parse(
        fields,
        &session.starts_on.to_string(),
        &session.ends_on.to_string(),
    )
}

/// Inserts a new item of the draft from its content: scheduled, never published, version 1.
async fn insert_draft(
    txn: &impl ConnectionTrait,
    mut item: agenda_item::ActiveModel,
) -> Result<agenda_item::Model, sea_orm::DbErr> {
    let now = Utc::now();
    item.status = Set(ItemStatus::Scheduled.as_str().to_string());
    item.published = Set(false);
    item.removed = Set(false);
    item.version = Set(1);
    item.created_at = Set(now);
    item.updated_at = Set(now);
    item.insert(txn).await
}

/// Adds an item to session `number`'s draft: scheduled, not public until published.
pub async fn create(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: i32,
    fields: &ItemFields,
) -> Result<Saved, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let session = public::session_by_number(db, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = parse(fields, &session)?;
    let (starts_at, ends_at) = instants(&input, &session)?;
    let txn = crate::state::begin_write(db).await?;
    // Last in the session's order among items starting at the same time.
    let position = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session.id))
        .order_by_desc(agenda_item::Column::Position)
        .one(&txn)
        .await?
        .map_or(1, |last| last.position + 1);
    let created = agenda_item::ActiveModel {
        session_id: Set(session.id),
        position: Set(position),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        kind: Set(input.kind.as_str().to_string()),
        theme: Set(input.theme),
        title_fr: Set(input.title_fr),
        title_en: Set(input.title_en),
        description_fr: Set(input.description_fr),
        description_en: Set(input.description_en),
        room: Set(input.room),
        speakers: Set(input.speakers),
        ..Default::default()
    };
    let created = insert_draft(&txn, created).await?;
    audit(&txn, &caller, "create", created.id, None, Some(&created)).await?;
    txn.commit().await?;
    saved(db, created.id, &session).await
}

/// Changes an item of the draft, if it is still at `version`. A save that changes nothing
/// leaves it as it is (still published if it was).
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    version: i32,
    fields: &ItemFields,
) -> Result<Saved, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let before = changeable(&txn, id, version).await?;
    let session = session_of(&txn, &before).await?;
    let input = parse(fields, &session)?;
    let (starts_at, ends_at) = instants(&input, &session)?;
    let wanted = agenda_item::Model {
        starts_at,
        ends_at,
        kind: input.kind.as_str().to_string(),
        theme: input.theme,
        title_fr: input.title_fr,
        title_en: input.title_en,
        description_fr: input.description_fr,
        description_en: input.description_en,
        room: input.room,
        speakers: input.speakers,
        ..before.clone()
    };
    if wanted == before {
        txn.commit().await?;
        return saved(db, id, &session).await;
    }
    let changes = agenda_item::ActiveModel {
        starts_at: Set(wanted.starts_at),
        ends_at: Set(wanted.ends_at),
        kind: Set(wanted.kind),
        theme: Set(wanted.theme),
        title_fr: Set(wanted.title_fr),
        title_en: Set(wanted.title_en),
        description_fr: Set(wanted.description_fr),
        description_en: Set(wanted.description_en),
        room: Set(wanted.room),
        speakers: Set(wanted.speakers),
        published: Set(false),
        version: Set(version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after = write_if_current(&txn, id, version, changes).await?;
    audit(&txn, &caller, "update", id, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    saved(db, id, &session).await
}

/// Deletes an item from the draft if it is still at `version`. A public item stays public
/// (marked deleted) until the next publication; one never published goes at once.
pub async fn delete(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    version: i32,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let before = at_version(&txn, id, version).await?;
    if before.removed {
        // Already deleted: nothing more to do.
        return Ok(());
    }
    if is_public(&txn, id).await? {
        mark_removed(&txn, &caller, &before, true, false, "delete").await?;
    } else {
        let result = agenda_item::Entity::delete_many()
            .filter(agenda_item::Column::Id.eq(id))
            .filter(agenda_item::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(AppError::Conflict);
        }
        audit(&txn, &caller, "delete", id, Some(&before), None).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes back the deletion of an item that is still public (deleted in the draft, not yet
/// published), if it is still at `version`: the next publication keeps it on the agenda.
/// An item that is not deleted is left as it is.
pub async fn restore(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    version: i32,
) -> Result<Saved, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let before = at_version(&txn, id, version).await?;
    let session = session_of(&txn, &before).await?;
    if before.removed {
        // Published again only if the draft still differs from what the public sees.
        let public_copy = agenda_public_item::Entity::find_by_id(id).one(&txn).await?;
        let same_as_public =
            public_copy.is_some_and(|p| public::changed_fields(&before, &p).is_empty());
        mark_removed(&txn, &caller, &before, false, same_as_public, "restore").await?;
    }
    txn.commit().await?;
    saved(db, id, &session).await
}

/// Marks `before` deleted in the draft or not (`removed`), with its publication state, as
/// its next version (refused if it changed meanwhile); audited as `action`.
async fn mark_removed(
    txn: &impl ConnectionTrait,
    caller: &Principal,
    before: &agenda_item::Model,
    removed: bool,
    published: bool,
    action: &str,
) -> Result<(), AppError> {
    let changes = agenda_item::ActiveModel {
        removed: Set(removed),
        published: Set(published),
        version: Set(before.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after = write_if_current(txn, before.id, before.version, changes).await?;
    audit(txn, caller, action, before.id, Some(before), Some(&after)).await
}

/// Copies an item right after itself: same day, starting when it ends, same length and
/// title; scheduled and not public until published.
pub async fn duplicate(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<Saved, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let original = agenda_item::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if original.removed {
        return Err(invalid("item", "agenda_editor_error_removed"));
    }
    let session = session_of(&txn, &original).await?;
    let offset = public::offset_minutes(&session);
    let starts_at = original.ends_at;
    let ends_at = starts_at + (original.ends_at - original.starts_at);
    let day = |at: i64| iso_day(at, offset);
    if day(ends_at.timestamp() - 1) != day(original.starts_at.timestamp()) {
        return Err(invalid("item", "agenda_editor_error_duplicate_day"));
    }
    // Same position: it starts later than the original, and before an item that starts when
    // the original ends (which comes after it in position).
    let copy = agenda_item::ActiveModel {
        session_id: Set(original.session_id),
        position: Set(original.position),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        kind: Set(original.kind.clone()),
        theme: Set(original.theme.clone()),
        title_fr: Set(original.title_fr.clone()),
        title_en: Set(original.title_en.clone()),
        description_fr: Set(original.description_fr.clone()),
        description_en: Set(original.description_en.clone()),
        room: Set(original.room.clone()),
        speakers: Set(original.speakers.clone()),
        ..Default::default()
    };
    let copy = insert_draft(&txn, copy).await?;
    audit(&txn, &caller, "duplicate", copy.id, None, Some(&copy)).await?;
    txn.commit().await?;
    saved(db, copy.id, &session).await
}
