//! The browser's side of the live agenda: one server-sent events stream per page (gloo-net),
//! changes merged into the page's signals and announced, the connection's state shown, the
//! browser clock and time zone used once the page has hydrated.

use super::{
    AgendaItem, ItemStatus, LiveMessage, live_path,
    page::{LiveAgenda, LiveState},
};
use crate::i18n::Lang;
use futures_util::StreamExt;
use gloo_net::eventsource::{State, futures::EventSource};
use leptos::{prelude::*, task::spawn_local};
use web_sys::js_sys;

/// Opens the stream for session `number` and keeps `live` up to date; also starts the
/// clock that moves the "now" marker, and registers the offline copy (service worker).
pub fn start(number: i32, live: LiveAgenda, lang: Lang) {
    register_offline_copy();
    live.now.set(now_seconds());
    spawn_local(async move {
        loop {
            gloo_timers_sleep(30_000).await;
            live.now.set(now_seconds());
        }
    });
    spawn_local(async move {
        let mut dropped = false;
        // Pause before a new stream: doubled after each stream that never opened (the
        // server is down or full), back to the first once one opens.
        let mut pause = FIRST_PAUSE_MS;
        loop {
            let url = format!("{}?since={}", live_path(number), live.seq.get_untracked());
            let Ok(mut source) = EventSource::new(&url) else {
                live.state.set(LiveState::Offline);
                gloo_timers_sleep(5_000).await;
                continue;
            };
            let (Ok(changes), Ok(opened)) = (source.subscribe("change"), source.subscribe("open"))
            else {
                live.state.set(LiveState::Offline);
                gloo_timers_sleep(5_000).await;
                continue;
            };
            let mut events = futures_util::stream::select(changes, opened);
            // The browser reconnects by itself (sending the last id it saw); the state is
            // read again every second so the page says when it is retrying.
            loop {
                let next =
                    futures_util::future::select(events.next(), Box::pin(gloo_timers_sleep(1_000)))
                        .await;
                match next {
                    futures_util::future::Either::Left((Some(Ok((kind, event))), _)) => {
                        live.state.set(LiveState::Connected);
                        pause = FIRST_PAUSE_MS;
                        if kind == "change"
                            && let Some(data) = event.data().as_string()
                        {
                            apply(live, lang, &data, dropped);
                            dropped = false;
                        }
                    }
                    // Closed for good (an HTTP error): start a new stream after a pause.
                    futures_util::future::Either::Left((Some(Err(_)) | None, _)) => break,
                    futures_util::future::Either::Right(_) => match source.state() {
                        State::Open => live.state.set(LiveState::Connected),
                        State::Connecting => {
                            dropped = true;
                            live.state.set(LiveState::Offline);
                        }
                        State::Closed => break,
                    },
                }
            }
            drop(events);
            source.close();
            dropped = true;
            live.state.set(LiveState::Offline);
            // Spread over up to a quarter more, so viewers turned away together do not all
            // come back at the same moment.
            let jitter = (js_sys::Math::random() * f64::from(pause) / 4.0) as i32;
            gloo_timers_sleep(pause + jitter).await;
            pause = (pause * 2).min(LAST_PAUSE_MS);
        }
    });
}

/// Pause before opening a new stream after one closed, in milliseconds.
const FIRST_PAUSE_MS: i32 = 2_000;
/// Longest pause between attempts while the server does not take the stream.
const LAST_PAUSE_MS: i32 = 60_000;

/// Merges one message into the page and announces what changed.
fn apply(live: LiveAgenda, lang: Lang, data: &str, after_drop: bool) {
    let Ok(message) = serde_json::from_str::<LiveMessage>(data) else {
        return;
    };
    if message.seq <= live.seq.get_untracked() && !message.reset {
        return;
    }
    let t = lang.strings();
    let before = live.items.get_untracked();
    let mut said = Vec::new();
    live.items.update(|items| {
        if message.reset {
            *items = message.items.clone();
        } else {
            items.retain(|i| !message.removed.contains(&i.id));
            for item in &message.items {
                match items.iter_mut().find(|i| i.id == item.id) {
                    Some(existing) => *existing = item.clone(),
                    None => items.push(item.clone()),
                }
            }
        }
        items.sort_by_key(|i| (i.starts_at, i.position, i.id));
    });
    for item in &message.items {
        let title = item.title(lang);
        match before.iter().find(|b| b.id == item.id) {
            None => said.push(format!("{title} : {}", t.agenda_live_added())),
            Some(old) if old == item => {}
            Some(old) if old.status != item.status => {
                said.push(format!("{title} : {}", status_label(item, lang)));
            }
            Some(_) => said.push(format!("{title} : {}", t.agenda_live_updated())),
        }
    }
    let gone = if message.reset {
        before
            .iter()
            .filter(|b| !message.items.iter().any(|i| i.id == b.id))
            .collect::<Vec<_>>()
    } else {
        before
            .iter()
            .filter(|b| message.removed.contains(&b.id))
            .collect()
    };
    for item in gone {
        said.push(format!(
            "{} : {}",
            item.title(lang),
            t.agenda_live_removed()
        ));
    }
    live.seq.set(message.seq);
    if message.at_ms > 0 {
        live.updated_at.set(message.at_ms / 1000);
    }
    if after_drop && !said.is_empty() {
        said.insert(0, t.agenda_live_catch_up().to_string());
    }
    if !said.is_empty() {
        live.announcement
            .set(format!("{}. {}", t.agenda_live_changed(), said.join(". ")));
    }
}

fn status_label(item: &AgendaItem, lang: Lang) -> &'static str {
    ItemStatus::parse(&item.status)
        .unwrap_or(ItemStatus::Scheduled)
        .label(lang)
}

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The item's times in the browser's own time zone, when it differs from the venue's:
/// "10:30–11:30, Europe/Paris".
pub fn local_range(_lang: Lang, start: i64, end: i64, venue_offset: i32) -> Option<String> {
    let offset = |unix: i64| {
        let date = js_sys::Date::new(&web_sys::wasm_bindgen::JsValue::from_f64(
            unix as f64 * 1000.0,
        ));
        // getTimezoneOffset is "UTC minus local", in minutes.
        -(date.get_timezone_offset() as i32)
    };
    let (start_offset, end_offset) = (offset(start), offset(end));
    if start_offset == venue_offset && end_offset == venue_offset {
        return None;
    }
    let zone = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    let zone = js_sys::Reflect::get(&zone, &"timeZone".into())
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_else(|| super::utc_label(start_offset));
    let start_day = super::iso_day(start, start_offset);
    let venue_day = super::iso_day(start, venue_offset);
    let shift = if start_day == venue_day {
        String::new()
    } else {
        format!(" ({start_day})")
    };
    Some(format!(
        "{}–{}{shift}, {zone}",
        super::clock(start, start_offset),
        super::clock(end, end_offset)
    ))
}

/// Keeps a copy of visited agenda pages for reading offline (`/sw.js`).
fn register_offline_copy() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
