//! The browser's side of the live agenda. The server's markup stays the page: when the
//! stream (server-sent events) says the agenda changed, the page is fetched again and only
//! the days and items whose markup changed are replaced, so a reader's place and focus are
//! kept; what changed is announced to screen readers. The browser's clock marks the item
//! under way, and each item's times are also given in the browser's own time zone.
//!
//! Plain DOM calls rather than views: the island stays small (docs/ARCHITECTURE.md).

use super::{
    ItemStatus, Slot, clock, iso_day, live_path, now_and_next,
    page::{LiveAgenda, LiveState},
    utc_label,
};
use crate::{
    dom::{children, elements},
    i18n::Lang,
};
use leptos::{prelude::*, task::spawn_local};
use std::{cell::RefCell, rc::Rc, time::Duration};
use web_sys::{
    Element, EventSource, MessageEvent, js_sys,
    wasm_bindgen::{JsCast, JsValue, closure::Closure},
};

/// Pause before opening a new stream after one closed, in milliseconds.
const FIRST_PAUSE_MS: u64 = 2_000;
/// Longest pause between attempts while the server does not take the stream.
const LAST_PAUSE_MS: u64 = 60_000;
/// Fetches of a page older than the change announced, before giving up until the next one.
const STALE_TRIES: u32 = 8;

struct Client {
    number: i32,
    offset: i32,
    lang: Lang,
    live: LiveAgenda,
    /// The highest sequence number the stream announced.
    wanted: i64,
    /// A fetch of the page is under way.
    fetching: bool,
    /// Another change came during that fetch: fetch again after it.
    again: bool,
    /// The stream dropped since the last update (the next one says it caught up).
    dropped: bool,
    /// Pause before the next new stream.
    pause: u64,
}

type Shared = Rc<RefCell<Client>>;

/// Starts the page's live agenda (its session and the venue's offset in minutes are the
/// agenda's `data-session` and `data-offset`): marks the item under way, adds the viewer's
/// own times, shows the print button, opens the stream and registers the offline copy
/// (service worker).
pub fn start(live: LiveAgenda, lang: Lang) {
    register_offline_copy();
    let Some(agenda) = agenda() else {
        return;
    };
    let number = |name: &str| {
        agenda
            .get_attribute(name)
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let (number, offset) = (number("data-session"), number("data-offset"));
    decorate(&agenda, lang, offset);
    enable_print(&agenda);
    let client = Rc::new(RefCell::new(Client {
        number,
        offset,
        lang,
        live,
        wanted: 0,
        fetching: false,
        again: false,
        dropped: false,
        pause: FIRST_PAUSE_MS,
    }));
    _ = set_interval_with_handle(
        move || {
            if let Some(agenda) = self::agenda() {
                decorate(&agenda, lang, offset);
            }
        },
        Duration::from_secs(30),
    );
    connect(client);
}

/// The page's agenda.
fn agenda() -> Option<Element> {
    document().query_selector(".agenda").ok().flatten()
}

fn set_state(client: &Shared, state: LiveState) {
    let live = client.borrow().live;
    if live.state.get_untracked() != state {
        live.state.set(state);
    }
    if let Some(agenda) = agenda() {
        _ = agenda.set_attribute("data-live", state.as_str());
    }
}

/// Opens a stream that resumes after the page's sequence number.
fn connect(client: Shared) {
    let seq = agenda()
        .and_then(|a| a.get_attribute("data-seq"))
        .unwrap_or_default();
    let url = format!("{}?since={seq}", live_path(client.borrow().number));
    let Ok(source) = EventSource::new(&url) else {
        retry(client);
        return;
    };
    let on_change = {
        let client = client.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            set_state(&client, LiveState::Connected);
            let seq = event.last_event_id().parse::<i64>().unwrap_or(0);
            {
                let mut c = client.borrow_mut();
                c.wanted = c.wanted.max(seq);
            }
            refresh(client.clone());
        })
    };
    let on_open = {
        let client = client.clone();
        Closure::<dyn FnMut()>::new(move || {
            client.borrow_mut().pause = FIRST_PAUSE_MS;
            set_state(&client, LiveState::Connected);
        })
    };
    let on_error = {
        let client = client.clone();
        let source = source.clone();
        Closure::<dyn FnMut()>::new(move || {
            client.borrow_mut().dropped = true;
            set_state(&client, LiveState::Offline);
            // Connecting again by itself (it sends the last id it saw), unless closed for
            // good (an HTTP error): then a new stream after a pause.
            if source.ready_state() == EventSource::CLOSED {
                retry(client.clone());
            }
        })
    };
    _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The stream lives as long as the page.
    on_change.forget();
    on_open.forget();
    on_error.forget();
}

/// A new stream after a pause, doubled after each stream that never opened (the server is
/// down or full) and spread over up to a quarter more, so viewers turned away together do
/// not all come back at the same moment.
fn retry(client: Shared) {
    let pause = {
        let mut c = client.borrow_mut();
        let pause = c.pause;
        c.pause = (pause * 2).min(LAST_PAUSE_MS);
        pause
    };
    let jitter = (js_sys::Math::random() * pause as f64 / 4.0) as u64;
    set_timeout(
        move || connect(client),
        Duration::from_millis(pause + jitter),
    );
}

/// Brings the page up to date with the server's (one fetch at a time).
fn refresh(client: Shared) {
    {
        let mut c = client.borrow_mut();
        if c.fetching {
            c.again = true;
            return;
        }
        c.fetching = true;
    }
    spawn_local(async move {
        let mut stale = 0;
        loop {
            let fresh = fetch_agenda().await;
            let wanted = client.borrow().wanted;
            match fresh {
                // Another process may not have seen the change yet: ask again shortly.
                Some(fresh) if seq_of(&fresh) < wanted && stale < STALE_TRIES => {
                    stale += 1;
                    sleep(250).await;
                    continue;
                }
                Some(fresh) => update(&client, &fresh),
                // Offline: the stream's reconnection brings the change again.
                None => {}
            }
            let again = {
                let mut c = client.borrow_mut();
                let again = c.again;
                c.again = false;
                c.fetching = again;
                again
            };
            if !again {
                break;
            }
        }
    });
}

fn seq_of(agenda: &Element) -> i64 {
    agenda
        .get_attribute("data-seq")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// This page's agenda as the server renders it now (plain `fetch`: the smallest code).
async fn fetch_agenda() -> Option<Element> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let location = window.location();
    let url = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let page = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&text, web_sys::SupportedType::TextHtml)
        .ok()?;
    page.query_selector(".agenda").ok().flatten()
}

/// One item as a reader knows it: what the announcement names.
struct Known {
    id: String,
    title: String,
    status: String,
    /// Its markup without what the browser adds, to tell whether it changed.
    markup: String,
}

fn known_items(root: &Element) -> Vec<Known> {
    elements(root, "article.agenda-item")
        .into_iter()
        .map(|article| Known {
            id: article.get_attribute("data-item-id").unwrap_or_default(),
            title: text_of(&article, "h3"),
            status: article.get_attribute("data-status").unwrap_or_default(),
            markup: server_markup(&article),
        })
        .collect()
}

/// Replaces what changed in the page with `fresh`, the page as the server now renders it,
/// and announces it.
fn update(client: &Shared, fresh: &Element) {
    let Some(agenda) = agenda() else {
        return;
    };
    let (lang, offset, live, dropped) = {
        let mut c = client.borrow_mut();
        let dropped = c.dropped;
        c.dropped = false;
        (c.lang, c.offset, c.live, dropped)
    };
    let t = lang.strings();
    let before = known_items(&agenda);
    let after = known_items(fresh);
    let mut said = Vec::new();
    for item in &after {
        match before.iter().find(|b| b.id == item.id) {
            None => said.push(format!("{} : {}", item.title, t.agenda_live_added())),
            Some(old) if old.markup == item.markup => {}
            Some(old) if old.status != item.status => {
                let article = fresh
                    .query_selector(&format!("[data-item-id=\"{}\"]", item.id))
                    .ok()
                    .flatten();
                let status = article
                    .map(|a| text_of(&a, ".agenda-status"))
                    .unwrap_or_default();
                said.push(format!("{} : {status}", item.title));
            }
            Some(_) => said.push(format!("{} : {}", item.title, t.agenda_live_updated())),
        }
    }
    for gone in before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id))
    {
        said.push(format!("{} : {}", gone.title, t.agenda_live_removed()));
    }

    if let (Some(old), Some(new)) = (
        agenda.query_selector(".agenda-updated").ok().flatten(),
        fresh.query_selector(".agenda-updated").ok().flatten(),
    ) {
        old.set_inner_html(&new.inner_html());
    }
    if let (Some(old), Some(new)) = (
        agenda.query_selector(".agenda-days").ok().flatten(),
        fresh.query_selector(".agenda-days").ok().flatten(),
    ) {
        patch(&old, &new, "data-day");
    }
    _ = agenda.set_attribute("data-seq", &seq_of(fresh).to_string());
    decorate(&agenda, lang, offset);

    if dropped && !said.is_empty() {
        said.insert(0, t.agenda_live_catch_up().to_string());
    }
    if !said.is_empty() {
        live.announcement
            .set(format!("{}. {}", t.agenda_live_changed(), said.join(". ")));
    }
}

/// Makes the children of `old` those of `new`, matched by the attribute `key` and kept
/// where unchanged: days (`data-day`) are patched item by item (`data-item`); an item is
/// replaced only if the server's markup of it changed.
fn patch(old: &Element, new: &Element, key: &str) {
    let current = children(old);
    let mut kept: Vec<Element> = Vec::new();
    let mut cursor = old.first_element_child();
    for fresh in children(new) {
        let same_key = fresh.get_attribute(key).and_then(|k| {
            current
                .iter()
                .find(|c| c.get_attribute(key).as_deref() == Some(&*k))
        });
        let node = match same_key {
            Some(day) if key == "data-day" => {
                if let (Some(old_list), Some(new_list)) = (
                    day.query_selector("ol").ok().flatten(),
                    fresh.query_selector("ol").ok().flatten(),
                ) {
                    patch(&old_list, &new_list, "data-item");
                }
                day.clone()
            }
            Some(item) if server_markup(item) == server_markup(&fresh) => item.clone(),
            _ => match document()
                .import_node_with_deep(&fresh, true)
                .ok()
                .and_then(|n| n.dyn_into::<Element>().ok())
            {
                Some(node) => node,
                None => continue,
            },
        };
        if cursor.as_ref() == Some(&node) {
            cursor = node.next_element_sibling();
        } else {
            _ = old.insert_before(&node, cursor.as_ref().map(|c| c.as_ref()));
        }
        kept.push(node);
    }
    for child in current {
        if !kept.contains(&child) {
            child.remove();
        }
    }
}

/// An element's markup without what [`decorate`] adds (the marks of the item under way,
/// the viewer's times): the server's markup, whatever clock marked it.
fn server_markup(element: &Element) -> String {
    let Some(copy) = element
        .clone_node_with_deep(true)
        .ok()
        .and_then(|n| n.dyn_into::<Element>().ok())
    else {
        return String::new();
    };
    for added in elements(&copy, ".agenda-flag, .agenda-local-time") {
        added.remove();
    }
    for article in std::iter::once(copy.clone()).chain(elements(&copy, "article")) {
        _ = article.class_list().remove_2("is-now", "is-next");
    }
    copy.outer_html()
}

/// Marks the item under way and the next one by the browser's clock, and adds the
/// viewer's own times to items that do not show them yet.
fn decorate(agenda: &Element, lang: Lang, offset: i32) {
    let t = lang.strings();
    let articles = elements(agenda, "article.agenda-item");
    let number = |article: &Element, name: &str| {
        article
            .get_attribute(name)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let slots: Vec<Slot> = articles
        .iter()
        .map(|article| Slot {
            id: number(article, "data-item-id") as i32,
            starts_at: number(article, "data-starts"),
            ends_at: number(article, "data-ends"),
            status: article
                .get_attribute("data-status")
                .and_then(|s| ItemStatus::parse(&s))
                .unwrap_or(ItemStatus::Scheduled),
        })
        .collect();
    let (now, next) = now_and_next(&slots, now_seconds());
    for (article, slot) in articles.iter().zip(&slots) {
        let mark = if Some(slot.id) == now {
            Some(("is-now", "agenda-flag agenda-flag-now", t.agenda_now()))
        } else if Some(slot.id) == next {
            Some(("is-next", "agenda-flag agenda-flag-next", t.agenda_next()))
        } else {
            None
        };
        let shown = article.query_selector(".agenda-flag").ok().flatten();
        let right = match (&mark, &shown) {
            (Some((_, class, _)), Some(flag)) => flag.class_name() == *class,
            (None, None) => true,
            _ => false,
        };
        if !right {
            _ = article.class_list().remove_2("is-now", "is-next");
            if let Some(flag) = shown {
                flag.remove();
            }
            if let Some((marker, class, text)) = mark {
                _ = article.class_list().add_1(marker);
                if let (Ok(flag), Some(title)) = (
                    document().create_element("p"),
                    article.query_selector("h3").ok().flatten(),
                ) {
                    flag.set_class_name(class);
                    flag.set_text_content(Some(text));
                    _ = article.insert_before(&flag, Some(&title));
                }
            }
        }
        let Some(time) = article.query_selector(".agenda-time").ok().flatten() else {
            continue;
        };
        if time
            .query_selector(".agenda-local-time")
            .ok()
            .flatten()
            .is_none()
            && let Some(local) = local_range(slot.starts_at, slot.ends_at, offset)
            && let Ok(span) = document().create_element("span")
        {
            span.set_class_name("agenda-local-time");
            span.set_text_content(Some(&format!("({} : {local})", t.agenda_your_time())));
            _ = time.append_with_str_1(" ");
            _ = time.append_child(&span);
        }
    }
}

/// Shows the print button (it needs JavaScript) and makes it print.
fn enable_print(agenda: &Element) {
    let Some(item) = agenda.query_selector(".agenda-print").ok().flatten() else {
        return;
    };
    _ = item.remove_attribute("hidden");
    let print = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            _ = window.print();
        }
    });
    if let Some(button) = item.query_selector("button").ok().flatten() {
        _ = button.add_event_listener_with_callback("click", print.as_ref().unchecked_ref());
    }
    print.forget();
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The item's times in the browser's own time zone, when it differs from the venue's:
/// "10:30–11:30, Europe/Paris".
fn local_range(start: i64, end: i64, venue_offset: i32) -> Option<String> {
    let offset = |unix: i64| {
        let date = js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0));
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
        .unwrap_or_else(|| utc_label(start_offset));
    let start_day = iso_day(start, start_offset);
    let venue_day = iso_day(start, venue_offset);
    let shift = if start_day == venue_day {
        String::new()
    } else {
        format!(" ({start_day})")
    };
    Some(format!(
        "{}–{}{shift}, {zone}",
        clock(start, start_offset),
        clock(end, end_offset)
    ))
}

/// Keeps a copy of visited agenda pages for reading offline (`/sw.js`).
fn register_offline_copy() {
    if let Some(window) = web_sys::window() {
        _ = window.navigator().service_worker().register("/sw.js");
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
