//! Per-IP rate limits (governor): one for sign-in attempts, one for every other unsafe
//! request (form posts and server functions). The per-account limit on failed sign-ins is
//! kept in the database (see `app::accounts::auth`), so it holds across server processes.

use crate::ServerState;
use app::{error::AppError, i18n::Lang};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, Method, StatusCode, header, request::Parts},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{
    hash::Hash,
    net::{IpAddr, Ipv4Addr, SocketAddr},
    num::NonZeroU32,
    sync::Arc,
};

/// Diaspora declarations accepted per IP and hour: a household declares once, but a
/// family, a consulate's waiting room or a conference's Wi-Fi share one address.
pub const DECLARATIONS_PER_HOUR: u32 = 30;

/// Concerns accepted per IP and hour: enough for a venue's shared connection, not for a
/// flood.
pub const CONCERNS_PER_HOUR: u32 = 20;

/// Participation requests accepted per IP and hour: an organisation applies once per
/// session; a few retries and a shared connection fit.
pub const PARTICIPATIONS_PER_HOUR: u32 = 10;

/// Status lookups (tracking code and e-mail) per IP and hour: enough for typing mistakes,
/// far too few to guess codes.
pub const LOOKUPS_PER_HOUR: u32 = 30;

/// Password changes tried per account and hour: a stolen session may not guess the
/// current password (ten tries, then one more every six minutes).
pub const PASSWORD_CHANGES_PER_HOUR: u32 = 10;

/// The limiters shared by every request of one server process.
#[derive(Clone)]
pub struct Limits {
    /// Sign-in attempts per IP.
    pub sign_in: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Other unsafe requests per IP.
    pub writes: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Anonymous diaspora declarations per IP (per hour).
    pub declarations: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Anonymous concerns per IP (per hour).
    pub concerns: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Participation requests per IP (per hour).
    pub participations: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Participation status lookups per IP (per hour).
    pub lookups: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Password changes per account (by user id), whatever the IP.
    pub password_changes: Arc<DefaultKeyedRateLimiter<i32>>,
    /// Whether `X-Forwarded-For` is set by a proxy we trust (its last entry is the client).
    pub trust_proxy: bool,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("trust_proxy", &self.trust_proxy)
            .finish_non_exhaustive()
    }
}

fn per_minute(n: u32) -> Arc<DefaultKeyedRateLimiter<IpAddr>> {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Arc::new(RateLimiter::keyed(Quota::per_minute(n)))
}

fn per_hour<K: Hash + Eq + Clone>(n: u32) -> Arc<DefaultKeyedRateLimiter<K>> {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Arc::new(RateLimiter::keyed(Quota::per_hour(n)))
}

impl Limits {
    /// `sign_in` attempts and `writes` unsafe requests per IP and minute (each also the
    /// burst allowed at once).
    pub fn new(sign_in: u32, writes: u32, trust_proxy: bool) -> Self {
        Self {
            sign_in: per_minute(sign_in),
            writes: per_minute(writes),
            declarations: per_hour(DECLARATIONS_PER_HOUR),
            concerns: per_hour(CONCERNS_PER_HOUR),
            participations: per_hour(PARTICIPATIONS_PER_HOUR),
            lookups: per_hour(LOOKUPS_PER_HOUR),
            password_changes: per_hour(PASSWORD_CHANGES_PER_HOUR),
            trust_proxy,
        }
    }

    /// Whether `key` (an IP, an account) may make one more attempt on `limiter`.
    pub fn allow<K: Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: K) -> bool {
        // Forget idle clients now and then, so the table stays small.
        if limiter.len() > 10_000 {
            limiter.retain_recent();
        }
        limiter.check_key(&key).is_ok()
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(20, 120, false)
    }
}

/// The client's address: the last `X-Forwarded-For` entry when behind a trusted proxy,
/// else the connection's peer.
pub fn client_ip(parts: &Parts, trust_proxy: bool) -> IpAddr {
    if trust_proxy && let Some(ip) = forwarded_for(&parts.headers) {
        return ip;
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|ip| ip.trim().parse().ok())
}

/// Refuses unsafe requests beyond the per-IP limit with 429 and a translated message.
pub async fn limit_writes(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let ip = client_ip(&parts, state.limits.trust_proxy);
    if Limits::allow(&state.limits.writes, ip) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    tracing::warn!(%ip, path = %parts.uri.path(), "rate limited");
    too_many(&parts)
}

/// The 429 answer: JSON for server functions, a short translated page for browsers.
pub fn too_many(parts: &Parts) -> Response {
    let error = AppError::RateLimited;
    if parts.uri.path().starts_with("/api/") {
        let body = serde_json::to_string(&error).unwrap_or_default();
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::RETRY_AFTER, "60"),
            ],
            body,
        )
            .into_response();
    }
    let lang = Lang::of_request(&parts.headers);
    let t = lang.strings();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body><main>\
         <h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        t.error_heading(),
        t.error_heading(),
        t.error_rate_limited(),
        t.not_found_home_link(),
    );
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "60")],
        Html(page),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_forwarded_address_is_the_client_seen_by_our_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        assert_eq!(
            forwarded_for(&headers),
            Some("198.51.100.7".parse().unwrap())
        );
    }

    #[test]
    fn the_limit_counts_per_address() {
        let limits = Limits::new(2, 2, false);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(Limits::allow(&limits.sign_in, a));
        assert!(Limits::allow(&limits.sign_in, a));
        assert!(!Limits::allow(&limits.sign_in, a));
        assert!(Limits::allow(&limits.sign_in, b));
    }
}
