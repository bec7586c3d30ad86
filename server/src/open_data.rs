//! Open data files (`/api/v1/…`): aggregates only, UTF-8, documented in
//! `docs/OPEN_DATA.md`. The JSON and CSV of one dataset hold the same rows in the same order.

use crate::ServerState;
use app::{diaspora, error::AppError};
use axum::{
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Anyone may read open data, from any site; it changes slowly.
fn headers(mut response: Response, content_type: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

fn failure(error: AppError) -> Response {
    (error.status(), error.to_string()).into_response()
}

/// The rows as CSV with a header line.
fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(|error| {
            tracing::error!(%error, "csv");
            AppError::Internal
        })?;
    }
    let bytes = writer.into_inner().map_err(|error| {
        tracing::error!(%error, "csv");
        AppError::Internal
    })?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// `GET /api/v1/diaspora.json`.
pub async fn diaspora_json(State(state): State<ServerState>) -> Response {
    match diaspora::service::open_data(&state.app.db).await {
        Ok(rows) => {
            let body = serde_json::json!({
                "dataset": "diaspora",
                "documentation": "docs/OPEN_DATA.md in the source repository",
                "privacy_threshold": diaspora::PRIVACY_THRESHOLD,
                "rows": rows,
            });
            headers(
                (StatusCode::OK, body.to_string()).into_response(),
                "application/json; charset=utf-8",
            )
        }
        Err(error) => failure(error.into()),
    }
}

/// `GET /api/v1/diaspora.csv`.
pub async fn diaspora_csv(State(state): State<ServerState>) -> Response {
    let rows = match diaspora::service::open_data(&state.app.db).await {
        Ok(rows) => rows,
        Err(error) => return failure(error.into()),
    };
    match to_csv(&rows) {
        Ok(text) => headers(
            (StatusCode::OK, text).into_response(),
            "text/csv; charset=utf-8",
        ),
        Err(error) => failure(error),
    }
}

/// `GET /diaspora/carte.svg`: the world map shaded by the current figures, in the visitor's
/// language (for the countries' names).
pub async fn diaspora_map(
    State(state): State<ServerState>,
    request_headers: axum::http::HeaderMap,
) -> Response {
    let lang = app::i18n::Lang::of_request(&request_headers);
    match diaspora::service::countries(&state.app.db, lang).await {
        Ok(rows) => {
            let mut response = headers(
                (StatusCode::OK, diaspora::map::render(&rows, lang)).into_response(),
                "image/svg+xml; charset=utf-8",
            );
            response.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            );
            response
        }
        Err(error) => failure(error.into()),
    }
}
