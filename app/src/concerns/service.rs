//! Concerns (server only): submission, the public list, moderation and open data. Every
//! moderation function checks the caller's permission itself; every moderation is audited.

use super::{
    ConcernFilter, ConcernPage, ConcernStatus, MAX_REASON_CHARS, ModeratedConcern,
    ModerationFilter, ModerationPage, NewConcern, PAGE_SIZE, PublicConcern, THEMES,
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    countries,
    entities::{concern, recommendation, recommendation_concern},
    error::{AppError, FieldError},
    forms::{self, Fields},
    layout::page_count,
    search,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    sea_query::{Expr, ExprTrait},
};
use std::collections::HashMap;

/// Stores a new concern, pending moderation.
pub async fn submit(conn: &impl ConnectionTrait, concern: NewConcern) -> Result<i32, DbErr> {
    let now = Utc::now();
    let search_text =
        search::searchable(&[&concern.body, concern.organisation.as_deref().unwrap_or("")]);
    let created = concern::Entity::insert(concern::ActiveModel {
        session_id: Set(None),
        theme: Set(concern.theme),
        country_code: Set(concern.country_code),
        body: Set(concern.body),
        organisation_name: Set(concern.organisation),
        contact: Set(concern.contact),
        consent: Set(true),
        status: Set(ConcernStatus::Pending.as_str().to_string()),
        hidden_reason: Set(None),
        merged_into: Set(None),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        search_text: Set(search_text),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(created.last_insert_id)
}

fn published() -> Select<concern::Entity> {
    concern::Entity::find().filter(concern::Column::Status.eq(ConcernStatus::Published.as_str()))
}

#[derive(Debug, FromQueryResult)]
struct KeyCount {
    key: String,
    count: i64,
}

#[derive(Debug, FromQueryResult)]
struct MergedCount {
    merged_into: i32,
    count: i64,
}

/// Published concerns per value of `column`.
async fn count_by(
    conn: &impl ConnectionTrait,
    column: concern::Column,
) -> Result<HashMap<String, u64>, DbErr> {
    Ok(published()
        .select_only()
        .column_as(column, "key")
        .column_as(Expr::col(concern::Column::Id).count(), "count")
        .group_by(column)
        .into_model::<KeyCount>()
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.key, u64::try_from(row.count).unwrap_or_default()))
        .collect())
}

/// The public view of `rows` (all published), with their merge counts and the published
/// recommendations answering them.
async fn public_views(
    conn: &impl ConnectionTrait,
    rows: Vec<concern::Model>,
) -> Result<Vec<PublicConcern>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let merged: HashMap<i32, u64> = concern::Entity::find()
        .select_only()
        .column(concern::Column::MergedInto)
        .column_as(Expr::col(concern::Column::Id).count(), "count")
        .filter(concern::Column::MergedInto.is_in(ids.clone()))
        .group_by(concern::Column::MergedInto)
        .into_model::<MergedCount>()
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            (
                row.merged_into,
                u64::try_from(row.count).unwrap_or_default(),
            )
        })
        .collect();
    let links = recommendation_concern::Entity::find()
        .filter(recommendation_concern::Column::ConcernId.is_in(ids))
        .all(conn)
        .await?;
    let recommendations: HashMap<i32, i32> = recommendation::Entity::find()
        .filter(recommendation::Column::Id.is_in(links.iter().map(|l| l.recommendation_id)))
        .filter(recommendation::Column::PublishedAt.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.number))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut answered_by: Vec<(i32, i32)> = links
                .iter()
                .filter(|l| l.concern_id == row.id)
                .filter_map(|l| {
                    recommendations
                        .get(&l.recommendation_id)
                        .map(|number| (l.recommendation_id, *number))
                })
                .collect();
            answered_by.sort_by_key(|(_, number)| *number);
            PublicConcern {
                id: row.id,
                merged_count: merged.get(&row.id).copied().unwrap_or_default(),
                theme: row.theme,
                country_code: row.country_code,
                body: row.body,
                organisation: row.organisation_name,
                published_on: row
                    .published_at
                    .map(|at| at.date_naive().to_string())
                    .unwrap_or_default(),
                answered_by,
            }
        })
        .collect())
}

/// One page of published concerns matching `filter`, newest first, with counts by theme and
/// by country over every published concern.
pub async fn public_page(
    conn: &impl ConnectionTrait,
    filter: &ConcernFilter,
) -> Result<ConcernPage, DbErr> {
    let mut query = published();
    if let Some(theme) = filter.theme.as_deref().filter(|t| THEMES.contains(t)) {
        query = query.filter(concern::Column::Theme.eq(theme));
    }
    if let Some(country) = filter.country.as_deref().and_then(countries::find) {
        query = query.filter(concern::Column::CountryCode.eq(country.code));
    }
    let total = query.clone().count(conn).await?;
    let pages = page_count(total, PAGE_SIZE);
    let page = filter.page.clamp(1, pages);
    let rows = query
        .order_by_desc(concern::Column::PublishedAt)
        .order_by_desc(concern::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(conn)
        .await?;
    let themes = count_by(conn, concern::Column::Theme).await?;
    let mut by_country: Vec<(String, u64)> = count_by(conn, concern::Column::CountryCode)
        .await?
        .into_iter()
        .collect();
    by_country.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(ConcernPage {
        concerns: public_views(conn, rows).await?,
        total,
        pages,
        page,
        by_theme: THEMES
            .iter()
            .map(|t| (t.to_string(), themes.get(*t).copied().unwrap_or_default()))
            .collect(),
        by_country,
    })
}

/// The published concerns among `ids`, in id order (unpublished ones are left out).
pub async fn published_by_ids(
    conn: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<Vec<PublicConcern>, DbErr> {
    let rows = published()
        .filter(concern::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(concern::Column::Id)
        .all(conn)
        .await?;
    public_views(conn, rows).await
}

/// One published concern as open data (JSON and CSV, row for row). Never the contact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenConcern {
    /// Stable id (also in `/preoccupations#concern-<id>`).
    pub id: i32,
    /// Theme (stored value, see the documentation's list).
    pub theme: String,
    /// ISO 3166-1 alpha-2 code of the country of residence.
    pub country_code: String,
    /// The country's French name.
    pub country_fr: String,
    /// The country's English name.
    pub country_en: String,
    /// The concern, as typed.
    pub text: String,
    /// The organisation that raised it (empty if none).
    pub organisation: String,
    /// Day of publication, `YYYY-MM-DD`.
    pub published_on: String,
    /// Duplicates merged into it.
    pub merged_count: u64,
    /// Ids of the published recommendations answering it, separated by spaces.
    pub recommendation_ids: String,
}

/// Every published concern, oldest first, as open data.
pub async fn open_data(conn: &impl ConnectionTrait) -> Result<Vec<OpenConcern>, DbErr> {
    let rows = published()
        .order_by_asc(concern::Column::Id)
        .all(conn)
        .await?;
    Ok(public_views(conn, rows)
        .await?
        .into_iter()
        .map(|c| {
            let country = countries::find(&c.country_code);
            OpenConcern {
                id: c.id,
                theme: c.theme,
                country_fr: country.map(|c| c.fr).unwrap_or_default().to_string(),
                country_en: country.map(|c| c.en).unwrap_or_default().to_string(),
                country_code: c.country_code,
                text: c.body,
                organisation: c.organisation.unwrap_or_default(),
                published_on: c.published_on,
                merged_count: c.merged_count,
                recommendation_ids: c
                    .answered_by
                    .iter()
                    .map(|(id, _)| id.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect())
}

fn moderated(row: concern::Model) -> ModeratedConcern {
    ModeratedConcern {
        id: row.id,
        status: ConcernStatus::parse(&row.status).unwrap_or(ConcernStatus::Pending),
        theme: row.theme,
        country_code: row.country_code,
        body: row.body,
        organisation: row.organisation_name,
        contact: row.contact,
        hidden_reason: row.hidden_reason,
        merged_into: row.merged_into,
        submitted_at: row.created_at.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// The moderation list: concerns of one status (pending by default), oldest first.
pub async fn moderation_page(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    filter: &ModerationFilter,
) -> Result<ModerationPage, AppError> {
    authorize(caller, Permission::ModerateConcerns)?;
    let status = filter.status.unwrap_or(ConcernStatus::Pending);
    let mut query = concern::Entity::find().filter(concern::Column::Status.eq(status.as_str()));
    if let Some(condition) = filter
        .query
        .as_deref()
        .and_then(|q| search::matches(concern::Column::SearchText, q))
    {
        query = query.filter(condition);
    }
    let total = query.clone().count(db).await?;
    let pages = page_count(total, PAGE_SIZE);
    let page = filter.page.clamp(1, pages);
    let rows = query
        .order_by_asc(concern::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let counts: HashMap<String, u64> = concern::Entity::find()
        .select_only()
        .column_as(concern::Column::Status, "key")
        .column_as(Expr::col(concern::Column::Id).count(), "count")
        .group_by(concern::Column::Status)
        .into_model::<KeyCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.key, u64::try_from(row.count).unwrap_or_default()))
        .collect();
    Ok(ModerationPage {
        concerns: rows.into_iter().map(moderated).collect(),
        total,
        pages,
        page,
        counts: ConcernStatus::ALL
            .into_iter()
            .map(|s| (s, counts.get(s.as_str()).copied().unwrap_or_default()))
            .collect(),
    })
}

/// One concern, contact included (moderators).
pub async fn moderated_one(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<ModeratedConcern, AppError> {
    authorize(caller, Permission::ModerateConcerns)?;
    concern::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(moderated)
        .ok_or(AppError::NotFound)
}

/// What a moderator decided, read from the form.
enum Decision {
    Publish,
    Hide(String),
    Merge(i32),
}

fn decision(fields: &Fields) -> Result<Decision, AppError> {
    let field = |name: &str| forms::field(fields, name).trim();
    match field("decision") {
        "publish" => Ok(Decision::Publish),
        "hide" => {
            let reason = field("reason");
            if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
                Err(AppError::Validation(vec![FieldError::new(
                    "reason",
                    "concern_reason_missing",
                )]))
            } else {
                Ok(Decision::Hide(reason.to_string()))
            }
        }
        "merge" => field("into")
            .trim_start_matches('#')
            .parse::<i32>()
            .map(Decision::Merge)
            .map_err(|_| {
                AppError::Validation(vec![FieldError::new(
                    "into",
                    "concern_merge_target_invalid",
                )])
            }),
        _ => Err(AppError::Validation(vec![FieldError::new(
            "decision",
            "concern_decision_invalid",
        )])),
    }
}

fn snapshot(row: &concern::Model) -> serde_json::Value {
    serde_json::json!({
        "status": row.status,
        "hidden_reason": row.hidden_reason,
        "merged_into": row.merged_into,
        "published_at": row.published_at.map(|at| at.to_rfc3339()),
    })
}

/// Publishes, hides (with a reason) or merges (into a published concern) concern `id`.
/// Returns the `?ok=` key of the success message.
pub async fn moderate(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<&'static str, AppError> {
    let caller = authorize(caller, Permission::ModerateConcerns)?;
    let decision = decision(fields)?;
    let now = Utc::now();
    let txn = crate::state::begin_write(db).await?;
    let before = concern::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut change = concern::ActiveModel {
        id: Set(id),
        updated_at: Set(now),
        ..Default::default()
    };
    let (action, ok) = match decision {
        Decision::Publish => {
            change.status = Set(ConcernStatus::Published.as_str().to_string());
            change.hidden_reason = Set(None);
            change.merged_into = Set(None);
            change.published_at = Set(Some(before.published_at.unwrap_or(now)));
            ("publish", "concern_published")
        }
        Decision::Hide(reason) => {
            change.status = Set(ConcernStatus::Hidden.as_str().to_string());
            change.hidden_reason = Set(Some(reason));
            change.merged_into = Set(None);
            ("hide", "concern_hidden")
        }
        Decision::Merge(into) => {
            let target = published()
                .filter(concern::Column::Id.eq(into))
                .one(&txn)
                .await?;
            if into == id || target.is_none() {
                return Err(AppError::Validation(vec![FieldError::new(
                    "into",
                    "concern_merge_target_invalid",
                )]));
            }
            // Concerns already merged into this one follow it, so no chain is left behind.
            concern::Entity::update_many()
                .col_expr(concern::Column::MergedInto, Expr::value(into))
                .col_expr(concern::Column::UpdatedAt, Expr::value(now))
                .filter(concern::Column::MergedInto.eq(id))
                .exec(&txn)
                .await?;
            change.status = Set(ConcernStatus::Merged.as_str().to_string());
            change.merged_into = Set(Some(into));
            ("merge", "concern_merged")
        }
    };
    let after = concern::Entity::update(change).exec(&txn).await?;
    record(
        &txn,
        &Actor::from(&caller),
        action,
        "concern",
        id,
        Some(snapshot(&before)),
        Some(snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(ok)
}
