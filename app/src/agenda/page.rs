//! `/agenda` and `/sessions/{number}/agenda`: the public agenda, rendered in full on the
//! server (readable without JavaScript, in print and offline), then kept live in the
//! browser: changes arrive over server-sent events, are announced to screen readers and
//! patch only the items they touch, so a reader's place and focus are kept.

use super::{
    AgendaItem, AgendaView, CHANGES_PATH, ItemKind, ItemStatus, calendar_path, clock, get_agenda,
    iso_day, iso_utc, item_calendar_path, now_and_next, utc_label,
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

/// What the live view shares with the code that feeds it.
#[derive(Clone, Copy)]
pub struct LiveAgenda {
    /// The items as they now are, in order.
    pub items: RwSignal<Vec<AgendaItem>>,
    /// The last sequence number received.
    pub seq: RwSignal<i64>,
    /// When the agenda last changed, Unix seconds.
    pub updated_at: RwSignal<i64>,
    /// The clock used to mark the item under way, Unix seconds.
    pub now: RwSignal<i64>,
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

/// The agenda with its live updates: a lazy island (browser code fetched by the agenda pages
/// only), with the agenda as the server rendered it as its props.
#[island(lazy)]
fn Agenda(lang: Lang, view: AgendaView) -> impl IntoView {
    let t = lang.strings();
    let hydrated = use_hydrated();
    let offset = view.offset_minutes;
    let number = view.session.number;
    let zone = venue_time_label(lang, &view);
    let live = LiveAgenda {
        items: RwSignal::new(view.items.clone()),
        seq: RwSignal::new(view.seq),
        updated_at: RwSignal::new(view.updated_at),
        now: RwSignal::new(view.now),
        state: RwSignal::new(LiveState::Connecting),
        announcement: RwSignal::new(String::new()),
    };
    // Effects run in the browser only, after hydration.
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            crate::layout::island_ran();
            #[cfg(feature = "hydrate")]
            super::live_client::start(number, live, lang);
        }
    });
    let now_next = Memo::new(move |_| live.items.with(|items| now_and_next(items, live.now.get())));
    let days = Memo::new(move |_| {
        live.items.with(|items| {
            let mut days: Vec<String> = Vec::new();
            for item in items {
                let day = iso_day(item.starts_at, offset);
                if days.last() != Some(&day) {
                    days.push(day);
                }
            }
            days
        })
    });
    let session = view.session.clone();
    let updated_zone = zone.clone();
    let updated_text = move || {
        let at = live.updated_at.get();
        (at > 0).then(|| moment(lang, at, offset, &updated_zone))
    };
    view! {
        <div class="agenda" data-seq=move || live.seq.get() data-live=move || match live.state.get() {
            LiveState::Connecting => "connecting",
            LiveState::Connected => "connected",
            LiveState::Offline => "offline",
        }>
            <p class="kicker">{session.title.clone()}</p>
            <h1>{t.agenda_title()}</h1>
            <p class="lead">
                {date_range(lang, &session.starts_on, &session.ends_on)}" · "{session.venue.clone()}", "{session.city.clone()}
            </p>
            <p>{t.agenda_intro()}" "{t.agenda_times_note()}" : "<strong>{zone.clone()}</strong>"."</p>
            <p class="agenda-updated">
                {t.agenda_updated_at()}" : "
                <time datetime=move || iso_utc(live.updated_at.get())>{updated_text}</time>
            </p>
            // The slot keeps the bar's place (with scripts on) so that nothing below moves when
            // it appears.
            <div class="agenda-live-slot">{move || hydrated.get().then(|| view! { <LiveBar lang live/> })}</div>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || {
                    let text = live.announcement.get();
                    (!text.is_empty()).then(|| view! { <p>{text}</p> })
                }}
            </div>
            <ul class="agenda-actions">
                <li><a href=calendar_path(number) type="text/calendar">{t.agenda_calendar_feed()}</a></li>
                <li><a href=format!("{CHANGES_PATH}?session={number}")>{t.agenda_changes_link()}</a></li>
                {move || hydrated.get().then(|| view! { <li><PrintButton lang/></li> })}
            </ul>
            {move || live.items.with(Vec::is_empty).then(|| view! { <p>{t.agenda_empty()}</p> })}
            <For each=move || days.get() key=|day| day.clone() let:day>
                <Day lang day offset live now_next/>
            </For>
        </div>
    }
}

#[component]
fn LiveBar(lang: Lang, live: LiveAgenda) -> impl IntoView {
    let t = lang.strings();
    view! {
        <p class="agenda-live" data-state=move || format!("{:?}", live.state.get()).to_lowercase()>
            {move || match live.state.get() {
                LiveState::Connecting => t.agenda_live_connecting(),
                LiveState::Connected => t.agenda_live_connected(),
                LiveState::Offline => t.agenda_live_offline(),
            }}
        </p>
    }
}

#[component]
fn PrintButton(lang: Lang) -> impl IntoView {
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! { <button type="button" class="button-secondary" on:click=print>{lang.strings().agenda_print()}</button> }
}

#[component]
fn Day(
    lang: Lang,
    day: String,
    offset: i32,
    live: LiveAgenda,
    now_next: Memo<(Option<i32>, Option<i32>)>,
) -> impl IntoView {
    let heading_id = format!("agenda-day-{day}");
    let labelled_by = heading_id.clone();
    let of_day = {
        let day = day.clone();
        move || {
            live.items.with(|items| {
                items
                    .iter()
                    .filter(|item| iso_day(item.starts_at, offset) == day)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    view! {
        <section class="agenda-day" aria-labelledby=labelled_by>
            <h2 id=heading_id>{long_date(lang, &day)}</h2>
            <ol class="agenda-items">
                <For each=of_day key=|item| item.clone() let:item>
                    <li><Item lang item offset now_next/></li>
                </For>
            </ol>
        </section>
    }
}

fn theme_label(lang: Lang, theme: &str) -> String {
    let t = lang.strings();
    t.get(&format!("agenda_theme_{theme}"))
        .map_or_else(|| theme.to_string(), str::to_string)
}

#[component]
fn Item(
    lang: Lang,
    item: AgendaItem,
    offset: i32,
    now_next: Memo<(Option<i32>, Option<i32>)>,
) -> impl IntoView {
    let t = lang.strings();
    let hydrated = use_hydrated();
    let id = item.id;
    let status = item.item_status();
    let kind = ItemKind::parse(&item.kind)
        .map_or_else(|| item.kind.clone(), |k| k.label(lang).to_string());
    let title_id = format!("agenda-item-{id}");
    let labelled_by = title_id.clone();
    let (start, end) = (item.starts_at, item.ends_at);
    let local = move || {
        if !hydrated.get() {
            return None;
        }
        #[cfg(feature = "hydrate")]
        {
            super::live_client::local_range(lang, start, end, offset)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            None::<String>
        }
    };
    let description = item.description(lang).map(|d| {
        d.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| view! { <p>{p.to_string()}</p> })
            .collect_view()
    });
    let title = item.title(lang).to_string();
    view! {
        <article
            class="agenda-item"
            class:is-now=move || now_next.get().0 == Some(id)
            class:is-next=move || now_next.get().1 == Some(id)
            class:is-cancelled=status == ItemStatus::Cancelled
            class:is-postponed=status == ItemStatus::Postponed
            data-item-id=id
            aria-labelledby=labelled_by
        >
            <p class="agenda-time">
                <time datetime=iso_utc(start)>{clock(start, offset)}</time>
                "–"
                <time datetime=iso_utc(end)>{clock(end, offset)}</time>
                {move || local().map(|text| view! {
                    " " <span class="agenda-local-time">"("{t.agenda_your_time()}" : "{text}")"</span>
                })}
            </p>
            {move || {
                let (now, next) = now_next.get();
                if now == Some(id) {
                    Some(view! { <p class="agenda-flag agenda-flag-now">{t.agenda_now()}</p> }.into_any())
                } else if next == Some(id) {
                    Some(view! { <p class="agenda-flag agenda-flag-next">{t.agenda_next()}</p> }.into_any())
                } else {
                    None
                }
            }}
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
