//! `/espace/courriels`: administrators read the outgoing e-mails, newest first (all of
//! them stay here when no SMTP server is configured).

use super::{OutboxEntry, OutboxPage, get_outbox};
use crate::{
    i18n::{Lang, fill, use_lang},
    layout::{Loaded, Pagination},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The outbox page's address.
pub const OUTBOX_PATH: &str = "/espace/courriels";

/// The outbox page.
#[component]
pub fn OutboxView() -> impl IntoView {
    let lang = use_lang();
    let t = lang.strings();
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1));
    let outbox = Resource::new(page, get_outbox);
    view! {
        <Title text=t.outbox_title()/>
        <h1>{t.outbox_heading()}</h1>
        <p class="lead">{t.outbox_intro()}</p>
        <Loaded resource=outbox render={move |page: OutboxPage| view! { <Emails lang page/> }}/>
    }
}

#[component]
fn Emails(lang: Lang, page: OutboxPage) -> impl IntoView {
    let t = lang.strings();
    let list = page
        .emails
        .into_iter()
        .map(|email| view! { <Email lang email/> })
        .collect_view();
    view! {
        <p role="status">{fill(t.outbox_count(), "count", &page.total.to_string())}</p>
        <ol class="outbox">{list}</ol>
        <Pagination path=OUTBOX_PATH page=page.page pages=page.pages/>
    }
}

#[component]
fn Email(lang: Lang, email: OutboxEntry) -> impl IntoView {
    let t = lang.strings();
    let sent = match email.sent_at {
        Some(at) => fill(t.outbox_sent_at(), "date", &at),
        None => fill(t.outbox_not_sent(), "attempts", &email.attempts.to_string()),
    };
    view! {
        <li class="panel outbox-email">
            <h2>{email.subject}</h2>
            <dl>
                <dt>{t.outbox_to()}</dt><dd>{email.to}</dd>
                <dt>{t.outbox_queued()}</dt><dd><time>{email.created_at}</time></dd>
                <dt>{t.outbox_status()}</dt><dd>{sent}</dd>
                <dt>{t.outbox_language()}</dt><dd>{email.language}</dd>
            </dl>
            <pre class="outbox-body">{email.body}</pre>
        </li>
    }
}
