//! Committees draft, edit and publish recommendations (server only; their milestones are
//! in `milestones`). Every function checks the caller's permission itself; every write is
//! audited in its own transaction.

use super::{
    EditorMilestone, EditorRecommendation, EditorRow, RecommendationInput, RecommendationStatus,
    SessionChoice,
    service::{concern_links, is_overdue, sessions, status_of, tallies, today},
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    concerns,
    entities::{milestone, recommendation, recommendation_concern, session},
    error::{AppError, FieldError},
    format::Day,
    forms::Fields,
    i18n::page_lang,
    search::searchable,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

pub(super) fn invalid(field: &str, code: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code)])
}

pub(super) fn date(day: Day, field: &str, code: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(day.year, day.month, day.day).ok_or_else(|| invalid(field, code))
}

fn snapshot(row: &recommendation::Model, concern_ids: &[i32]) -> serde_json::Value {
    serde_json::json!({
        "session_id": row.session_id,
        "number": row.number,
        "title_fr": row.title_fr,
        "title_en": row.title_en,
        "text_fr": row.text_fr,
        "text_en": row.text_en,
        "theme": row.theme,
        "institution": row.institution,
        "deadline": row.deadline.map(|d| d.to_string()),
        "status": row.status,
        "published_at": row.published_at.map(|at| at.to_rfc3339()),
        "concern_ids": concern_ids,
    })
}

/// Every recommendation, drafts included, by session then number; and the sessions.
pub async fn list(
    db: &DatabaseConnection,
    caller: Option<Principal>,
) -> Result<(Vec<EditorRow>, Vec<SessionChoice>), AppError> {
    authorize(caller, Permission::ManageRecommendations)?;
    let sessions = sessions(db, page_lang()).await?;
    let models = recommendation::Entity::find()
        .order_by_asc(recommendation::Column::SessionId)
        .order_by_asc(recommendation::Column::Number)
        .all(db)
        .await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let tallies = tallies(db, &ids).await?;
    let today = today();
    let rows = models
        .iter()
        .map(|m| EditorRow {
            id: m.id,
            session_number: sessions
                .iter()
                .find(|s| s.id == m.session_id)
                .map_or(0, |s| s.number),
            number: m.number,
            title_fr: m.title_fr.clone(),
            status: status_of(m),
            published: m.published_at.is_some(),
            overdue: is_overdue(m, today),
            progress: tallies.get(&m.id).map(|t| t.progress).unwrap_or_default(),
        })
        .collect();
    Ok((rows, sessions))
}

/// One recommendation, its milestones and the sessions, as the edit page shows them.
pub async fn find(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
) -> Result<EditorRecommendation, AppError> {
    authorize(caller, Permission::ManageRecommendations)?;
    let m = recommendation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::RecommendationId.eq(id))
        .order_by_asc(milestone::Column::DueOn)
        .order_by_asc(milestone::Column::Id)
        .all(db)
        .await?;
    let progress = tallies(db, &[id])
        .await?
        .get(&id)
        .map(|t| t.progress)
        .unwrap_or_default();
    let concerns = concern_links(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default()
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Ok(EditorRecommendation {
        id,
        session_id: m.session_id,
        number: m.number,
        title_fr: m.title_fr,
        title_en: m.title_en,
        text_fr: m.text_fr,
        text_en: m.text_en,
        theme: m.theme,
        institution: m.institution,
        deadline: m.deadline.map(|d| d.to_string()).unwrap_or_default(),
        status: m.status,
        concerns,
        published: m.published_at.is_some(),
        progress,
        milestones: milestones
            .into_iter()
            .map(|m| EditorMilestone {
                id: m.id,
                text_fr: m.text_fr,
                text_en: m.text_en,
                due_on: m.due_on.to_string(),
                evidence_url: m.evidence_url.unwrap_or_default(),
                done: m.done,
                done_on: m.done_at.map(|at| at.date_naive().to_string()),
            })
            .collect(),
        sessions: sessions(db, page_lang()).await?,
    })
}

/// Checks what only the database knows: the session exists, the number is free in it
/// (for a recommendation other than `id`), and every concern is published.
async fn check_references(
    txn: &DatabaseTransaction,
    input: &RecommendationInput,
    id: Option<i32>,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if session::Entity::find_by_id(input.session_id)
        .one(txn)
        .await?
        .is_none()
    {
        errors.push(FieldError::new("session", "recommendation_session_missing"));
    } else {
        let mut same_number = recommendation::Entity::find()
            .filter(recommendation::Column::SessionId.eq(input.session_id))
            .filter(recommendation::Column::Number.eq(input.number));
        if let Some(id) = id {
            same_number = same_number.filter(recommendation::Column::Id.ne(id));
        }
        if same_number.count(txn).await? > 0 {
            errors.push(FieldError::new("number", "recommendation_number_taken"));
        }
    }
    let found = concerns::service::published_by_ids(txn, &input.concern_ids).await?;
    if found.len() != input.concern_ids.len() {
        errors.push(FieldError::new(
            "concerns",
            "recommendation_concerns_unknown",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The row's columns the form sets, changed at `now`.
fn columns(
    input: &RecommendationInput,
    now: chrono::DateTime<Utc>,
) -> Result<recommendation::ActiveModel, AppError> {
    let deadline = input
        .deadline
        .map(|d| date(d, "deadline", "recommendation_deadline_invalid"))
        .transpose()?;
    let number = input.number.to_string();
    Ok(recommendation::ActiveModel {
        session_id: Set(input.session_id),
        number: Set(input.number),
        title_fr: Set(input.title_fr.clone()),
        title_en: Set(input.title_en.clone()),
        text_fr: Set(input.text_fr.clone()),
        text_en: Set(input.text_en.clone()),
        theme: Set(input.theme.clone()),
        institution: Set(input.institution.clone()),
        deadline: Set(deadline),
        status: Set(input.status.as_str().to_string()),
        updated_at: Set(now),
        search_text: Set(searchable(&[
            &number,
            &input.title_fr,
            &input.title_en,
            &input.text_fr,
            &input.text_en,
            &input.institution,
        ])),
        ..Default::default()
    })
}

async fn link_concerns(
    txn: &DatabaseTransaction,
    id: i32,
    concern_ids: &[i32],
) -> Result<(), AppError> {
    recommendation_concern::Entity::delete_many()
        .filter(recommendation_concern::Column::RecommendationId.eq(id))
        .exec(txn)
        .await?;
    if !concern_ids.is_empty() {
        recommendation_concern::Entity::insert_many(concern_ids.iter().map(|&concern_id| {
            recommendation_concern::ActiveModel {
                recommendation_id: Set(id),
                concern_id: Set(concern_id),
            }
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// Creates a recommendation (unpublished) from the committees' form.
pub async fn create(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    fields: &Fields,
) -> Result<i32, AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let input = RecommendationInput::parse(fields)?;
    let now = Utc::now();
    let row = columns(&input, now)?;
    let txn = crate::state::begin_write(db).await?;
    check_references(&txn, &input, None).await?;
    let created = recommendation::Entity::insert(recommendation::ActiveModel {
        created_at: Set(now),
        published_at: Set(None),
        ..row
    })
    .exec_with_returning(&txn)
    .await?;
    link_concerns(&txn, created.id, &input.concern_ids).await?;
    let after = snapshot(&created, &input.concern_ids);
    record(
        &txn,
        &Actor::from(&caller),
        "create",
        "recommendation",
        created.id,
        None,
        Some(after),
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a recommendation and the concerns it answers.
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let input = RecommendationInput::parse(fields)?;
    let row = columns(&input, Utc::now())?;
    let txn = crate::state::begin_write(db).await?;
    let before = recommendation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.published_at.is_some() && input.status == RecommendationStatus::Draft {
        return Err(invalid("status", "recommendation_status_draft_published"));
    }
    check_references(&txn, &input, Some(id)).await?;
    let before_concerns = concern_links(&txn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let after = recommendation::Entity::update(recommendation::ActiveModel { id: Set(id), ..row })
        .exec(&txn)
        .await?;
    link_concerns(&txn, id, &input.concern_ids).await?;
    record(
        &txn,
        &Actor::from(&caller),
        "update",
        "recommendation",
        id,
        Some(snapshot(&before, &before_concerns)),
        Some(snapshot(&after, &input.concern_ids)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes (`true`) or withdraws (`false`) a recommendation. A draft cannot be published.
pub async fn set_published(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    publish: bool,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let txn = crate::state::begin_write(db).await?;
    let before = recommendation::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if publish && status_of(&before) == RecommendationStatus::Draft {
        return Err(invalid("status", "recommendation_publish_draft"));
    }
    if before.published_at.is_some() == publish {
        // Already so: nothing changes, nothing to record.
        return Ok(());
    }
    let now = Utc::now();
    let after = recommendation::Entity::update(recommendation::ActiveModel {
        id: Set(id),
        published_at: Set(publish.then_some(now)),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let concern_ids = concern_links(&txn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    record(
        &txn,
        &Actor::from(&caller),
        if publish { "publish" } else { "unpublish" },
        "recommendation",
        id,
        Some(snapshot(&before, &concern_ids)),
        Some(snapshot(&after, &concern_ids)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
