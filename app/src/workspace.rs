//! `/espace`: the signed-in user's workspace, listing only the tools their role allows.

use crate::{
    accounts::{PASSWORD_PATH, Permission, Principal},
    error::AppError,
    i18n::{Lang, use_lang},
    layout::Loaded,
    users::USERS_PATH,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Where the sign-out form posts.
pub const SIGN_OUT_PATH: &str = "/deconnexion";

/// The signed-in user.
#[server(endpoint = "me")]
pub async fn get_me() -> Result<Principal, AppError> {
    crate::accounts::auth::require_signed_in().map_err(AppError::respond)
}

/// The tool a permission opens, once that tool exists.
fn tool(lang: Lang, permission: Permission) -> Option<(&'static str, &'static str, &'static str)> {
    let t = lang.strings();
    match permission {
        Permission::ManageUsers => Some((USERS_PATH, t.tool_users(), t.tool_users_text())),
        Permission::ReadAuditLog => Some(("/espace/journal", t.tool_audit(), t.tool_audit_text())),
        Permission::ManageDiaspora => Some((
            crate::diaspora::FIGURES_PATH,
            t.tool_diaspora(),
            t.tool_diaspora_text(),
        )),
        Permission::ModerateConcerns => Some((
            crate::concerns::MODERATION_PATH,
            t.tool_concerns(),
            t.tool_concerns_text(),
        )),
        Permission::ManageRecommendations => Some((
            crate::recommendations::EDITOR_PATH,
            t.tool_recommendations(),
            t.tool_recommendations_text(),
        )),
        Permission::ReadOutbox => Some((
            crate::mail::OUTBOX_PATH,
            t.tool_outbox(),
            t.tool_outbox_text(),
        )),
        Permission::ManageSessions => Some((
            crate::participation::SESSIONS_PATH,
            t.tool_sessions(),
            t.tool_sessions_text(),
        )),
        Permission::ReviewRequests => Some((
            crate::participation::REVIEW_PATH,
            t.tool_requests(),
            t.tool_requests_text(),
        )),
        Permission::EditAgenda => Some((
            crate::agenda::EDITOR_PATH,
            t.tool_agenda(),
            t.tool_agenda_text(),
        )),
    }
}

/// The workspace page.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <Title text=t.workspace_title()/>
        <h1>{t.workspace_heading()}</h1>
        <Loaded resource=me render={move |me: Principal| view! { <Tools lang me/> }}/>
    }
}

#[component]
fn Tools(lang: Lang, me: Principal) -> impl IntoView {
    let t = lang.strings();
    let tools = me
        .permissions()
        .into_iter()
        .filter_map(|p| tool(lang, p))
        .map(|(href, name, text)| {
            view! { <li><a href=href>{name}</a><p>{text}</p></li> }
        })
        .collect_view();
    view! {
        <p class="lead">{crate::i18n::fill(t.workspace_greeting(), "name", &me.name)}</p>
        <ul class="tools">
            {tools}
            <li><a href=PASSWORD_PATH>{t.tool_password()}</a><p>{t.tool_password_text()}</p></li>
        </ul>
        <form method="post" action=SIGN_OUT_PATH>
            <button type="submit" class="button button-secondary">{t.sign_out_submit()}</button>
        </form>
    }
}
