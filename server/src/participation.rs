//! Participation requests, the applicant's side: the application form (per-IP limited,
//! honeypot, idempotent), the status lookup (per-IP limited) and the applicant's answer
//! and withdrawal. The rules and writes are in `app::participation`.

use crate::{
    ServerState,
    forms::{Submission, see_other},
    rate_limit::{Limits, client_ip},
};
use app::{
    error::AppError,
    i18n::Lang,
    participation::{
        APPLY_PATH, CONFIRMATION_PATH, TRACK_PATH, Transition, service, track_page_action, tracking,
    },
};
use axum::{
    extract::{Path, State},
    response::Response,
};

fn confirmation(receipt: &service::Receipt) -> Response {
    see_other(&format!(
        "{CONFIRMATION_PATH}?code={}&cle={}",
        receipt.code, receipt.key
    ))
}

/// `POST /participer`: an organisation applies to the current session.
pub async fn apply(State(state): State<ServerState>, form: Submission) -> Response {
    let ip = client_ip(&form.parts, state.limits.trust_proxy);
    if !Limits::allow(&state.limits.participations, ip) {
        tracing::warn!(%ip, "participation requests rate limited");
        return form.refuse(&state, APPLY_PATH, AppError::RateLimited).await;
    }
    if !form.field("website_url").is_empty() {
        // A robot filled the field people cannot see: it gets the same answer as a person,
        // and nothing is stored.
        tracing::warn!(%ip, "participation honeypot filled, request dropped");
        return match decoy() {
            Ok(receipt) => confirmation(&receipt),
            Err(error) => form.refuse(&state, APPLY_PATH, error).await,
        };
    }
    let lang = Lang::of_request(&form.parts.headers);
    match service::submit(&state.app.db, &form.fields, lang).await {
        Ok(receipt) => confirmation(&receipt),
        Err(error) => form.refuse(&state, APPLY_PATH, error).await,
    }
}

fn decoy() -> Result<service::Receipt, AppError> {
    Ok(service::Receipt {
        code: app::participation::codes::tracking_code()?,
        key: app::participation::codes::access_key()?,
    })
}

/// `POST /participer/suivi`: finds a request by tracking code and contact e-mail.
pub async fn lookup(State(state): State<ServerState>, form: Submission) -> Response {
    let ip = client_ip(&form.parts, state.limits.trust_proxy);
    if !Limits::allow(&state.limits.lookups, ip) {
        tracing::warn!(%ip, "participation lookups rate limited");
        return form.refuse(&state, TRACK_PATH, AppError::RateLimited).await;
    }
    match tracking::lookup(&state.app.db, &form.fields).await {
        Ok(receipt) => see_other(&service::status_path(&receipt.code, &receipt.key)),
        Err(error) => form.refuse(&state, TRACK_PATH, error).await,
    }
}

/// `POST /participer/suivi/{code}`: the applicant answers the committee or withdraws.
pub async fn act(
    State(state): State<ServerState>,
    Path(code): Path<String>,
    form: Submission,
) -> Response {
    let transition = Transition::parse(form.field("action")).unwrap_or(Transition::Answer);
    let back = service::status_path(&code, form.field("cle"));
    match tracking::act(&state.app.db, &code, &form.fields).await {
        Ok(_) => {
            let ok = match transition {
                Transition::Withdraw => "participation_withdrawn",
                _ => "participation_answered",
            };
            see_other(&format!("{back}&ok={ok}"))
        }
        Err(error) => {
            let action = track_page_action(&code, transition);
            form.refuse(&state, &action, error).await
        }
    }
}
