//! `/espace/agenda`: the committees' agenda editor. The current session by default,
//! `?session=N` for another. Items by day with their badges and clashes; a Publish button
//! with the number of unpublished changes; inline editing, quick statuses and moves.

use super::{
    CHANGES_PATH, EDITOR_PATH, Editor, EditorView, ItemForm, ItemRow, Notice, Row, Warning,
    WarningKind, editor_state::NOTICE_ID, get_agenda_editor, utc_label,
};
use crate::{
    format::long_date,
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, use_hydrated},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The agenda editor's page.
#[component]
pub fn EditorPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let session = move || query.with(|q| q.get("session").and_then(|s| s.trim().parse().ok()));
    let data = Resource::new(session, get_agenda_editor);
    view! {
        <Title text=t.agenda_editor_title()/>
        <h1>{t.agenda_editor_title()}</h1>
        <Loaded resource=data render={move |view: Option<EditorView>| match view {
            Some(view) => view! { <AgendaEditor lang view/> }.into_any(),
            None => view! {
                <p class="notice">{t.agenda_editor_no_session()}" "
                    <a href=crate::sessions::NEW_SESSION_PATH>{t.agenda_editor_create_session()}</a></p>
            }
            .into_any(),
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

/// A clash as a sentence, from item `id`'s side.
pub(super) fn clash_text(
    lang: Lang,
    view: &EditorView,
    id: i32,
    warning: &Warning,
) -> Option<String> {
    let t = lang.strings();
    let other = view
        .items
        .iter()
        .find(|i| Some(i.id) == warning.other_than(id))?;
    let template = match warning.kind {
        WarningKind::Room => t.agenda_editor_warning_room(),
        WarningKind::Speaker => t.agenda_editor_warning_speaker(),
    };
    let text = fill(template, "subject", &warning.subject);
    let text = fill(&text, "title", &other.fields.title_fr);
    Some(fill(
        &text,
        "time",
        &format!("{}–{}", other.fields.start, other.fields.end),
    ))
}

/// The rows of `day`, in order, with their places and clashes.
fn rows_of(lang: Lang, view: &EditorView, day: &str) -> Vec<Row> {
    let of_day: Vec<_> = view.items.iter().filter(|i| i.fields.day == day).collect();
    let count = of_day.iter().filter(|i| !i.removed).count();
    let mut index = 0;
    of_day
        .into_iter()
        .map(|item| {
            let place = (!item.removed).then(|| {
                index += 1;
                (index - 1, count)
            });
            let clashes = view
                .warnings
                .iter()
                .filter_map(|w| clash_text(lang, view, item.id, w))
                .collect();
            Row {
                item: item.clone(),
                place,
                clashes,
            }
        })
        .collect()
}

/// The editor itself: a lazy island, with the draft it starts from as its props. Its code is
/// a separate WASM file (`cargo leptos build --split`) fetched only by this page, so no
/// public page pays for it.
#[island(lazy)]
fn AgendaEditor(lang: Lang, view: EditorView) -> impl IntoView {
    let t = lang.strings();
    let hydrated = use_hydrated();
    let sessions = view.sessions.clone();
    let chosen = view.session.number;
    let ed = Editor::new(lang, view);
    // Drafts come back only after hydration, so the first rendering matches the server's.
    ed.keep_drafts();
    let days = Memo::new(move |_| {
        ed.view.with(|v| {
            let mut days = v.days.clone();
            days.extend(v.items.iter().map(|i| i.fields.day.clone()));
            days.sort();
            days.dedup();
            days
        })
    });
    let pending = move || {
        ed.view.with(|v| match v.pending {
            0 => t.agenda_editor_nothing_pending().to_string(),
            n => fill(t.agenda_editor_pending(), "count", &n.to_string()),
        })
    };
    let zone = move || {
        ed.view.with(|v| {
            fill(
                t.agenda_editor_times_note(),
                "offset",
                &utc_label(v.offset_minutes),
            )
        })
    };
    let session_options = sessions
        .into_iter()
        .map(|s| {
            let label = fill(t.agenda_editor_session_option(), "number", &s.number.to_string());
            let label = fill(&label, "title", &s.title);
            view! { <option value=s.number.to_string() selected={s.number == chosen}>{label}</option> }
        })
        .collect_view();
    let idle = move || !ed.busy.get_untracked();
    Effect::new(move |_| crate::layout::island_ran());
    view! {
        {move || (!hydrated.get()).then(|| view! { <p class="notice">{t.agenda_editor_needs_js()}</p> })}
        <form method="get" action=EDITOR_PATH class="filters agenda-editor-session">
            <div class="field">
                <label for="agenda-editor-session">{t.agenda_editor_session()}</label>
                <select id="agenda-editor-session" name="session">{session_options}</select>
            </div>
            <button type="submit" class="button button-secondary">{t.agenda_editor_show()}</button>
        </form>
        <div class="agenda-editor-bar">
            <p class="agenda-editor-pending">{pending}</p>
            <button type="button" class="button" on:click=move |_| if idle() { ed.publish() }>{t.agenda_editor_publish()}</button>
            <button type="button" class="button button-secondary"
                on:click=move |_| if idle() { leptos::task::spawn_local(ed.reload()) }>{t.agenda_editor_refresh()}</button>
        </div>
        <p class="field-hint">{zone}</p>
        <p class="field-hint" id="agenda-editor-handle-hint">{t.agenda_editor_handle_hint()}</p>
        <div id=NOTICE_ID class="agenda-editor-notice" tabindex="-1" aria-live="polite">
            {move || ed.notice.get().map(|notice| notice_view(ed, notice))}
        </div>
        <div class="visually-hidden" aria-live="polite">{move || ed.announcement.get()}</div>
        <For each=move || days.get() key=|day| day.clone() let:day>
            <DaySection ed day/>
        </For>
        <section class="agenda-editor-new" aria-labelledby="agenda-editor-new-title">
            <h2 id="agenda-editor-new-title">{t.agenda_editor_new()}</h2>
            {move || ed.drafts.restored_new.get().then(|| view! {
                <div class="notice agenda-editor-restored" role="status">
                    <p>{t.agenda_editor_restored_new()}</p>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| ed.discard_new_draft()>{t.agenda_editor_discard_restored_new()}</button>
                </div>
            })}
            <ItemForm form=ed.create_form lang days=ed.view.with_untracked(|v| v.days.clone())
                prefix="agenda-editor-new".to_string() submit_label=t.agenda_editor_add() busy=ed.busy
                on_submit=Callback::new(move |()| ed.create())/>
        </section>
    }
}

#[component]
fn DaySection(ed: Editor, day: String) -> impl IntoView {
    let lang = ed.lang;
    let t = lang.strings();
    let heading_id = format!("agenda-editor-day-{day}");
    let labelled_by = heading_id.clone();
    let rows = {
        let day = day.clone();
        move || ed.view.with(|v| rows_of(lang, v, &day))
    };
    let empty = {
        let rows = rows.clone();
        move || {
            rows()
                .is_empty()
                .then(|| view! { <p>{t.agenda_editor_day_empty()}</p> })
        }
    };
    view! {
        <section class="agenda-editor-day" aria-labelledby=labelled_by>
            <h2 id=heading_id>{long_date(lang, &day)}</h2>
            {empty}
            <ol class="agenda-editor-list">
                <For each=rows key=|row| row.clone() let:row>
                    <ItemRow ed row/>
                </For>
            </ol>
        </section>
    }
}

/// What the editor last tells the person.
fn notice_view(ed: Editor, notice: Notice) -> AnyView {
    let lang = ed.lang;
    let t = lang.strings();
    let success =
        |text: String| view! { <div class="notice notice-success"><p>{text}</p></div> }.into_any();
    let failure = |text: String, details: Vec<String>| {
        let details = details
            .into_iter()
            .map(|d| view! { <li>{d}</li> })
            .collect_view();
        view! { <div class="notice notice-error" role="alert"><p>{text}</p><ul>{details}</ul></div> }
            .into_any()
    };
    match notice {
        Notice::Published(0) => success(t.agenda_editor_published_none().to_string()),
        Notice::Published(count) => view! {
            <div class="notice notice-success">
                <p>{fill(t.agenda_editor_published(), "count", &count.to_string())}" "
                    <a href=CHANGES_PATH>{t.agenda_editor_changes_link()}</a></p>
            </div>
        }
        .into_any(),
        Notice::Saved {
            id,
            created,
            warnings,
        } => {
            let text = if created {
                t.agenda_editor_created()
            } else {
                t.agenda_editor_saved()
            };
            let clashes = ed.view.with_untracked(|v| {
                warnings
                    .iter()
                    .filter_map(|w| clash_text(lang, v, id, w))
                    .map(|c| view! { <li>{c}</li> })
                    .collect::<Vec<_>>()
            });
            let clashes = (!clashes.is_empty()).then(|| {
                view! { <p>{t.agenda_editor_saved_with_warnings()}</p><ul class="agenda-editor-warnings">{clashes}</ul> }
            });
            view! { <div class="notice notice-success"><p>{text}</p>{clashes}</div> }.into_any()
        }
        Notice::Deleted { public: true } => success(t.agenda_editor_deleted_public().to_string()),
        Notice::Deleted { public: false } => success(t.agenda_editor_deleted().to_string()),
        Notice::Restored { title } => success(fill(t.agenda_editor_restored(), "title", &title)),
        Notice::Status { title, status } => {
            let text = fill(t.agenda_editor_status_changed(), "title", &title);
            success(fill(&text, "status", status.label(lang)))
        }
        Notice::Stale => failure(t.agenda_editor_stale().to_string(), Vec::new()),
        Notice::Gone => failure(t.agenda_editor_gone().to_string(), Vec::new()),
        Notice::Failed(error) => {
            let details = match &error {
                crate::error::AppError::Validation(errors) => {
                    errors.iter().map(|e| e.message(lang).to_string()).collect()
                }
                _ => Vec::new(),
            };
            failure(error.message(lang).to_string(), details)
        }
    }
}
