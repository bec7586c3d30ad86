//! A signed-in user changes their own password (server only).

use super::{
    NewPassword, PasswordHashing, Principal,
    auth::{check_password, start_session},
    hash_password,
    session_store::end_sessions_of,
};
use crate::{
    audit::{Actor, record},
    entities::user,
    error::{AppError, FieldError},
};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use tower_sessions::Session;

/// Checks the current password, sets the new one, ends every other session of the account
/// and gives this one a new id. Audited (without any password or hash).
pub async fn change_password(
    db: &DatabaseConnection,
    hashing: &PasswordHashing,
    session: &Session,
    caller: Option<Principal>,
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<(), AppError> {
    let caller = caller.ok_or(AppError::Unauthorized)?;
    let mut errors = Vec::new();
    let password = NewPassword::parse(new)
        .map_err(|problem| errors.push(FieldError::new("new_password", problem.key())))
        .ok();
    if new != confirm {
        errors.push(FieldError::new("confirm_password", "password_mismatch"));
    }
    let account = user::Entity::find_by_id(caller.id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let matches = check_password(hashing, Some(account.password_hash), current).await?;
    if !matches {
        errors.insert(
            0,
            FieldError::new("current_password", "password_current_wrong"),
        );
    }
    let (Some(password), true) = (password, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let password_hash = hashing.run(move || hash_password(&password)).await??;
    let txn = crate::state::begin_write(db).await?;
    user::Entity::update(user::ActiveModel {
        id: Set(caller.id),
        password_hash: Set(password_hash),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "change_password",
        "user",
        caller.id,
        None,
        None,
    )
    .await?;
    end_sessions_of(&txn, caller.id).await?;
    txn.commit().await?;
    // This browser stays signed in, under a new id.
    start_session(session, caller.id).await?;
    Ok(())
}
