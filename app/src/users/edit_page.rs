//! `/espace/utilisateurs/{id}`: edit one account's name, roles, seat; enable or disable it.

use super::{USERS_PATH, UserRow, get_user, list_page::RoleFields};
use crate::{
    error::AppError,
    forms::{CheckField, FormErrors, PostedForm, SuccessNotice, TextField, use_posted_form},
    i18n::use_lang,
    layout::Loaded,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The account editing page.
#[component]
pub fn UserEditPage() -> impl IntoView {
    let t = use_lang().strings();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let action = format!("{USERS_PATH}/{}", id().unwrap_or_default());
    let form = StoredValue::new(use_posted_form(&action));
    let user = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_user(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=t.users_edit_title()/>
        <h1>{t.users_edit_heading()}</h1>
        <SuccessNotice/>
        <Loaded resource=user render={move |user: UserRow| view! { <EditForm user form=form.get_value()/> }}/>
        <p><a href=USERS_PATH>{t.users_back()}</a></p>
    }
}

#[component]
fn EditForm(user: UserRow, form: PostedForm) -> impl IntoView {
    let t = use_lang().strings();
    let action = format!("{USERS_PATH}/{}", user.id);
    view! {
        <p>{user.email.clone()}</p>
        <FormErrors form=form.clone()/>
        <form method="post" action=action class="form" novalidate>
            <TextField label=t.users_name() name="name" required=true maxlength=200
                initial=user.name.clone() form=form.clone()/>
            <RoleFields form=form.clone() initial=Some(user.clone())/>
            <CheckField label=t.users_enabled_label() name="enabled" form=form.clone() initial=!user.disabled/>
            <button type="submit" class="button">{t.users_save_submit()}</button>
        </form>
    }
}
