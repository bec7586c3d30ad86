//! Drafts that survive a reload: with JavaScript, what is typed in a form is kept in the
//! browser's `localStorage` as it is typed, and put back if the page is loaded again.
//!
//! Forms stay plain `<form method="post">` (see [`crate::forms`]); a [`DraftKeeper`] only
//! adds to them once the page has hydrated, so nothing changes with JavaScript off.

use crate::i18n::use_lang;
use leptos::prelude::*;

/// The prefix of a draft's `localStorage` key; the form's id follows it.
pub const DRAFT_KEY_PREFIX: &str = "ccmex-draft:";

/// The `localStorage` key of the draft of the form with id `form`.
#[cfg(feature = "hydrate")]
fn draft_key(form: &str) -> String {
    format!("{DRAFT_KEY_PREFIX}{form}")
}

/// The attribute that marks the form a [`DraftKeeper`] keeps: `data-draft="keep"`, or
/// `data-draft="clear"` on the page that shows the submission succeeded (the draft is then
/// forgotten instead of restored). One such form per page.
pub const DRAFT_ATTRIBUTE: &str = "data-draft";

/// The value of [`DRAFT_ATTRIBUTE`]: keep the draft, or forget it (`sent`: the page shows
/// the success of the submission, e.g. `?ok=…`).
pub fn draft_mode(sent: bool) -> &'static str {
    if sent { "clear" } else { "keep" }
}

/// Keeps the page's form marked with [`DRAFT_ATTRIBUTE`] as a draft in the browser's
/// `localStorage` (key `ccmex-draft:<form id>`), so that a reload or a dropped connection
/// loses nothing. A server component: its messages are server markup, and its browser code
/// is the small [`KeepDraft`] island (no view, no props to deserialise).
///
/// Place it near the form (its messages show where it is); give the `<form>` an `id`:
///
/// ```ignore
/// let query = leptos_router::hooks::use_query_map();
/// let sent = query.with_untracked(|q| q.get("ok").is_some());
/// view! {
///     <DraftKeeper/>
///     <form id="concern-form" data-draft=draft_mode(sent) method="post" action=CONCERN_PATH novalidate>…</form>
/// }
/// ```
///
/// Once hydrated (never on the server, never with JavaScript off):
/// - every `input` and `change` in the form saves its fields: text-like inputs (text,
///   email, tel, number, date, url, search, time, month, week, datetime-local), textareas
///   and single selects by `name`, checkboxes and radio buttons by `name` and `value`.
///   Passwords, hidden and file inputs, multiple selects and any field carrying the
///   attribute `data-no-draft` (a honeypot, a secret) are never kept;
/// - when the page loads, saved values go back into the fields that are still empty. A field
///   the server filled (a refused submission shown again with what was posted, an edit
///   form's current value) is left alone, and so are the checkboxes of such a page;
/// - a submission made while the browser is offline is held back, with an alert saying so;
///   the draft stays, and the user submits again once the network is back.
///
/// The server renders the messages hidden (the live region empty); the browser shows them.
#[component]
pub fn DraftKeeper() -> impl IntoView {
    let t = use_lang().strings();
    view! {
        <p class="field-hint draft-active" hidden>{t.draft_saved_hint()}</p>
        // The live region exists from the start, so the message put into it is announced.
        <div class="draft-live" aria-live="polite"></div>
        <KeepDraft/>
    }
}

/// The browser side of [`DraftKeeper`]: a lazy island without a view or props of its own
/// (its code is only the drafts' DOM calls).
#[island(lazy)]
fn KeepDraft() -> impl IntoView {
    // Effects only run in the browser, after hydration.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        browser::keep_marked();
        crate::layout::island_ran();
    });
}

/// Forgets the saved draft of the form with id `form`: placed on the page that confirms the
/// form was sent, which no longer needs it. A lazy island.
#[island(lazy)]
pub fn ForgetDraft(
    /// The `id` of the `<form>` whose draft is done with.
    #[prop(into)]
    form: String,
) -> impl IntoView {
    Effect::new(move |_| {
        crate::layout::island_ran();
        #[cfg(feature = "hydrate")]
        if let Some(storage) = window().local_storage().ok().flatten() {
            _ = storage.remove_item(&draft_key(&form));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &form;
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use web_sys::{
        Event, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Storage,
        js_sys::{JSON, Object, Reflect},
        wasm_bindgen::{JsCast, JsValue, closure::Closure},
    };

    /// Input types whose value is kept as text.
    const TEXT_TYPES: [&str; 11] = [
        "text",
        "email",
        "tel",
        "number",
        "date",
        "url",
        "search",
        "time",
        "month",
        "week",
        "datetime-local",
    ];

    /// A field a draft keeps, under its key in the saved JSON object.
    struct Field {
        key: String,
        control: Control,
    }

    enum Control {
        Input(HtmlInputElement),
        /// A checkbox or radio button: keeps whether it is checked (key `name=value`).
        Check(HtmlInputElement),
        Area(HtmlTextAreaElement),
        Select(HtmlSelectElement),
    }

    impl Field {
        fn text(&self) -> Option<String> {
            match &self.control {
                Control::Input(input) => Some(input.value()),
                Control::Area(area) => Some(area.value()),
                Control::Select(select) => Some(select.value()),
                Control::Check(_) => None,
            }
        }

        /// What is saved: the text, or whether it is checked.
        fn saved(&self) -> JsValue {
            match &self.control {
                Control::Check(input) => JsValue::from_bool(input.checked()),
                _ => JsValue::from_str(&self.text().unwrap_or_default()),
            }
        }

        fn is_blank(&self) -> bool {
            match &self.control {
                Control::Check(input) => !input.checked(),
                _ => self.text().is_none_or(|text| text.is_empty()),
            }
        }

        /// Puts `saved` back if the field is still empty; whether it changed the field.
        fn restore(&self, saved: &JsValue, server_filled: bool) -> bool {
            if let Control::Check(input) = &self.control {
                let Some(checked) = saved.as_bool() else {
                    return false;
                };
                if server_filled || input.checked() == checked {
                    return false;
                }
                input.set_checked(checked);
                return true;
            }
            let Some(text) = saved.as_string() else {
                return false;
            };
            if text.is_empty() || !self.is_blank() {
                return false;
            }
            match &self.control {
                Control::Input(input) => input.set_value(&text),
                Control::Area(area) => area.set_value(&text),
                Control::Select(select) => select.set_value(&text),
                Control::Check(_) => {}
            }
            // A select refuses a value none of its options has.
            self.text().is_some_and(|now| now == text)
        }
    }

    /// The form's fields that a draft keeps.
    fn fields(form: &HtmlFormElement) -> Vec<Field> {
        let elements = form.elements();
        (0..elements.length())
            .filter_map(|i| elements.item(i))
            .filter_map(|element| {
                let name = element.get_attribute("name").filter(|n| !n.is_empty())?;
                if element.has_attribute("data-no-draft") {
                    return None;
                }
                let element = match element.dyn_into::<HtmlInputElement>() {
                    Ok(input) => {
                        let kind = input.type_();
                        return if kind == "checkbox" || kind == "radio" {
                            let key = format!("{name}={}", input.value());
                            Some(Field {
                                key,
                                control: Control::Check(input),
                            })
                        } else if TEXT_TYPES.contains(&kind.as_str()) {
                            Some(Field {
                                key: name,
                                control: Control::Input(input),
                            })
                        } else {
                            None
                        };
                    }
                    Err(element) => element,
                };
                let control = match element.dyn_into::<HtmlTextAreaElement>() {
                    Ok(area) => Control::Area(area),
                    Err(element) => match element.dyn_into::<HtmlSelectElement>() {
                        Ok(select) if !select.multiple() => Control::Select(select),
                        _ => return None,
                    },
                };
                Some(Field { key: name, control })
            })
            .collect()
    }

    fn storage() -> Option<Storage> {
        // Storage may be refused (privacy settings): then there are no drafts.
        window().local_storage().ok().flatten()
    }

    /// Saves the form's fields, or forgets the draft when they are all empty.
    fn save(form: &HtmlFormElement, key: &str) {
        let Some(storage) = storage() else {
            return;
        };
        let fields = fields(form);
        if fields.iter().all(Field::is_blank) {
            _ = storage.remove_item(key);
            return;
        }
        let draft = Object::new();
        for field in &fields {
            _ = Reflect::set(&draft, &JsValue::from_str(&field.key), &field.saved());
        }
        if let Ok(text) = JSON::stringify(&draft) {
            // A full storage only means no draft.
            _ = storage.set_item(key, &String::from(text));
        }
    }

    /// Puts the saved draft back into the form; whether anything changed.
    fn restore(form: &HtmlFormElement, storage: &Storage, key: &str) -> bool {
        let Some(text) = storage.get_item(key).ok().flatten() else {
            return false;
        };
        let draft = match JSON::parse(&text) {
            Ok(draft) if draft.is_object() => draft,
            _ => {
                _ = storage.remove_item(key);
                return false;
            }
        };
        let fields = fields(form);
        // The server filled this page (a refused submission shown again): its checkboxes
        // say what was posted.
        let server_filled = fields
            .iter()
            .any(|f| !matches!(f.control, Control::Check(_)) && !f.is_blank());
        let mut restored = false;
        for field in &fields {
            if let Ok(saved) = Reflect::get(&draft, &JsValue::from_str(&field.key)) {
                restored |= field.restore(&saved, server_filled);
            }
        }
        restored
    }

    /// Restores (or clears) the draft of the form `form_id` and keeps it from now on.
    /// Keeps the form marked with [`super::DRAFT_ATTRIBUTE`], if the page has one.
    pub(super) fn keep_marked() {
        if let Some(form) = document()
            .query_selector(&format!("form[{}]", super::DRAFT_ATTRIBUTE))
            .ok()
            .flatten()
        {
            let clear = form.get_attribute(super::DRAFT_ATTRIBUTE).as_deref() == Some("clear");
            keep(&form.id(), clear);
        }
    }

    fn keep(form_id: &str, clear: bool) {
        let Some(storage) = storage() else {
            return;
        };
        let Some(form) = document()
            .get_element_by_id(form_id)
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let key = super::draft_key(form_id);
        if clear {
            _ = storage.remove_item(&key);
        } else if restore(&form, &storage, &key) {
            say_restored();
        }
        if let Some(hint) = document().query_selector(".draft-active").ok().flatten() {
            _ = hint.remove_attribute("hidden");
        }

        // The listeners find the form through the event rather than holding it, so the form
        // and its listeners are garbage once the page leaves the document.
        let on_edit = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            if let Some(form) = event
                .current_target()
                .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            {
                save(&form, &key);
            }
        })
        .into_js_value();
        _ = form.add_event_listener_with_callback("input", on_edit.unchecked_ref());
        _ = form.add_event_listener_with_callback("change", on_edit.unchecked_ref());

        let on_submit = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            // Offline, the browser would replace the page with its error page: hold the
            // submission back and say so; the draft is kept.
            let offline = !window().navigator().on_line();
            if offline {
                event.prevent_default();
            }
            say_offline(offline);
        })
        .into_js_value();
        _ = form.add_event_listener_with_callback("submit", on_submit.unchecked_ref());
    }

    /// Says in the live region that the draft was put back.
    fn say_restored() {
        let document = document();
        let (Some(region), Ok(note)) = (
            document.query_selector(".draft-live").ok().flatten(),
            document.create_element("p"),
        ) else {
            return;
        };
        note.set_class_name("field-hint draft-status");
        _ = note.set_attribute("role", "status");
        note.set_text_content(Some(crate::i18n::page_lang().strings().draft_restored()));
        _ = region.append_child(&note);
    }

    /// Shows (or takes away) the alert that a submission was held back offline.
    fn say_offline(offline: bool) {
        let document = document();
        let shown = document.query_selector(".draft-offline").ok().flatten();
        match (offline, shown) {
            (false, Some(alert)) => alert.remove(),
            (true, None) => {
                let (Some(region), Ok(alert)) = (
                    document.query_selector(".draft-live").ok().flatten(),
                    document.create_element("p"),
                ) else {
                    return;
                };
                alert.set_class_name("notice notice-error draft-offline");
                _ = alert.set_attribute("role", "alert");
                alert.set_text_content(Some(crate::i18n::page_lang().strings().draft_offline()));
                _ = region.insert_adjacent_element("afterend", &alert);
            }
            _ => {}
        }
    }
}
