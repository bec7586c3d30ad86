//! `/participer`: the current session's conditions, then the application form.
//!
//! One plain `<form method="post">` holding every step as a `<fieldset>`: with JavaScript
//! off every step shows, one after the other, and the server checks the whole form. With
//! it, the small [`ApplicationSteps`] island shows one step at a time; "Next" checks the
//! step with the same Rust rules the server runs ([`NewApplication::parse_step`]) before
//! moving on, and the last step sums up what was typed. Everything the island shows is
//! rendered here, on the server (hidden until the island uses it): the island only moves
//! between steps and fills in values.

use super::{
    ApplicationWindow, KINDS, SECTORS, Step, TRACK_PATH,
    application::{
        DELEGATE_EMAIL_FIELDS, DELEGATE_FUNCTION_FIELDS, DELEGATE_NAME_FIELDS, MAX_ACRONYM_CHARS,
        MAX_CITY_CHARS, MAX_NAME_CHARS, MAX_REGISTRATION_CHARS, MAX_TEXT_CHARS, MAX_WEBSITE_CHARS,
        SECTOR_FIELDS,
    },
    apply_steps::{ApplicationSteps, FORM_ID, StepNav, Summary},
    get_application_window, kind_label,
};
use crate::{
    countries,
    diaspora::sector_label,
    drafts::{DraftKeeper, draft_mode},
    forms::{
        CheckField, FormErrors, PostedForm, SelectField, TextArea, TextField, use_posted_form,
    },
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The application page, where the form also posts.
pub const APPLY_PATH: &str = "/participer";

/// The application page.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let form = StoredValue::new(use_posted_form(APPLY_PATH));
    let window = Resource::new(|| (), |_| get_application_window());
    view! {
        <Title text=t.participation_title()/>
        <Meta name="description" content=t.participation_intro()/>
        <h1>{t.participation_heading()}</h1>
        <p class="lead">{t.participation_intro()}</p>
        <p><a href=TRACK_PATH>{t.participation_to_tracking()}</a></p>
        <Loaded resource=window render={move |window: ApplicationWindow| {
            view! { <Window lang window form=form.get_value()/> }
        }}/>
    }
}

fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

#[component]
fn Window(lang: Lang, window: ApplicationWindow, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let conditions = window.conditions.clone().map(|text| {
        view! {
            <section aria-labelledby="conditions-heading" class="panel">
                <h2 id="conditions-heading">{t.participation_conditions_heading()}</h2>
                {(!window.session_title.is_empty()).then(|| view! { <p><strong>{window.session_title.clone()}</strong></p> })}
                {paragraphs(&text)}
            </section>
        }
    });
    let dates = [
        window
            .opens_at
            .clone()
            .map(|at| fill(t.participation_opens_at(), "date", &at)),
        window
            .closes_at
            .clone()
            .map(|at| fill(t.participation_closes_at(), "date", &at)),
    ]
    .into_iter()
    .flatten()
    .map(|line| view! { <p>{line}</p> })
    .collect_view();
    let body = if window.open {
        view! { {dates}<ApplicationForm lang window form/> }.into_any()
    } else {
        view! {
            <div class="notice" role="status" id="applications-closed">
                <p class="notice-title">{t.participation_closed_heading()}</p>
                <p>{t.participation_closed()}</p>
                {dates}
            </div>
        }
        .into_any()
    };
    view! { {conditions}{body} }
}

/// The step holding `field` (where the browser starts when the server refused the form).
fn step_of(field: &str) -> usize {
    match field {
        "contact_name" | "contact_email" | "contact_phone" => 1,
        f if f.starts_with("delegate_") => 2,
        "motivation" | "contribution" => 3,
        "consent_processing" | "consent_directory" => 4,
        _ => 0,
    }
}

/// The form and its steps, rendered on the server; the [`ApplicationSteps`] island takes
/// it from there in the browser.
#[component]
fn ApplicationForm(lang: Lang, window: ApplicationWindow, form: PostedForm) -> impl IntoView {
    let t = lang.strings();
    let first_error = match &form.error {
        Some(crate::error::AppError::Validation(errors)) => {
            errors.iter().map(|e| step_of(&e.field)).min()
        }
        _ => None,
    };
    let start = first_error.unwrap_or(0);
    let max = window.max_delegates;
    let key = Some(form.value("idempotency_key"))
        .filter(|k| !k.is_empty())
        .unwrap_or(window.idempotency_key);
    let total = Step::ALL.len();
    let progress = Step::ALL
        .iter()
        .map(|s| view! { <li>{s.title(lang)}</li> })
        .collect_view();
    let legend = move |i: usize| {
        format!(
            "{} — {}",
            fill(
                &fill(t.participation_step_of(), "number", &(i + 1).to_string()),
                "total",
                &total.to_string()
            ),
            Step::ALL[i].title(lang)
        )
    };
    let nav = move |i: usize| view! { <StepNav lang index=i/> };
    let kinds: Vec<(&'static str, &'static str)> =
        KINDS.iter().map(|k| (*k, kind_label(k, lang))).collect();
    let sectors = SECTORS
        .iter()
        .zip(SECTOR_FIELDS)
        .map(|(sector, name)| {
            view! { <CheckField label=sector_label(sector, lang) name form=form.clone()/> }
        })
        .collect_view();
    let sectors_error = form.field_error("sectors", lang);
    // An organisation that already applied is sent to its request's status instead.
    let duplicate = match &form.error {
        Some(crate::error::AppError::Validation(errors)) => {
            errors.iter().any(|e| e.code == "participation_duplicate")
        }
        _ => false,
    };
    let delegates = (0..max)
        .map(|row| {
            let title = fill(t.participation_delegate_legend(), "number", &(row + 1).to_string());
            let hint = (row == 0).then_some(t.participation_delegate_first_hint());
            view! {
                <fieldset class="field-group">
                    <legend>{title}</legend>
                    {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
                    <TextField label=t.participation_delegate_name() name=DELEGATE_NAME_FIELDS[row]
                        form=form.clone() maxlength=MAX_NAME_CHARS autocomplete="off"/>
                    <TextField label=t.participation_delegate_function() name=DELEGATE_FUNCTION_FIELDS[row]
                        form=form.clone() maxlength=MAX_NAME_CHARS/>
                    <TextField label=t.participation_delegate_email() name=DELEGATE_EMAIL_FIELDS[row]
                        form=form.clone() kind="email" maxlength=254/>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="form-heading">
            <h2 id="form-heading">{t.participation_form_heading()}</h2>
            <ol class="steps" aria-label=t.participation_progress()>{progress}</ol>
            <p class="step-status" aria-live="polite"></p>
            <ApplicationSteps/>
            <FormErrors form=form.clone()/>
            {duplicate.then(|| view! {
                <p class="notice"><a href=TRACK_PATH>{t.participation_to_tracking()}</a></p>
            })}
            <DraftKeeper/>
            <form method="post" action=super::APPLY_PATH class="form" id=FORM_ID novalidate
                data-draft=draft_mode(false) data-max-delegates=max data-start-step=start>
                <input type="hidden" name="idempotency_key" value=key/>
                <div class="visually-hidden">
                    <label for="field-website_url">{t.participation_honeypot()}</label>
                    <input id="field-website_url" name="website_url" type="text" tabindex="-1"
                        autocomplete="off" data-no-draft=""/>
                </div>

                <fieldset id="step-organisation" class="field-group step">
                    <legend>{legend(0)}</legend>
                    <TextField label=t.participation_name() name="name" form=form.clone() required=true
                        maxlength=MAX_NAME_CHARS autocomplete="organization"/>
                    <TextField label=t.participation_acronym() name="acronym" form=form.clone()
                        maxlength=MAX_ACRONYM_CHARS hint=t.optional()/>
                    <SelectField name="kind" label=t.participation_kind() form=form.clone() required=true options=kinds/>
                    <SelectField name="country" label=t.participation_country() form=form.clone() required=true
                        options=countries::choices(lang)/>
                    <TextField label=t.participation_city() name="city" form=form.clone() required=true
                        maxlength=MAX_CITY_CHARS/>
                    <TextField label=t.participation_founded_year() name="founded_year" form=form.clone()
                        kind="number" hint=t.participation_founded_year_hint()/>
                    <TextField label=t.participation_registration_number() name="registration_number" form=form.clone()
                        maxlength=MAX_REGISTRATION_CHARS hint=t.optional()/>
                    <TextField label=t.participation_registration_authority() name="registration_authority"
                        form=form.clone() maxlength=MAX_NAME_CHARS hint=t.optional()/>
                    <TextField label=t.participation_member_count() name="member_count" form=form.clone()
                        kind="number" hint=t.optional()/>
                    <fieldset class="field-group" id="field-sectors" tabindex="-1"
                        aria-describedby=sectors_error.map(|_| "field-sectors-error")>
                        <legend>{t.participation_sectors()}</legend>
                        {sectors_error.map(|e| view! { <p class="field-error" id="field-sectors-error">{e}</p> })}
                        {sectors}
                    </fieldset>
                    <TextField label=t.participation_website() name="website" form=form.clone() kind="url"
                        maxlength=MAX_WEBSITE_CHARS hint=t.participation_website_hint() autocomplete="url"/>
                    {nav(0)}
                </fieldset>

                <fieldset id="step-contact" class="field-group step">
                    <legend>{legend(1)}</legend>
                    <TextField label=t.participation_contact_name() name="contact_name" form=form.clone()
                        required=true maxlength=MAX_NAME_CHARS autocomplete="name"/>
                    <TextField label=t.participation_contact_email() name="contact_email" form=form.clone()
                        required=true kind="email" maxlength=254 autocomplete="email"/>
                    <TextField label=t.participation_contact_phone() name="contact_phone" form=form.clone()
                        required=true kind="tel" maxlength=24 autocomplete="tel" hint=t.participation_contact_phone_hint()/>
                    {nav(1)}
                </fieldset>

                <fieldset id="step-delegates" class="field-group step">
                    <legend>{legend(2)}</legend>
                    <p class="field-hint">{fill(t.participation_delegates_hint(), "max", &max.to_string())}</p>
                    {delegates}
                    {nav(2)}
                </fieldset>

                <fieldset id="step-motivation" class="field-group step">
                    <legend>{legend(3)}</legend>
                    <TextArea label=t.participation_motivation() name="motivation" form=form.clone() required=true
                        maxlength=MAX_TEXT_CHARS hint=t.participation_text_hint()/>
                    <TextArea label=t.participation_contribution() name="contribution" form=form.clone() required=true
                        maxlength=MAX_TEXT_CHARS hint=t.participation_text_hint()/>
                    {nav(3)}
                </fieldset>

                <fieldset id="step-review" class="field-group step">
                    <legend>{legend(4)}</legend>
                    <Summary lang/>
                    <CheckField label=t.participation_consent_processing() name="consent_processing" form=form.clone()/>
                    <CheckField label=t.participation_consent_directory() name="consent_directory" form=form.clone()/>
                    {nav(4)}
                    <button type="submit" class="button">{t.participation_submit()}</button>
                </fieldset>
            </form>
        </section>
    }
}
