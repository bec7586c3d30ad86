//! The public agenda's storage (server only): reading it, publishing the draft over it,
//! live status changes, the changelog and the numbered events viewers catch up on.
//!
//! Every function that changes what the public sees runs inside the caller's write
//! transaction and ends with [`record_event`]; after the commit the caller tells the
//! [`LiveHub`](super::live::LiveHub), which pushes the change to viewers.

use super::{AgendaItem, AgendaView, ChangeEntry, ChangeKind, ChangeSet, ItemStatus};
use crate::{
    entities::{agenda_change, agenda_event, agenda_item, agenda_public_item, session},
    i18n::Lang,
    sessions::SessionSummary,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};

/// The PostgreSQL channel on which every process hears of new agenda events.
pub const NOTIFY_CHANNEL: &str = "ccmex_agenda";

/// The current session (the one marked current, else the latest by number).
pub async fn current_session(db: &impl ConnectionTrait) -> Result<Option<session::Model>, DbErr> {
    if let Some(current) = session::Entity::find()
        .filter(session::Column::IsCurrent.eq(true))
        .one(db)
        .await?
    {
        return Ok(Some(current));
    }
    session::Entity::find()
        .order_by_desc(session::Column::Number)
        .one(db)
        .await
}

/// The session numbered `number`.
pub async fn session_by_number(
    db: &impl ConnectionTrait,
    number: i32,
) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(db)
        .await
}

/// Session `number`, or the current one for `None`: not found for an unknown number,
/// `None` when there is no session at all.
pub async fn find_session(
    db: &impl ConnectionTrait,
    number: Option<i32>,
) -> Result<Option<session::Model>, crate::error::AppError> {
    match number {
        Some(number) => match session_by_number(db, number).await? {
            Some(session) => Ok(Some(session)),
            None => Err(crate::error::AppError::NotFound),
        },
        None => Ok(current_session(db).await?),
    }
}

/// The venue's offset from UTC in minutes on the session's first day (0 for an unknown
/// zone, with a warning: Bamako, the usual venue, is on UTC all year).
pub fn offset_minutes(session: &session::Model) -> i32 {
    use chrono::{Offset, TimeZone};
    let Ok(zone) = session.time_zone.parse::<chrono_tz::Tz>() else {
        tracing::warn!(session = session.id, zone = %session.time_zone, "unknown time zone");
        return 0;
    };
    let noon = session.starts_on.and_hms_opt(12, 0, 0).unwrap_or_default();
    zone.offset_from_utc_datetime(&noon).fix().local_minus_utc() / 60
}

/// A public row as the browser gets it.
pub fn to_item(model: agenda_public_item::Model) -> AgendaItem {
    AgendaItem {
        id: model.id,
        position: model.position,
        starts_at: model.starts_at.timestamp(),
        ends_at: model.ends_at.timestamp(),
        kind: model.kind,
        theme: model.theme,
        title_fr: model.title_fr,
        title_en: model.title_en,
        description_fr: model.description_fr,
        description_en: model.description_en,
        room: model.room,
        speakers: model.speakers,
        status: model.status,
        version: model.version,
    }
}

/// The public rows of a session, in agenda order (start, then position).
pub async fn rows(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<agenda_public_item::Model>, DbErr> {
    agenda_public_item::Entity::find()
        .filter(agenda_public_item::Column::SessionId.eq(session_id))
        .order_by_asc(agenda_public_item::Column::StartsAt)
        .order_by_asc(agenda_public_item::Column::Position)
        .order_by_asc(agenda_public_item::Column::Id)
        .all(db)
        .await
}

/// The public items of a session, in order.
pub async fn items(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<AgendaItem>, DbErr> {
    Ok(rows(db, session_id)
        .await?
        .into_iter()
        .map(to_item)
        .collect())
}

/// The public items among `ids`.
pub async fn items_among(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<AgendaItem>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(agenda_public_item::Entity::find()
        .filter(agenda_public_item::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(to_item)
        .collect())
}

/// The last sequence number of a session's public agenda (0 if it never changed).
pub async fn last_seq(db: &impl ConnectionTrait, session_id: i32) -> Result<i64, DbErr> {
    Ok(agenda_event::Entity::find()
        .filter(agenda_event::Column::SessionId.eq(session_id))
        .order_by_desc(agenda_event::Column::Id)
        .one(db)
        .await?
        .map_or(0, |e| i64::from(e.id)))
}

/// Events of a session after `since`, oldest first (at most `limit`).
pub async fn events_after(
    db: &impl ConnectionTrait,
    session_id: i32,
    since: i64,
    limit: u64,
) -> Result<Vec<agenda_event::Model>, DbErr> {
    let since = i32::try_from(since).unwrap_or(i32::MAX);
    agenda_event::Entity::find()
        .filter(agenda_event::Column::SessionId.eq(session_id))
        .filter(agenda_event::Column::Id.gt(since))
        .order_by_asc(agenda_event::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The ids an event lists.
pub fn event_item_ids(event: &agenda_event::Model) -> impl Iterator<Item = i32> + '_ {
    event
        .item_ids
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
}

/// A session's public agenda, ready for the page.
pub async fn view(
    db: &impl ConnectionTrait,
    session: session::Model,
    lang: Lang,
) -> Result<AgendaView, DbErr> {
    let items = items(db, session.id).await?;
    let last = agenda_event::Entity::find()
        .filter(agenda_event::Column::SessionId.eq(session.id))
        .order_by_desc(agenda_event::Column::Id)
        .one(db)
        .await?;
    let updated_at = match &last {
        Some(event) => event.created_at.timestamp(),
        None => agenda_public_item::Entity::find()
            .filter(agenda_public_item::Column::SessionId.eq(session.id))
            .order_by_desc(agenda_public_item::Column::UpdatedAt)
            .one(db)
            .await?
            .map_or(0, |i| i.updated_at.timestamp()),
    };
    let offset_minutes = offset_minutes(&session);
    Ok(AgendaView {
        session: SessionSummary::from_model(session, lang),
        offset_minutes,
        items,
        seq: last.map_or(0, |e| i64::from(e.id)),
        updated_at,
        now: Utc::now().timestamp(),
    })
}

/// Numbers a change of the public agenda (inside the write transaction): takes the
/// session's row lock on PostgreSQL first, so that events of one session commit in the
/// order of their numbers and a viewer resuming "after n" never skips one; SQLite's
/// `BEGIN IMMEDIATE` already serialises writers. On PostgreSQL the notification leaves
/// with the commit. Returns the sequence number.
pub async fn record_event(
    txn: &impl ConnectionTrait,
    session_id: i32,
    item_ids: &[i32],
) -> Result<i64, DbErr> {
    let postgres = txn.get_database_backend() == DatabaseBackend::Postgres;
    if postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT id FROM sessions WHERE id = $1 FOR UPDATE",
            [session_id.into()],
        ))
        .await?;
    }
    let ids = item_ids
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let event = agenda_event::ActiveModel {
        session_id: Set(session_id),
        item_ids: Set(ids),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [NOTIFY_CHANNEL.into(), session_id.to_string().into()],
        ))
        .await?;
    }
    Ok(i64::from(event.id))
}

/// Appends one entry to the public changelog.
pub async fn record_changes(
    txn: &impl ConnectionTrait,
    session_id: i32,
    entries: &[ChangeEntry],
) -> Result<(), DbErr> {
    let json = serde_json::to_string(entries)
        .map_err(|e| DbErr::Custom(format!("changelog entry: {e}")))?;
    agenda_change::ActiveModel {
        session_id: Set(session_id),
        created_at: Set(Utc::now()),
        entries: Set(json),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The public changelog of a session, newest first (at most `limit` publications).
pub async fn changes(
    db: &impl ConnectionTrait,
    session_id: i32,
    limit: u64,
) -> Result<Vec<ChangeSet>, DbErr> {
    let rows = agenda_change::Entity::find()
        .filter(agenda_change::Column::SessionId.eq(session_id))
        .order_by_desc(agenda_change::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| match serde_json::from_str(&row.entries) {
            Ok(entries) => Some(ChangeSet {
                at: row.created_at.timestamp(),
                entries,
            }),
            Err(error) => {
                tracing::error!(change = row.id, %error, "unreadable changelog entry");
                None
            }
        })
        .collect())
}

fn public_copy(item: &agenda_item::Model, now: DateTime<Utc>) -> agenda_public_item::ActiveModel {
    agenda_public_item::ActiveModel {
        id: Set(item.id),
        session_id: Set(item.session_id),
        position: Set(item.position),
        starts_at: Set(item.starts_at),
        ends_at: Set(item.ends_at),
        kind: Set(item.kind.clone()),
        theme: Set(item.theme.clone()),
        title_fr: Set(item.title_fr.clone()),
        title_en: Set(item.title_en.clone()),
        description_fr: Set(item.description_fr.clone()),
        description_en: Set(item.description_en.clone()),
        room: Set(item.room.clone()),
        speakers: Set(item.speakers.clone()),
        status: Set(item.status.clone()),
        version: Set(item.version),
        updated_at: Set(now),
    }
}

/// The fields in which a draft item differs from its public copy.
pub fn changed_fields(
    draft: &agenda_item::Model,
    public: &agenda_public_item::Model,
) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            fields.push(name.to_string());
        }
    };
    check("starts_at", draft.starts_at != public.starts_at);
    check("ends_at", draft.ends_at != public.ends_at);
    check(
        "title",
        draft.title_fr != public.title_fr || draft.title_en != public.title_en,
    );
    check("kind", draft.kind != public.kind);
    check("theme", draft.theme != public.theme);
    check(
        "description",
        draft.description_fr != public.description_fr
            || draft.description_en != public.description_en,
    );
    check("room", draft.room != public.room);
    check("speakers", draft.speakers != public.speakers);
    check("status", draft.status != public.status);
    check("position", draft.position != public.position);
    fields
}

/// Publishes a session's draft: every unpublished change and deletion becomes public, the
/// changelog says what changed, and an event is numbered. `None` when there was nothing
/// to publish. Runs in the caller's write transaction.
pub async fn publish(
    txn: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Option<(i64, Vec<ChangeEntry>)>, DbErr> {
    let pending = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .filter(agenda_item::Column::Published.eq(false))
        .order_by_asc(agenda_item::Column::StartsAt)
        .order_by_asc(agenda_item::Column::Position)
        .all(txn)
        .await?;
    if pending.is_empty() {
        return Ok(None);
    }
    let now = Utc::now();
    let mut entries = Vec::new();
    let mut touched = Vec::new();
    for draft in pending {
        let public = agenda_public_item::Entity::find_by_id(draft.id)
            .one(txn)
            .await?;
        let entry = |kind, fields| ChangeEntry {
            item_id: draft.id,
            kind,
            title_fr: draft.title_fr.clone(),
            title_en: draft.title_en.clone(),
            fields,
            status: None,
        };
        if draft.removed {
            if public.is_some() {
                agenda_public_item::Entity::delete_by_id(draft.id)
                    .exec(txn)
                    .await?;
                entries.push(entry(ChangeKind::Removed, Vec::new()));
                touched.push(draft.id);
            }
            agenda_item::Entity::delete_by_id(draft.id)
                .exec(txn)
                .await?;
            continue;
        }
        match public {
            None => {
                public_copy(&draft, now).insert(txn).await?;
                entries.push(entry(ChangeKind::Added, Vec::new()));
                touched.push(draft.id);
            }
            Some(public) => {
                let fields = changed_fields(&draft, &public);
                if !fields.is_empty() {
                    public_copy(&draft, now).update(txn).await?;
                    // Reordering alone is not news for the changelog, but viewers need it.
                    if fields.iter().any(|f| f != "position") {
                        entries.push(entry(ChangeKind::Changed, fields));
                    }
                    touched.push(draft.id);
                }
            }
        }
        let mut published: agenda_item::ActiveModel = draft.into();
        published.published = Set(true);
        published.update(txn).await?;
    }
    if touched.is_empty() {
        return Ok(None);
    }
    if !entries.is_empty() {
        record_changes(txn, session_id, &entries).await?;
    }
    let seq = record_event(txn, session_id, &touched).await?;
    Ok(Some((seq, entries)))
}

/// A status change during the session: public at once (draft and public copy), in the
/// changelog, numbered. The draft's other unpublished edits stay in the draft. Returns the
/// sequence number when the item is public, `None` when it is only in the draft.
pub async fn set_status_now(
    txn: &impl ConnectionTrait,
    item: &agenda_item::Model,
    status: ItemStatus,
) -> Result<Option<i64>, DbErr> {
    let Some(public) = agenda_public_item::Entity::find_by_id(item.id)
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let mut active: agenda_public_item::ActiveModel = public.into();
    active.status = Set(status.as_str().to_string());
    active.updated_at = Set(Utc::now());
    active.update(txn).await?;
    record_changes(
        txn,
        item.session_id,
        &[ChangeEntry {
            item_id: item.id,
            kind: ChangeKind::Status,
            title_fr: item.title_fr.clone(),
            title_en: item.title_en.clone(),
            fields: Vec::new(),
            status: Some(status.as_str().to_string()),
        }],
    )
    .await?;
    record_event(txn, item.session_id, &[item.id])
        .await
        .map(Some)
}

/// Makes a whole session's draft public as it is, with no changelog entry (first load of
/// seed content). Runs in the caller's transaction.
pub async fn copy_all_to_public(txn: &impl ConnectionTrait, session_id: i32) -> Result<(), DbErr> {
    let now = Utc::now();
    let drafts = agenda_item::Entity::find()
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .filter(agenda_item::Column::Removed.eq(false))
        .all(txn)
        .await?;
    if drafts.is_empty() {
        return Ok(());
    }
    agenda_public_item::Entity::insert_many(drafts.iter().map(|d| public_copy(d, now)))
        .exec(txn)
        .await?;
    agenda_item::Entity::update_many()
        .col_expr(
            agenda_item::Column::Published,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .exec(txn)
        .await?;
    Ok(())
}
