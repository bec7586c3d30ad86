//! A one-second cache of the public agenda pages for visitors who are not signed in.
//!
//! During a session thousands of people reload `/agenda` at once; rendering it for each
//! would cost a database round trip and the whole server rendering every time. The page a
//! visitor gets depends only on its address and language, so it is rendered at most once a
//! second per (address, language) and served from memory in between, unless the agenda
//! changed meanwhile (the live hub's generation moved: then the next visitor gets a fresh
//! rendering). Even a page rendered just before a change is not out of date for long: it
//! carries the sequence number of its content, and the live stream brings the browser up
//! to date from there at once.
//!
//! The page's inline scripts are allowed by a per-response nonce. A cached page is sent to
//! many visitors, so its Content-Security-Policy names the SHA-256 hashes of its inline
//! scripts instead: only those exact scripts run, as with a fresh nonce.
//!
//! A page is kept as rendered and compressed with brotli and with gzip, once, when it is
//! stored; each request gets the variant its `Accept-Encoding` prefers, already labelled
//! with `Content-Encoding`, so the compression layer lets it through untouched (tower-http
//! never compresses a response that has one); `page_cache/encoding.rs` chooses the variant.
//!
//! Only `200` answers are kept; keys are bounded by the sessions that exist (× 2 languages).

mod encoding;

use crate::ServerState;
use app::i18n::Lang;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine;
use encoding::{Coding, Variants};
use sha2::{Digest, Sha256};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long a rendered page is served from memory.
pub const PAGE_TTL: Duration = Duration::from_secs(1);
/// Largest page kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct Entry {
    at: Instant,
    /// The live hub's generation when it was rendered.
    generation: u64,
    /// The page's headers, whatever the coding: no `Content-Encoding` nor `Content-Length`.
    headers: HeaderMap,
    variants: Variants,
}

impl Entry {
    /// The page in `coding`, with the headers that say so.
    fn respond(self, coding: Coding) -> Response {
        let body = self.variants.get(coding);
        let mut headers = self.headers;
        if let Some(content_encoding) = coding.header_value() {
            headers.insert(header::CONTENT_ENCODING, content_encoding);
        }
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        let mut response = Body::from(body).into_response();
        *response.headers_mut() = headers;
        response
    }
}

/// The cache, shared by the router's clones.
#[derive(Clone, Default)]
pub struct PageCache {
    entries: Arc<Mutex<HashMap<(String, Lang), Entry>>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").finish_non_exhaustive()
    }
}

/// Whether `path` is a public agenda page this cache may hold.
fn cacheable_path(path: &str) -> bool {
    if path == app::agenda::AGENDA_PATH {
        return true;
    }
    path.strip_prefix("/sessions/")
        .and_then(|rest| rest.strip_suffix("/agenda"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.len() < 6)
}

/// Signed-in visitors get their own page (the header names them).
fn signed_in(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookie| {
            app::i18n::cookie_value(cookie, crate::auth::SESSION_COOKIE).is_some()
                || app::i18n::cookie_value(cookie, crate::auth::SECURE_SESSION_COOKIE).is_some()
        })
}

/// Middleware: answers agenda pages from the cache when it can.
pub async fn serve(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let cacheable = request.method() == Method::GET
        && request.uri().query().is_none()
        && cacheable_path(request.uri().path())
        && !signed_in(request.headers());
    if !cacheable {
        return next.run(request).await;
    }
    let key = (
        request.uri().path().to_string(),
        Lang::of_request(request.headers()),
    );
    let coding = encoding::negotiate(request.headers());
    let cache = &state.page_cache;
    // Read before rendering: a change during the rendering makes the entry stale.
    let generation = state.app.live.generation();
    if let Some(entry) = cache.fresh(&key, generation) {
        return entry.respond(coding);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "cannot read a rendered agenda page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut headers = parts.headers;
    headers.remove(header::TRANSFER_ENCODING);
    headers.remove(header::SET_COOKIE);
    let Some(policy) = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|policy| hashed_policy(policy, &body))
        .and_then(|policy| HeaderValue::from_str(&policy).ok())
    else {
        // Not a page this cache understands: served once as rendered (the compression
        // layer compresses it on the way out), never kept.
        return as_rendered(headers, body);
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.remove(header::CONTENT_LENGTH);
    if let Some(vary) = encoding::vary_with_accept_encoding(&headers) {
        headers.insert(header::VARY, vary);
    }
    // Done here rather than on a blocking thread: about a millisecond for the agenda page,
    // at most once a second per page and language.
    let variants = match Variants::compress(body.clone()) {
        Ok(variants) => variants,
        Err(error) => {
            tracing::error!(%error, "cannot compress a rendered agenda page");
            return as_rendered(headers, body);
        }
    };
    let entry = Entry {
        at: Instant::now(),
        generation,
        headers,
        variants,
    };
    // Even the visitor whose request rendered the page gets the stored variant.
    cache.store(key, entry.clone());
    entry.respond(coding)
}

/// `body` with `headers`, left to the compression layer.
fn as_rendered(headers: HeaderMap, body: Bytes) -> Response {
    let mut response = Body::from(body).into_response();
    *response.headers_mut() = headers;
    response
}

impl PageCache {
    fn fresh(&self, key: &(String, Lang), generation: u64) -> Option<Entry> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries
            .get(key)
            .filter(|e| e.at.elapsed() < PAGE_TTL && e.generation == generation)
            .cloned()
    }

    fn store(&self, key: (String, Lang), entry: Entry) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        entries.insert(key, entry);
    }
}

/// The policy with its `'nonce-…'` source replaced by the hashes of the page's inline
/// scripts; `None` (do not cache) if the page or the policy is not as expected.
fn hashed_policy(policy: &str, body: &[u8]) -> Option<String> {
    let html = std::str::from_utf8(body).ok()?;
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let open_end = after.find('>')?;
        let open = &after[..open_end];
        let content_and_more = &after[open_end + 1..];
        let close = content_and_more.find("</script>")?;
        let content = &content_and_more[..close];
        if !open.contains(" src=") && !content.is_empty() {
            let digest = Sha256::digest(content.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &content_and_more[close + "</script>".len()..];
    }
    let nonce_start = policy.find("'nonce-")?;
    let nonce_end = nonce_start + policy[nonce_start + 1..].find('\'')? + 2;
    Some(format!(
        "{}{}{}",
        &policy[..nonce_start],
        hashes.join(" "),
        &policy[nonce_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_agenda_addresses_are_cached() {
        assert!(cacheable_path("/agenda"));
        assert!(cacheable_path("/sessions/1/agenda"));
        assert!(!cacheable_path("/sessions//agenda"));
        assert!(!cacheable_path("/sessions/1x/agenda"));
        assert!(!cacheable_path("/agenda/changements"));
        assert!(!cacheable_path("/espace/agenda"));
    }

    #[test]
    fn the_nonce_gives_way_to_the_hashes_of_the_inline_scripts() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'; style-src 'self'";
        let html = br#"<p>x</p><script type="module" nonce="abc">go()</script><script src="/pkg/a.js"></script>"#;
        let hashed = hashed_policy(policy, html).expect("hashed");
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"go()"));
        assert_eq!(
            hashed,
            format!(
                "default-src 'self'; script-src 'self' 'sha256-{expected}' 'wasm-unsafe-eval'; style-src 'self'"
            )
        );
        assert!(hashed_policy("script-src 'self'", html).is_none());
    }
}
