//! Plain form posts (they work with JavaScript off): reading the fields, redirecting after
//! success, and rendering the page again with the errors and the values typed.

use crate::{BODY_LIMIT_BYTES, ServerState};
use app::{
    accounts::Principal,
    accounts::auth::SignedIn,
    error::AppError,
    forms::{Fields, PostedForm},
};
use axum::{
    body::Body,
    extract::{FromRequest, Request},
    http::{Method, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use tower_sessions::Session;

/// A submitted `application/x-www-form-urlencoded` form and the request it came with.
pub struct Submission {
    /// The request, without its body.
    pub parts: Parts,
    /// The fields (the last value wins for a repeated name).
    pub fields: Fields,
}

impl<S: Send + Sync> FromRequest<S> for Submission {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, BODY_LIMIT_BYTES)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| (StatusCode::BAD_REQUEST, "malformed form").into_response())?;
        Ok(Submission {
            parts,
            fields: fields.into_iter().collect(),
        })
    }
}

impl Submission {
    /// A field's value, or `""`.
    pub fn field(&self, name: &str) -> &str {
        app::forms::field(&self.fields, name)
    }

    /// The signed-in user, as resolved by the session middleware.
    pub fn principal(&self) -> Option<Principal> {
        self.parts
            .extensions
            .get::<SignedIn>()
            .and_then(|s| s.0.clone())
    }

    /// The browser's session.
    pub fn session(&self) -> Result<Session, AppError> {
        self.parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| {
                tracing::error!("session layer missing");
                AppError::Internal
            })
    }

    /// Answers a refused submission: the form's page rendered again with `error`, the
    /// values typed (never passwords) and the error's status.
    pub async fn refuse(self, state: &ServerState, action: &str, error: AppError) -> Response {
        let values = self
            .fields
            .into_iter()
            .filter(|(name, _)| !name.contains("password"))
            .collect();
        let posted = PostedForm {
            action: action.to_string(),
            values,
            error: Some(error.clone()),
        };
        let mut parts = self.parts;
        parts.method = Method::GET;
        let request = Request::from_parts(parts, Body::empty());
        let app_state = state.app.clone();
        let options = state.leptos_options.clone();
        let render = leptos_axum::render_app_async_with_context(
            move || {
                provide_context(app_state.clone());
                provide_context(posted.clone());
            },
            move || app::shell(options.clone()),
        );
        let mut response = render(request).await;
        *response.status_mut() = error.status();
        if let Some(secs) = error.retry_after_secs() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
        }
        response
    }
}

/// 303 See Other to a local path: the answer to a successful post.
pub fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}
