//! `GET /sessions/{number}/agenda/direct`: the live stream of a session's public agenda
//! (server-sent events). See `app::agenda::live` for how changes reach the hub.
//!
//! A viewer resumes after the sequence number it last saw (the `Last-Event-ID` header the
//! browser sends on reconnecting, or `?since=`): it first gets what it missed, then every
//! change as it happens. A viewer whose buffer overflows is disconnected; its browser
//! reconnects and catches up the same way.
//!
//! Each open stream holds one of a process's viewer places (`ViewerLimit`, about 36 KiB
//! of memory each, see docs/BENCHMARKS.md). When they are all taken a new viewer gets 503
//! with `Retry-After`; its page keeps the agenda it has and tries again later.

use crate::{ServerState, open_data::failure};
use app::{agenda::live::catch_up, error::AppError};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderValue, header},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use std::{convert::Infallible, sync::Arc, time::Duration};
use tokio::sync::{
    OwnedSemaphorePermit, Semaphore,
    broadcast::{Receiver, error::RecvError},
};

/// How long the browser waits before reconnecting.
const RETRY: Duration = Duration::from_secs(1);
/// A comment this often keeps proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(20);

/// Seconds a viewer turned away is asked to wait before trying again.
const FULL_RETRY_AFTER_SECS: u64 = 30;

/// How many live streams one process serves at once.
#[derive(Clone, Debug)]
pub struct ViewerLimit {
    places: Arc<Semaphore>,
    max: usize,
}

impl ViewerLimit {
    /// Room for `max` viewers at once.
    pub fn new(max: usize) -> Self {
        Self {
            places: Arc::new(Semaphore::new(max)),
            max,
        }
    }

    /// A place for one more viewer, held until its stream ends; `None` when all are taken.
    fn take(&self) -> Option<OwnedSemaphorePermit> {
        self.places.clone().try_acquire_owned().ok()
    }
}

impl Default for ViewerLimit {
    /// 10,000 viewers: about 360 MB of memory at the measured cost per viewer.
    fn default() -> Self {
        Self::new(10_000)
    }
}

/// `?since=`: the last sequence number the viewer has.
#[derive(Debug, Deserialize)]
pub struct Since {
    since: Option<i64>,
}

/// The live stream of session `number`'s public agenda.
pub async fn stream(
    State(state): State<ServerState>,
    Path(number): Path<i32>,
    Query(query): Query<Since>,
    headers: HeaderMap,
) -> Response {
    let Some(place) = state.live_viewers.take() else {
        tracing::warn!(
            max = state.live_viewers.max,
            "live agenda viewer refused: every place is taken"
        );
        let mut response = failure(AppError::Unavailable);
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(FULL_RETRY_AFTER_SECS),
        );
        return response;
    };
    let db = &state.app.db;
    let session = match app::agenda::public::session_by_number(db, number).await {
        Ok(Some(session)) => session,
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return failure(error.into()),
    };
    let since = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .or(query.since);
    // Subscribe before reading what was missed, so nothing falls in between.
    let receiver = match state.app.live.subscribe(session.id).await {
        Ok(receiver) => receiver,
        Err(error) => return failure(error.into()),
    };
    let missed = match catch_up(db, session.id, since).await {
        Ok(missed) => missed,
        Err(error) => return failure(error.into()),
    };
    let mut sent = since.unwrap_or(0);
    let first = match missed {
        Some(message) => {
            sent = message.seq;
            match serde_json::to_string(&message) {
                Ok(json) => Some(change_event(message.seq, json)),
                Err(error) => {
                    tracing::error!(%error, "cannot serialise a live message");
                    None
                }
            }
        }
        None => None,
    };
    let opening = stream::iter(
        std::iter::once(Event::default().retry(RETRY).comment("ccmex agenda"))
            .chain(first)
            .map(Ok::<_, Infallible>),
    );
    let mut response = Sse::new(opening.chain(live(receiver, sent, place)))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Tells reverse proxies (nginx) not to buffer the stream.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

fn change_event(seq: i64, json: impl AsRef<str>) -> Event {
    Event::default()
        .event("change")
        .id(seq.to_string())
        .data(json.as_ref())
}

/// Changes after `sent`, until the viewer lags behind (then the stream ends) or the hub
/// goes away. The viewer's `place` is given back when the stream is dropped.
fn live(
    receiver: Receiver<Arc<app::agenda::live::Delivery>>,
    sent: i64,
    place: OwnedSemaphorePermit,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(
        (receiver, sent, place),
        |(mut receiver, sent, place)| async move {
            loop {
                match receiver.recv().await {
                    // Already part of the catch-up.
                    Ok(delivery) if delivery.seq <= sent => continue,
                    Ok(delivery) => {
                        let event = change_event(delivery.seq, &delivery.json);
                        return Some((Ok(event), (receiver, delivery.seq, place)));
                    }
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::info!(skipped, "slow agenda viewer dropped; it will catch up");
                        return None;
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        },
    )
}
