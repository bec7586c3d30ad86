//! `POST /diaspora/se-declarer`: an anonymous household declaration, once per browser and
//! within a per-IP limit (the checks and the write are in `app::diaspora`).

use crate::{
    ServerState,
    forms::{Submission, see_other},
    rate_limit::{Limits, client_ip},
};
use app::{
    diaspora::{DECLARE_PATH, DECLARED_COOKIE, FIGURES_PATH, NewDeclaration, admin, service},
    error::{AppError, FieldError},
    i18n::cookie_value,
};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::Response,
};
use chrono::Datelike;

/// Handles the declaration form.
pub async fn declare(State(state): State<ServerState>, form: Submission) -> Response {
    let already = form
        .parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| cookie_value(cookies, DECLARED_COOKIE).is_some());
    if already {
        let error =
            AppError::Validation(vec![FieldError::new("form", "diaspora_already_declared")]);
        return form.refuse(&state, DECLARE_PATH, error).await;
    }
    let ip = client_ip(&form.parts, state.limits.trust_proxy);
    if !Limits::allow(&state.limits.declarations, ip) {
        tracing::warn!(%ip, "declarations rate limited");
        return form
            .refuse(&state, DECLARE_PATH, AppError::RateLimited)
            .await;
    }
    let declaration = match NewDeclaration::parse(&form.fields, chrono::Utc::now().year()) {
        Ok(declaration) => declaration,
        Err(error) => return form.refuse(&state, DECLARE_PATH, error).await,
    };
    if let Err(error) = service::declare(&state.app.db, declaration).await {
        return form
            .refuse(&state, DECLARE_PATH, AppError::from(error))
            .await;
    }
    let mut response = see_other(&format!("{DECLARE_PATH}?ok=declared"));
    let secure = if state.https { "; Secure" } else { "" };
    let cookie =
        format!("{DECLARED_COOKIE}=1; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `POST /espace/diaspora`: a committee adds a figure.
pub async fn create_figure(State(state): State<ServerState>, form: Submission) -> Response {
    match admin::create(&state.app.db, form.principal(), &form.fields).await {
        Ok(_) => see_other(&format!("{FIGURES_PATH}?ok=figure_created")),
        Err(error) => form.refuse(&state, FIGURES_PATH, error).await,
    }
}

/// `POST /espace/diaspora/{id}`: a committee corrects a figure.
pub async fn update_figure(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    let action = format!("{FIGURES_PATH}/{id}");
    match admin::update(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(()) => see_other(&format!("{FIGURES_PATH}?ok=figure_updated")),
        Err(error) => form.refuse(&state, &action, error).await,
    }
}

/// `POST /espace/diaspora/{id}/supprimer`: a committee removes a figure.
pub async fn delete_figure(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    match admin::delete(&state.app.db, form.principal(), id).await {
        Ok(()) => see_other(&format!("{FIGURES_PATH}?ok=figure_deleted")),
        Err(error) => form.refuse(&state, FIGURES_PATH, error).await,
    }
}
