//! Creating accounts (server only).

use super::{Email, NewPassword, hash_password};
use crate::{
    entities::{audit_log, user},
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, SqlErr,
    TransactionTrait,
};

/// Who performed a write, for the audit log.
#[derive(Debug, Clone)]
pub enum Actor {
    /// An operator at the server's command line.
    CommandLine,
    /// A signed-in user.
    User {
        /// The user's id.
        id: i32,
        /// The user's name.
        name: String,
    },
}

impl Actor {
    fn id(&self) -> Option<i32> {
        match self {
            Actor::CommandLine => None,
            Actor::User { id, .. } => Some(*id),
        }
    }

    fn label(&self) -> String {
        match self {
            Actor::CommandLine => "command line".to_string(),
            Actor::User { name, .. } => name.clone(),
        }
    }
}

/// What a new account is allowed to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Roles {
    /// Manages users and reads the audit log.
    pub admin: bool,
    /// Reviews participation requests and moderates concerns.
    pub reviewer: bool,
}

/// Creates an account; `AppError::Conflict` if the e-mail address is taken. The creation
/// is audited in the same transaction (the hash is never written to the log).
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    email: &Email,
    name: &str,
    password: &NewPassword,
    roles: Roles,
) -> Result<user::Model, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Validation(vec![crate::error::FieldError {
            field: "name".into(),
            code: "name_invalid".into(),
        }]));
    }
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(AppError::Conflict);
    }
    let password_hash = hash_password(password)?;
    let now = Utc::now();
    let txn = db.begin().await?;
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
    let after = serde_json::json!({
        "email": created.email,
        "name": created.name,
        "is_admin": created.is_admin,
        "is_reviewer": created.is_reviewer,
    });
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_user_id: Set(actor.id()),
        actor_label: Set(actor.label()),
        action: Set("create".to_string()),
        entity_type: Set("user".to_string()),
        entity_id: Set(created.id.to_string()),
        before: Set(None),
        after: Set(Some(after.to_string())),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(created)
}
