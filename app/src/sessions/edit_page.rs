//! `/espace/sessions/nouvelle` (the creation form) and `/espace/sessions/{number}` (the edit
//! form, and the button making the session the current one). Each form posts to its own
//! page; a refused post shows that page again with the errors and the values typed.

use super::{
    NEW_SESSION_PATH, SESSIONS_PATH, SessionEditor, current_path, edit_path, get_agenda_outside,
    get_new_session, get_session_editor,
    input::{MAX_CITY_CHARS, MAX_TITLE_CHARS, MAX_VENUE_CHARS, STATUSES},
    time_zones,
};
use crate::{
    countries,
    error::AppError,
    forms::{FormErrors, PostedForm, SelectField, TextField, use_posted_form},
    i18n::{fill, use_lang},
    layout::Loaded,
    participation::settings_path,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Creating a session.
#[component]
pub fn NewSessionPage() -> impl IntoView {
    let t = use_lang().strings();
    let form = StoredValue::new(use_posted_form(NEW_SESSION_PATH));
    // Loading the starting values checks the permission (and sets the page's status).
    let blank = Resource::new(|| (), |_| get_new_session());
    view! {
        <Title text=t.session_new_title()/>
        <h1>{t.session_new_heading()}</h1>
        <Loaded resource=blank render={move |initial: SessionEditor| view! {
            <SessionForm action=NEW_SESSION_PATH.to_string() form=form.get_value() initial new=true/>
        }}/>
        <p><a href=SESSIONS_PATH>{t.session_back()}</a></p>
    }
}

/// Editing a session, and making it the current one.
#[component]
pub fn SessionEditPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let number = params.with_untracked(|p| p.get("number").and_then(|n| n.parse::<i32>().ok()));
    let key = number.unwrap_or_default();
    let form = StoredValue::new(use_posted_form(&edit_path(key)));
    let current = StoredValue::new(use_posted_form(&current_path(key)));
    let session = Resource::new(
        move || number,
        |number| async move {
            match number {
                Some(number) => get_session_editor(number).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.session_edit_title()/>
        <h1>{t.session_edit_heading()}</h1>
        <Loaded resource=session render={move |s: SessionEditor| {
            let lead = fill(&fill(t.session_edit_lead(), "number", &s.number.to_string()), "title", lang.pick(&s.title_fr, &s.title_en));
            view! {
                <p class="lead">{lead}</p>
                <CurrentPanel session=s.clone() form=current.get_value()/>
                <section aria-labelledby="session-details">
                    <h2 id="session-details">{t.session_details_heading()}</h2>
                    <SessionForm action=edit_path(s.number) form=form.get_value() initial=s.clone() new=false/>
                </section>
                <p><a href=settings_path(s.number)>{t.session_participation_settings_link()}</a></p>
            }
        }}/>
        <p><a href=SESSIONS_PATH>{t.session_back()}</a></p>
    }
}

/// Whether the session is the current one, and the button that makes it so.
#[component]
fn CurrentPanel(session: SessionEditor, form: PostedForm) -> impl IntoView {
    let t = use_lang().strings();
    let state = if session.is_current {
        view! { <p><strong class="badge">{t.session_current_badge()}</strong>" "{t.session_is_current()}</p> }
            .into_any()
    } else {
        view! {
            <p>{t.session_not_current()}</p>
            <form method="post" action=current_path(session.number)>
                <button type="submit" class="button button-secondary">{t.session_make_current()}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="session-current" class="panel">
            <h2 id="session-current">{t.session_current_heading()}</h2>
            <FormErrors form/>
            {state}
        </section>
    }
}

/// After an edit refused because agenda items would fall outside the new days: how many.
#[component]
fn AgendaOutside(number: i32, form: PostedForm) -> impl IntoView {
    let t = use_lang().strings();
    let refused = matches!(
        &form.error,
        Some(AppError::Validation(errors)) if errors.iter().any(|e| e.code.starts_with("session_agenda_"))
    );
    refused.then(|| {
        let typed = (
            form.value("starts_on"),
            form.value("ends_on"),
            form.value("time_zone"),
        );
        let count = Resource::new(
            move || typed.clone(),
            move |(starts_on, ends_on, time_zone)| {
                get_agenda_outside(number, starts_on, ends_on, time_zone)
            },
        );
        view! {
            <Loaded resource=count render={move |count: u64| {
                let text = match count {
                    0 => None,
                    1 => Some(t.session_agenda_outside_one().to_string()),
                    n => Some(fill(t.session_agenda_outside_many(), "count", &n.to_string())),
                };
                text.map(|text| view! { <div class="notice notice-error"><p>{text}</p></div> })
            }}/>
        }
    })
}

/// The creation / edit form of a session (the number is chosen once, at creation).
#[component]
fn SessionForm(
    action: String,
    form: PostedForm,
    initial: SessionEditor,
    new: bool,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let statuses: Vec<_> = STATUSES
        .into_iter()
        .map(|s| (s.as_str(), s.label(lang)))
        .collect();
    let number = new.then(|| {
        view! {
            <TextField label=t.session_number_label() name="number" kind="number" required=true form=form.clone()
                initial=initial.number.to_string() hint=t.session_number_hint()/>
        }
    });
    let agenda = (!new).then(|| view! { <AgendaOutside number=initial.number form=form.clone()/> });
    let submit = if new {
        t.session_create_submit()
    } else {
        t.session_save()
    };
    view! {
        <FormErrors form=form.clone()/>
        {agenda}
        <form method="post" action=action class="form" novalidate>
            {number}
            <TextField label=t.session_title_fr_label() name="title_fr" required=true maxlength=MAX_TITLE_CHARS
                form=form.clone() initial=initial.title_fr/>
            <TextField label=t.session_title_en_label() name="title_en" required=true maxlength=MAX_TITLE_CHARS
                form=form.clone() initial=initial.title_en/>
            <TextField label=t.session_starts_on_label() name="starts_on" kind="date" required=true form=form.clone()
                initial=initial.starts_on hint=t.session_date_hint()/>
            <TextField label=t.session_ends_on_label() name="ends_on" kind="date" required=true form=form.clone()
                initial=initial.ends_on hint=t.session_date_hint()/>
            <TextField label=t.session_venue_fr_label() name="venue_fr" required=true maxlength=MAX_VENUE_CHARS
                form=form.clone() initial=initial.venue_fr/>
            <TextField label=t.session_venue_en_label() name="venue_en" required=true maxlength=MAX_VENUE_CHARS
                form=form.clone() initial=initial.venue_en/>
            <TextField label=t.session_city_label() name="city" required=true maxlength=MAX_CITY_CHARS
                form=form.clone() initial=initial.city/>
            <SelectField name="country" label=t.session_country_label() form=form.clone() required=true
                options=countries::choices(lang) initial=initial.country_code/>
            <SelectField name="time_zone" label=t.session_time_zone_label() form=form.clone() required=true
                options=time_zones::choices() initial=initial.time_zone/>
            <SelectField name="status" label=t.session_status_label() form=form.clone() required=true
                options=statuses initial=initial.status/>
            <button type="submit" class="button">{submit}</button>
        </form>
    }
}
