//! Security layers applied to every response and every unsafe request.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Content-Security-Policy for responses that are not pages (pages set their own, with the
/// nonce of their scripts: see `app::shell`).
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The service worker that keeps agenda pages for offline reading (`public/sw.js`) fetches
/// this site's pages: its policy must allow that, and nothing else.
const SERVICE_WORKER_PATH: &str = "/sw.js";
const SERVICE_WORKER_CSP: &str =
    "default-src 'none'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Whether the site is served over HTTPS (adds HSTS).
#[derive(Clone, Copy, Debug)]
pub struct Https(pub bool);

/// Adds the security headers every response carries, and `Cache-Control: no-store` to
/// every answer that may hold personal data (see [`is_private`]).
pub async fn headers(State(Https(https)): State<Https>, request: Request, next: Next) -> Response {
    let worker = request.uri().path() == SERVICE_WORKER_PATH;
    let private = is_private(request.method(), request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let policy = if worker {
        SERVICE_WORKER_CSP
    } else {
        DEFAULT_CSP
    };
    set_if_absent(headers, header::CONTENT_SECURITY_POLICY, policy);
    set_if_absent(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_if_absent(
        headers,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    set_if_absent(headers, header::X_FRAME_OPTIONS, "DENY");
    set_if_absent(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set_if_absent(headers, "cross-origin-opener-policy", "same-origin");
    if https {
        set_if_absent(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    response
}

/// Whether the answer to `method path` may hold personal data, so that no browser or proxy
/// may keep a copy: the workspace (`/espace…`), the sign-in page, an applicant's receipt
/// and status pages, every server function (`/api/…` but the open data `/api/v1/…`; none
/// is a GET, so nothing is lost), and every answer to a form post (it may show again what
/// was typed, contact details included).
fn is_private(method: &Method, path: &str) -> bool {
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    let unsafe_method = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    unsafe_method
        || under("/espace")
        || under(app::accounts::SIGN_IN_PATH)
        || under(app::participation::TRACK_PATH)
        || under(app::participation::CONFIRMATION_PATH)
        || (under("/api") && !under("/api/v1"))
}

fn set_if_absent(
    headers: &mut HeaderMap,
    name: impl header::IntoHeaderName + Clone + AsRef<str>,
    value: &'static str,
) {
    if !headers.contains_key(name.as_ref()) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Refuses, before it runs, any unsafe request (POST, PUT, PATCH, DELETE…) that a browser
/// says comes from another site: Leptos does no origin check on server functions.
/// Requests without these headers (non-browser clients) carry no ambient credentials of a
/// victim's browser and pass.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers()) {
        tracing::warn!(
            method = %request.method(),
            path = %request.uri().path(),
            "cross-site request refused"
        );
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        // "none": typed in the address bar or a bookmark; "same-origin": our own pages.
        return !matches!(site, "same-origin" | "none");
    }
    match (text(header::ORIGIN.as_str()), text(header::HOST.as_str())) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin_host(origin) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// `host[:port]` of an origin such as `https://ccmex.ml:8443`.
fn origin_host(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn answers_that_may_hold_personal_data_are_marked_private_and_public_ones_are_not() {
        for path in [
            "/espace",
            "/espace/demandes/12",
            "/espace/demandes/export.csv",
            "/connexion",
            "/participer/suivi",
            "/participer/suivi/CCMEX-1234-ABCD",
            "/participer/confirmation",
            "/api/me",
            "/api/participation-status",
        ] {
            assert!(is_private(&Method::GET, path), "{path}");
        }
        assert!(is_private(&Method::POST, "/participer"), "a form's answer");
        for path in [
            "/",
            "/agenda",
            "/espaces-verts",
            "/participer",
            "/organisations",
            "/api/v1/concerns.csv",
            "/apiary",
        ] {
            assert!(!is_private(&Method::GET, path), "{path}");
        }
    }

    #[test]
    fn browsers_fetch_metadata_decides_first() {
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://a"),
            ("host", "a")
        ])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_match_the_host() {
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
    }
}
