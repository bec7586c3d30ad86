//! `/participer/confirmation?code=…&cle=…`: the tracking code of the request just sent, its
//! status link, and what happens next. The page reads nothing from the database: it only
//! shows what the address carries (checked for shape), so it looks the same to everyone.

use super::{TRACK_PATH, codes::is_tracking_code};
use crate::{drafts::ForgetDraft, i18n::use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The confirmation page's address.
pub const CONFIRMATION_PATH: &str = "/participer/confirmation";

/// Whether `key` looks like a status link's key (64 hex characters).
pub fn is_access_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The confirmation page.
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let t = use_lang().strings();
    let query = use_query_map();
    let (code, key) = query.with_untracked(|q| {
        (
            q.get("code").filter(|c| is_tracking_code(c)),
            q.get("cle").filter(|k| is_access_key(k)),
        )
    });
    let body = match code {
        Some(code) => {
            let link = key.map(|key| format!("{TRACK_PATH}/{code}?cle={key}"));
            view! {
                // The draft of the form just sent is no longer needed.
                <ForgetDraft form=super::apply_steps::FORM_ID/>
                <div class="notice notice-success" role="status">
                    <p class="notice-title">{t.participation_confirmation_received()}</p>
                    <p>{t.participation_confirmation_code()}</p>
                    <p class="tracking-code"><strong><code id="tracking-code">{code.clone()}</code></strong></p>
                    <p class="field-hint">{t.participation_confirmation_keep()}</p>
                </div>
                <h2>{t.participation_confirmation_next_heading()}</h2>
                <p>{t.participation_confirmation_next()}</p>
                <p>
                    {link.map(|href| view! { <a href=href class="button">{t.participation_confirmation_status_link()}</a>" " })}
                    <a href=TRACK_PATH>{t.participation_to_tracking()}</a>
                </p>
            }
            .into_any()
        }
        None => view! { <p>{t.participation_confirmation_missing()}</p><p><a href=TRACK_PATH>{t.participation_to_tracking()}</a></p> }.into_any(),
    };
    view! {
        <Title text=t.participation_confirmation_title()/>
        <h1>{t.participation_confirmation_heading()}</h1>
        {body}
    }
}
