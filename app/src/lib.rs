//! The CCMEX web application: components, routes, server functions and shared types.
//!
//! Built twice: with `ssr` into the server, with `hydrate` into the browser's WASM.

#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod format;
pub mod home;
pub mod i18n;
pub mod layout;
mod not_found;
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod state;

use i18n::page_lang;
use layout::{Footer, Header, provide_hydrated};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = page_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        // The page depends on the language cookie and the browser's languages.
        response.insert_header(
            http::header::VARY,
            http::HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir="ltr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#14532d"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: page frame and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(page_lang());
    let hydrated = provide_hydrated();

    view! {
        <Router>
            <Header/>
            <main id="main" tabindex="-1" data-hydrated=move || hydrated.0.get().then_some("true")>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
