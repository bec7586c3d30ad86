//! The application form's steps once hydrated: the Previous / Next buttons that check a
//! step with the server's rules before moving on, the errors shown beside the fields, and
//! the summary before the consents.

use super::{
    NewApplication, SECTORS, Step,
    application::{
        DELEGATE_EMAIL_FIELDS, DELEGATE_FUNCTION_FIELDS, DELEGATE_NAME_FIELDS, SECTOR_FIELDS,
    },
    kind_label,
};
use crate::{
    countries, diaspora::sector_label, error::FieldError, forms::Fields, i18n::Lang,
    layout::use_hydrated,
};
use leptos::prelude::*;

/// The form's element id (also its draft's name).
pub const FORM_ID: &str = "participation-form";

/// The errors of the step being checked, and the Previous / Next buttons (with JavaScript
/// only: without it, every step shows and the whole form is sent at once).
#[component]
pub fn StepNav(
    lang: Lang,
    index: usize,
    step: RwSignal<usize>,
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Fields>,
    max: usize,
) -> impl IntoView {
    let t = lang.strings();
    let hydrated = use_hydrated();
    let last = Step::ALL.len() - 1;
    let go = move |to: usize| {
        errors.set(Vec::new());
        browser::mark(FORM_ID, &[], lang);
        step.set(to);
        browser::focus(&format!("step-{}", Step::ALL[to].slug()));
    };
    let next = move |_| {
        let fields = browser::fields(FORM_ID);
        let found = NewApplication::parse_step(Step::ALL[index], &fields, max);
        if found.is_empty() {
            if index + 1 == last {
                summary.set(fields);
            }
            go(index + 1);
        } else {
            browser::mark(FORM_ID, &found, lang);
            errors.set(found);
            browser::focus(&format!("step-errors-{index}"));
        }
    };
    let shown_errors = move || {
        let list = errors.get();
        (step.get() == index && !list.is_empty()).then(|| {
            let items = list
                .iter()
                .map(|e| {
                    let href = format!("#field-{}", e.field);
                    view! { <li><a href=href>{e.message(lang)}</a></li> }
                })
                .collect_view();
            view! {
                <div class="notice notice-error" role="alert" id=format!("step-errors-{index}") tabindex="-1">
                    <p class="notice-title">{t.participation_step_errors()}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    view! {
        {shown_errors}
        {move || hydrated.get().then(|| view! {
            <div class="step-buttons">
                {(index > 0).then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| go(index - 1)>
                        {t.participation_previous()}
                    </button>
                })}
                {(index < last).then(|| view! {
                    <button type="button" class="button" on:click=next>{t.participation_next()}</button>
                })}
            </div>
        })}
    }
}

/// What was typed, read back before the consents (with JavaScript).
#[component]
pub fn Summary(lang: Lang, summary: RwSignal<Fields>) -> impl IntoView {
    let t = lang.strings();
    move || {
        let fields = summary.get();
        let value = |name: &str| crate::forms::field(&fields, name).trim().to_string();
        let sectors = SECTORS
            .iter()
            .zip(SECTOR_FIELDS)
            .filter(|(_, name)| crate::forms::checked(&fields, name))
            .map(|(s, _)| sector_label(s, lang))
            .collect::<Vec<_>>()
            .join(", ");
        let country = countries::find(&value("country"))
            .map(|c| c.name(lang).to_string())
            .unwrap_or_default();
        let delegates = DELEGATE_NAME_FIELDS
            .iter()
            .zip(DELEGATE_FUNCTION_FIELDS)
            .zip(DELEGATE_EMAIL_FIELDS)
            .map(|((n, f), e)| [value(n), value(f), value(e)])
            .filter(|row| row.iter().any(|v| !v.is_empty()))
            .map(|row| {
                row.into_iter()
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect::<Vec<_>>()
            .join(" ; ");
        let rows = [
            (t.participation_name(), value("name")),
            (t.participation_acronym(), value("acronym")),
            (
                t.participation_kind(),
                kind_label(&value("kind"), lang).to_string(),
            ),
            (t.participation_country(), country),
            (t.participation_city(), value("city")),
            (t.participation_founded_year(), value("founded_year")),
            (
                t.participation_registration_number(),
                value("registration_number"),
            ),
            (
                t.participation_registration_authority(),
                value("registration_authority"),
            ),
            (t.participation_member_count(), value("member_count")),
            (t.participation_sectors(), sectors),
            (t.participation_website(), value("website")),
            (t.participation_contact_name(), value("contact_name")),
            (t.participation_contact_email(), value("contact_email")),
            (t.participation_contact_phone(), value("contact_phone")),
            (t.participation_step_delegates(), delegates),
            (t.participation_motivation(), value("motivation")),
            (t.participation_contribution(), value("contribution")),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, v)| view! { <dt>{label}</dt><dd>{v}</dd> })
        .collect_view();
        view! {
            <h3>{t.participation_summary_heading()}</h3>
            <dl class="summary">{rows}</dl>
        }
    }
}

/// Reading the form and moving the focus, in the browser (nothing on the server).
mod browser {
    use crate::forms::Fields;

    /// The form's fields as the server would receive them (ticked boxes as `on`).
    #[cfg(feature = "hydrate")]
    pub fn fields(form_id: &str) -> Fields {
        use web_sys::{
            HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
            wasm_bindgen::JsCast,
        };
        let mut fields = Fields::new();
        let Some(form) = leptos::prelude::document()
            .get_element_by_id(form_id)
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return fields;
        };
        let elements = form.elements();
        for element in (0..elements.length()).filter_map(|i| elements.item(i)) {
            let Some(name) = element.get_attribute("name") else {
                continue;
            };
            let value = match element.dyn_into::<HtmlInputElement>() {
                Ok(input) if input.type_() == "checkbox" => {
                    input.checked().then(|| "on".to_string())
                }
                Ok(input) => Some(input.value()),
                Err(element) => match element.dyn_into::<HtmlTextAreaElement>() {
                    Ok(area) => Some(area.value()),
                    Err(element) => element
                        .dyn_into::<HtmlSelectElement>()
                        .ok()
                        .map(|select| select.value()),
                },
            };
            if let Some(value) = value {
                fields.insert(name, value);
            }
        }
        fields
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn fields(_form_id: &str) -> Fields {
        Fields::new()
    }

    /// Shows each error beside its field (as the server's answer would), after removing
    /// those shown by the previous check. The fields are static markup, so adding to them
    /// after hydration does not disturb the view.
    #[cfg(feature = "hydrate")]
    pub fn mark(form_id: &str, errors: &[crate::error::FieldError], lang: crate::i18n::Lang) {
        use web_sys::wasm_bindgen::JsCast;
        let document = leptos::prelude::document();
        let Some(form) = document.get_element_by_id(form_id) else {
            return;
        };
        let shown = form.get_elements_by_class_name("step-error");
        while let Some(old) = shown.item(0) {
            old.remove();
        }
        let invalid = form.get_elements_by_class_name("step-invalid");
        while let Some(control) = invalid.item(0) {
            _ = control.remove_attribute("aria-invalid");
            match control.get_attribute("data-described-before") {
                Some(before) => _ = control.set_attribute("aria-describedby", &before),
                None => _ = control.remove_attribute("aria-describedby"),
            }
            _ = control.remove_attribute("data-described-before");
            _ = control.class_list().remove_1("step-invalid");
        }
        for error in errors {
            let id = format!("field-{}", error.field);
            let Some(control) = document.get_element_by_id(&id) else {
                continue;
            };
            let Ok(note) = document.create_element("p") else {
                continue;
            };
            let note_id = format!("{id}-step-error");
            note.set_class_name("field-error step-error");
            note.set_id(&note_id);
            note.set_text_content(Some(error.message(lang)));
            let checkbox = control
                .dyn_ref::<web_sys::HtmlInputElement>()
                .is_some_and(|input| input.type_() == "checkbox");
            let placed = if control.tag_name().eq_ignore_ascii_case("fieldset") {
                control.insert_adjacent_element("beforeend", &note)
            } else if checkbox {
                match control.parent_element() {
                    Some(field) => field.insert_adjacent_element("afterend", &note),
                    None => continue,
                }
            } else {
                control.insert_adjacent_element("beforebegin", &note)
            };
            if placed.is_err() {
                continue;
            }
            let before = control.get_attribute("aria-describedby");
            if let Some(before) = &before {
                _ = control.set_attribute("data-described-before", before);
            }
            let described = before.map_or(note_id.clone(), |b| format!("{b} {note_id}"));
            _ = control.set_attribute("aria-describedby", &described);
            _ = control.set_attribute("aria-invalid", "true");
            _ = control.class_list().add_1("step-invalid");
        }
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn mark(_form_id: &str, _errors: &[crate::error::FieldError], _lang: crate::i18n::Lang) {}

    /// Moves the focus to the element `id` once it is shown (after the view updated).
    pub fn focus(id: &str) {
        #[cfg(feature = "hydrate")]
        {
            use web_sys::{HtmlElement, wasm_bindgen::JsCast};
            let id = id.to_string();
            leptos::prelude::request_animation_frame(move || {
                if let Some(element) = leptos::prelude::document()
                    .get_element_by_id(&id)
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                {
                    if !element.has_attribute("tabindex") {
                        _ = element.set_attribute("tabindex", "-1");
                    }
                    _ = element.focus();
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = id;
    }
}
