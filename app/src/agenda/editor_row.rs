//! One row of the agenda editor: the item's facts and badges, its clashes, quick status
//! buttons, moves (drag and drop on the row, or the handle with Alt+↑ / Alt+↓, or the Move
//! buttons), and the inline edit form and delete confirmation.

use super::{
    EditPanel, Editor, EditorItem, ItemKind, ItemStatus, delete_button_id, edit_button_id,
    editor_conflict::SwitchConfirm, editor_state::focus_later, handle_id,
};
use crate::i18n::{Lang, fill};
use leptos::{
    ev::{DragEvent, KeyboardEvent},
    prelude::*,
};

/// What a row shows; a row is drawn again only when this changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Row {
    /// The item.
    pub item: EditorItem,
    /// Its place among the day's items that are not deleted (from 0), and their number.
    pub place: Option<(usize, usize)>,
    /// Its clashes, as sentences.
    pub clashes: Vec<String>,
}

/// Marks a drag as a move of item `id`. Firefox starts a drag only once data is set; the
/// `dataTransfer` is reached by reflection (web-sys' `DataTransfer` feature is not on).
fn start_drag(ev: &DragEvent, id: i32) {
    #[cfg(feature = "hydrate")]
    {
        use web_sys::{
            js_sys::{Function, Reflect},
            wasm_bindgen::{JsCast, JsValue},
        };
        let Ok(transfer) = Reflect::get(ev, &JsValue::from_str("dataTransfer")) else {
            return;
        };
        if let Ok(set_data) = Reflect::get(&transfer, &JsValue::from_str("setData"))
            .and_then(|f| f.dyn_into::<Function>())
        {
            let _ = set_data.call2(&transfer, &"text/plain".into(), &id.to_string().into());
        }
        let _ = Reflect::set(&transfer, &"effectAllowed".into(), &"move".into());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, id);
}

/// The item's title for screen readers, after a button's visible text.
fn for_item(lang: Lang, title: String) -> impl IntoView {
    let text = fill(lang.strings().agenda_editor_for_item(), "title", &title);
    view! { <span class="visually-hidden">{text}</span> }
}

/// The buttons of a row that is not being edited.
fn actions(ed: Editor, item: EditorItem, place: (usize, usize), confirming: Memo<bool>) -> AnyView {
    let t = ed.lang.strings();
    let (id, (index, count)) = (item.id, place);
    let title = item.fields.title_fr.clone();
    let status = item.item_status();
    let idle = move || !ed.busy.get_untracked();
    let status_button = {
        let (item, title) = (item.clone(), title.clone());
        move |target: ItemStatus, label: &'static str| {
            let it = item.clone();
            view! {
                <button type="button" class="button button-secondary" disabled={status == target}
                    on:click=move |_| if idle() { ed.set_status(it.clone(), target) }>
                    {label}{for_item(ed.lang, title.clone())}
                </button>
            }
        }
    };
    let (edit_item, dup_item, del_item) = (item.clone(), item.clone(), item.clone());
    let switching =
        move || ed.drafts.switch_to.get() == Some(id) && ed.editing.with(Option::is_some);
    view! {
        <div class="agenda-editor-actions">
            <div class="agenda-editor-status-buttons" role="group" aria-label=t.agenda_editor_status_group()>
                {status_button(ItemStatus::InProgress, t.agenda_editor_start_item())}
                {status_button(ItemStatus::Done, t.agenda_editor_finish_item())}
                {status_button(ItemStatus::Postponed, t.agenda_editor_postpone_item())}
                <details class="agenda-editor-more">
                    <summary>{t.agenda_editor_more_statuses()}{for_item(ed.lang, title.clone())}</summary>
                    {status_button(ItemStatus::Cancelled, t.agenda_editor_cancel_item())}
                    {status_button(ItemStatus::Scheduled, t.agenda_editor_reset_item())}
                </details>
            </div>
            <div class="agenda-editor-item-buttons">
                <button type="button" class="button button-secondary" disabled={index == 0}
                    on:click=move |_| if idle() { ed.move_by(id, -1) }>
                    {t.agenda_editor_move_up()}{for_item(ed.lang, title.clone())}
                </button>
                <button type="button" class="button button-secondary" disabled={index + 1 >= count}
                    on:click=move |_| if idle() { ed.move_by(id, 1) }>
                    {t.agenda_editor_move_down()}{for_item(ed.lang, title.clone())}
                </button>
                <button type="button" class="button button-secondary" id=edit_button_id(id)
                    on:click=move |_| ed.start_edit(edit_item.clone())>
                    {t.agenda_editor_edit()}{for_item(ed.lang, title.clone())}
                </button>
                <button type="button" class="button button-secondary"
                    on:click=move |_| if idle() { ed.duplicate(dup_item.clone()) }>
                    {t.agenda_editor_duplicate()}{for_item(ed.lang, title.clone())}
                </button>
                <button type="button" class="button button-secondary agenda-editor-danger" id=delete_button_id(id)
                    on:click=move |_| {
                        ed.confirm_delete.set(Some(id));
                        focus_later(format!("agenda-editor-keep-{id}"));
                    }>
                    {t.agenda_editor_delete()}{for_item(ed.lang, title.clone())}
                </button>
            </div>
            {move || confirming.get().then(|| view! { <DeleteConfirm ed item=del_item.clone()/> })}
            {move || switching().then(|| view! { <SwitchConfirm ed item=item.clone()/> })}
        </div>
    }
    .into_any()
}

/// One item of the editor's list.
#[component]
pub(super) fn ItemRow(ed: Editor, row: Row) -> impl IntoView {
    let lang = ed.lang;
    let t = lang.strings();
    let item = row.item;
    let id = item.id;
    let title = item.fields.title_fr.clone();
    let (index, count) = row.place.unwrap_or((0, 0));
    let movable = !item.removed && row.place.is_some();
    let editing = Memo::new(move |_| ed.editing.with(|e| e.as_ref().map(|i| i.id)) == Some(id));
    let confirming = Memo::new(move |_| ed.confirm_delete.get() == Some(id));
    let dropping = RwSignal::new(false);
    let idle = move || !ed.busy.get_untracked();

    let day = item.fields.day.clone();
    let same_day = move |other: i32| {
        other != id
            && ed
                .item(other)
                .is_some_and(|o| o.fields.day == day && !o.removed)
    };
    let on_dragstart = move |ev: DragEvent| {
        if !movable || editing.get_untracked() {
            ev.prevent_default();
            return;
        }
        ed.dragged.set(Some(id));
        start_drag(&ev, id);
    };
    let on_dragover = {
        let same_day = same_day.clone();
        move |ev: DragEvent| {
            // Only a row that takes part in the day's order takes a drop.
            if movable && ed.dragged.get_untracked().is_some_and(&same_day) {
                ev.prevent_default();
                dropping.set(true);
            }
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dropping.set(false);
        let Some(from) = ed
            .dragged
            .get_untracked()
            .filter(|d| movable && same_day(*d))
        else {
            return;
        };
        ed.dragged.set(None);
        let from_index = ed.item(from).and_then(|dragged| {
            ed.view.with_untracked(|v| {
                v.items
                    .iter()
                    .filter(|i| !i.removed && i.fields.day == dragged.fields.day)
                    .position(|i| i.id == from)
            })
        });
        if let Some(from_index) = from_index.filter(|_| idle()) {
            let steps = i32::try_from(index).unwrap_or(0) - i32::try_from(from_index).unwrap_or(0);
            if steps != 0 {
                ed.move_by(from, steps);
            }
        }
    };
    let on_handle_key = move |ev: KeyboardEvent| {
        let steps = match ev.key().as_str() {
            "ArrowUp" if ev.alt_key() => -1,
            "ArrowDown" if ev.alt_key() => 1,
            _ => return,
        };
        ev.prevent_default();
        let blocked = (steps < 0 && index == 0) || (steps > 0 && index + 1 >= count);
        if !blocked && idle() {
            ed.move_by(id, steps);
        }
    };

    let handle = movable.then(|| {
        let label = fill(t.agenda_editor_handle(), "title", &title);
        view! {
            <button type="button" class="agenda-editor-handle" id=handle_id(id) aria-label=label
                aria-describedby="agenda-editor-handle-hint" on:keydown=on_handle_key>
                <span aria-hidden="true">"⠿"</span>
            </button>
        }
    });
    let publication = if item.removed {
        Some((t.agenda_editor_badge_removed(), "badge badge-alert"))
    } else if !item.public {
        Some((t.agenda_editor_badge_not_public(), "badge"))
    } else if !item.published {
        Some((t.agenda_editor_badge_unpublished(), "badge"))
    } else {
        None
    };
    let badges = view! {
        <p class="agenda-editor-badges">
            <span class="badge agenda-editor-status">{item.item_status().label(lang)}</span>
            {publication.map(|(text, class)| view! { " "<span class=class>{text}</span> })}
        </p>
    };
    let kind = ItemKind::parse(&item.fields.kind)
        .map_or(item.fields.kind.clone(), |k| k.label(lang).to_string());
    let fact = |label: &'static str, value: &str| {
        (!value.trim().is_empty())
            .then(|| view! { <div><dt>{label}</dt><dd>{value.to_string()}</dd></div> })
    };
    let facts = view! {
        <dl class="agenda-editor-facts">
            {fact(t.agenda_kind(), &kind)}
            {fact(t.agenda_room(), &item.fields.room)}
            {fact(t.agenda_speakers(), &item.fields.speakers)}
        </dl>
    };
    let clashes = (!row.clashes.is_empty()).then(|| {
        let lines = row.clashes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view();
        view! { <ul class="agenda-editor-warnings" aria-label=t.agenda_editor_warnings()>{lines}</ul> }
    });
    let days = ed.view.with_untracked(|v| v.days.clone());
    let times = format!("{}–{}", item.fields.start, item.fields.end);
    let removed = item.removed;
    let below = move || {
        if editing.get() {
            view! { <EditPanel ed id days=days.clone()/> }.into_any()
        } else if removed {
            let (it, title) = (item.clone(), item.fields.title_fr.clone());
            view! {
                <div class="agenda-editor-actions">
                    <button type="button" class="button button-secondary"
                        on:click=move |_| if !ed.busy.get_untracked() { ed.restore(it.clone()) }>
                        {t.agenda_editor_restore()}{for_item(ed.lang, title)}
                    </button>
                </div>
            }
            .into_any()
        } else {
            actions(ed, item.clone(), (index, count), confirming)
        }
    };

    view! {
        <li class="agenda-editor-row" id=format!("agenda-editor-item-{id}")
            class:agenda-editor-removed=removed class:agenda-editor-drop=move || dropping.get()
            draggable=move || if movable && !editing.get() { "true" } else { "false" }
            on:dragstart=on_dragstart on:dragover=on_dragover on:drop=on_drop
            on:dragleave=move |_| dropping.set(false)
            on:dragend=move |_| { ed.dragged.set(None); dropping.set(false); }>
            <div class="agenda-editor-row-head">
                {handle}
                <p class="agenda-editor-time">{times}</p>
                <h3 class="agenda-editor-item-title">{title}</h3>
            </div>
            {facts}
            {badges}
            {clashes}
            {below}
        </li>
    }
}

/// The inline "really delete?" of a row; Escape keeps the item.
#[component]
fn DeleteConfirm(ed: Editor, item: EditorItem) -> impl IntoView {
    let t = ed.lang.strings();
    let id = item.id;
    let question = fill(
        t.agenda_editor_delete_question(),
        "title",
        &item.fields.title_fr,
    );
    let consequence = if item.public {
        t.agenda_editor_delete_public()
    } else {
        t.agenda_editor_delete_draft()
    };
    let keep = move || {
        ed.confirm_delete.set(None);
        focus_later(delete_button_id(id));
    };
    let question_id = format!("agenda-editor-confirm-{id}");
    let labelled_by = question_id.clone();
    view! {
        <div class="agenda-editor-confirm" role="group" aria-labelledby=labelled_by
            on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); keep() }>
            <p id=question_id><strong>{question}</strong>" "{consequence}</p>
            <button type="button" class="button button-danger"
                on:click=move |_| ed.delete(item.clone())>{t.agenda_editor_confirm_delete()}</button>
            <button type="button" class="button button-secondary" id=format!("agenda-editor-keep-{id}")
                on:click=move |_| keep()>{t.agenda_editor_keep()}</button>
        </div>
    }
}
