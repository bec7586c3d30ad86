//! Sessions and sign-in: the session layer, the middleware that resolves the signed-in
//! user once per request, and the account forms' handlers (thin: the checks and writes
//! are in `app`).

use crate::{
    ServerState,
    forms::{Submission, see_other},
    rate_limit::{Limits, client_ip},
};
use app::{
    accounts::{
        PASSWORD_PATH, SIGN_IN_PATH,
        auth::{self, SignedIn},
        change_password::change_password,
        safe_next,
        session_store::DbSessionStore,
    },
    error::AppError,
    users::{self, USERS_PATH},
};
use axum::{
    extract::{Path, Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;
use tower_sessions::{
    Expiry, SessionManagerLayer,
    cookie::{SameSite, time},
};

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub lifetime: Duration,
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(2 * 3600),
            lifetime: Duration::from_secs(12 * 3600),
        }
    }
}

/// Name of the session cookie over plain HTTP (local use).
pub const SESSION_COOKIE: &str = "ccmex_session";
/// Name over HTTPS: the `__Host-` prefix binds it to this host, path `/` and `Secure`.
pub const SECURE_SESSION_COOKIE: &str = "__Host-ccmex_session";

/// The session layer: sessions stored in the database, an `HttpOnly`, `SameSite=Lax`
/// cookie (`Secure` and `__Host-` over HTTPS), refreshed on each use until idle.
pub fn session_layer(state: &ServerState) -> SessionManagerLayer<DbSessionStore> {
    let idle =
        time::Duration::seconds(i64::try_from(state.sessions.idle.as_secs()).unwrap_or(i64::MAX));
    let name = if state.https {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    };
    SessionManagerLayer::new(DbSessionStore::new(state.app.db.clone()))
        .with_name(name)
        .with_secure(state.https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
        .with_always_save(true)
}

/// Resolves the signed-in user into the request's extensions, and sends anonymous
/// visitors of the workspace's pages to the sign-in page.
pub async fn resolve_user(
    State(state): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request
        .extensions()
        .get::<tower_sessions::Session>()
        .cloned();
    let user = match session {
        Some(session) => {
            match auth::resolve(&state.app.db, &session, state.sessions.lifetime).await {
                Ok(user) => user,
                Err(error) => return error_page(error),
            }
        }
        None => None,
    };
    let path = request.uri().path();
    let is_workspace = path == "/espace" || path.starts_with("/espace/");
    if user.is_none() && is_workspace && request.method() == Method::GET {
        let target = request
            .uri()
            .path_and_query()
            .map_or(path, |pq| pq.as_str())
            .to_string();
        let query = serde_urlencoded::to_string([("suivant", target)]).unwrap_or_default();
        return see_other(&format!("{SIGN_IN_PATH}?{query}"));
    }
    request.extensions_mut().insert(SignedIn(user));
    next.run(request).await
}

fn error_page(error: AppError) -> Response {
    (error.status(), error.to_string()).into_response()
}

/// `POST /connexion`.
pub async fn sign_in(State(state): State<ServerState>, form: Submission) -> Response {
    let ip = client_ip(&form.parts, state.limits.trust_proxy);
    if !Limits::allow(&state.limits.sign_in, ip) {
        tracing::warn!(%ip, "sign-in rate limited");
        return form
            .refuse(&state, SIGN_IN_PATH, AppError::RateLimited)
            .await;
    }
    let result = match form.session() {
        Ok(session) => {
            auth::sign_in(
                &state.app.db,
                &state.app.hashing,
                &session,
                form.field("email"),
                form.field("password"),
            )
            .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(user) => {
            tracing::info!(user = user.id, "signed in");
            see_other(safe_next(form.field("suivant")))
        }
        Err(error) => {
            if error == AppError::BadCredentials {
                tracing::info!(%ip, "sign-in failed");
            }
            form.refuse(&state, SIGN_IN_PATH, error).await
        }
    }
}

/// `POST /deconnexion`: ends the session on the server, then the cookie.
pub async fn sign_out(form: Submission) -> Response {
    if let Ok(session) = form.session()
        && let Err(error) = auth::sign_out(&session).await
    {
        return error_page(error);
    }
    see_other(&format!("{SIGN_IN_PATH}?ok=signed_out"))
}

/// `POST /espace/mot-de-passe`: each account has its own counter of attempts, so a stolen
/// session cannot be used to guess the current password.
pub async fn change_own_password(State(state): State<ServerState>, form: Submission) -> Response {
    if let Some(user) = form.principal()
        && !Limits::allow(&state.limits.password_changes, user.id)
    {
        tracing::warn!(user = user.id, "password change rate limited");
        return form
            .refuse(&state, PASSWORD_PATH, AppError::RateLimited)
            .await;
    }
    let result = match form.session() {
        Ok(session) => {
            change_password(
                &state.app.db,
                &state.app.hashing,
                &session,
                form.principal(),
                form.field("current_password"),
                form.field("new_password"),
                form.field("confirm_password"),
            )
            .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => see_other(&format!("{PASSWORD_PATH}?ok=password_changed")),
        Err(error) => form.refuse(&state, PASSWORD_PATH, error).await,
    }
}

/// `POST /espace/utilisateurs`: creates an account.
pub async fn create_user(State(state): State<ServerState>, form: Submission) -> Response {
    match users::service::create(
        &state.app.db,
        &state.app.hashing,
        form.principal(),
        &form.fields,
    )
    .await
    {
        Ok(_) => see_other(&format!("{USERS_PATH}?ok=user_created")),
        Err(error) => form.refuse(&state, USERS_PATH, error).await,
    }
}

/// `POST /espace/utilisateurs/{id}`: edits an account.
pub async fn update_user(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    let action = format!("{USERS_PATH}/{id}");
    match users::service::update(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(()) => see_other(&format!("{action}?ok=user_updated")),
        Err(error) => form.refuse(&state, &action, error).await,
    }
}
