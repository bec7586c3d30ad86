//! The public agenda and its live stream, through the real router: the page in full
//! without JavaScript, changes pushed to viewers within a second (also from another
//! process on PostgreSQL), catching up after a cut, slow viewers dropped, a full server
//! turning viewers away until a place frees, the changelog, and the page cache (one
//! rendering a second for anonymous visitors, kept compressed in each coding).
#![expect(clippy::expect_used, reason = "a test fails by panicking")]

mod common;

use app::{
    agenda::{ItemStatus, LiveMessage, live::LiveHub, live::VIEWER_BUFFER, public},
    entities::{agenda_item, agenda_public_item},
    state::begin_write,
};
use axum::{Router, body::Body, http::Request, response::Response};
use common::{Backend, TestApp, text};
use http_body_util::BodyExt;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use server::agenda_live::ViewerLimit;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The first public item of session 1 and the session's last sequence number.
async fn first_item(db: &DatabaseConnection) -> agenda_item::Model {
    agenda_item::Entity::find()
        .order_by_asc(agenda_item::Column::StartsAt)
        .one(db)
        .await
        .expect("query")
        .expect("the seed has items")
}

/// Changes an item's status the way the editor does it, then tells `hub`.
async fn set_status(
    db: &DatabaseConnection,
    hub: &LiveHub,
    item: &agenda_item::Model,
    status: ItemStatus,
) -> i64 {
    let txn = begin_write(db).await.expect("begin");
    let seq = public::set_status_now(&txn, item, status)
        .await
        .expect("status change")
        .expect("the item is public");
    txn.commit().await.expect("commit");
    hub.changed(item.session_id).await;
    seq
}

/// An open event stream.
struct Stream {
    body: Body,
    buffer: String,
}

impl Stream {
    async fn open(router: &Router, path: &str, last_event_id: Option<i64>) -> Stream {
        let mut request = Request::get(path);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response: Response = router
            .clone()
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().expect("ascii"),
            "text/event-stream"
        );
        Stream {
            body: response.into_body(),
            buffer: String::new(),
        }
    }

    /// The next `change` event's message, waiting at most `limit`; `None` if the stream
    /// ended or nothing came.
    async fn next_change(&mut self, limit: Duration) -> Option<LiveMessage> {
        let deadline = Instant::now() + limit;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if block.lines().any(|l| l == "event: change") {
                    let data: String = block
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect();
                    return Some(serde_json::from_str(&data).expect("a live message"));
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.body.frame()).await {
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        self.buffer.push_str(&String::from_utf8_lossy(&data));
                    }
                }
                _ => return None,
            }
        }
    }

    /// Whether the stream ends within `limit` (after reading what is buffered).
    async fn ends_within(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return false;
            };
            match tokio::time::timeout(left, self.body.frame()).await {
                Ok(None) => return true,
                Ok(Some(_)) => continue,
                Err(_) => return false,
            }
        }
    }
}

on_both_databases! {
    async fn the_public_agenda_is_complete_without_javascript(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let html = text(app.get("/agenda", &[]).await).await;
        let items = agenda_public_item::Entity::find().all(&app.db).await.expect("items");
        assert_eq!(items.len(), 20);
        for item in &items {
            assert!(html.contains(&item.title_fr), "{} missing", item.title_fr);
        }
        assert!(html.contains("Heure de Bamako (UTC)"));
        assert!(html.contains("09:30"));
        assert!(html.contains("/sessions/1/agenda.ics"));
        let english = text(app.get("/sessions/1/agenda", &[("cookie", "ccmex_lang=en")]).await).await;
        assert!(english.contains("Official opening ceremony"));
        assert!(english.contains("Bamako time (UTC)"));
        assert_eq!(app.get("/sessions/99/agenda", &[]).await.status(), 404);
        assert_eq!(app.get("/sessions/99/agenda/direct", &[]).await.status(), 404);
    }
}

on_both_databases! {
    async fn a_viewer_receives_a_status_change_within_a_second(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let item = first_item(&app.db).await;
        let since = public::last_seq(&app.db, item.session_id).await.expect("seq");
        let mut viewer = Stream::open(&app.router, &format!("/sessions/1/agenda/direct?since={since}"), None).await;
        // Nothing was missed: no catch-up message.
        assert!(viewer.next_change(Duration::from_millis(200)).await.is_none());
        let started = Instant::now();
        let seq = set_status(&app.db, &app.live, &item, ItemStatus::InProgress).await;
        let message = viewer.next_change(Duration::from_secs(1)).await.expect("pushed within a second");
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(message.seq, seq);
        assert!(!message.reset);
        assert_eq!(message.items.len(), 1);
        assert_eq!(message.items[0].id, item.id);
        assert_eq!(message.items[0].status, "in_progress");
        // The page and the changelog say so too.
        let html = text(app.get("/agenda", &[]).await).await;
        assert!(html.contains(&format!("data-seq=\"{seq}\"")));
        let changes = text(app.get("/agenda/changements", &[]).await).await;
        assert!(changes.contains("Nouveau statut"), "{changes}");
        assert!(changes.contains("En cours"));
    }
}

on_both_databases! {
    async fn a_viewer_catches_up_on_what_it_missed_after_a_cut(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let item = first_item(&app.db).await;
        let before = public::last_seq(&app.db, item.session_id).await.expect("seq");
        // Changes while the viewer is away.
        set_status(&app.db, &app.live, &item, ItemStatus::InProgress).await;
        let last = set_status(&app.db, &app.live, &item, ItemStatus::Done).await;
        // The browser reconnects with the last id it saw.
        let mut viewer = Stream::open(&app.router, "/sessions/1/agenda/direct", Some(before)).await;
        let missed = viewer.next_change(Duration::from_secs(1)).await.expect("catch-up");
        assert_eq!(missed.seq, last);
        assert!(!missed.reset);
        assert_eq!(missed.items.len(), 1);
        assert_eq!(missed.items[0].status, "done");
        // A viewer with nothing (or from another database) gets the whole agenda.
        let mut fresh = Stream::open(&app.router, "/sessions/1/agenda/direct", None).await;
        let whole = fresh.next_change(Duration::from_secs(1)).await.expect("whole agenda");
        assert!(whole.reset);
        assert_eq!(whole.items.len(), 20);
        let mut ahead = Stream::open(&app.router, "/sessions/1/agenda/direct", Some(last + 1000)).await;
        assert!(ahead.next_change(Duration::from_secs(1)).await.expect("reset").reset);
    }
}

on_both_databases! {
    async fn a_slow_viewer_is_dropped_and_the_others_get_everything(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let item = first_item(&app.db).await;
        let since = public::last_seq(&app.db, item.session_id).await.expect("seq");
        let path = format!("/sessions/1/agenda/direct?since={since}");
        let mut slow = Stream::open(&app.router, &path, None).await;
        let mut fast = Stream::open(&app.router, &path, None).await;
        let changes = VIEWER_BUFFER + 8;
        let mut last = 0;
        for round in 0..changes {
            let status = if round % 2 == 0 { ItemStatus::InProgress } else { ItemStatus::Done };
            last = set_status(&app.db, &app.live, &item, status).await;
            let message = fast.next_change(Duration::from_secs(1)).await.expect("fast viewer keeps up");
            assert_eq!(message.seq, last);
        }
        // The slow one never read: it is disconnected, not waited for.
        assert!(slow.ends_within(Duration::from_secs(2)).await);
        // Reconnecting from what it had, it catches up in one message.
        let mut again = Stream::open(&app.router, &path, None).await;
        assert_eq!(again.next_change(Duration::from_secs(1)).await.expect("catch-up").seq, last);
    }
}

on_both_databases! {
    async fn a_full_server_turns_new_viewers_away_until_one_leaves(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.live_viewers = ViewerLimit::new(2)).await;
        let item = first_item(&app.db).await;
        let since = public::last_seq(&app.db, item.session_id).await.expect("seq");
        let path = format!("/sessions/1/agenda/direct?since={since}");
        let first = Stream::open(&app.router, &path, None).await;
        let mut second = Stream::open(&app.router, &path, None).await;
        let refused = app.get(&path, &[]).await;
        assert_eq!(refused.status(), 503);
        assert_eq!(refused.headers()["retry-after"], "30");
        // Those already watching still get every change.
        let seq = set_status(&app.db, &app.live, &item, ItemStatus::InProgress).await;
        assert_eq!(second.next_change(Duration::from_secs(1)).await.expect("pushed").seq, seq);
        // A viewer leaving gives its place back.
        drop(first);
        let mut third = Stream::open(&app.router, &format!("/sessions/1/agenda/direct?since={since}"), None).await;
        assert_eq!(third.next_change(Duration::from_secs(1)).await.expect("catch-up").seq, seq);
    }
}

#[tokio::test]
async fn on_postgres_a_change_made_through_one_process_reaches_viewers_of_another() {
    let first = TestApp::seeded(Backend::Postgres).await;
    let (second_router, _second_db, _second_live) = first.second_process().await;
    let item = first_item(&first.db).await;
    let since = public::last_seq(&first.db, item.session_id)
        .await
        .expect("seq");
    let mut viewer = Stream::open(
        &second_router,
        &format!("/sessions/1/agenda/direct?since={since}"),
        None,
    )
    .await;
    // Give the second process's listener a moment to LISTEN.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let seq = set_status(&first.db, &first.live, &item, ItemStatus::Postponed).await;
    let message = viewer
        .next_change(Duration::from_secs(1))
        .await
        .expect("pushed across processes");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(message.seq, seq);
    assert_eq!(message.items[0].status, "postponed");
}

/// The inline scripts of a page, as the browser hashes them for its CSP.
fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    html.split("<script")
        .skip(1)
        .filter_map(|part| {
            let (open, rest) = part.split_once('>')?;
            let (content, _) = rest.split_once("</script>")?;
            (!open.contains(" src=") && !content.is_empty()).then(|| {
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(content.as_bytes()))
            })
        })
        .collect()
}

on_both_databases! {
    async fn anonymous_visitors_share_a_page_rendered_once_a_second_whose_scripts_are_allowed_by_hash(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let first = app.get("/agenda", &[]).await;
        let second = app.get("/agenda", &[]).await;
        let policy = second.headers()["content-security-policy"].to_str().expect("ascii").to_string();
        let (first, second) = (text(first).await, text(second).await);
        assert_eq!(first, second, "served from memory within the second");
        assert!(!policy.contains("'nonce-"), "{policy}");
        let hashes = inline_script_hashes(&second);
        assert!(!hashes.is_empty());
        for hash in hashes {
            assert!(policy.contains(&format!("'sha256-{hash}'")), "{hash} not allowed by {policy}");
        }
        // Each language has its own page.
        let english = text(app.get("/agenda", &[("accept-language", "en")]).await).await;
        assert!(english.contains("Bamako time"));
        // A change heard by this process makes the next visitor's page fresh at once.
        let item = first_item(&app.db).await;
        let seq = set_status(&app.db, &app.live, &item, ItemStatus::Cancelled).await;
        if backend == Backend::Postgres {
            // The change comes back through NOTIFY; give it a moment.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let fresh = text(app.get("/agenda", &[]).await).await;
        assert!(fresh.contains(&format!("data-seq=\"{seq}\"")));
    }
}

/// The body of a response as sent, still compressed if it is.
async fn raw_body(response: Response) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec()
}

fn unbrotli(compressed: &[u8]) -> String {
    use std::io::Read;
    let mut html = String::new();
    brotli::Decompressor::new(compressed, 4096)
        .read_to_string(&mut html)
        .expect("valid brotli");
    html
}

fn ungzip(compressed: &[u8]) -> String {
    use std::io::Read;
    let mut html = String::new();
    flate2::read::GzDecoder::new(compressed)
        .read_to_string(&mut html)
        .expect("valid gzip");
    html
}

/// The coding a response says it is in, its single `Vary` field, and its body as sent,
/// after checking that `Content-Length` is that body's length.
async fn as_sent(response: Response) -> (Option<String>, String, Vec<u8>) {
    use axum::http::header;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let coding = headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().expect("ascii").to_string());
    let vary: Vec<_> = headers
        .get_all(header::VARY)
        .iter()
        .map(|v| v.to_str().expect("ascii").to_lowercase())
        .collect();
    assert_eq!(vary.len(), 1, "one Vary field: {vary:?}");
    let body = raw_body(response).await;
    // Sent from a stored variant: a coding applied on the way out has no length.
    let length = headers
        .get(header::CONTENT_LENGTH)
        .expect("a stored variant has a length");
    assert_eq!(length.to_str().expect("ascii"), body.len().to_string());
    (coding, vary[0].clone(), body)
}

on_both_databases! {
    async fn a_cached_agenda_page_goes_out_in_the_coding_the_browser_prefers_and_decompresses_to_the_same_html(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        // The first request renders and stores the page, and already gets a stored variant.
        let rendered = as_sent(app.get("/agenda", &[("accept-encoding", "gzip, deflate, br, zstd")]).await).await;
        let brotli = as_sent(app.get("/agenda", &[("accept-encoding", "br")]).await).await;
        let gzip = as_sent(app.get("/agenda", &[("accept-encoding", "gzip")]).await).await;
        let brotli_refused = as_sent(app.get("/agenda", &[("accept-encoding", "br;q=0, gzip")]).await).await;
        let identity = as_sent(app.get("/agenda", &[]).await).await;

        let html = String::from_utf8(identity.2).expect("utf-8 page");
        assert!(html.contains("data-seq="), "the agenda page itself");
        assert_eq!(identity.0, None, "no Accept-Encoding: the page as rendered");
        assert_eq!(rendered.0.as_deref(), Some("br"));
        assert_eq!(unbrotli(&rendered.2), html);
        assert_eq!(brotli.0.as_deref(), Some("br"));
        assert_eq!(unbrotli(&brotli.2), html);
        assert!(brotli.2.len() < html.len() / 3, "{} of {} bytes", brotli.2.len(), html.len());
        assert_eq!(gzip.0.as_deref(), Some("gzip"));
        assert_eq!(ungzip(&gzip.2), html);
        assert_eq!(brotli_refused.0.as_deref(), Some("gzip"));
        assert_eq!(ungzip(&brotli_refused.2), html);
        for vary in [&rendered.1, &brotli.1, &gzip.1, &brotli_refused.1, &identity.1] {
            for name in ["accept-encoding", "accept-language", "cookie"] {
                assert!(vary.contains(name), "shared caches must keep variants apart by {name}: {vary}");
            }
        }
    }
}
