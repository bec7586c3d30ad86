//! `/connexion`: the sign-in form (a plain form: works with JavaScript off).

use crate::{
    forms::{FormErrors, SuccessNotice, TextField, use_posted_form},
    i18n::use_lang,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where the sign-in form posts.
pub const SIGN_IN_PATH: &str = "/connexion";

/// Where to go after signing in: a local path only, the workspace by default.
pub fn safe_next(next: &str) -> &str {
    crate::forms::local_path(next, "/espace")
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_lang().strings();
    let form = use_posted_form(SIGN_IN_PATH);
    let query = use_query_map();
    let next = if form.action.is_empty() {
        query
            .with_untracked(|q| q.get("suivant"))
            .unwrap_or_default()
    } else {
        form.value("suivant")
    };
    let next = safe_next(&next).to_string();
    view! {
        <Title text=t.sign_in_title()/>
        <h1>{t.sign_in_heading()}</h1>
        <p class="lead">{t.sign_in_intro()}</p>
        <SuccessNotice/>
        <FormErrors form=form.clone()/>
        <form method="post" action=SIGN_IN_PATH class="form narrow" novalidate>
            <input type="hidden" name="suivant" value=next/>
            <TextField label=t.sign_in_email() name="email" kind="email" autocomplete="username"
                required=true maxlength=254 form=form.clone()/>
            <TextField label=t.sign_in_password() name="password" kind="password"
                autocomplete="current-password" required=true maxlength=128 form=form.clone()/>
            <button type="submit" class="button">{t.sign_in_submit()}</button>
        </form>
        <p class="form-help">{t.sign_in_help()}</p>
    }
}
