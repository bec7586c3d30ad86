//! Creating accounts (server only).

use super::{Email, NewPassword, PasswordHashing, Seat, hash_password};
use crate::{
    audit::{Actor, record},
    entities::{committee, committee_member, user},
    error::{AppError, FieldError},
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, SqlErr,
};

/// What a new account is allowed to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Roles {
    /// Manages users and reads the audit log.
    pub admin: bool,
    /// Reviews participation requests and moderates concerns.
    pub reviewer: bool,
    /// A seat on a committee.
    pub seat: Option<Seat>,
}

/// Creates an account; `AppError::Conflict` if the e-mail address is taken. The creation
/// is audited in the same transaction (the hash is never written to the log).
pub async fn create_user(
    db: &DatabaseConnection,
    hashing: &PasswordHashing,
    actor: &Actor,
    email: &Email,
    name: &str,
    password: &NewPassword,
    roles: Roles,
) -> Result<user::Model, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Validation(vec![FieldError::new(
            "name",
            "name_invalid",
        )]));
    }
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(AppError::Conflict);
    }
    let password = password.clone();
    let password_hash = hashing.run(move || hash_password(&password)).await??;
    let now = Utc::now();
    let txn = crate::state::begin_write(db).await?;
    let created = user::Entity::insert(user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name.to_string()),
        password_hash: Set(password_hash),
        is_admin: Set(roles.admin),
        is_reviewer: Set(roles.reviewer),
        language: Set("fr".to_string()),
        disabled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Created by someone else between the check and the insert.
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict,
        _ => AppError::from(e),
    })?;
    set_seat(&txn, &created, roles.seat).await?;
    record(
        &txn,
        actor,
        "create",
        "user",
        created.id,
        None,
        Some(snapshot(&created, roles.seat)),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// What the audit log keeps of an account (never the password hash).
pub fn snapshot(account: &user::Model, seat: Option<Seat>) -> serde_json::Value {
    serde_json::json!({
        "email": account.email,
        "name": account.name,
        "is_admin": account.is_admin,
        "is_reviewer": account.is_reviewer,
        "committee": seat.map(|s| s.committee.slug()),
        "committee_role": seat.map(|s| s.role.as_str()),
        "disabled": account.disabled_at.is_some(),
    })
}

/// Gives `account` the committee seat `seat` (or none), keeping its public name in step.
pub async fn set_seat(
    conn: &impl ConnectionTrait,
    account: &user::Model,
    seat: Option<Seat>,
) -> Result<(), AppError> {
    let existing = committee_member::Entity::find()
        .filter(committee_member::Column::UserId.eq(account.id))
        .one(conn)
        .await?;
    let Some(seat) = seat else {
        if let Some(existing) = existing {
            committee_member::Entity::delete_by_id(existing.id)
                .exec(conn)
                .await?;
        }
        return Ok(());
    };
    let committee = committee::Entity::find()
        .filter(committee::Column::Slug.eq(seat.committee.slug()))
        .one(conn)
        .await?
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError::new("committee", "committee_unknown")])
        })?;
    let position = committee_member::Entity::find()
        .filter(committee_member::Column::CommitteeId.eq(committee.id))
        .count(conn)
        .await?;
    let mut row = committee_member::ActiveModel {
        committee_id: Set(committee.id),
        user_id: Set(Some(account.id)),
        name: Set(account.name.clone()),
        role: Set(seat.role.as_str().to_string()),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        ..Default::default()
    };
    match existing {
        Some(existing) => {
            row.id = Set(existing.id);
            if existing.committee_id == committee.id {
                row.position = Set(existing.position);
            }
            committee_member::Entity::update(row).exec(conn).await?;
        }
        None => {
            committee_member::Entity::insert(row).exec(conn).await?;
        }
    }
    Ok(())
}
