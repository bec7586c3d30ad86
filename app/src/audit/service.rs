//! Appending to and reading the audit log (server only).

use super::{AuditEntry, AuditFilter, AuditPage};
use crate::{accounts::Principal, entities::audit_log};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// Who performed a write.
#[derive(Debug, Clone)]
pub enum Actor {
    /// An operator at the server's command line.
    CommandLine,
    /// The platform itself, following a rule (a freed place given to the waiting list).
    System,
    /// A signed-in user.
    User {
        /// The user's id.
        id: i32,
        /// The user's name.
        name: String,
    },
}

impl From<&Principal> for Actor {
    fn from(user: &Principal) -> Self {
        Actor::User {
            id: user.id,
            name: user.name.clone(),
        }
    }
}

impl Actor {
    fn id(&self) -> Option<i32> {
        match self {
            Actor::CommandLine | Actor::System => None,
            Actor::User { id, .. } => Some(*id),
        }
    }

    fn label(&self) -> String {
        match self {
            Actor::CommandLine => "command line".to_string(),
            Actor::System => "system".to_string(),
            Actor::User { name, .. } => name.clone(),
        }
    }
}

/// Appends one entry; call it inside the write's own transaction so both land or neither.
/// `before` is `None` for a creation, `after` for a deletion.
pub async fn record(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: impl ToString,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_user_id: Set(actor.id()),
        actor_label: Set(actor.label()),
        action: Set(action.to_string()),
        entity_type: Set(entity_type.to_string()),
        entity_id: Set(entity_id.to_string()),
        before: Set(before.map(|v| v.to_string())),
        after: Set(after.map(|v| v.to_string())),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// Entries shown per page.
pub const PAGE_SIZE: u64 = 50;

/// One page of entries matching `filter`, newest first.
pub async fn list(conn: &impl ConnectionTrait, filter: &AuditFilter) -> Result<AuditPage, DbErr> {
    let mut query = audit_log::Entity::find();
    if let Some(entity_type) = filter.entity_type.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(audit_log::Column::EntityType.eq(entity_type));
    }
    if let Some(entity_id) = filter.entity_id.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(audit_log::Column::EntityId.eq(entity_id));
    }
    // `%` and `_` typed in the filter match themselves, not any text.
    if let Some(actor) = filter
        .actor
        .as_deref()
        .and_then(|actor| crate::search::contains(audit_log::Column::ActorLabel, actor))
    {
        query = query.filter(actor);
    }
    let total = query.clone().count(conn).await?;
    let pages = crate::layout::page_count(total, PAGE_SIZE);
    // Any page number from the query string is brought within the log (a huge one would
    // overflow the offset): past the end is the last page.
    let page = filter.page.clamp(1, pages);
    let rows = query
        .order_by_desc(audit_log::Column::Id)
        .offset((page - 1).saturating_mul(PAGE_SIZE))
        .limit(PAGE_SIZE)
        .all(conn)
        .await?;
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntry {
                id: row.id,
                at: row.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                actor: row.actor_label,
                action: row.action,
                entity_type: row.entity_type,
                entity_id: row.entity_id,
                before: row.before,
                after: row.after,
            })
            .collect(),
        total,
        page,
        pages,
    })
}
