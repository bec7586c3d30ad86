//! Who is signed in, and the checks every server function and form handler makes
//! (server only).

use super::{
    Email, PasswordHashing, Permission, Principal, Seat,
    permissions::CommitteeKind,
    session_store::{USER_ID_KEY, end_sessions_of},
    verify_password,
};
use crate::{
    committees::MemberRole,
    entities::{committee, committee_member, login_failure, user},
    error::{AppError, FieldError},
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};
use std::sync::LazyLock;
use tower_sessions::Session;

/// When the session was signed in (Unix seconds): the start of its absolute lifetime.
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// Failed sign-ins per account and minute before further attempts are refused.
pub const MAX_FAILURES_PER_MINUTE: u64 = 5;

/// The request's signed-in user, resolved once per request by the server's middleware and
/// kept in the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct SignedIn(pub Option<Principal>);

/// The user behind `session`, if the session is signed in, within its absolute lifetime
/// and the account still enabled; otherwise the session is emptied and `None` returned.
pub async fn resolve(
    db: &DatabaseConnection,
    session: &Session,
    lifetime: std::time::Duration,
) -> Result<Option<Principal>, AppError> {
    let user_id = session
        .get::<i32>(USER_ID_KEY)
        .await
        .map_err(session_error)?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    let age = Utc::now().timestamp().saturating_sub(signed_in_at);
    let expired = u64::try_from(age).map_or(true, |age| age > lifetime.as_secs());
    let principal = if expired {
        None
    } else {
        load_principal(db, user_id).await?
    };
    if principal.is_none() {
        session.flush().await.map_err(session_error)?;
    }
    Ok(principal)
}

/// An enabled account as a [`Principal`], with its committee seats.
pub async fn load_principal(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<Option<Principal>, AppError> {
    let Some(account) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if account.disabled_at.is_some() {
        return Ok(None);
    }
    let seats = committee_member::Entity::find()
        .filter(committee_member::Column::UserId.eq(user_id))
        .find_also_related(committee::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(member, committee)| {
            Some(Seat {
                committee: CommitteeKind::parse(&committee?.slug)?,
                role: MemberRole::parse(&member.role)?,
            })
        })
        .collect();
    Ok(Some(Principal {
        id: account.id,
        name: account.name,
        email: account.email,
        is_admin: account.is_admin,
        is_reviewer: account.is_reviewer,
        seats,
    }))
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session");
    AppError::Unavailable
}

/// The signed-in user of the request being handled (page or server function).
pub fn current() -> Option<Principal> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned())
        .and_then(|signed_in| signed_in.0)
}

/// The request's session (set by the server's session layer).
pub fn current_session() -> Result<Session, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Session>().cloned())
        .ok_or_else(|| {
            tracing::error!("session layer missing");
            AppError::Internal
        })
}

/// `user` if they hold `permission`: `Unauthorized` when nobody is signed in, `Forbidden`
/// when the role does not allow it.
pub fn authorize(user: Option<Principal>, permission: Permission) -> Result<Principal, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.can(permission) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The current user if they hold `permission` (see [`authorize`]).
pub fn require(permission: Permission) -> Result<Principal, AppError> {
    authorize(current(), permission)
}

/// The current user, whatever their role; `Unauthorized` if nobody is signed in.
pub fn require_signed_in() -> Result<Principal, AppError> {
    current().ok_or(AppError::Unauthorized)
}

/// A hash to verify against when the address matches no account, so a wrong address takes
/// as long as a wrong password. Computed (once) inside the first check that needs it, under
/// that check's permit.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    super::NewPassword::parse("no account has this password, ever")
        .ok()
        .and_then(|p| super::hash_password(&p).ok())
        .unwrap_or_default()
});

/// Signs `session` in as the account with `email` and `password`.
///
/// A wrong address and a wrong password give the same error in the same time. After
/// [`MAX_FAILURES_PER_MINUTE`] failures for an address within a minute, attempts are
/// refused with `RateLimited` without checking the password. Success gives the session a
/// new id (no fixation) and starts its absolute lifetime.
pub async fn sign_in(
    db: &DatabaseConnection,
    hashing: &PasswordHashing,
    session: &Session,
    email: &str,
    password: &str,
) -> Result<Principal, AppError> {
    let email = Email::parse(email)
        .map_err(|problem| AppError::Validation(vec![FieldError::new("email", problem.key())]))?;
    if password.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "password",
            "password_missing",
        )]));
    }
    // Check and record in one step (#14 item 5): the attempt is written as a failure
    // first, then ranked among the others. An attempt ranked at most the limit had its
    // row among the first that many written, so however many run in parallel, at most
    // MAX_FAILURES_PER_MINUTE check a password in a minute. The row is taken back if the
    // attempt is refused or cannot run, and with every other failure on success.
    let now = Utc::now();
    let attempt = login_failure::Entity::insert(login_failure::ActiveModel {
        email: Set(email.as_str().to_string()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    // Its rank among the account's attempts of the last minute: the rows written before it
    // (ids grow with each insert) and itself. Counting every row instead would refuse all
    // of a burst of parallel attempts, the first ones included.
    let failures = login_failure::Entity::find()
        .filter(login_failure::Column::Email.eq(email.as_str()))
        .filter(login_failure::Column::FailedAt.gt(now - Duration::minutes(1)))
        .filter(login_failure::Column::Id.lte(attempt))
        .count(db)
        .await?;
    let checked = if failures > MAX_FAILURES_PER_MINUTE {
        Err(AppError::RateLimited)
    } else {
        check_and_match(db, hashing, &email, password).await
    };
    let (account, matches) = match checked {
        Ok(found) => found,
        Err(error) => {
            login_failure::Entity::delete_by_id(attempt)
                .exec(db)
                .await?;
            return Err(error);
        }
    };
    let Some(account) = account.filter(|a| matches && a.disabled_at.is_none()) else {
        forget_old_failures(db, now).await?;
        return Err(AppError::BadCredentials);
    };
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(email.as_str()))
        .exec(db)
        .await?;
    start_session(session, account.id).await?;
    load_principal(db, account.id)
        .await?
        .ok_or(AppError::BadCredentials)
}

/// The account with `email`, if any, and whether `password` is its password (checked
/// against the dummy hash when there is no account, so it takes as long).
async fn check_and_match(
    db: &DatabaseConnection,
    hashing: &PasswordHashing,
    email: &Email,
    password: &str,
) -> Result<(Option<user::Model>, bool), AppError> {
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    let matches = check_password(hashing, hash, password).await?;
    Ok((account, matches))
}

/// Whether `candidate` matches `hash` (`None`: no account, checked against the dummy hash
/// so it takes as long), on a blocking thread under one of `hashing`'s permits: argon2
/// takes tens of milliseconds of CPU, which must not stall the async workers. `Busy` when
/// every permit is taken.
pub(crate) async fn check_password(
    hashing: &PasswordHashing,
    hash: Option<String>,
    candidate: &str,
) -> Result<bool, AppError> {
    let candidate = candidate.to_string();
    hashing
        .run(move || {
            let hash = hash.as_deref().unwrap_or(DUMMY_HASH.as_str());
            verify_password(hash, &candidate)
        })
        .await
}

/// Signs `session` in as `user_id` under a new session id (no fixation), starting its
/// absolute lifetime.
pub(crate) async fn start_session(session: &Session, user_id: i32) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT_KEY, Utc::now().timestamp())
        .await
        .map_err(session_error)
}

async fn forget_old_failures(
    db: &DatabaseConnection,
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    // Old failures say nothing any more.
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lt(now - Duration::hours(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends `session` on the server and in the browser.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// Ends every session of `user_id` except none: used when an account is disabled.
pub async fn end_all_sessions(db: &DatabaseConnection, user_id: i32) -> Result<u64, AppError> {
    Ok(end_sessions_of(db, user_id).await?)
}
