//! `/espace/sessions` (the sessions: where each stands, links to edit it and to its
//! participation settings, and the button making one the current session) and
//! `/espace/sessions/{number}/participation` (the settings form, posting to itself).

use super::settings::{
    MAX_CONDITIONS_CHARS, SESSIONS_PATH, SessionRow, SettingsView, get_settings, settings_path,
};
use crate::{
    format::date_range,
    forms::{CheckField, FormErrors, SuccessNotice, TextArea, TextField, use_posted_form},
    i18n::{Lang, fill, use_lang},
    layout::Loaded,
    sessions::{ListedSession, NEW_SESSION_PATH, current_path, edit_path, get_session_list},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The sessions, each with links to edit it and to its participation settings.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let sessions = Resource::new(move || lang, get_session_list);
    view! {
        <Title text=t.sessions_title()/>
        <h1>{t.sessions_heading()}</h1>
        <SuccessNotice/>
        <p><a class="button" href=NEW_SESSION_PATH>{t.session_new_link()}</a></p>
        <Loaded resource=sessions render={move |sessions: Vec<ListedSession>| view! { <Sessions lang sessions/> }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

fn quota_text(lang: Lang, row: &SessionRow) -> String {
    let t = lang.strings();
    match row.max_organisations {
        Some(max) => fill(
            &fill(
                t.sessions_quota_used(),
                "approved",
                &row.approved.to_string(),
            ),
            "max",
            &max.to_string(),
        ),
        None => fill(
            t.sessions_quota_none(),
            "approved",
            &row.approved.to_string(),
        ),
    }
}

#[component]
fn Sessions(lang: Lang, sessions: Vec<ListedSession>) -> impl IntoView {
    let t = lang.strings();
    let body = sessions
        .into_iter()
        .map(|session| {
            let row = &session.row;
            let number = row.number.to_string();
            let named = |template: &str| fill(template, "number", &number);
            let open = if row.applications_open {
                t.sessions_open()
            } else {
                t.sessions_closed()
            };
            let current = session.is_current.then(|| {
                view! { " "<strong class="badge">{t.session_current_badge()}</strong> }
            });
            let make_current = (!session.is_current).then(|| {
                view! {
                    <form method="post" action=current_path(row.number)>
                        <button type="submit" class="button button-secondary"
                            aria-label=named(t.session_make_current_named())>{t.session_make_current()}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{number.clone()}</td>
                    <th scope="row">{row.title.clone()}{current}</th>
                    <td>{date_range(lang, &row.starts_on, &session.ends_on)}</td>
                    <td>{session.status.label(lang)}</td>
                    <td>{open}</td>
                    <td>{quota_text(lang, row)}</td>
                    <td class="actions">
                        <a href=edit_path(row.number) aria-label=named(t.session_edit_named())>{t.session_edit_link()}</a>" "
                        <a href=settings_path(row.number) aria-label=named(t.session_participation_named())>{t.session_participation_link()}</a>
                        {make_current}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.sessions_heading()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.sessions_col_number()}</th>
                        <th scope="col">{t.sessions_col_title()}</th>
                        <th scope="col">{t.session_col_dates()}</th>
                        <th scope="col">{t.session_col_status()}</th>
                        <th scope="col">{t.sessions_col_applications()}</th>
                        <th scope="col">{t.sessions_col_quota()}</th>
                        <th scope="col">{t.session_col_actions()}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One session's participation settings.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let params = use_params_map();
    let number = params.with_untracked(|p| p.get("number").and_then(|n| n.parse::<i32>().ok()));
    let form = StoredValue::new(use_posted_form(&settings_path(number.unwrap_or_default())));
    let view_data = Resource::new(
        move || (number, lang),
        |(number, lang)| async move {
            match number {
                Some(number) => get_settings(number, lang).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.settings_title()/>
        <h1>{t.settings_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=view_data render={move |data: SettingsView| {
            let form = form.get_value();
            let s = data.settings;
            let number = data.session.number;
            view! {
                <p class="lead">{fill(&fill(t.settings_session(), "number", &number.to_string()), "title", &data.session.title)}</p>
                <p>{quota_text(lang, &data.session)}</p>
                <form method="post" action=settings_path(number) class="form" novalidate>
                    <FormErrors form=form.clone()/>
                    <CheckField label=t.settings_applications_open() name="applications_open" form=form.clone() initial=s.applications_open/>
                    <p class="field-hint">{t.settings_utc_note()}</p>
                    <TextField label=t.settings_opens_at() name="opens_at" kind="datetime-local" form=form.clone()
                        initial=s.opens_at hint=t.settings_datetime_hint()/>
                    <TextField label=t.settings_closes_at() name="closes_at" kind="datetime-local" form=form.clone()
                        initial=s.closes_at hint=t.settings_datetime_hint()/>
                    <TextArea label=t.settings_conditions_fr() name="conditions_fr" form=form.clone()
                        initial=s.conditions_fr maxlength=MAX_CONDITIONS_CHARS/>
                    <TextArea label=t.settings_conditions_en() name="conditions_en" form=form.clone()
                        initial=s.conditions_en maxlength=MAX_CONDITIONS_CHARS/>
                    <TextField label=t.settings_max_organisations() name="max_organisations" kind="number" form=form.clone()
                        initial=s.max_organisations.map(|n| n.to_string()).unwrap_or_default() hint=t.settings_max_organisations_hint()/>
                    <TextField label=t.settings_max_delegates() name="max_delegates" kind="number" form=form.clone()
                        initial=s.max_delegates.map(|n| n.to_string()).unwrap_or_default() hint=t.settings_max_delegates_hint()/>
                    <button type="submit" class="button">{t.settings_submit()}</button>
                </form>
            }
        }}/>
        <p><a href=SESSIONS_PATH>{t.settings_back()}</a></p>
    }
}
