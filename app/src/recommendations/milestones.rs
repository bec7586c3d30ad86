//! Committees add, edit, mark done and delete a recommendation's milestones (server only).
//! Every function checks the caller's permission itself; every write is audited in its own
//! transaction.

use super::{MilestoneInput, admin::date};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    entities::{milestone, recommendation},
    error::AppError,
    forms::Fields,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter,
};

fn milestone_snapshot(row: &milestone::Model) -> serde_json::Value {
    serde_json::json!({
        "recommendation_id": row.recommendation_id,
        "text_fr": row.text_fr,
        "text_en": row.text_en,
        "due_on": row.due_on.to_string(),
        "evidence_url": row.evidence_url,
        "done": row.done,
        "done_at": row.done_at.map(|at| at.to_rfc3339()),
    })
}

fn milestone_columns(
    input: &MilestoneInput,
    now: chrono::DateTime<Utc>,
) -> Result<milestone::ActiveModel, AppError> {
    Ok(milestone::ActiveModel {
        text_fr: Set(input.text_fr.clone()),
        text_en: Set(input.text_en.clone()),
        due_on: Set(date(input.due_on, "due_on", "milestone_due_invalid")?),
        evidence_url: Set(input.evidence_url.clone()),
        updated_at: Set(now),
        ..Default::default()
    })
}

/// Milestone `id` of recommendation `recommendation_id` (not found if it belongs to another).
async fn find_milestone(
    txn: &DatabaseTransaction,
    recommendation_id: i32,
    id: i32,
) -> Result<milestone::Model, AppError> {
    milestone::Entity::find_by_id(id)
        .filter(milestone::Column::RecommendationId.eq(recommendation_id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds a milestone (not done) to a recommendation.
pub async fn add(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    recommendation_id: i32,
    fields: &Fields,
) -> Result<i32, AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let input = MilestoneInput::parse(fields)?;
    let now = Utc::now();
    let row = milestone_columns(&input, now)?;
    let txn = crate::state::begin_write(db).await?;
    recommendation::Entity::find_by_id(recommendation_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let created = milestone::Entity::insert(milestone::ActiveModel {
        recommendation_id: Set(recommendation_id),
        done: Set(false),
        done_at: Set(None),
        created_at: Set(now),
        ..row
    })
    .exec_with_returning(&txn)
    .await?;
    let after = milestone_snapshot(&created);
    record(
        &txn,
        &Actor::from(&caller),
        "create",
        "milestone",
        created.id,
        None,
        Some(after),
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes a milestone's texts, date and evidence.
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    recommendation_id: i32,
    id: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let input = MilestoneInput::parse(fields)?;
    let row = milestone_columns(&input, Utc::now())?;
    let txn = crate::state::begin_write(db).await?;
    let before = find_milestone(&txn, recommendation_id, id).await?;
    let after = milestone::Entity::update(milestone::ActiveModel { id: Set(id), ..row })
        .exec(&txn)
        .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "update",
        "milestone",
        id,
        Some(milestone_snapshot(&before)),
        Some(milestone_snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Marks a milestone done (now) or not done.
pub async fn toggle(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    recommendation_id: i32,
    id: i32,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let txn = crate::state::begin_write(db).await?;
    let before = find_milestone(&txn, recommendation_id, id).await?;
    let now = Utc::now();
    let done = !before.done;
    let after = milestone::Entity::update(milestone::ActiveModel {
        id: Set(id),
        done: Set(done),
        done_at: Set(done.then_some(now)),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        if done { "complete" } else { "reopen" },
        "milestone",
        id,
        Some(milestone_snapshot(&before)),
        Some(milestone_snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a milestone.
pub async fn delete(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    recommendation_id: i32,
    id: i32,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageRecommendations)?;
    let txn = crate::state::begin_write(db).await?;
    let before = find_milestone(&txn, recommendation_id, id).await?;
    milestone::Entity::delete_by_id(id).exec(&txn).await?;
    record(
        &txn,
        &Actor::from(&caller),
        "delete",
        "milestone",
        id,
        Some(milestone_snapshot(&before)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
