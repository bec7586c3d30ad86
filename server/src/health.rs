//! `/healthz`: is this process able to serve, database included?

use crate::ServerState;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

/// 200 when the database answers, 503 otherwise (the cause goes to the log).
pub async fn healthz(State(state): State<ServerState>) -> impl IntoResponse {
    match state.app.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(error) => {
            tracing::error!(%error, "health check: database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unavailable" })),
            )
        }
    }
}
