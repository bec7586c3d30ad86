//! The CCMEX web application: components, routes, server functions and shared types.
//!
//! Built twice: with `ssr` into the server, with `hydrate` into the browser's WASM.

// Leptos' nested view types (a chart inside a loaded resource inside a page) go deeper than
// the compiler's default query depth when the browser build lays them out.
#![recursion_limit = "256"]

pub mod accounts;
pub mod agenda;
pub mod audit;
pub mod committees;
pub mod concerns;
pub mod countries;
pub mod diaspora;
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod format;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod layout;
pub mod mail;
mod not_found;
pub mod participation;
pub mod recommendations;
pub mod search;
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod state;
pub mod users;
pub mod workspace;

use i18n::page_lang;
use layout::{Footer, Header};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app, rendered on the server for every page.
///
/// Type-erased (`AnyView`), like each route's page: the server instantiates the shell in
/// several places, and Leptos' nested view types otherwise make debug builds enormous.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> AnyView {
    let lang = page_lang();
    #[cfg(feature = "ssr")]
    page_headers();
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
                // Not Leptos' `HydrationScripts`: WASM only on pages with islands.
                <layout::PageScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
    .into_any()
}

/// Headers of every page: a Content-Security-Policy allowing only this response's scripts
/// (by nonce), and `Vary` for the language negotiation.
#[cfg(feature = "ssr")]
fn page_headers() {
    use http::{HeaderValue, header};
    leptos::nonce::provide_nonce();
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    // The page depends on the language cookie and the browser's languages.
    response.insert_header(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.as_inner().to_string())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: page frame and routes.
///
/// Rendered on the server only (islands mode): the browser hydrates just the `#[island]`
/// components inside it, so no route or page code is in the browser bundle.
#[component]
pub fn App() -> AnyView {
    provide_meta_context();
    provide_context(page_lang());

    view! {
        <Router>
            <Header/>
            // `data-hydrated` is set by the browser entry (`frontend`) once the islands run.
            <main id="main" tabindex="-1">
                <Routes fallback=|| not_found::NotFound().into_any()>
                    <Route path=path!("/") view=|| home::HomePage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/agenda") view=|| agenda::AgendaPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/agenda/changements") view=|| agenda::ChangesPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/sessions/:number/agenda") view=|| agenda::SessionAgendaPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/comites") view=|| committees::CommitteesPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/diaspora") view=|| diaspora::DiasporaPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/diaspora/se-declarer") view=|| diaspora::DeclarePage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/preoccupations") view=|| concerns::ConcernsPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/participer") view=|| participation::ApplyPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/participer/confirmation") view=|| participation::ConfirmationPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/participer/suivi") view=|| participation::TrackPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/participer/suivi/:code") view=|| participation::TrackedPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/recommandations") view=|| recommendations::RecommendationsPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/recommandations/:id") view=|| recommendations::RecommendationPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/connexion") view=|| accounts::SignInPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace") view=|| workspace::WorkspacePage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/mot-de-passe") view=|| accounts::PasswordPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/utilisateurs") view=|| users::UsersPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/utilisateurs/:id") view=|| users::UserEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/diaspora") view=|| diaspora::FiguresPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/diaspora/:id") view=|| diaspora::FigureEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/preoccupations") view=|| concerns::ModerationView().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations") view=|| recommendations::RecommendationEditorPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/jalons/:milestone") view=|| recommendations::MilestoneEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/preoccupations/:id") view=|| concerns::ModeratedConcernPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/courriels") view=|| mail::OutboxView().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/organisations") view=|| participation::DirectoryView().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/sessions") view=|| participation::SessionsPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/sessions/:number/participation") view=|| participation::SettingsPage().into_any() ssr=SsrMode::Async/>
                    // Declared before `/espace/sessions/:number`: the first route that matches wins.
                    <Route path=path!("/espace/sessions/nouvelle") view=|| sessions::NewSessionPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/sessions/:number") view=|| sessions::SessionEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/demandes") view=|| participation::ReviewPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/demandes/:id") view=|| participation::ReviewDetailPage().into_any() ssr=SsrMode::Async/>
                    // A refused form post is answered with its page at the post's own address:
                    // the browser's router must know those addresses too, or hydration fails.
                    <Route path=path!("/espace/diaspora/:id/supprimer") view=|| diaspora::FiguresPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/publier") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/retirer") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/jalons") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/jalons/:milestone/basculer") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/recommandations/:id/jalons/:milestone/supprimer") view=|| recommendations::RecommendationEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/sessions/:number/courante") view=|| sessions::SessionEditPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/demandes/:id/decision") view=|| participation::ReviewDetailPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/demandes/:id/attribuer") view=|| participation::ReviewDetailPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/journal") view=|| audit::AuditLogPage().into_any() ssr=SsrMode::Async/>
                    <Route path=path!("/espace/agenda") view=|| agenda::EditorPage().into_any() ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
    .into_any()
}
