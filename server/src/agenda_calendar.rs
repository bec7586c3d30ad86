//! The public agenda as iCalendar: `GET /sessions/{number}/agenda.ics` (a feed to
//! subscribe to) and `GET /agenda/elements/{id}.ics` (one item to download). The text is
//! written by `app::agenda::ical`; here are the HTTP parts: language, caching, 404s.

use crate::ServerState;
use app::{
    agenda::{
        ical::{self, SessionInfo},
        public,
    },
    error::AppError,
    i18n::Lang,
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

/// The query string: `?lang=en` chooses the language over the request's headers (calendar
/// applications send neither cookie nor a useful `Accept-Language`).
#[derive(Debug, Deserialize)]
pub struct CalendarQuery {
    lang: Option<String>,
}

impl CalendarQuery {
    fn lang(&self, headers: &HeaderMap) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_else(|| Lang::of_request(headers))
    }
}

/// `GET /sessions/{number}/agenda.ics`: the session's public agenda, every item an event.
pub async fn session_feed(
    State(state): State<ServerState>,
    Path(number): Path<String>,
    Query(query): Query<CalendarQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = query.lang(&headers);
    let Ok(number) = number.parse::<i32>() else {
        return refuse(AppError::NotFound, lang);
    };
    let db = &state.app.db;
    let session = match public::session_by_number(db, number).await {
        Ok(Some(session)) => session,
        Ok(None) => return refuse(AppError::NotFound, lang),
        Err(error) => return refuse(error.into(), lang),
    };
    match ical::session_events(db, session.id).await {
        Ok(events) => {
            let body = ical::feed(&SessionInfo::of(&session, lang), &events, lang);
            calendar(body, &headers, None)
        }
        Err(error) => refuse(error.into(), lang),
    }
}

/// `GET /agenda/elements/{id}.ics`: one public item, as a file to import.
pub async fn item_file(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    Query(query): Query<CalendarQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = query.lang(&headers);
    // The router cannot match a parameter followed by a suffix in one segment.
    let Some(id) = file
        .strip_suffix(".ics")
        .and_then(|id| id.parse::<i32>().ok())
    else {
        return refuse(AppError::NotFound, lang);
    };
    match ical::item_event(&state.app.db, id).await {
        Ok(Some((session, event))) => {
            let body = ical::single(&SessionInfo::of(&session, lang), &event, lang);
            let disposition = format!("attachment; filename=\"ccmex-agenda-{id}.ics\"");
            calendar(body, &headers, Some(disposition))
        }
        Ok(None) => refuse(AppError::NotFound, lang),
        Err(error) => refuse(error.into(), lang),
    }
}

/// The calendar with its caching headers, or `304 Not Modified` when the reader's copy
/// (`If-None-Match`) is current.
fn calendar(body: String, request: &HeaderMap, disposition: Option<String>) -> Response {
    let etag = ical::etag(&body);
    let mut response = if matches(request, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = (StatusCode::OK, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        );
        if let Some(value) = disposition.and_then(|d| HeaderValue::from_str(&d).ok()) {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    response
}

/// Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`.
fn matches(request: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    let ours = opaque(etag);
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || opaque(tag) == ours)
}

/// A plain-text error in the reader's language; the cause of a 500 stays in the log
/// (`From<DbErr>` logs it).
fn refuse(error: AppError, lang: Lang) -> Response {
    let mut response = (error.status(), error.message(lang)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
