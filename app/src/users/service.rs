//! Account administration (server only). Every function checks the caller's permission
//! itself, whoever calls it.

use super::UserRow;
use crate::{
    accounts::{
        CommitteeKind, Email, NewPassword, PasswordHashing, Permission, Principal, Seat,
        auth::{authorize, end_all_sessions},
        service::{Roles, create_user, set_seat, snapshot},
    },
    audit::{Actor, record},
    committees::MemberRole,
    entities::{committee, committee_member, user},
    error::{AppError, FieldError},
    forms::{Fields, checked, field},
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::BTreeMap;

/// Every account, by name, with its seat.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<UserRow>, AppError> {
    let accounts = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let seats = seats(db).await?;
    Ok(accounts
        .into_iter()
        .map(|account| {
            let seat = seats.get(&account.id).copied();
            row(account, seat)
        })
        .collect())
}

/// One account; `NotFound` if there is none with this id.
pub async fn find(db: &DatabaseConnection, id: i32) -> Result<UserRow, AppError> {
    let account = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let seat = seats(db).await?.get(&id).copied();
    Ok(row(account, seat))
}

fn row(account: user::Model, seat: Option<Seat>) -> UserRow {
    UserRow {
        id: account.id,
        name: account.name,
        email: account.email,
        is_admin: account.is_admin,
        is_reviewer: account.is_reviewer,
        seat,
        disabled: account.disabled_at.is_some(),
    }
}

async fn seats(db: &DatabaseConnection) -> Result<BTreeMap<i32, Seat>, AppError> {
    Ok(committee_member::Entity::find()
        .filter(committee_member::Column::UserId.is_not_null())
        .find_also_related(committee::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(member, committee)| {
            Some((
                member.user_id?,
                Seat {
                    committee: CommitteeKind::parse(&committee?.slug)?,
                    role: MemberRole::parse(&member.role)?,
                },
            ))
        })
        .collect())
}

/// The name, roles and seat a form asks for.
fn parse_roles(fields: &Fields, errors: &mut Vec<FieldError>) -> (String, Roles) {
    let name = field(fields, "name").trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("name", "name_invalid"));
    }
    let seat = match field(fields, "committee") {
        "" => None,
        slug => match (
            CommitteeKind::parse(slug),
            MemberRole::parse(field(fields, "committee_role")),
        ) {
            (Some(committee), Some(role)) => Some(Seat { committee, role }),
            (None, _) => {
                errors.push(FieldError::new("committee", "committee_unknown"));
                None
            }
            (Some(_), None) => {
                errors.push(FieldError::new("committee_role", "committee_role_missing"));
                None
            }
        },
    };
    let roles = Roles {
        admin: checked(fields, "is_admin"),
        reviewer: checked(fields, "is_reviewer"),
        seat,
    };
    (name, roles)
}

/// Creates an account from the administrators' form; returns its id.
pub async fn create(
    db: &DatabaseConnection,
    hashing: &PasswordHashing,
    caller: Option<Principal>,
    fields: &Fields,
) -> Result<i32, AppError> {
    let caller = authorize(caller, Permission::ManageUsers)?;
    let mut errors = Vec::new();
    let email = Email::parse(field(fields, "email"))
        .map_err(|problem| errors.push(FieldError::new("email", problem.key())))
        .ok();
    let password = NewPassword::parse(field(fields, "password"))
        .map_err(|problem| errors.push(FieldError::new("password", problem.key())))
        .ok();
    let (name, roles) = parse_roles(fields, &mut errors);
    let (Some(email), Some(password), true) = (email, password, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let created = create_user(
        db,
        hashing,
        &Actor::from(&caller),
        &email,
        &name,
        &password,
        roles,
    )
    .await
    .map_err(|error| match error {
        AppError::Conflict => AppError::Validation(vec![FieldError::new("email", "email_taken")]),
        other => other,
    })?;
    Ok(created.id)
}

/// Updates an account's name, roles, seat and whether it is enabled. Disabling ends the
/// account's sessions at once. Administrators cannot disable or demote themselves (there
/// would be no one left to undo it).
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageUsers)?;
    let mut errors = Vec::new();
    let (name, roles) = parse_roles(fields, &mut errors);
    let enabled = checked(fields, "enabled");
    if id == caller.id && (!enabled || !roles.admin) {
        errors.push(FieldError::new("enabled", "user_cannot_lock_self"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let account = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let old_seat = seats(db).await?.get(&id).copied();
    let txn = crate::state::begin_write(db).await?;
    let before = snapshot(&account, old_seat);
    let now = Utc::now();
    let disabled_at = match (enabled, account.disabled_at) {
        (true, _) => None,
        (false, Some(since)) => Some(since),
        (false, None) => Some(now),
    };
    let updated = user::Entity::update(user::ActiveModel {
        id: Set(id),
        name: Set(name),
        is_admin: Set(roles.admin),
        is_reviewer: Set(roles.reviewer),
        disabled_at: Set(disabled_at),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    set_seat(&txn, &updated, roles.seat).await?;
    let after = snapshot(&updated, roles.seat);
    if before != after {
        let action = match (account.disabled_at.is_some(), updated.disabled_at.is_some()) {
            (false, true) => "disable",
            (true, false) => "enable",
            _ => "update",
        };
        record(
            &txn,
            &Actor::from(&caller),
            action,
            "user",
            id,
            Some(before),
            Some(after),
        )
        .await?;
    }
    txn.commit().await?;
    if updated.disabled_at.is_some() {
        let ended = end_all_sessions(db, id).await?;
        tracing::info!(
            user = id,
            sessions = ended,
            "account disabled, sessions ended"
        );
    }
    Ok(())
}
