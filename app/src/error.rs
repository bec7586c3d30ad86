//! The one error type the browser sees.
//!
//! Details of internal failures stay in the server log; the user gets a translated,
//! actionable message and the matching HTTP status.

use crate::i18n::Lang;
use http::StatusCode;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// One invalid field of a form: the field's name and the translation key of its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`.
    pub field: String,
    /// What is wrong, as a message key understood by the form.
    pub code: String,
}

impl FieldError {
    /// `field` is invalid; `code` is the translation key of the message that says why.
    pub fn new(field: &str, code: &str) -> Self {
        Self {
            field: field.to_string(),
            code: code.to_string(),
        }
    }

    /// The message in `lang` (the generic one if the code has no translation).
    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.strings();
        t.get(&self.code).unwrap_or(t.error_validation())
    }
}

/// Errors returned by server functions and pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input is invalid; each field says why.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// The thing asked for does not exist (or is not visible to this user).
    #[error("not found")]
    NotFound,
    /// Someone else changed the data first.
    #[error("conflict")]
    Conflict,
    /// The user must sign in.
    #[error("unauthorized")]
    Unauthorized,
    /// Wrong e-mail address or password (one message for both).
    #[error("bad credentials")]
    BadCredentials,
    /// The user is signed in but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Too many requests.
    #[error("rate limited")]
    RateLimited,
    /// A dependency (the database) is down.
    #[error("service unavailable")]
    Unavailable,
    /// Too many password checks at once: try again in a few seconds (`Retry-After`).
    #[error("busy")]
    Busy,
    /// Anything else: the cause is in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached the server or its answer could not be read.
    #[error("network error")]
    Network,
}

impl AppError {
    /// The HTTP status that goes with the error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Network => StatusCode::BAD_GATEWAY,
        }
    }

    /// The message shown to the user, in their language.
    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            AppError::Validation(_) => t.error_validation(),
            AppError::NotFound => t.error_not_found(),
            AppError::Conflict => t.error_conflict(),
            AppError::Unauthorized => t.error_unauthorized(),
            AppError::BadCredentials => t.error_bad_credentials(),
            AppError::Forbidden => t.error_forbidden(),
            AppError::RateLimited => t.error_rate_limited(),
            AppError::Unavailable => t.error_unavailable(),
            AppError::Busy => t.error_busy(),
            AppError::Internal => t.error_internal(),
            AppError::Network => t.error_network(),
        }
    }

    /// The seconds a client should wait before trying again, for errors that pass.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::RateLimited => Some(60),
            AppError::Busy => Some(5),
            _ => None,
        }
    }

    /// Sets the status of the response being built (page or server function) to this
    /// error's, and returns the error. Server functions return `Err(e.respond())`.
    #[cfg(feature = "ssr")]
    pub fn respond(self) -> Self {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.status());
        }
        self
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Validation(Vec::new())
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            DbErr::RecordNotFound(_) => AppError::NotFound,
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                tracing::error!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_maps_to_a_client_or_server_status_that_matches_its_meaning() {
        assert_eq!(AppError::Validation(vec![]).status().as_u16(), 422);
        assert_eq!(AppError::NotFound.status().as_u16(), 404);
        assert_eq!(AppError::Unauthorized.status().as_u16(), 401);
        assert_eq!(AppError::Forbidden.status().as_u16(), 403);
        assert_eq!(AppError::RateLimited.status().as_u16(), 429);
        assert_eq!(AppError::Busy.status().as_u16(), 503);
        assert_eq!(AppError::Internal.status().as_u16(), 500);
    }

    #[test]
    fn errors_survive_the_trip_to_the_browser() {
        let error = AppError::Validation(vec![FieldError {
            field: "email".into(),
            code: "invalid".into(),
        }]);
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }

    #[test]
    fn messages_are_translated() {
        assert_ne!(
            AppError::Internal.message(Lang::Fr),
            AppError::Internal.message(Lang::En)
        );
    }
}
