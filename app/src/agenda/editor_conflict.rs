//! The inline edit of a row, and what it shows when someone else saved the item first: field
//! by field, the value this editor started from, the other person's value and what this
//! editor typed, with "Apply my changes on top" and "Discard mine". Also the notice of a
//! draft restored from the browser, and the question a row asks before another row's
//! unsaved changes are dropped.

use super::{
    Editor, EditorItem, ItemFields, ItemForm, edit_prefix,
    editor_edit::switch_back_id,
    editor_form::{field_label, shown},
    editor_state::{CONFLICT_ID, focus_later},
};
use crate::i18n::fill;
use leptos::{ev::KeyboardEvent, prelude::*};

/// The inline form of item `id`, with the conflict above it when there is one.
#[component]
pub(super) fn EditPanel(ed: Editor, id: i32, days: Vec<String>) -> impl IntoView {
    let t = ed.lang.strings();
    let restored = move || {
        ed.drafts.restored_edit.get().then(|| view! {
            <div class="notice agenda-editor-restored" role="status">
                <p>{t.agenda_editor_restored_edit()}</p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| ed.cancel_edit()>{t.agenda_editor_discard_restored_edit()}</button>
            </div>
        })
    };
    view! {
        {restored}
        {move || ed.conflict.get().map(|theirs| view! { <Conflict ed theirs/> })}
        <ItemForm form=ed.edit_form lang=ed.lang days prefix=edit_prefix(id)
            submit_label=t.agenda_editor_save() busy=ed.busy
            on_submit=Callback::new(move |()| ed.save_edit())
            on_cancel=Callback::new(move |()| ed.cancel_edit())/>
    }
}

/// The fields that differ between `base` and either `theirs` or `mine`, in form order.
fn changed_fields(base: &ItemFields, theirs: &ItemFields, mine: &ItemFields) -> Vec<&'static str> {
    let (their, my) = (base.differences(theirs), base.differences(mine));
    ItemFields::NAMES
        .into_iter()
        .filter(|name| their.contains(name) || my.contains(name))
        .collect()
}

#[component]
fn Conflict(ed: Editor, theirs: EditorItem) -> impl IntoView {
    let lang = ed.lang;
    let t = lang.strings();
    let Some(base) = ed.editing.get_untracked() else {
        return ().into_any();
    };
    let intro = fill(
        t.agenda_editor_conflict_intro(),
        "title",
        &theirs.fields.title_fr,
    );
    let their_fields = base.fields.differences(&theirs.fields);
    let elsewhere = their_fields
        .is_empty()
        .then_some(t.agenda_editor_conflict_elsewhere());
    let table = {
        let theirs = theirs.fields.clone();
        move || {
            let mine = ed.edit_form.with(|f| f.fields.clone());
            changed_fields(&base.fields, &theirs, &mine)
                .into_iter()
                .map(|name| {
                    let value = |fields: &ItemFields| shown(lang, name, fields.get(name));
                    let they_changed = base.fields.get(name).trim() != theirs.get(name).trim();
                    let i_changed = base.fields.get(name).trim() != mine.get(name).trim();
                    view! {
                        <tr>
                            <th scope="row">{field_label(lang, name)}</th>
                            <td>{value(&base.fields)}</td>
                            <td class:agenda-editor-changed=they_changed>{value(&theirs)}</td>
                            <td class:agenda-editor-changed=i_changed>{value(&mine)}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <section id=CONFLICT_ID class="notice notice-error agenda-editor-conflict" tabindex="-1"
            aria-labelledby="agenda-editor-conflict-title">
            <p class="notice-title" id="agenda-editor-conflict-title">{t.agenda_editor_conflict_title()}</p>
            <p>{intro}</p>
            {elsewhere.map(|text| view! { <p>{text}</p> })}
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{t.agenda_editor_conflict_title()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.agenda_editor_conflict_field()}</th>
                            <th scope="col">{t.agenda_editor_conflict_started()}</th>
                            <th scope="col">{t.agenda_editor_conflict_theirs()}</th>
                            <th scope="col">{t.agenda_editor_conflict_mine()}</th>
                        </tr>
                    </thead>
                    <tbody>{table}</tbody>
                </table>
            </div>
            <p class="agenda-editor-form-buttons">
                <button type="button" class="button" on:click=move |_| ed.apply_mine()>{t.agenda_editor_apply_mine()}</button>
                <button type="button" class="button button-secondary" on:click=move |_| ed.discard_mine()>{t.agenda_editor_discard_mine()}</button>
            </p>
        </section>
    }
    .into_any()
}

/// Asked in row `item` when its Edit was pressed while another row has unsaved changes:
/// go back to them (also Escape), or drop them and edit `item`.
#[component]
pub(super) fn SwitchConfirm(ed: Editor, item: EditorItem) -> impl IntoView {
    let t = ed.lang.strings();
    let id = item.id;
    let open = ed.editing.get_untracked();
    let title = open.as_ref().map(|i| i.fields.title_fr.clone());
    let question = fill(
        t.agenda_editor_switch_question(),
        "title",
        &title.unwrap_or_default(),
    );
    let back = move || {
        ed.drafts.switch_to.set(None);
        if let Some(open) = &open {
            focus_later(format!("{}-title_fr", edit_prefix(open.id)));
        }
    };
    let back_again = back.clone();
    let switch = move |_| {
        ed.forget_edit_draft();
        ed.open_edit(item.clone());
        focus_later(format!("{}-title_fr", edit_prefix(id)));
    };
    let question_id = format!("agenda-editor-switch-{id}");
    let labelled_by = question_id.clone();
    view! {
        <div class="agenda-editor-confirm" role="group" aria-labelledby=labelled_by
            on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); back() }>
            <p id=question_id><strong>{question}</strong></p>
            <button type="button" class="button" id=switch_back_id(id)
                on:click=move |_| back_again()>{t.agenda_editor_switch_back()}</button>
            <button type="button" class="button button-secondary"
                on:click=switch>{t.agenda_editor_switch_discard()}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conflict_lists_what_either_side_changed() {
        let base = ItemFields {
            title_fr: "Ouverture".into(),
            room: "Salle 1000".into(),
            ..ItemFields::default()
        };
        let theirs = ItemFields {
            room: "Salle Wagadu".into(),
            ..base.clone()
        };
        let mine = ItemFields {
            title_fr: "Ouverture officielle".into(),
            ..base.clone()
        };
        assert_eq!(changed_fields(&base, &theirs, &mine), ["title_fr", "room"]);
    }
}
