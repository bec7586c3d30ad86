//! `/agenda/changements`: the public changelog of an agenda (`?session=N`, else the current
//! session): every publication and every status change, newest first.

use super::{
    ChangeEntry, ChangeKind, ChangeLog, ItemStatus, clock, get_changes, iso_day, iso_utc,
    session_agenda_path, utc_label,
};
use crate::{
    format::long_date,
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The changelog page.
#[component]
pub fn ChangesPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let number = move || query.with(|q| q.get("session").and_then(|n| n.parse::<i32>().ok()));
    let changes = Resource::new(move || (number(), lang), |(n, lang)| get_changes(n, lang));
    view! {
        <Title text=t.agenda_changes_title()/>
        <h1>{t.agenda_changes_title()}</h1>
        <p>{t.agenda_changes_intro()}</p>
        <Loaded resource=changes render={move |log: Option<ChangeLog>| match log {
            Some(log) => view! { <Changes lang log/> }.into_any(),
            None => view! { <p>{t.agenda_no_session()}</p> }.into_any(),
        }}/>
    }
}

#[component]
fn Changes(lang: Lang, log: ChangeLog) -> impl IntoView {
    let t = lang.strings();
    let offset = log.offset_minutes;
    let zone = utc_label(offset);
    let back = session_agenda_path(log.session.number);
    let empty = log.changes.is_empty();
    let title = log.session.title.clone();
    let sets = log
        .changes
        .into_iter()
        .map(|set| {
            let when = format!(
                "{}, {} ({zone})",
                long_date(lang, &iso_day(set.at, offset)),
                clock(set.at, offset)
            );
            let entries = set
                .entries
                .iter()
                .map(|entry| view! { <li>{entry_text(lang, entry)}</li> })
                .collect_view();
            view! {
                <li class="agenda-change">
                    <h2><time datetime=iso_utc(set.at)>{when}</time></h2>
                    <ul>{entries}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="kicker">{title}</p>
        {empty.then(|| view! { <p>{t.agenda_changes_empty()}</p> })}
        <ol class="agenda-changes">{sets}</ol>
        <p><a href=back>{t.agenda_back_to_agenda()}</a></p>
    }
}

/// "Modifié : Panel des jeunes (début, salle)".
fn entry_text(lang: Lang, entry: &ChangeEntry) -> String {
    let t = lang.strings();
    let title = match lang {
        Lang::En if !entry.title_en.trim().is_empty() => &entry.title_en,
        _ => &entry.title_fr,
    };
    match entry.kind {
        ChangeKind::Added => format!("{} : {title}", t.agenda_change_added()),
        ChangeKind::Removed => format!("{} : {title}", t.agenda_change_removed()),
        ChangeKind::Changed => {
            let fields = entry
                .fields
                .iter()
                .filter_map(|f| t.get(&format!("agenda_field_{f}")))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} : {title} ({fields})", t.agenda_change_changed())
        }
        ChangeKind::Status => {
            let status = entry
                .status
                .as_deref()
                .and_then(ItemStatus::parse)
                .map_or("", |s| s.label(lang));
            format!("{} : {title} → {status}", t.agenda_change_status())
        }
    }
}
