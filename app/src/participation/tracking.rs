//! The applicant's side after submission (server only): the application window, finding a
//! request by code and e-mail, the status page behind its secret link, and the applicant's
//! answer and withdrawal.

use super::{
    ApplicationWindow, HistoryEntry, RequestStatus, TrackedRequest, Transition, codes,
    service::{Party, Receipt, apply_transition, max_delegates, window},
};
use crate::{
    accounts::Email,
    entities::{organisation, participation_request, request_event},
    error::{AppError, FieldError},
    forms::{self, Fields},
    i18n::Lang,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The application page's data in `lang`, with a fresh idempotency key.
pub async fn application_window(
    db: &DatabaseConnection,
    lang: Lang,
) -> Result<ApplicationWindow, AppError> {
    let key = codes::idempotency_key()?;
    Ok(match window(db).await? {
        Some(found) => {
            let s = &found.session;
            ApplicationWindow {
                session_title: lang.pick(&s.title_fr, &s.title_en).clone(),
                conditions: lang
                    .pick(&s.conditions_fr, &s.conditions_en)
                    .clone()
                    .filter(|c| !c.trim().is_empty()),
                open: found.open,
                opens_at: s.applications_open_from.map(stamp),
                closes_at: s.applications_close_at.map(stamp),
                max_delegates: max_delegates(s),
                idempotency_key: key,
            }
        }
        None => ApplicationWindow {
            session_title: String::new(),
            conditions: None,
            open: false,
            opens_at: None,
            closes_at: None,
            max_delegates: super::application::DEFAULT_MAX_DELEGATES,
            idempotency_key: key,
        },
    })
}

/// Compares secrets in time independent of where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The answer to a lookup that matched nothing: the same whether the code or the e-mail
/// was wrong, so nobody can learn which codes exist.
fn not_found() -> AppError {
    AppError::Validation(vec![FieldError::new(
        "code",
        "participation_lookup_not_found",
    )])
}

/// Finds a request by tracking code and contact e-mail (both must match).
pub async fn lookup(db: &DatabaseConnection, fields: &Fields) -> Result<Receipt, AppError> {
    let code = forms::field(fields, "code").trim().to_ascii_uppercase();
    let email = Email::parse(forms::field(fields, "email")).map_err(|_| not_found())?;
    if !codes::is_tracking_code(&code) {
        return Err(not_found());
    }
    let request = participation_request::Entity::find()
        .filter(participation_request::Column::TrackingCode.eq(&code))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    if !request.contact_email.eq_ignore_ascii_case(email.as_str()) {
        return Err(not_found());
    }
    Ok(Receipt {
        code: request.tracking_code,
        key: request.access_key.unwrap_or_default(),
    })
}

async fn by_link(
    db: &impl sea_orm::ConnectionTrait,
    code: &str,
    key: &str,
) -> Result<participation_request::Model, AppError> {
    let request = participation_request::Entity::find()
        .filter(participation_request::Column::TrackingCode.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    match &request.access_key {
        Some(stored) if !key.is_empty() && same_secret(stored, key) => Ok(request),
        _ => Err(AppError::NotFound),
    }
}

/// A request through its status link (`NotFound` for a wrong code or key).
pub async fn tracked(
    db: &DatabaseConnection,
    code: &str,
    key: &str,
) -> Result<TrackedRequest, AppError> {
    let request = by_link(db, code, key).await?;
    let organisation = organisation::Entity::find_by_id(request.organisation_id)
        .one(db)
        .await?
        .map(|o| super::proposal::as_submitted(&request, o).name)
        .unwrap_or_default();
    let history = request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(request.id))
        .order_by_asc(request_event::Column::CreatedAt)
        .order_by_asc(request_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|event| {
            Some(HistoryEntry {
                at: stamp(event.created_at),
                status: RequestStatus::parse(&event.status_to)?,
                message: event.message,
                from_applicant: event.from_applicant,
            })
        })
        .collect();
    Ok(TrackedRequest {
        code: request.tracking_code,
        organisation,
        status: RequestStatus::parse(&request.status).ok_or(AppError::Internal)?,
        history,
    })
}

/// The applicant answers a request for information (`answer=` the transition and
/// `message`) or withdraws (`withdraw` and the `confirm` box ticked), through the status
/// link's `cle`.
pub async fn act(
    db: &DatabaseConnection,
    code: &str,
    fields: &Fields,
) -> Result<RequestStatus, AppError> {
    let transition = Transition::parse(forms::field(fields, "action"))
        .filter(|t| t.by_applicant())
        .ok_or(AppError::Forbidden)?;
    if transition == Transition::Withdraw && !forms::checked(fields, "confirm") {
        return Err(AppError::Validation(vec![FieldError::new(
            "confirm",
            "participation_withdraw_confirm_missing",
        )]));
    }
    let message =
        (transition == Transition::Answer).then(|| forms::field(fields, "message").to_string());
    let txn = crate::state::begin_write(db).await?;
    let request = by_link(&txn, code, forms::field(fields, "cle")).await?;
    let status = apply_transition(&txn, request.id, transition, Party::Applicant, message).await?;
    if request.status == RequestStatus::Approved.as_str() && status == RequestStatus::Withdrawn {
        // An approved organisation that withdraws frees its place for the waiting list.
        super::review::promote_first(&txn, request.session_id, Party::System).await?;
    }
    txn.commit().await?;
    Ok(status)
}
