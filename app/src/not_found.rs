//! The page for addresses that do not exist.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

/// A styled, translated "not found" page, answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_lang().strings();
    view! {
        <Title text=t.not_found_title()/>
        <section class="not-found" aria-labelledby="not-found-heading">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1 id="not-found-heading">{t.not_found_heading()}</h1>
            <p>{t.not_found_text()}</p>
            <p><a class="button" href="/">{t.not_found_home_link()}</a></p>
        </section>
    }
}
