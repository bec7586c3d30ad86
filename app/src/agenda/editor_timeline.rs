//! The agenda editor's changes during a session (server only): quick status changes, public
//! at once; moving an item before or after its neighbour; publishing the draft. Same rules
//! as [`super::editor`]: the permission checked here, one audited write transaction, a
//! stale version refused.

use super::{
    EditorItem, ItemStatus, MoveDirection,
    editor_store::{
        audit, changeable, invalid, is_public, session_of, to_editor, write_if_current,
    },
    iso_day,
    live::LiveHub,
    public,
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    entities::agenda_item,
    error::AppError,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

/// Sets an item's status, if it is still at `version`: in the draft (a new version, whose
/// publication state the status does not change) and, when the item is public, on the public
/// agenda at once, in the changelog, numbered and pushed to viewers.
pub async fn set_status(
    db: &DatabaseConnection,
    live: &LiveHub,
    caller: Option<Principal>,
    id: i32,
    version: i32,
    status: ItemStatus,
) -> Result<EditorItem, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let before = changeable(&txn, id, version).await?;
    let session = session_of(&txn, &before).await?;
    let offset = public::offset_minutes(&session);
    if before.status == status.as_str() {
        let public = is_public(&txn, id).await?;
        txn.commit().await?;
        return Ok(to_editor(&before, offset, public));
    }
    let changes = agenda_item::ActiveModel {
        status: Set(status.as_str().to_string()),
        version: Set(version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after = write_if_current(&txn, id, version, changes).await?;
    audit(&txn, &caller, "status", id, Some(&before), Some(&after)).await?;
    let seq = public::set_status_now(&txn, &after, status).await?;
    txn.commit().await?;
    if seq.is_some() {
        live.changed(session.id).await;
    }
    Ok(to_editor(&after, offset, seq.is_some()))
}

/// New times of two neighbours `earlier` and `later` (start, end; Unix seconds) exchanging
/// places: the later one starts when the earlier one started, the other follows with the
/// same gap as before between them, each keeps its length. For items that overlapped, the
/// one now second never starts before the one now first.
pub fn exchange(earlier: (i64, i64), later: (i64, i64)) -> ((i64, i64), (i64, i64)) {
    let gap = later.0 - earlier.1;
    let first = (earlier.0, earlier.0 + (later.1 - later.0));
    let second_start = (first.1 + gap).max(first.0);
    let second = (second_start, second_start + (earlier.1 - earlier.0));
    (first, second)
}

/// Moves an item before the previous item of its day (`Up`) or after the next one (`Down`),
/// if it is still at `version`: the two exchange places in the timeline (see [`exchange`])
/// and their positions; both become new, unpublished versions. Deleted items do not count.
pub async fn move_item(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    version: i32,
    direction: MoveDirection,
) -> Result<EditorItem, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let moved = changeable(&txn, id, version).await?;
    let session = session_of(&txn, &moved).await?;
    let offset = public::offset_minutes(&session);
    let day = |item: &agenda_item::Model| iso_day(item.starts_at.timestamp(), offset);
    let of_day: Vec<agenda_item::Model> = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session.id))
        .filter(agenda_item::Column::Removed.eq(false))
        .order_by_asc(agenda_item::Column::StartsAt)
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .filter(|item| day(item) == day(&moved))
        .collect();
    let index = of_day
        .iter()
        .position(|item| item.id == id)
        .ok_or(AppError::NotFound)?;
    let neighbour = match direction {
        MoveDirection::Up => index.checked_sub(1),
        MoveDirection::Down => Some(index + 1).filter(|n| *n < of_day.len()),
    }
    .and_then(|n| of_day.get(n))
    .ok_or_else(|| invalid("item", "agenda_editor_error_move_edge"))?;
    let (earlier, later) = match direction {
        MoveDirection::Up => (neighbour, &moved),
        MoveDirection::Down => (&moved, neighbour),
    };
    let span = |item: &agenda_item::Model| (item.starts_at.timestamp(), item.ends_at.timestamp());
    let (first, second) = exchange(span(earlier), span(later));
    // The one now first takes the smaller position; equal positions are told apart.
    let low = earlier.position.min(later.position);
    let high = earlier.position.max(later.position).max(low + 1);
    let now = Utc::now();
    let mut moved_after = None;
    for (item, (start, end), position) in [(later, first, low), (earlier, second, high)] {
        let instant = |at: i64| DateTime::from_timestamp(at, 0).ok_or(AppError::Internal);
        let changes = agenda_item::ActiveModel {
            starts_at: Set(instant(start)?),
            ends_at: Set(instant(end)?),
            position: Set(position),
            published: Set(false),
            version: Set(item.version + 1),
            updated_at: Set(now),
            ..Default::default()
        };
        let after = write_if_current(&txn, item.id, item.version, changes).await?;
        audit(&txn, &caller, "move", item.id, Some(item), Some(&after)).await?;
        if after.id == id {
            moved_after = Some(after);
        }
    }
    let moved_after = moved_after.ok_or(AppError::Internal)?;
    let public = is_public(&txn, id).await?;
    txn.commit().await?;
    Ok(to_editor(&moved_after, offset, public))
}

/// Publishes session `number`'s draft (see [`public::publish`]), pushes the change to
/// viewers and answers how many items it concerned (0: nothing was waiting).
pub async fn publish(
    db: &DatabaseConnection,
    live: &LiveHub,
    caller: Option<Principal>,
    number: i32,
) -> Result<u32, AppError> {
    let caller = authorize(caller, Permission::EditAgenda)?;
    let txn = crate::state::begin_write(db).await?;
    let session = public::session_by_number(&txn, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let pending = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session.id))
        .filter(agenda_item::Column::Published.eq(false))
        .count(&txn)
        .await?;
    let published = public::publish(&txn, session.id).await?;
    let Some((seq, entries)) = published else {
        txn.commit().await?;
        return Ok(0);
    };
    record(
        &txn,
        &Actor::from(&caller),
        "publish",
        "agenda",
        session.id,
        None,
        Some(serde_json::json!({
            "session": session.number,
            "items": pending,
            "seq": seq,
            "changes": entries,
        })),
    )
    .await?;
    txn.commit().await?;
    live.changed(session.id).await;
    Ok(u32::try_from(pending).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::exchange;

    #[test]
    fn neighbours_exchange_places_and_keep_their_lengths_and_gap() {
        // 09:00–10:00, a 15-minute gap, then 10:15–10:45: the second now starts at 09:00
        // and the first follows 15 minutes after it ends.
        assert_eq!(exchange((540, 600), (615, 645)), ((540, 570), (585, 645)));
    }

    #[test]
    fn parallel_items_keep_their_times() {
        assert_eq!(exchange((630, 735), (630, 735)), ((630, 735), (630, 735)));
        // Nested: the one now second does not start before the one now first.
        assert_eq!(exchange((600, 720), (630, 660)), ((600, 630), (600, 720)));
    }
}
