//! Open data files (`/api/v1/…`): aggregates only, UTF-8, documented in
//! `docs/OPEN_DATA.md`. The JSON and CSV of one dataset hold the same rows in the same order.

use crate::{ServerState, csv_writer::to_csv};
use app::{diaspora, error::AppError};
use axum::{
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Anyone may read open data, from any site; it changes slowly.
pub(crate) fn headers(mut response: Response, content_type: &'static str) -> Response {
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

pub(crate) fn failure(error: AppError) -> Response {
    (error.status(), error.to_string()).into_response()
}

/// A dataset as a JSON document: its name, where it is documented, `extra` fields and the
/// rows (the same rows, in the same order, as its CSV file).
pub(crate) fn json_file<T: Serialize>(
    dataset: &str,
    rows: Result<Vec<T>, sea_orm::DbErr>,
    extra: serde_json::Value,
) -> Response {
    let rows = match rows {
        Ok(rows) => rows,
        Err(error) => return failure(error.into()),
    };
    let mut body = serde_json::json!({
        "dataset": dataset,
        "documentation": "docs/OPEN_DATA.md in the source repository",
    });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    // A row that cannot be written is a fault to fix, never a `null` to publish.
    body["rows"] = match serde_json::to_value(rows) {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, dataset, "open data rows could not be serialised");
            return failure(AppError::Internal);
        }
    };
    headers(
        (StatusCode::OK, body.to_string()).into_response(),
        "application/json; charset=utf-8",
    )
}

/// A dataset as a CSV file with a header line.
pub(crate) fn csv_file<T: Serialize>(rows: Result<Vec<T>, sea_orm::DbErr>) -> Response {
    let rows = match rows {
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

/// `GET /api/v1/diaspora.json`.
pub async fn diaspora_json(State(state): State<ServerState>) -> Response {
    json_file(
        "diaspora",
        diaspora::service::open_data(&state.app.db).await,
        serde_json::json!({ "privacy_threshold": diaspora::PRIVACY_THRESHOLD }),
    )
}

/// `GET /api/v1/diaspora.csv`.
pub async fn diaspora_csv(State(state): State<ServerState>) -> Response {
    csv_file(diaspora::service::open_data(&state.app.db).await)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::ser::Error as _;

    /// A row whose serialisation fails (as a map with non-string keys would).
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("cannot be written"))
        }
    }

    #[test]
    fn rows_that_cannot_be_serialised_answer_500_instead_of_publishing_null() {
        let json = json_file("test", Ok(vec![Unwritable]), serde_json::json!({}));
        assert_eq!(json.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let csv = csv_file(Ok(vec![Unwritable]));
        assert_eq!(csv.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
