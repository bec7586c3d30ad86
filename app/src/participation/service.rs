//! Participation requests (server only): submission, the applicant's status page, and the
//! one function every status change goes through ([`apply_transition`]).

use super::{
    NewApplication, RequestStatus, Transition,
    application::MAX_TEXT_CHARS,
    codes,
    proposal::{self, ProposedDetails},
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    entities::{delegate, organisation, participation_request, request_event, session},
    error::{AppError, FieldError},
    i18n::{Lang, fill},
    mail::service::{Email, queue},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};

/// The entity type of requests in the audit log and the outbox.
pub const ENTITY: &str = "participation_request";

/// Who makes a transition.
#[derive(Debug, Clone)]
pub enum Party {
    /// The applicant, through their secret status link.
    Applicant,
    /// A reviewer or committee member (needs [`Permission::ReviewRequests`]).
    Committee(Principal),
    /// The platform, following a rule: only [`Transition::Promote`], when a place is freed.
    System,
}

/// The path of a request's status page with its secret key.
pub fn status_path(code: &str, key: &str) -> String {
    format!("{}/{code}?cle={key}", super::TRACK_PATH)
}

fn snapshot(status: RequestStatus) -> serde_json::Value {
    serde_json::json!({ "status": status.as_str() })
}

/// Moves request `request_id` by `transition`, inside the caller's transaction `txn`:
/// checks the state machine ([`RequestStatus::after`]) and who may make it, requires a
/// message when [`Transition::needs_message`] (at most [`MAX_TEXT_CHARS`]), writes the
/// status (only if nobody changed it meanwhile), the history entry, the audit entry
/// (committee decisions) and the e-mail to the applicant in their language (committee
/// decisions). Leaving the waiting list clears the request's place in it. Returns the new
/// status. Quotas are the caller's business.
///
/// Errors: `Forbidden` (wrong party or permission), `NotFound`, `Conflict` (not allowed
/// from the current status, or changed meanwhile), `Validation` on `message`.
pub async fn apply_transition(
    txn: &impl ConnectionTrait,
    request_id: i32,
    transition: Transition,
    party: Party,
    message: Option<String>,
) -> Result<RequestStatus, AppError> {
    // Who is recorded: committee decisions and system promotions are audited and e-mailed.
    let (committee, actor) = match &party {
        Party::Applicant if transition.by_applicant() => (None, None),
        Party::Committee(principal) if !transition.by_applicant() => {
            let principal = authorize(Some(principal.clone()), Permission::ReviewRequests)?;
            let actor = Actor::from(&principal);
            (Some(principal), Some(actor))
        }
        Party::System if transition == Transition::Promote => (None, Some(Actor::System)),
        _ => return Err(AppError::Forbidden),
    };
    let message = message
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty());
    let too_long = message
        .as_deref()
        .is_some_and(|m| m.chars().count() > MAX_TEXT_CHARS);
    if too_long || (transition.needs_message() && message.is_none()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "message",
            "participation_message_invalid",
        )]));
    }
    let request = participation_request::Entity::find_by_id(request_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = RequestStatus::parse(&request.status).ok_or_else(|| {
        tracing::error!(request_id, status = %request.status, "unknown request status");
        AppError::Internal
    })?;
    let after = before.after(transition).ok_or(AppError::Conflict)?;
    let now = Utc::now();
    let mut update = participation_request::Entity::update_many()
        .col_expr(
            participation_request::Column::Status,
            Expr::value(after.as_str()),
        )
        .col_expr(participation_request::Column::UpdatedAt, Expr::value(now));
    if after == RequestStatus::Withdrawn {
        // A withdrawn request no longer stops the organisation from applying again.
        update = update.col_expr(
            participation_request::Column::DuplicateGuard,
            Expr::value(Option::<String>::None),
        );
    }
    if after != RequestStatus::Waitlisted {
        update = update.col_expr(
            participation_request::Column::WaitlistPosition,
            Expr::value(Option::<i32>::None),
        );
    }
    let changed = update
        .filter(participation_request::Column::Id.eq(request_id))
        .filter(participation_request::Column::Status.eq(before.as_str()))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    request_event::Entity::insert(request_event::ActiveModel {
        request_id: Set(request_id),
        status_from: Set(Some(before.as_str().to_string())),
        status_to: Set(after.as_str().to_string()),
        actor_user_id: Set(committee.as_ref().map(|p| p.id)),
        message: Set(message.clone()),
        from_applicant: Set(matches!(party, Party::Applicant)),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    if let Some(actor) = &actor {
        if after == RequestStatus::Approved {
            proposal::publish(txn, &request, actor).await?;
        }
        record(
            txn,
            actor,
            transition.as_str(),
            ENTITY,
            request_id,
            Some(snapshot(before)),
            Some(snapshot(after)),
        )
        .await?;
        let organisation = organisation::Entity::find_by_id(request.organisation_id)
            .one(txn)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        let lang = Lang::parse(&request.language).unwrap_or(Lang::Fr);
        let t = lang.strings();
        let template = |part: &str| {
            t.get(&format!(
                "participation_mail_{}_{part}",
                transition.as_str()
            ))
            .unwrap_or_default()
        };
        let link = crate::mail::link(&status_path(
            &request.tracking_code,
            request.access_key.as_deref().unwrap_or_default(),
        ));
        let body = [
            ("organisation", organisation.as_str()),
            ("code", request.tracking_code.as_str()),
            ("message", message.as_deref().unwrap_or_default()),
            ("link", link.as_str()),
        ]
        .into_iter()
        .fold(template("body").to_string(), |body, (name, value)| {
            fill(&body, name, value)
        });
        queue(
            txn,
            Email {
                to: request.contact_email.clone(),
                subject: fill(template("subject"), "code", &request.tracking_code),
                body,
                lang,
                related: Some((ENTITY, request_id)),
            },
        )
        .await?;
    }
    Ok(after)
}

/// The current session and whether it takes applications now.
#[derive(Debug, Clone)]
pub struct Window {
    /// The current session.
    pub session: session::Model,
    /// Open flag set and now within the opening dates.
    pub open: bool,
}

/// Whether `session` takes applications at `now`.
pub fn is_open(session: &session::Model, now: DateTime<Utc>) -> bool {
    session.applications_open
        && session
            .applications_open_from
            .is_none_or(|from| from <= now)
        && session
            .applications_close_at
            .is_none_or(|close| now < close)
}

/// The current session's application window (`None`: no current session).
pub async fn window(conn: &impl ConnectionTrait) -> Result<Option<Window>, DbErr> {
    let session = session::Entity::find()
        .filter(session::Column::IsCurrent.eq(true))
        .order_by_desc(session::Column::Id)
        .one(conn)
        .await?;
    Ok(session.map(|session| Window {
        open: is_open(&session, Utc::now()),
        session,
    }))
}

/// The delegates a request of `session` may name.
pub fn max_delegates(session: &session::Model) -> usize {
    session
        .max_delegates
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n >= 1)
        .unwrap_or(super::application::DEFAULT_MAX_DELEGATES)
        .min(super::application::DELEGATE_ROWS_CAP)
}

/// What a stored submission answers: where the confirmation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The tracking code.
    pub code: String,
    /// The secret key of the status link.
    pub key: String,
}

/// Checks and stores an application for the current session in one transaction: the
/// organisation (found by normalised name and country, or created), the request, its
/// delegates, its first history entry and the confirmation e-mail. A second post with the
/// same `idempotency_key` returns the first one's receipt and stores nothing.
///
/// Errors: `Validation` (the form; `participation_closed` when applications are closed;
/// `participation_duplicate` when the organisation already applied to this session).
pub async fn submit(
    db: &DatabaseConnection,
    fields: &crate::forms::Fields,
    lang: Lang,
) -> Result<Receipt, AppError> {
    let key = crate::forms::field(fields, "idempotency_key").trim();
    let key = (!key.is_empty() && key.len() <= 64).then(|| key.to_string());
    if let Some(receipt) = already_received(db, key.as_deref()).await? {
        return Ok(receipt);
    }
    let Some(Window { session, open }) = window(db).await? else {
        return Err(closed());
    };
    if !open {
        return Err(closed());
    }
    let application = NewApplication::parse(fields, max_delegates(&session))?;
    for _ in 0..5 {
        let receipt = Receipt {
            code: codes::tracking_code()?,
            key: codes::access_key()?,
        };
        match store(db, &session, &application, &receipt, key.clone(), lang).await {
            Ok(()) => return Ok(receipt),
            Err(Stored::Refused(error)) => {
                // The same form, posted twice at once, may find its twin already stored.
                return match already_received(db, key.as_deref()).await? {
                    Some(receipt) => Ok(receipt),
                    None => Err(error),
                };
            }
            Err(Stored::Db(error)) => {
                // A unique constraint: the same form posted twice at once (the first one
                // won), the same organisation applying twice at once (the next turn finds
                // the first request and refuses), or (very rarely) a tracking code drawn
                // twice.
                if let Some(receipt) = already_received(db, key.as_deref()).await? {
                    return Ok(receipt);
                }
                tracing::warn!(%error, "participation request not stored, retrying");
            }
        }
    }
    Err(AppError::Internal)
}

fn closed() -> AppError {
    AppError::Validation(vec![FieldError::new("form", "participation_closed")])
}

async fn already_received(
    conn: &impl ConnectionTrait,
    key: Option<&str>,
) -> Result<Option<Receipt>, DbErr> {
    let Some(key) = key else { return Ok(None) };
    Ok(participation_request::Entity::find()
        .filter(participation_request::Column::IdempotencyKey.eq(key))
        .one(conn)
        .await?
        .map(|request| Receipt {
            code: request.tracking_code,
            key: request.access_key.unwrap_or_default(),
        }))
}

/// The value that is unique among the requests counting for one session: the session, the
/// country and the normalised name.
pub fn duplicate_guard(session_id: i32, country_code: &str, normalized_name: &str) -> String {
    format!("{session_id}:{country_code}:{normalized_name}")
}

enum Stored {
    Refused(AppError),
    Db(DbErr),
}

impl From<DbErr> for Stored {
    fn from(error: DbErr) -> Self {
        Stored::Db(error)
    }
}

async fn store(
    db: &DatabaseConnection,
    session: &session::Model,
    application: &NewApplication,
    receipt: &Receipt,
    idempotency_key: Option<String>,
    lang: Lang,
) -> Result<(), Stored> {
    let txn = crate::state::begin_write(db).await?;
    let now = Utc::now();
    let input = &application.organisation;
    let normalized = proposal::folded(&input.name);
    let guard = duplicate_guard(session.id, &input.country_code, &normalized);
    let existing = organisation::Entity::find()
        .filter(organisation::Column::NormalizedName.eq(&normalized))
        .filter(organisation::Column::CountryCode.eq(&input.country_code))
        .order_by_asc(organisation::Column::Id)
        .all(&txn)
        .await?;
    let ids: Vec<i32> = existing.iter().map(|o| o.id).collect();
    let previous = participation_request::Entity::find()
        .filter(participation_request::Column::OrganisationId.is_in(ids))
        .all(&txn)
        .await?;
    let applied = previous
        .iter()
        .any(|r| r.session_id == session.id && r.status != RequestStatus::Withdrawn.as_str());
    if applied {
        return Err(Stored::Refused(AppError::Validation(vec![
            FieldError::new("name", "participation_duplicate"),
        ])));
    }
    let previously_rejected = previous
        .iter()
        .any(|r| r.status == RequestStatus::Rejected.as_str());
    let proposed = ProposedDetails::typed(input, application.consent_directory);
    // What was typed stays on the request: an existing organisation's record (public once
    // approved) changes only when a committee approves this request (`proposal::publish`).
    let organisation_id = match existing.first() {
        Some(found) => found.id,
        None => {
            let mut new = proposed.clone().active(now);
            new.country_code = Set(input.country_code.clone());
            new.created_at = Set(now);
            organisation::Entity::insert(new)
                .exec(&txn)
                .await?
                .last_insert_id
        }
    };
    let request_id = participation_request::Entity::insert(participation_request::ActiveModel {
        session_id: Set(session.id),
        organisation_id: Set(organisation_id),
        tracking_code: Set(receipt.code.clone()),
        idempotency_key: Set(idempotency_key),
        status: Set(RequestStatus::Submitted.as_str().to_string()),
        contact_name: Set(application.contact_name.clone()),
        contact_email: Set(application.contact_email.clone()),
        contact_phone: Set(application.contact_phone.clone()),
        motivation: Set(application.motivation.clone()),
        contribution: Set(application.contribution.clone()),
        consent_processing: Set(true),
        consent_directory: Set(application.consent_directory),
        language: Set(lang.code().to_string()),
        assigned_to: Set(None),
        previously_rejected: Set(previously_rejected),
        waitlist_position: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        access_key: Set(Some(receipt.key.clone())),
        duplicate_guard: Set(Some(guard)),
        organisation_details: Set(Some(proposed.to_json()?)),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    let delegates =
        application
            .delegates
            .iter()
            .zip(1..)
            .map(|(d, position)| delegate::ActiveModel {
                request_id: Set(request_id),
                position: Set(position),
                name: Set(d.name.clone()),
                function: Set(d.function.clone()),
                email: Set(d.email.clone()),
                ..Default::default()
            });
    delegate::Entity::insert_many(delegates).exec(&txn).await?;
    request_event::Entity::insert(request_event::ActiveModel {
        request_id: Set(request_id),
        status_from: Set(None),
        status_to: Set(RequestStatus::Submitted.as_str().to_string()),
        actor_user_id: Set(None),
        message: Set(None),
        from_applicant: Set(true),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let t = lang.strings();
    let link = crate::mail::link(&status_path(&receipt.code, &receipt.key));
    let body = fill(
        &fill(
            &fill(t.participation_mail_submitted_body(), "code", &receipt.code),
            "organisation",
            &input.name,
        ),
        "link",
        &link,
    );
    queue(
        &txn,
        Email {
            to: application.contact_email.clone(),
            subject: fill(
                t.participation_mail_submitted_subject(),
                "code",
                &receipt.code,
            ),
            body,
            lang,
            related: Some((ENTITY, request_id)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
