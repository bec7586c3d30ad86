//! The CCMEX platform's server: configuration, database, router and layers.
//!
//! `router(state)` builds the whole application, so tests drive the real thing.

mod agenda_calendar;
pub mod agenda_live;
pub mod auth;
mod concerns;
pub mod config;
mod csv_writer;
pub mod db;
mod diaspora;
mod forms;
mod health;
mod language;
pub mod mail;
mod open_data;
pub mod page_cache;
mod participation;
mod participation_review;
pub mod rate_limit;
mod recommendations;
pub mod security;
pub mod seed;
mod sessions;
mod site;

pub use app::state::AppState;
pub use site::site_options;

use app::{
    App,
    accounts::{PASSWORD_PATH, SIGN_IN_PATH},
    concerns::{CONCERNS_PATH, MODERATION_PATH},
    diaspora::{DECLARE_PATH, FIGURES_PATH},
    error::AppError,
    recommendations::EDITOR_PATH,
    shell,
    users::USERS_PATH,
    workspace::SIGN_OUT_PATH,
};
use axum::{
    Router,
    body::Body,
    extract::FromRef,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use leptos::prelude::*;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::{sync::LazyLock, time::Duration};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer, limit::RequestBodyLimitLayer,
    timeout::TimeoutLayer, trace::TraceLayer,
};

/// Largest request body accepted anywhere (forms are far smaller).
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Everything the router needs.
#[derive(Clone, Debug, FromRef)]
pub struct ServerState {
    /// Shared with pages and server functions.
    pub app: AppState,
    /// Where the built site is and how its files are named.
    pub leptos_options: LeptosOptions,
    /// How long a request may take.
    pub request_timeout: Duration,
    /// Whether the public address is HTTPS: adds HSTS and marks cookies `Secure`.
    pub https: bool,
    /// How long sign-in sessions last.
    pub sessions: auth::SessionSettings,
    /// Per-IP rate limits.
    pub limits: rate_limit::Limits,
    /// The public agenda pages, rendered at most once a second.
    pub page_cache: page_cache::PageCache,
    /// How many live agenda streams this process serves at once.
    pub live_viewers: agenda_live::ViewerLimit,
}

impl ServerState {
    /// The state with default sessions and limits, as tests and tools want it.
    pub fn new(app: AppState, leptos_options: LeptosOptions, https: bool) -> Self {
        Self {
            app,
            leptos_options,
            request_timeout: Duration::from_secs(30),
            https,
            sessions: auth::SessionSettings::default(),
            limits: rate_limit::Limits::default(),
            page_cache: page_cache::PageCache::default(),
            live_viewers: agenda_live::ViewerLimit::default(),
        }
    }
}

/// The app's routes, listed once per process. Listing them runs the app with resource
/// loading suspended through a process-wide flag (leptos_server 0.8), so a page rendered
/// on another thread at that moment would wait forever for its data
/// (leptos-rs/leptos#4773): a process that builds several routers (two instances in one
/// test binary, every test's own app) must never list them while it serves.
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

/// The whole application: pages, server functions (registered by `leptos_routes_with_context`
/// at `/api/<endpoint>`), health check, static files and layers.
pub fn router(state: ServerState) -> Router {
    let routes = ROUTES.clone();
    let app_state = state.app.clone();
    let provide_state = move || provide_context(app_state.clone());
    let options = state.leptos_options.clone();
    let timeout = state.request_timeout;
    let https = state.https;

    // Pages, forms and server functions see the session and the signed-in user; health
    // checks and static files do not touch the session store.
    let pages = Router::new()
        .route("/langue", post(language::set_language))
        .route(SIGN_IN_PATH, post(auth::sign_in))
        .route(DECLARE_PATH, post(diaspora::declare))
        .route(CONCERNS_PATH, post(concerns::submit))
        .route(app::participation::APPLY_PATH, post(participation::apply))
        .route(app::participation::TRACK_PATH, post(participation::lookup))
        .route(
            &format!("{}/{{code}}", app::participation::TRACK_PATH),
            post(participation::act),
        )
        .route(
            &format!("{MODERATION_PATH}/{{id}}"),
            post(concerns::moderate),
        )
        .route(FIGURES_PATH, post(diaspora::create_figure))
        .route(
            &format!("{FIGURES_PATH}/{{id}}"),
            post(diaspora::update_figure),
        )
        .route(
            &format!("{FIGURES_PATH}/{{id}}/supprimer"),
            post(diaspora::delete_figure),
        )
        .route(EDITOR_PATH, post(recommendations::create))
        .route(
            &format!("{EDITOR_PATH}/{{id}}"),
            post(recommendations::update),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/publier"),
            post(recommendations::publish),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/retirer"),
            post(recommendations::unpublish),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/jalons"),
            post(recommendations::add_milestone),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/jalons/{{milestone}}"),
            post(recommendations::update_milestone),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/jalons/{{milestone}}/basculer"),
            post(recommendations::toggle_milestone),
        )
        .route(
            &format!("{EDITOR_PATH}/{{id}}/jalons/{{milestone}}/supprimer"),
            post(recommendations::delete_milestone),
        )
        .route(
            &format!(
                "{}/{{number}}/participation",
                app::participation::SESSIONS_PATH
            ),
            post(participation_review::update_settings),
        )
        .route(app::sessions::NEW_SESSION_PATH, post(sessions::create))
        .route(
            &format!("{}/{{number}}", app::sessions::SESSIONS_PATH),
            post(sessions::update),
        )
        .route(
            &format!("{}/{{number}}/courante", app::sessions::SESSIONS_PATH),
            post(sessions::make_current),
        )
        .route(
            app::participation::EXPORT_PATH,
            get(participation_review::export),
        )
        .route(
            &format!("{}/{{id}}/attribuer", app::participation::REVIEW_PATH),
            post(participation_review::assign),
        )
        .route(
            &format!("{}/{{id}}/decision", app::participation::REVIEW_PATH),
            post(participation_review::decide),
        )
        .route(SIGN_OUT_PATH, post(auth::sign_out))
        .route(PASSWORD_PATH, post(auth::change_own_password))
        .route(USERS_PATH, post(auth::create_user))
        .route(&format!("{USERS_PATH}/{{id}}"), post(auth::update_user))
        .leptos_routes_with_context(&state, routes, provide_state.clone(), move || {
            shell(options.clone())
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_user,
        ))
        .layer(auth::session_layer(&state))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::serve,
        ));

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/sessions/{number}/agenda/direct", get(agenda_live::stream))
        .route("/api/v1/diaspora.json", get(open_data::diaspora_json))
        .route("/api/v1/diaspora.csv", get(open_data::diaspora_csv))
        .route("/api/v1/concerns.json", get(concerns::concerns_json))
        .route("/api/v1/concerns.csv", get(concerns::concerns_csv))
        .route(
            app::participation::DIRECTORY_JSON_PATH,
            get(participation_review::organisations_json),
        )
        .route(
            app::participation::DIRECTORY_CSV_PATH,
            get(participation_review::organisations_csv),
        )
        .route(app::diaspora::MAP_PATH, get(open_data::diaspora_map))
        .route(
            app::recommendations::JSON_PATH,
            get(recommendations::open_json),
        )
        .route(
            app::recommendations::CSV_PATH,
            get(recommendations::open_csv),
        )
        .route(app::recommendations::FEED_PATH, get(recommendations::feed))
        .route(
            "/sessions/{number}/agenda.ics",
            get(agenda_calendar::session_feed),
        )
        .route("/agenda/elements/{file}", get(agenda_calendar::item_file))
        .merge(pages)
        .merge(site::static_files(&state.leptos_options))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(provide_state, shell))
        .with_state(state.clone())
        .layer(axum::middleware::map_response(server_fn_error_status))
        .layer(axum::middleware::from_fn_with_state(
            state,
            rate_limit::limit_writes,
        ))
        .layer(axum::middleware::from_fn(security::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(
            security::Https(https),
            security::headers,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Server function errors leave `server_fn` as 500s; the status is set here from the
/// [`AppError`] itself, so bad input is a 4xx whether or not the function body ran.
async fn server_fn_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are small JSON documents.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
