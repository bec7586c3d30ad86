//! The application form's steps: the Previous / Next buttons and the summary before the
//! consents, rendered on the server and hidden; and the [`ApplicationSteps`] island that
//! uses them in the browser, checking each step with the server's rules before moving on
//! and showing the errors beside the fields. The island works on the server's markup with
//! plain DOM calls, so the page's browser code stays small (docs/ARCHITECTURE.md).

use super::Step;
use crate::i18n::Lang;
use leptos::prelude::*;

/// The form's element id (also its draft's name).
pub const FORM_ID: &str = "participation-form";

/// The Previous / Next buttons of step `index`, hidden until the island shows them (without
/// JavaScript every step shows and the whole form is sent at once).
#[component]
pub fn StepNav(lang: Lang, index: usize) -> impl IntoView {
    let t = lang.strings();
    let last = Step::ALL.len() - 1;
    view! {
        <div class="step-buttons" hidden>
            {(index > 0).then(|| view! {
                <button type="button" class="button button-secondary" data-step-to=index - 1>
                    {t.participation_previous()}
                </button>
            })}
            {(index < last).then(|| view! {
                <button type="button" class="button" data-step-to=index + 1 data-step-check="">
                    {t.participation_next()}
                </button>
            })}
        </div>
    }
}

/// The summary of what was typed, read back before the consents: its rows are rendered
/// here, empty and hidden; the island fills them in and shows those with a value. A row's
/// `data-summary` names the field it reads (`sectors` and `delegates` gather several).
#[component]
pub fn Summary(lang: Lang) -> impl IntoView {
    let t = lang.strings();
    let rows = [
        ("name", t.participation_name()),
        ("acronym", t.participation_acronym()),
        ("kind", t.participation_kind()),
        ("country", t.participation_country()),
        ("city", t.participation_city()),
        ("founded_year", t.participation_founded_year()),
        ("registration_number", t.participation_registration_number()),
        (
            "registration_authority",
            t.participation_registration_authority(),
        ),
        ("member_count", t.participation_member_count()),
        (SECTORS_ROW, t.participation_sectors()),
        ("website", t.participation_website()),
        ("contact_name", t.participation_contact_name()),
        ("contact_email", t.participation_contact_email()),
        ("contact_phone", t.participation_contact_phone()),
        (DELEGATES_ROW, t.participation_step_delegates()),
        ("motivation", t.participation_motivation()),
        ("contribution", t.participation_contribution()),
    ]
    .into_iter()
    .map(|(name, label)| view! { <div data-summary=name hidden><dt>{label}</dt><dd></dd></div> })
    .collect_view();
    view! {
        <div class="step-summary" hidden>
            <h3>{t.participation_summary_heading()}</h3>
            <dl class="summary">{rows}</dl>
        </div>
    }
}

/// The summary row of the ticked sectors.
const SECTORS_ROW: &str = "sectors";
/// The summary row of the delegates.
const DELEGATES_ROW: &str = "delegates";

/// The form's steps in the browser: a lazy island rendering nothing of its own and
/// without props (nothing to deserialise). Once hydrated it shows the form's
/// `data-start-step` (the first step with an error after a refused submission), then moves
/// between steps, checking each with the server's rules (with at most
/// `data-max-delegates` delegates).
#[island(lazy)]
pub fn ApplicationSteps() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::start(crate::i18n::use_lang());
        crate::layout::island_ran();
    });
}

/// The steps in the browser: reading the form, moving between steps and the focus.
#[cfg(feature = "hydrate")]
mod browser {
    use super::{DELEGATES_ROW, FORM_ID, SECTORS_ROW};
    use crate::{
        dom::elements,
        error::FieldError,
        forms::{self, Fields},
        i18n::{Lang, fill},
        participation::{
            NewApplication, Step,
            application::{
                DELEGATE_EMAIL_FIELDS, DELEGATE_FUNCTION_FIELDS, DELEGATE_NAME_FIELDS,
                SECTOR_FIELDS,
            },
        },
    };
    use leptos::prelude::document;
    use web_sys::{
        Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
        HtmlTextAreaElement,
        wasm_bindgen::{JsCast, closure::Closure},
    };

    /// Shows the form's first step, the step buttons, and handles their clicks.
    pub fn start(lang: Lang) {
        let Some(form) = document().get_element_by_id(FORM_ID) else {
            return;
        };
        let number = |name: &str| {
            form.get_attribute(name)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
        };
        let (max, start) = (number("data-max-delegates"), number("data-start-step"));
        for buttons in elements(&form, ".step-buttons") {
            _ = buttons.remove_attribute("hidden");
        }
        if start + 1 == Step::ALL.len() {
            fill_summary(&fields(FORM_ID));
        }
        show(lang, start);
        let on_click = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-step-to]").ok().flatten())
            else {
                return;
            };
            let Some(to) = button
                .get_attribute("data-step-to")
                .and_then(|v| v.parse::<usize>().ok())
            else {
                return;
            };
            match to.checked_sub(1) {
                Some(from) if button.has_attribute("data-step-check") => next(lang, max, from),
                _ => go(lang, to),
            }
        })
        .into_js_value();
        _ = form.add_event_listener_with_callback("click", on_click.unchecked_ref());
    }

    /// Shows step `step` alone, with the progress and the status saying which it is.
    fn show(lang: Lang, step: usize) {
        let document = document();
        let Some(form) = document.get_element_by_id(FORM_ID) else {
            return;
        };
        for (i, fieldset) in elements(&form, "fieldset.step").into_iter().enumerate() {
            _ = fieldset.toggle_attribute_with_force("hidden", i != step);
        }
        if let Some(body) = document.body() {
            for (i, item) in elements(&body, "ol.steps > li").into_iter().enumerate() {
                if i == step {
                    _ = item.set_attribute("aria-current", "step");
                } else {
                    _ = item.remove_attribute("aria-current");
                }
            }
            if let Some(status) = body.query_selector(".step-status").ok().flatten() {
                let t = lang.strings();
                let text = fill(
                    &fill(t.participation_step_of(), "number", &(step + 1).to_string()),
                    "total",
                    &Step::ALL.len().to_string(),
                );
                status.set_text_content(Some(&text));
            }
        }
    }

    /// Moves to step `to`, dropping the errors shown.
    fn go(lang: Lang, to: usize) {
        show_errors(lang, to, &[]);
        mark(&[], lang);
        show(lang, to);
        focus(&format!("step-{}", Step::ALL[to].slug()));
    }

    /// Checks step `index` with the server's rules: on to the next step, or the errors.
    fn next(lang: Lang, max: usize, index: usize) {
        let fields = fields(FORM_ID);
        let found = NewApplication::parse_step(Step::ALL[index], &fields, max);
        if found.is_empty() {
            if index + 2 == Step::ALL.len() {
                fill_summary(&fields);
            }
            go(lang, index + 1);
        } else {
            mark(&found, lang);
            show_errors(lang, index, &found);
            focus(&format!("step-errors-{index}"));
        }
    }

    /// Replaces the list of errors with `errors`, above the buttons of step `index`.
    fn show_errors(lang: Lang, index: usize, errors: &[FieldError]) {
        let document = document();
        if let Some(form) = document.get_element_by_id(FORM_ID) {
            for shown in elements(&form, ".step-errors") {
                shown.remove();
            }
        }
        if errors.is_empty() {
            return;
        }
        let Some(buttons) = document
            .get_element_by_id(&format!("step-{}", Step::ALL[index].slug()))
            .and_then(|step| step.query_selector(".step-buttons").ok().flatten())
        else {
            return;
        };
        let (Ok(notice), Ok(title), Ok(list)) = (
            document.create_element("div"),
            document.create_element("p"),
            document.create_element("ul"),
        ) else {
            return;
        };
        notice.set_class_name("notice notice-error step-errors");
        notice.set_id(&format!("step-errors-{index}"));
        _ = notice.set_attribute("role", "alert");
        _ = notice.set_attribute("tabindex", "-1");
        title.set_class_name("notice-title");
        title.set_text_content(Some(lang.strings().participation_step_errors()));
        for error in errors {
            let (Ok(item), Ok(link)) =
                (document.create_element("li"), document.create_element("a"))
            else {
                continue;
            };
            _ = link.set_attribute("href", &format!("#field-{}", error.field));
            link.set_text_content(Some(error.message(lang)));
            _ = item.append_child(&link);
            _ = list.append_child(&item);
        }
        _ = notice.append_child(&title);
        _ = notice.append_child(&list);
        _ = buttons.insert_adjacent_element("beforebegin", &notice);
    }

    /// Fills in the summary's rows from what was typed (a list's value as its option reads),
    /// and shows the rows that have a value.
    fn fill_summary(fields: &Fields) {
        let document = document();
        let Some(summary) = document.query_selector(".step-summary").ok().flatten() else {
            return;
        };
        let value = |name: &str| forms::field(fields, name).trim().to_string();
        for row in elements(&summary, "[data-summary]") {
            let name = row.get_attribute("data-summary").unwrap_or_default();
            let text = match name.as_str() {
                SECTORS_ROW => SECTOR_FIELDS
                    .iter()
                    .filter(|field| forms::checked(fields, field))
                    .filter_map(|field| {
                        document
                            .query_selector(&format!("label[for='field-{field}']"))
                            .ok()
                            .flatten()
                            .and_then(|label| label.text_content())
                    })
                    .map(|label| label.trim().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                DELEGATES_ROW => DELEGATE_NAME_FIELDS
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
                    .join(" ; "),
                field => match document
                    .get_element_by_id(&format!("field-{field}"))
                    .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
                {
                    Some(select) if !select.value().is_empty() => select
                        .selected_options()
                        .item(0)
                        .and_then(|option| option.text_content())
                        .unwrap_or_default(),
                    Some(_) => String::new(),
                    None => value(field),
                },
            };
            if let Some(cell) = row.query_selector("dd").ok().flatten() {
                cell.set_text_content(Some(&text));
            }
            _ = row.toggle_attribute_with_force("hidden", text.is_empty());
        }
        _ = summary.remove_attribute("hidden");
    }

    /// The form's fields as the server would receive them (ticked boxes as `on`).
    fn fields(form_id: &str) -> Fields {
        let mut fields = Fields::new();
        let Some(form) = document()
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
    /// Shows each error beside its field (as the server's answer would), after removing
    /// those shown by the previous check. The fields are static markup, so adding to them
    /// after hydration does not disturb the view.
    fn mark(errors: &[FieldError], lang: Lang) {
        let document = document();
        let Some(form) = document.get_element_by_id(FORM_ID) else {
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

    /// Moves the focus to the element `id` once it is shown (after the view updated).
    fn focus(id: &str) {
        let id = id.to_string();
        leptos::prelude::request_animation_frame(move || {
            if let Some(element) = document()
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
}
