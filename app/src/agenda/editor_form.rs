//! The agenda item form, used to create an item and, inline in its row, to edit one. The
//! browser runs the same `ItemInput::parse` as the server for instant errors beside each
//! field (see [`FieldForm`]); the server's answer, when it comes, is the one shown.

use super::{
    FieldForm, ItemKind, MAX_DESCRIPTION_CHARS, MAX_ROOM_CHARS, MAX_SPEAKERS_CHARS,
    MAX_TITLE_CHARS, THEMES, theme_label,
};
use crate::{format::long_date, i18n::Lang};
use leptos::prelude::*;

/// How a field is typed.
#[derive(Clone)]
enum Control {
    Text {
        max: usize,
        required: bool,
    },
    Time,
    Area {
        max: usize,
    },
    Select {
        options: Vec<(String, String)>,
        required: bool,
    },
}

/// One labelled control with its error tied to it.
fn control(
    form: RwSignal<FieldForm>,
    lang: Lang,
    prefix: &str,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    kind: Control,
) -> AnyView {
    let t = lang.strings();
    let id = format!("{prefix}-{name}");
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error = Memo::new(move |_| form.with(|f| f.error(name)));
    let message = move || {
        error
            .get()
            .map(|code| t.get(&code).unwrap_or(t.error_validation()))
    };
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<String> = [hint_id.clone(), error.get().map(|_| error_id.clone())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let value = move || form.with(|f| f.fields.get(name).to_string());
    let typed =
        move |ev: leptos::ev::Event| form.update(|f| f.type_in(name, event_target_value(&ev)));
    let invalid = move || error.get().map(|_| "true");
    let required = matches!(
        kind,
        Control::Text { required: true, .. }
            | Control::Select { required: true, .. }
            | Control::Time
    );
    let input = match kind {
        Control::Text { max, required } => view! {
            <input id=id.clone() name=name type="text" maxlength=max required=required autocomplete="off"
                prop:value=value on:input=typed aria-invalid=invalid aria-describedby=described_by/>
        }
        .into_any(),
        Control::Time => view! {
            <input id=id.clone() name=name type="time" required=true
                prop:value=value on:input=typed aria-invalid=invalid aria-describedby=described_by/>
        }
        .into_any(),
        Control::Area { max } => view! {
            <textarea id=id.clone() name=name rows=3 maxlength=max
                prop:value=value on:input=typed aria-invalid=invalid aria-describedby=described_by></textarea>
        }
        .into_any(),
        Control::Select { options, required } => {
            let options = options
                .into_iter()
                .map(|(option, text)| {
                    let chosen = option.clone();
                    let selected = move || form.with(|f| f.fields.get(name) == chosen);
                    view! { <option value=option selected=selected>{text}</option> }
                })
                .collect_view();
            view! {
                // `selected` gives the server's first rendering; `prop:value` keeps the list
                // in step when the form is reset after the person chose something.
                <select id=id.clone() name=name required=required on:change=typed prop:value=value
                    aria-invalid=invalid aria-describedby=described_by>
                    {options}
                </select>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}{(!required).then_some(t.optional_suffix())}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{hint}</p> })}
            {move || message().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            {input}
        </div>
    }
    .into_any()
}

/// The item form: day, times, kind, theme, titles, room, speakers, descriptions. Escape
/// cancels when there is a Cancel button.
#[component]
pub(super) fn ItemForm(
    form: RwSignal<FieldForm>,
    lang: Lang,
    /// The session's days, for the day's choices.
    days: Vec<String>,
    /// Prefix of the controls' ids (unique on the page).
    prefix: String,
    /// The send button's text.
    submit_label: &'static str,
    on_submit: Callback<()>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = lang.strings();
    let day_choices = days
        .into_iter()
        .map(|day| {
            let text = long_date(lang, &day);
            (day, text)
        })
        .collect();
    let mut kinds = vec![(String::new(), t.choose().to_string())];
    kinds.extend(
        ItemKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_string(), k.label(lang).to_string())),
    );
    let mut themes = vec![(String::new(), t.agenda_editor_no_theme().to_string())];
    themes.extend(
        THEMES
            .into_iter()
            .map(|theme| (theme.to_string(), theme_label(lang, theme))),
    );
    let text = |max, required| Control::Text { max, required };
    let area = |max| Control::Area { max };
    let p = prefix.as_str();
    let controls = [
        (
            "day",
            None,
            Control::Select {
                options: day_choices,
                required: true,
            },
        ),
        ("start", Some(t.agenda_editor_time_hint()), Control::Time),
        ("end", None, Control::Time),
        (
            "kind",
            None,
            Control::Select {
                options: kinds,
                required: true,
            },
        ),
        (
            "theme",
            None,
            Control::Select {
                options: themes,
                required: false,
            },
        ),
        ("title_fr", None, text(MAX_TITLE_CHARS, true)),
        (
            "title_en",
            Some(t.agenda_editor_english_hint()),
            text(MAX_TITLE_CHARS, false),
        ),
        ("room", None, text(MAX_ROOM_CHARS, false)),
        (
            "speakers",
            Some(t.agenda_editor_speakers_hint()),
            text(MAX_SPEAKERS_CHARS, false),
        ),
        ("description_fr", None, area(MAX_DESCRIPTION_CHARS)),
        ("description_en", None, area(MAX_DESCRIPTION_CHARS)),
    ];
    let fields = controls
        .into_iter()
        .map(|(name, hint, kind)| control(form, lang, p, name, field_label(lang, name), hint, kind))
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            on_submit.run(());
        }
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(cancel) = on_cancel.filter(|_| ev.key() == "Escape") {
            ev.prevent_default();
            cancel.run(());
        }
    };
    let cancel = on_cancel.map(|cancel| {
        view! { <button type="button" class="button button-secondary" on:click=move |_| cancel.run(())>{t.agenda_editor_cancel()}</button> }
    });
    view! {
        <form class="form agenda-editor-form" novalidate on:submit=submit on:keydown=escape>
            <div class="agenda-editor-fields">{fields}</div>
            <div class="agenda-editor-form-buttons">
                <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>{submit_label}</button>
                {cancel}
            </div>
        </form>
    }
}

/// The label of field `name`, as the form shows it.
pub(super) fn field_label(lang: Lang, name: &str) -> &'static str {
    let t = lang.strings();
    match name {
        "day" => t.agenda_editor_day(),
        "start" => t.agenda_editor_start(),
        "end" => t.agenda_editor_end(),
        "kind" => t.agenda_kind(),
        "theme" => t.agenda_theme(),
        "title_fr" => t.agenda_editor_title_fr(),
        "title_en" => t.agenda_editor_title_en(),
        "description_fr" => t.agenda_editor_description_fr(),
        "description_en" => t.agenda_editor_description_en(),
        "room" => t.agenda_room(),
        "speakers" => t.agenda_speakers(),
        _ => "",
    }
}

/// The value of field `name` as people read it ("—" when empty).
pub(super) fn shown(lang: Lang, name: &str, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        return lang.strings().agenda_editor_empty_value().to_string();
    }
    match name {
        "day" => long_date(lang, value),
        "kind" => ItemKind::parse(value).map_or(value.to_string(), |k| k.label(lang).to_string()),
        "theme" => theme_label(lang, value),
        _ => value.to_string(),
    }
}
