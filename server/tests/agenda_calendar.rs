//! The public agenda as iCalendar through the real router, on SQLite and PostgreSQL: the
//! session's feed parses back (with the `icalendar` crate) into one event per public item
//! as stored; an edit keeps the event's UID and raises its SEQUENCE; one item downloads as
//! an attachment; unknown sessions and items are 404; `If-None-Match` gets a 304.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{agenda_item, agenda_public_item, session};
use axum::http::{StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use common::{TestApp, text};
use icalendar::parser::{Component, read_calendar, unfold};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

const FEED: &str = "/sessions/1/agenda.ics";

/// The seeded first session.
async fn first_session(app: &TestApp) -> session::Model {
    session::Entity::find()
        .filter(session::Column::Number.eq(1))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the seed loads session 1")
}

/// The session's rows in `agenda_public_items`.
async fn public_rows(app: &TestApp, session_id: i32) -> Vec<agenda_public_item::Model> {
    agenda_public_item::Entity::find()
        .filter(agenda_public_item::Column::SessionId.eq(session_id))
        .all(&app.db)
        .await
        .unwrap()
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Every physical line ends with CRLF and holds at most 75 octets (RFC 5545 §3.1).
fn assert_folded(body: &str) {
    assert!(body.ends_with("\r\n"), "CRLF at the end");
    for line in body.trim_end_matches("\r\n").split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

/// The calendar's own properties and its events, parsed back from `body`.
struct Parsed {
    properties: Vec<(String, String)>,
    events: Vec<Event>,
}

/// One VEVENT's properties, unescaped by the parser.
struct Event(Vec<(String, String)>);

impl Event {
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{name} in the event"))
    }
}

fn properties(component: &Component<'_>) -> Vec<(String, String)> {
    component
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect()
}

fn parse(body: &str) -> Parsed {
    assert_folded(body);
    let unfolded = unfold(body);
    let calendar = read_calendar(&unfolded).expect("the feed parses as iCalendar");
    let events = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| Event(properties(c)))
        .collect();
    let properties = calendar
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect();
    Parsed { properties, events }
}

fn calendar_property<'a>(parsed: &'a Parsed, name: &str) -> &'a str {
    parsed
        .properties
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{name} on the calendar"))
}

fn event_with_uid(parsed: &Parsed, id: i32) -> &Event {
    let uid = format!("agenda-item-{id}@ccmex.ml");
    parsed
        .events
        .iter()
        .find(|e| e.get("UID") == uid)
        .unwrap_or_else(|| panic!("an event {uid}"))
}

/// `GET path`, expecting 200: the ETag and the body.
async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (String, String) {
    let response = app.get(path, headers).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=60"
    );
    let etag = response.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_string();
    (etag, text(response).await)
}

on_both_databases! {
    async fn the_session_feed_holds_one_event_per_public_item_as_stored(backend: Backend) {
        // Arrange
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let rows = public_rows(&app, session.id).await;
        assert!(rows.len() > 3, "the seed publishes the first session's agenda");

        // Act
        let (_, body) = fetch(&app, FEED, &[]).await;
        let parsed = parse(&body);

        // Assert
        assert_eq!(calendar_property(&parsed, "VERSION"), "2.0");
        assert_eq!(calendar_property(&parsed, "PRODID"), "-//CCMEX//Agenda//FR");
        assert_eq!(calendar_property(&parsed, "METHOD"), "PUBLISH");
        assert_eq!(calendar_property(&parsed, "X-WR-CALNAME"), session.title_fr);
        assert_eq!(calendar_property(&parsed, "X-WR-TIMEZONE"), "Africa/Bamako");
        assert_eq!(parsed.events.len(), rows.len());
        for row in &rows {
            let event = event_with_uid(&parsed, row.id);
            assert_eq!(event.get("SUMMARY"), row.title_fr);
            assert_eq!(event.get("DTSTART"), utc(row.starts_at));
            assert_eq!(event.get("DTEND"), utc(row.ends_at));
            assert_eq!(event.get("DTSTAMP"), utc(row.updated_at));
            assert_eq!(event.get("SEQUENCE"), row.version.to_string());
            let location = match &row.room {
                Some(room) => format!("{room}, {}", session.venue_fr),
                None => session.venue_fr.clone(),
            };
            assert_eq!(event.get("LOCATION"), location);
            assert_eq!(event.get("STATUS"), "CONFIRMED");
        }
    }
}

on_both_databases! {
    async fn an_edited_item_keeps_its_uid_and_gets_a_higher_sequence(backend: Backend) {
        // Arrange
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let rows = public_rows(&app, session.id).await;
        let (before_tag, before) = fetch(&app, FEED, &[]).await;
        let before = parse(&before);
        let row = rows[1].clone();
        let old_sequence: i32 = event_with_uid(&before, row.id).get("SEQUENCE").parse().unwrap();
        let cancelled = rows[2].clone();

        // Act: the committees publish a new version of one item and cancel another.
        let starts_at = row.starts_at + Duration::minutes(45);
        let ends_at = row.ends_at + Duration::minutes(45);
        let mut edit: agenda_public_item::ActiveModel = row.clone().into();
        edit.title_fr = Set("Plénière déplacée ; salle B, 2e étage".into());
        edit.starts_at = Set(starts_at);
        edit.ends_at = Set(ends_at);
        edit.version = Set(row.version + 1);
        edit.updated_at = Set(Utc::now());
        edit.update(&app.db).await.unwrap();
        let mut cancel: agenda_public_item::ActiveModel = cancelled.clone().into();
        cancel.status = Set("cancelled".into());
        cancel.version = Set(cancelled.version + 1);
        cancel.update(&app.db).await.unwrap();
        let (after_tag, after) = fetch(&app, FEED, &[]).await;
        let after = parse(&after);

        // Assert
        assert_ne!(after_tag, before_tag, "a new version has a new ETag");
        assert_eq!(after.events.len(), rows.len());
        let event = event_with_uid(&after, row.id);
        assert_eq!(event.get("SUMMARY"), "Plénière déplacée ; salle B, 2e étage");
        assert_eq!(event.get("DTSTART"), utc(starts_at));
        assert_eq!(event.get("DTEND"), utc(ends_at));
        let new_sequence: i32 = event.get("SEQUENCE").parse().unwrap();
        assert!(new_sequence > old_sequence, "{new_sequence} > {old_sequence}");
        assert_eq!(event_with_uid(&after, cancelled.id).get("STATUS"), "CANCELLED");
    }
}

on_both_databases! {
    async fn the_feed_speaks_english_when_asked_by_query_or_header(backend: Backend) {
        // Arrange
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let row = public_rows(&app, session.id).await.remove(0);

        // Act
        let (query_tag, by_query) = fetch(&app, &format!("{FEED}?lang=en"), &[]).await;
        let (header_tag, by_header) = fetch(&app, FEED, &[("accept-language", "en-GB,en;q=0.8")]).await;
        let (french_tag, _) = fetch(&app, FEED, &[]).await;

        // Assert
        assert_eq!(by_query, by_header);
        assert_eq!(query_tag, header_tag);
        assert_ne!(query_tag, french_tag, "each language has its own ETag");
        let parsed = parse(&by_query);
        assert_eq!(calendar_property(&parsed, "X-WR-CALNAME"), session.title_en);
        assert_eq!(event_with_uid(&parsed, row.id).get("SUMMARY"), row.title_en);
    }
}

on_both_databases! {
    async fn one_item_downloads_as_an_attachment_with_the_feed_s_uid(backend: Backend) {
        // Arrange
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let row = public_rows(&app, session.id).await.remove(3);
        let path = app::agenda::item_calendar_path(row.id);

        // Act
        let response = app.get(&path, &[]).await;

        // Assert
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"ccmex-agenda-{}.ics\"", row.id).as_str()
        );
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        let parsed = parse(&text(response).await);
        assert_eq!(parsed.events.len(), 1);
        let event = event_with_uid(&parsed, row.id);
        assert_eq!(event.get("SUMMARY"), row.title_fr);
        assert_eq!(event.get("DTSTART"), utc(row.starts_at));
    }
}

on_both_databases! {
    async fn unknown_sessions_and_items_and_drafts_are_not_found(backend: Backend) {
        // Arrange: a draft item, never published.
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let now = Utc::now();
        let draft = agenda_item::ActiveModel {
            session_id: Set(session.id),
            position: Set(99),
            starts_at: Set(now),
            ends_at: Set(now + Duration::hours(1)),
            kind: Set("workshop".into()),
            title_fr: Set("Brouillon".into()),
            title_en: Set("Draft".into()),
            status: Set("scheduled".into()),
            published: Set(false),
            removed: Set(false),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();

        for path in [
            "/sessions/99/agenda.ics".to_string(),
            "/sessions/premiere/agenda.ics".to_string(),
            app::agenda::item_calendar_path(999_999),
            app::agenda::item_calendar_path(draft.id),
            "/agenda/elements/abc.ics".to_string(),
            format!("/agenda/elements/{}", draft.id),
        ] {
            // Act
            let response = app.get(&path, &[]).await;

            // Assert
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            assert!(!text(response).await.contains("BEGIN:VCALENDAR"), "{path}");
        }
    }
}

on_both_databases! {
    async fn a_reader_with_the_current_version_gets_304(backend: Backend) {
        // Arrange
        let app = TestApp::seeded(backend).await;
        let (etag, _) = fetch(&app, FEED, &[]).await;

        // Act
        let listed = format!("\"old\", {etag}");
        let current = app.get(FEED, &[("if-none-match", etag.as_str())]).await;
        let among_others = app.get(FEED, &[("if-none-match", listed.as_str())]).await;
        let stale = app.get(FEED, &[("if-none-match", "W/\"0123\"")]).await;

        // Assert
        assert_eq!(current.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(current.headers()[header::ETAG], etag.as_str());
        assert_eq!(current.headers()[header::CACHE_CONTROL], "public, max-age=60");
        assert!(text(current).await.is_empty());
        assert_eq!(among_others.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(stale.status(), StatusCode::OK);
        assert!(text(stale).await.starts_with("BEGIN:VCALENDAR\r\n"));
    }
}
