//! `/espace/mot-de-passe`: a signed-in user changes their own password.

use crate::{
    forms::{FormErrors, SuccessNotice, TextField, use_posted_form},
    i18n::use_lang,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the password form posts.
pub const PASSWORD_PATH: &str = "/espace/mot-de-passe";

/// The change-password page.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let t = use_lang().strings();
    let form = use_posted_form(PASSWORD_PATH);
    view! {
        <Title text=t.password_title()/>
        <h1>{t.password_heading()}</h1>
        <SuccessNotice/>
        <FormErrors form=form.clone()/>
        <form method="post" action=PASSWORD_PATH class="form narrow" novalidate>
            <TextField label=t.password_current() name="current_password" kind="password"
                autocomplete="current-password" required=true maxlength=128 form=form.clone()/>
            <TextField label=t.password_new() name="new_password" kind="password"
                autocomplete="new-password" required=true maxlength=128 hint=t.password_rules()
                form=form.clone()/>
            <TextField label=t.password_confirm() name="confirm_password" kind="password"
                autocomplete="new-password" required=true maxlength=128 form=form.clone()/>
            <button type="submit" class="button">{t.password_submit()}</button>
        </form>
        <p><a href="/espace">{t.workspace_back()}</a></p>
    }
}
