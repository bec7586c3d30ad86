//! Participation requests, the committees' side: session settings, assignment and decisions
//! (form posts), the committees' CSV export (not open data: it holds contact details), and
//! the public directory's open data files. The rules and writes are in `app::participation`.

use crate::{
    ServerState,
    csv_writer::to_csv,
    forms::{Submission, see_other},
    open_data::{csv_file, failure, json_file},
};
use app::{
    accounts::auth::SignedIn,
    participation::{
        ReviewFilter, assign_path, decision_path, directory_service, request_path, review,
        settings::service as settings, settings_path,
    },
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

/// `POST /espace/sessions/{number}/participation`: saves a session's settings.
pub async fn update_settings(
    State(state): State<ServerState>,
    Path(number): Path<i32>,
    form: Submission,
) -> Response {
    let action = settings_path(number);
    match settings::update(&state.app.db, form.principal(), number, &form.fields).await {
        Ok(()) => see_other(&format!("{action}?ok=settings_saved")),
        Err(error) => form.refuse(&state, &action, error).await,
    }
}

/// Answers a refused post on the request's page (the post's own address is not a page).
async fn refuse_on_request(
    mut form: Submission,
    state: &ServerState,
    id: i32,
    action: &str,
    error: app::error::AppError,
) -> Response {
    if let Ok(uri) = request_path(id).parse() {
        form.parts.uri = uri;
    }
    form.refuse(state, action, error).await
}

/// `POST /espace/demandes/{id}/attribuer`: assigns a request to a reviewer (or nobody).
pub async fn assign(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    match review::assign(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(()) => see_other(&format!("{}?ok=review_assigned", request_path(id))),
        Err(error) => refuse_on_request(form, &state, id, &assign_path(id), error).await,
    }
}

/// `POST /espace/demandes/{id}/decision`: approves, rejects, asks for information,
/// waitlists or revokes a request.
pub async fn decide(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    match review::decide(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(ok) => see_other(&format!("{}?ok={ok}", request_path(id))),
        Err(error) => refuse_on_request(form, &state, id, &decision_path(id), error).await,
    }
}

/// `GET /espace/demandes/export.csv`: the requests matching the list's filters, for the
/// committees. Private: never cached, never shared with other sites.
pub async fn export(
    State(state): State<ServerState>,
    parts: Parts,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let caller = parts.extensions.get::<SignedIn>().and_then(|s| s.0.clone());
    let filter = ReviewFilter::from_query(|name| query.get(name).cloned());
    let rows = match review::export(&state.app.db, caller, &filter).await {
        Ok(rows) => rows,
        Err(error) => return failure(error),
    };
    match to_csv(&rows) {
        Ok(text) => {
            let mut response = (StatusCode::OK, text).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"demandes-participation.csv\""),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => failure(error),
    }
}

/// `GET /api/v1/organisations.json`: the public directory, never contact details.
pub async fn organisations_json(State(state): State<ServerState>) -> Response {
    json_file(
        "organisations",
        directory_service::open_data(&state.app.db).await,
        serde_json::json!({}),
    )
}

/// `GET /api/v1/organisations.csv`: the same rows as the JSON file.
pub async fn organisations_csv(State(state): State<ServerState>) -> Response {
    csv_file(directory_service::open_data(&state.app.db).await)
}
