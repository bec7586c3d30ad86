//! Concerns: the public submission form (per-IP limited), moderation decisions, and the
//! open data files. The rules and writes are in `app::concerns`.

use crate::{
    ServerState,
    forms::{Submission, see_other},
    open_data::{csv_file, json_file},
    rate_limit::{Limits, client_ip},
};
use app::{
    concerns::{CONCERNS_PATH, MODERATION_PATH, NewConcern, service},
    error::AppError,
};
use axum::{
    extract::{Path, State},
    response::Response,
};

/// `POST /preoccupations`: anyone submits a concern.
pub async fn submit(State(state): State<ServerState>, form: Submission) -> Response {
    let ip = client_ip(&form.parts, state.limits.trust_proxy);
    if !Limits::allow(&state.limits.concerns, ip) {
        tracing::warn!(%ip, "concerns rate limited");
        return form
            .refuse(&state, CONCERNS_PATH, AppError::RateLimited)
            .await;
    }
    let concern = match NewConcern::parse(&form.fields) {
        Ok(concern) => concern,
        Err(error) => return form.refuse(&state, CONCERNS_PATH, error).await,
    };
    match service::submit(&state.app.db, concern).await {
        Ok(_) => see_other(&format!(
            "{CONCERNS_PATH}?ok=concern_submitted#submit-heading"
        )),
        Err(error) => {
            form.refuse(&state, CONCERNS_PATH, AppError::from(error))
                .await
        }
    }
}

/// `POST /espace/preoccupations/{id}`: a moderator publishes, hides or merges a concern.
pub async fn moderate(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    let action = format!("{MODERATION_PATH}/{id}");
    // Back to the list the moderator was working on.
    let back = match form.field("statut") {
        "" => MODERATION_PATH.to_string(),
        status => format!("{MODERATION_PATH}?statut={}", urlencode(status)),
    };
    match service::moderate(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(ok) => {
            let separator = if back.contains('?') { '&' } else { '?' };
            see_other(&format!("{back}{separator}ok={ok}"))
        }
        Err(error) => form.refuse(&state, &action, error).await,
    }
}

fn urlencode(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// `GET /api/v1/concerns.json`: published concerns, never their contact details.
pub async fn concerns_json(State(state): State<ServerState>) -> Response {
    json_file(
        "concerns",
        service::open_data(&state.app.db).await,
        serde_json::json!({}),
    )
}

/// `GET /api/v1/concerns.csv`: the same rows as the JSON file.
pub async fn concerns_csv(State(state): State<ServerState>) -> Response {
    csv_file(service::open_data(&state.app.db).await)
}
