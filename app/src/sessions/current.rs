//! Choosing the current session, the one the public pages present (server only): exactly
//! one at a time, changed in one transaction and audited.

use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    entities::session,
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Makes session `number` the current one, and no other (one transaction).
pub async fn make_current(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: i32,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageSessions)?;
    let txn = crate::state::begin_write(db).await?;
    // Every session is locked: two committee members choosing different sessions at once
    // cannot both win (PostgreSQL; SQLite's writers are serialised by `BEGIN IMMEDIATE`).
    let all = session::Entity::find()
        .order_by_asc(session::Column::Id)
        .lock_exclusive()
        .all(&txn)
        .await?;
    let target = all
        .iter()
        .find(|m| m.number == number)
        .ok_or(AppError::NotFound)?;
    let current: Vec<i32> = all
        .iter()
        .filter(|m| m.is_current)
        .map(|m| m.number)
        .collect();
    if current == [number] {
        // Already so: nothing changes, nothing to record.
        return Ok(());
    }
    let now = Utc::now();
    session::Entity::update_many()
        .set(session::ActiveModel {
            is_current: Set(false),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(session::Column::IsCurrent.eq(true))
        .filter(session::Column::Id.ne(target.id))
        .exec(&txn)
        .await?;
    session::Entity::update(session::ActiveModel {
        id: Set(target.id),
        is_current: Set(true),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "make_current",
        "session",
        target.id,
        Some(serde_json::json!({ "current_sessions": current })),
        Some(serde_json::json!({ "current_sessions": [number] })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
