//! Queuing e-mails and reading the outbox (server only).

use super::{OutboxEntry, OutboxPage, PAGE_SIZE};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    entities::outbox_email,
    error::AppError,
    i18n::Lang,
    layout::page_count,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

/// An e-mail to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// The recipient's address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// The language it is written in.
    pub lang: Lang,
    /// What it is about: a type (`participation_request`, …) and an id.
    pub related: Option<(&'static str, i32)>,
}

/// Queues `email`. Call it with the transaction of the write it reports.
pub async fn queue(conn: &impl ConnectionTrait, email: Email) -> Result<i32, DbErr> {
    let (related_type, related_id) = email.related.map_or((None, None), |(kind, id)| {
        (Some(kind.to_string()), Some(id))
    });
    let created = outbox_email::Entity::insert(outbox_email::ActiveModel {
        to_address: Set(email.to),
        subject: Set(email.subject),
        body: Set(email.body),
        language: Set(email.lang.code().to_string()),
        related_type: Set(related_type),
        related_id: Set(related_id),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(created.last_insert_id)
}

/// Attempts after which an e-mail is no longer retried (it stays in the outbox).
pub const MAX_ATTEMPTS: i32 = 5;

/// Unsent e-mails still worth trying, oldest first.
pub async fn unsent(
    conn: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DbErr> {
    outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(outbox_email::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// Takes e-mail `email` for one delivery attempt (counts the attempt); `false` if another
/// process took it first or it was sent meanwhile.
pub async fn claim(
    conn: &impl ConnectionTrait,
    email: &outbox_email::Model,
) -> Result<bool, DbErr> {
    let claimed = outbox_email::Entity::update_many()
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::value(email.attempts + 1),
        )
        .filter(outbox_email::Column::Id.eq(email.id))
        .filter(outbox_email::Column::Attempts.eq(email.attempts))
        .filter(outbox_email::Column::SentAt.is_null())
        .exec(conn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Records how the attempt on e-mail `id` ended: sent (`None`) or the error.
pub async fn record_attempt(
    conn: &impl ConnectionTrait,
    id: i32,
    error: Option<String>,
) -> Result<(), DbErr> {
    outbox_email::Entity::update_many()
        .col_expr(
            outbox_email::Column::SentAt,
            Expr::value(error.is_none().then(Utc::now)),
        )
        .col_expr(outbox_email::Column::LastError, Expr::value(error))
        .filter(outbox_email::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// One page of the outbox, newest first (administrators).
pub async fn outbox_page(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    page: u64,
) -> Result<OutboxPage, AppError> {
    authorize(caller, Permission::ReadOutbox)?;
    let query = outbox_email::Entity::find();
    let total = query.clone().count(db).await?;
    let pages = page_count(total, PAGE_SIZE);
    let page = page.clamp(1, pages);
    let rows = query
        .order_by_desc(outbox_email::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    Ok(OutboxPage {
        emails: rows
            .into_iter()
            .map(|row| OutboxEntry {
                id: row.id,
                to: row.to_address,
                subject: row.subject,
                body: row.body,
                language: row.language,
                created_at: row.created_at.format("%Y-%m-%d %H:%M").to_string(),
                sent_at: row
                    .sent_at
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string()),
                attempts: row.attempts,
            })
            .collect(),
        total,
        pages,
        page,
    })
}
