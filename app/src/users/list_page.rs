//! `/espace/utilisateurs`: the accounts, and the form that creates one.

use super::{USERS_PATH, UserRow, get_users};
use crate::{
    forms::{CheckField, FormErrors, SuccessNotice, TextField, use_posted_form},
    i18n::{Lang, use_lang},
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The accounts page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let users = Resource::new(|| (), |_| get_users());
    // The creation form shows only to those who may see the accounts (the server checks
    // again when it is posted).
    let form = StoredValue::new(use_posted_form(USERS_PATH));
    view! {
        <Title text=t.users_title()/>
        <h1>{t.users_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=users render={move |list: Vec<UserRow>| view! {
            <UserTable lang list/>
            <NewUserForm form=form.get_value()/>
        }}/>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}

#[component]
fn NewUserForm(form: crate::forms::PostedForm) -> impl IntoView {
    let t = use_lang().strings();
    view! {
        <section aria-labelledby="new-user">
            <h2 id="new-user">{t.users_new_heading()}</h2>
            <FormErrors form=form.clone()/>
            <form method="post" action=USERS_PATH class="form" novalidate>
                <TextField label=t.users_name() name="name" required=true maxlength=200 form=form.clone()/>
                <TextField label=t.users_email() name="email" kind="email" required=true maxlength=254 form=form.clone()/>
                <TextField label=t.users_initial_password() name="password" kind="password"
                    autocomplete="new-password" required=true maxlength=128 hint=t.password_rules() form=form.clone()/>
                <RoleFields form=form.clone() initial=None/>
                <button type="submit" class="button">{t.users_create_submit()}</button>
            </form>
        </section>
    }
}

#[component]
fn UserTable(lang: Lang, list: Vec<UserRow>) -> impl IntoView {
    let t = lang.strings();
    let rows = list
        .into_iter()
        .map(|user| {
            let href = format!("{USERS_PATH}/{}", user.id);
            let roles = role_summary(lang, &user);
            let status = if user.disabled {
                t.users_disabled()
            } else {
                t.users_enabled()
            };
            view! {
                <tr>
                    <td><a href=href>{user.name}</a></td>
                    <td>{user.email}</td>
                    <td>{roles}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.users_heading()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.users_name()}</th>
                        <th scope="col">{t.users_email()}</th>
                        <th scope="col">{t.users_roles()}</th>
                        <th scope="col">{t.users_status()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The roles of an account in words.
pub fn role_summary(lang: Lang, user: &UserRow) -> String {
    let t = lang.strings();
    let mut roles = Vec::new();
    if user.is_admin {
        roles.push(t.users_role_admin().to_string());
    }
    if user.is_reviewer {
        roles.push(t.users_role_reviewer().to_string());
    }
    if let Some(seat) = user.seat {
        let committee = match seat.committee {
            crate::accounts::CommitteeKind::Steering => t.users_committee_steering(),
            crate::accounts::CommitteeKind::Technical => t.users_committee_technical(),
        };
        roles.push(format!("{committee} ({})", seat.role.label(lang)));
    }
    if roles.is_empty() {
        t.users_role_none().to_string()
    } else {
        roles.join(", ")
    }
}

/// The role checkboxes and committee seat, shared by the create and edit forms.
#[component]
pub fn RoleFields(form: crate::forms::PostedForm, initial: Option<UserRow>) -> impl IntoView {
    use crate::{accounts::CommitteeKind, committees::MemberRole};
    let lang = use_lang();
    let t = lang.strings();
    let posted = !form.action.is_empty();
    let committee = if posted {
        form.value("committee")
    } else {
        initial
            .as_ref()
            .and_then(|u| u.seat)
            .map(|s| s.committee.slug().to_string())
            .unwrap_or_default()
    };
    let role = if posted {
        form.value("committee_role")
    } else {
        initial
            .as_ref()
            .and_then(|u| u.seat)
            .map(|s| s.role.as_str().to_string())
            .unwrap_or_default()
    };
    let committees = [
        ("", t.users_committee_none()),
        (CommitteeKind::Steering.slug(), t.users_committee_steering()),
        (
            CommitteeKind::Technical.slug(),
            t.users_committee_technical(),
        ),
    ]
    .into_iter()
    .map(|(value, label)| {
        let selected = committee == value;
        view! { <option value=value selected=selected>{label}</option> }
    })
    .collect_view();
    let roles = [
        MemberRole::President,
        MemberRole::Rapporteur,
        MemberRole::Member,
    ]
    .into_iter()
    .map(|r| {
        let selected = role == r.as_str();
        view! { <option value=r.as_str() selected=selected>{r.label(lang)}</option> }
    })
    .collect_view();
    let committee_error = form.field_error("committee_role", lang);
    view! {
        <fieldset class="field-group">
            <legend>{t.users_roles()}</legend>
            <CheckField label=t.users_role_admin() name="is_admin" form=form.clone()
                initial=initial.as_ref().is_some_and(|u| u.is_admin)/>
            <CheckField label=t.users_role_reviewer() name="is_reviewer" form=form.clone()
                initial=initial.as_ref().is_some_and(|u| u.is_reviewer)/>
            <div class="field">
                <label for="field-committee">{t.users_committee()}</label>
                <select id="field-committee" name="committee">{committees}</select>
            </div>
            <div class="field" class:field-invalid=committee_error.is_some()>
                <label for="field-committee_role">{t.users_committee_role()}</label>
                {committee_error.map(|e| view! { <p class="field-error" id="field-committee_role-error">{e}</p> })}
                <select id="field-committee_role" name="committee_role"
                    aria-describedby=committee_error.map(|_| "field-committee_role-error")>
                    {roles}
                </select>
            </div>
        </fieldset>
    }
}
