//! `/agenda` and `/sessions/{number}/agenda`: the public agenda, rendered in full on the
//! server (readable without JavaScript, in print and offline), then kept live in the
//! browser by a small island: a change announced over server-sent events makes it fetch the
//! page again and replace only the items that changed, so a reader's place and focus are
//! kept, and the change is announced to screen readers.

use super::{
    AgendaItem, AgendaView, CHANGES_PATH, ItemKind, ItemStatus, Slot, calendar_path, clock,
    get_agenda, iso_day, iso_utc, item_calendar_path, now_and_next, utc_label,
};
use crate::{
    format::{date_range, long_date},
    i18n::{Lang, use_lang},
    layout::{Loaded, use_hydrated},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The state of the live connection, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    /// Opening the stream.
    Connecting,
    /// Receiving changes.
    Connected,
    /// Lost; retrying.
    Offline,
}

impl LiveState {
    /// The value of the agenda's `data-live` and the bar's `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            LiveState::Connecting => "connecting",
            LiveState::Connected => "connected",
            LiveState::Offline => "offline",
        }
    }
}

/// What the live island shares with the code that feeds it.
#[derive(Clone, Copy)]
pub struct LiveAgenda {
    /// The connection.
    pub state: RwSignal<LiveState>,
    /// The last announcement for screen readers.
    pub announcement: RwSignal<String>,
}

/// `/agenda`: the current session's agenda.
#[component]
pub fn AgendaPage() -> impl IntoView {
    agenda_page(None)
}

/// `/sessions/{number}/agenda`: one session's agenda.
#[component]
pub fn SessionAgendaPage() -> impl IntoView {
    let params = use_params_map();
    let number = params.with_untracked(|p| p.get("number").and_then(|n| n.parse::<i32>().ok()));
    // A number that does not parse is no session: the server answers 404.
    agenda_page(Some(number.unwrap_or(0)))
}

fn agenda_page(number: Option<i32>) -> AnyView {
    let lang = use_lang();
    let t = lang.strings();
    let agenda = Resource::new(move || lang, move |lang| get_agenda(number, lang));
    view! {
        <Title text=t.agenda_title()/>
        <Meta name="description" content=t.agenda_intro()/>
        <Loaded resource=agenda render={move |view: Option<AgendaView>| match view {
            Some(view) => view! { <Agenda lang view/> }.into_any(),
            None => view! {
                <h1>{t.agenda_title()}</h1>
                <p>{t.agenda_no_session()}</p>
            }.into_any(),
        }}/>
    }
    .into_any()
}

/// The venue's time label: "Heure de Bamako (UTC)".
fn venue_time_label(lang: Lang, view: &AgendaView) -> String {
    let t = lang.strings();
    let name = if view.session.time_zone == "Africa/Bamako" {
        t.agenda_venue_time()
    } else {
        t.agenda_venue_time_other()
    };
    format!("{name} ({})", utc_label(view.offset_minutes))
}

/// "16 décembre 2025, 09:30 (heure de Bamako, UTC)".
fn moment(lang: Lang, unix: i64, offset: i32, zone: &str) -> String {
    format!(
        "{}, {} ({zone})",
        long_date(lang, &iso_day(unix, offset)),
        clock(unix, offset)
    )
}

/// The agenda as the server renders it: complete without JavaScript. The [`AgendaLive`]
/// island inside it keeps this markup up to date in the browser.
#[component]
fn Agenda(lang: Lang, view: AgendaView) -> impl IntoView {
    let t = lang.strings();
    let offset = view.offset_minutes;
    let number = view.session.number;
    let zone = venue_time_label(lang, &view);
    let slots: Vec<Slot> = view.items.iter().map(AgendaItem::slot).collect();
    let now_next = now_and_next(&slots, view.now);
    let updated = (view.updated_at > 0).then(|| moment(lang, view.updated_at, offset, &zone));
    let empty = view.items.is_empty();
    let mut days: Vec<(String, Vec<AgendaItem>)> = Vec::new();
    for item in view.items {
        let day = iso_day(item.starts_at, offset);
        match days.last_mut() {
            Some((last, items)) if *last == day => items.push(item),
            _ => days.push((day, vec![item])),
        }
    }
    let session = view.session;
    view! {
        <div class="agenda" data-seq=view.seq data-live=LiveState::Connecting.as_str()
            data-session=number data-offset=offset>
            <p class="kicker">{session.title}</p>
            <h1>{t.agenda_title()}</h1>
            <p class="lead">
                {date_range(lang, &session.starts_on, &session.ends_on)}" · "{session.venue}", "{session.city}
            </p>
            <p>{t.agenda_intro()}" "{t.agenda_times_note()}" : "<strong>{zone}</strong>"."</p>
            <p class="agenda-updated">
                {t.agenda_updated_at()}" : "
                <time datetime=iso_utc(view.updated_at)>{updated}</time>
            </p>
            <AgendaLive/>
            <ul class="agenda-actions">
                <li><a href=calendar_path(number) type="text/calendar">{t.agenda_calendar_feed()}</a></li>
                <li><a href=format!("{CHANGES_PATH}?session={number}")>{t.agenda_changes_link()}</a></li>
                // Shown by the island (printing needs JavaScript).
                <li class="agenda-print" hidden>
                    <button type="button" class="button-secondary">{t.agenda_print()}</button>
                </li>
            </ul>
            <div class="agenda-days">
                {empty.then(|| view! { <p>{t.agenda_empty()}</p> })}
                {days
                    .into_iter()
                    .map(|(day, items)| view! { <Day lang day items offset now_next/> })
                    .collect_view()}
            </div>
        </div>
    }
}

/// The live part of the agenda: a lazy island (browser code fetched by the agenda pages
/// only) without props (the session and the venue's offset are the agenda's `data-session`
/// and `data-offset`). It shows the connection's state and announces changes; the live
/// client (`live_client.rs`) patches the server's markup around it when the agenda changes.
#[island(lazy)]
fn AgendaLive() -> impl IntoView {
    let lang = use_lang();
    let hydrated = use_hydrated();
    let live = LiveAgenda {
        state: RwSignal::new(LiveState::Connecting),
        announcement: RwSignal::new(String::new()),
    };
    // Effects run in the browser only, after hydration.
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            #[cfg(feature = "hydrate")]
            super::live_client::start(live, lang);
            crate::layout::island_ran();
        }
    });
    view! {
        // The slot keeps the bar's place (with scripts on) so that nothing below moves when
        // it appears.
        <div class="agenda-live-slot">{move || hydrated.get().then(|| view! { <LiveBar lang live/> })}</div>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || {
                let text = live.announcement.get();
                (!text.is_empty()).then(|| view! { <p>{text}</p> })
            }}
        </div>
    }
}

#[component]
fn LiveBar(lang: Lang, live: LiveAgenda) -> impl IntoView {
    let t = lang.strings();
    view! {
        <p class="agenda-live" data-state=move || live.state.get().as_str()>
            {move || match live.state.get() {
                LiveState::Connecting => t.agenda_live_connecting(),
                LiveState::Connected => t.agenda_live_connected(),
                LiveState::Offline => t.agenda_live_offline(),
            }}
        </p>
    }
}

#[component]
fn Day(
    lang: Lang,
    day: String,
    items: Vec<AgendaItem>,
    offset: i32,
    now_next: (Option<i32>, Option<i32>),
) -> impl IntoView {
    let heading_id = format!("agenda-day-{day}");
    let labelled_by = heading_id.clone();
    let heading = long_date(lang, &day);
    view! {
        <section class="agenda-day" aria-labelledby=labelled_by data-day=day>
            <h2 id=heading_id>{heading}</h2>
            <ol class="agenda-items">
                {items
                    .into_iter()
                    .map(|item| {
                        let id = item.id;
                        view! { <li data-item=id><Item lang item offset now_next/></li> }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

fn theme_label(lang: Lang, theme: &str) -> String {
    let t = lang.strings();
    t.get(&format!("agenda_theme_{theme}"))
        .map_or_else(|| theme.to_string(), str::to_string)
}

/// One item. Its `data-` attributes carry what the browser needs to mark the item under way
/// (`live_client.rs`); the marks rendered here are those of the server's clock.
#[component]
fn Item(
    lang: Lang,
    item: AgendaItem,
    offset: i32,
    now_next: (Option<i32>, Option<i32>),
) -> impl IntoView {
    let t = lang.strings();
    let id = item.id;
    let status = item.item_status();
    let kind = ItemKind::parse(&item.kind)
        .map_or_else(|| item.kind.clone(), |k| k.label(lang).to_string());
    let title_id = format!("agenda-item-{id}");
    let labelled_by = title_id.clone();
    let (start, end) = (item.starts_at, item.ends_at);
    let description = item.description(lang).map(|d| {
        d.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| view! { <p>{p.to_string()}</p> })
            .collect_view()
    });
    let title = item.title(lang).to_string();
    let (now, next) = (now_next.0 == Some(id), now_next.1 == Some(id));
    let flag = if now {
        Some(view! { <p class="agenda-flag agenda-flag-now">{t.agenda_now()}</p> })
    } else if next {
        Some(view! { <p class="agenda-flag agenda-flag-next">{t.agenda_next()}</p> })
    } else {
        None
    };
    view! {
        <article
            class="agenda-item"
            class:is-now=now
            class:is-next=next
            class:is-cancelled=status == ItemStatus::Cancelled
            class:is-postponed=status == ItemStatus::Postponed
            data-item-id=id
            data-starts=start
            data-ends=end
            data-status=status.as_str()
            aria-labelledby=labelled_by
        >
            <p class="agenda-time">
                <time datetime=iso_utc(start)>{clock(start, offset)}</time>
                "–"
                <time datetime=iso_utc(end)>{clock(end, offset)}</time>
            </p>
            {flag}
            <h3 id=title_id>{title.clone()}</h3>
            <dl class="agenda-meta">
                <div><dt>{t.agenda_status()}</dt><dd class=format!("agenda-status status-{}", item.status)>{status.label(lang)}</dd></div>
                <div><dt>{t.agenda_kind()}</dt><dd>{kind}</dd></div>
                {item.theme.clone().map(|theme| view! { <div><dt>{t.agenda_theme()}</dt><dd>{theme_label(lang, &theme)}</dd></div> })}
                {item.room.clone().map(|room| view! { <div><dt>{t.agenda_room()}</dt><dd>{room}</dd></div> })}
                {item.speakers.clone().map(|speakers| view! { <div><dt>{t.agenda_speakers()}</dt><dd>{speakers}</dd></div> })}
            </dl>
            {description}
            <p class="agenda-item-actions">
                <a href=item_calendar_path(id) download=format!("ccmex-agenda-{id}.ics")>
                    {t.agenda_add_to_calendar()}<span class="visually-hidden">" : "{title}</span>
                </a>
            </p>
        </article>
    }
}
