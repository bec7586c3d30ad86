//! Test support: a real application on a fresh database (a SQLite file in a temporary
//! folder, or a uniquely named PostgreSQL database dropped afterwards).
//!
//! (`common/mod.rs` rather than `common.rs`: cargo would build the latter as a test crate.)
#![allow(
    dead_code,
    reason = "each test crate uses a different part of this module"
)]

use axum::{Router, body::Body, http::Request, response::Response};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::{AppState, ServerState, db, router, seed, site_options};
use std::{
    path::PathBuf,
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, SystemTime, UNIX_EPOCH},
};
use tower::ServiceExt;

/// The PostgreSQL server used by tests (a maintenance database on it).
pub fn postgres_admin_url() -> String {
    std::env::var("CCMEX_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "ccmex_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh, empty database that disappears with this value.
pub struct TestDb {
    pub url: String,
    backend: Backend,
    name: String,
    folder: Option<PathBuf>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let folder = std::env::temp_dir().join(&name);
                // The folder does not exist yet: the server must create it.
                let url = format!("sqlite://{}/nested/ccmex.db", folder.display());
                TestDb {
                    url,
                    backend,
                    name,
                    folder: Some(folder),
                }
            }
            Backend::Postgres => {
                let admin = Database::connect(postgres_admin_url())
                    .await
                    .expect("PostgreSQL is reachable for tests");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = postgres_admin_url();
                let url = format!(
                    "{}/{name}",
                    base.rsplit_once('/').map(|(b, _)| b).unwrap_or(&base)
                );
                TestDb {
                    url,
                    backend,
                    name,
                    folder: None,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_dir_all(folder);
        }
        if self.backend == Backend::Postgres {
            let name = self.name.clone();
            // Drop runs outside async: use a small runtime on its own thread.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(postgres_admin_url()).await {
                        let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                        if let Err(e) = admin.execute_unprepared(&sql).await {
                            eprintln!("could not drop test database {name}: {e}");
                        }
                        admin.close().await.ok();
                    }
                });
                Ok::<_, std::io::Error>(())
            })
            .join();
        }
    }
}

/// The real application on its own database.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    /// The live hub of this "process" (agenda changes reach its viewers through it).
    pub live: app::agenda::live::LiveHub,
    pub database: TestDb,
}

impl TestApp {
    /// Migrated and seeded.
    pub async fn seeded(backend: Backend) -> TestApp {
        let app = TestApp::empty(backend).await;
        seed::run(&app.db).await.expect("seed loads");
        app
    }

    /// Migrated, no content.
    pub async fn empty(backend: Backend) -> TestApp {
        TestApp::build(backend, false).await
    }

    /// Migrated and seeded, configured as served over HTTPS (behind a TLS proxy).
    pub async fn seeded_over_https(backend: Backend) -> TestApp {
        TestApp::configured(backend, |state| state.https = true).await
    }

    /// Migrated and seeded, with settings changed by `configure`.
    pub async fn configured(backend: Backend, configure: impl FnOnce(&mut ServerState)) -> TestApp {
        let app = TestApp::build_with(backend, false, configure).await;
        seed::run(&app.db).await.expect("seed loads");
        app
    }

    async fn build(backend: Backend, https: bool) -> TestApp {
        TestApp::build_with(backend, https, |_| {}).await
    }

    async fn build_with(
        backend: Backend,
        https: bool,
        configure: impl FnOnce(&mut ServerState),
    ) -> TestApp {
        let database = TestDb::new(backend).await;
        let db = db::connect(&database.url, 4).await.expect("database opens");
        db::migrate(&db, &database.url)
            .await
            .expect("migrations apply");
        let mut state = ServerState::new(
            AppState::new(db.clone()),
            site_options(
                std::path::Path::new("target/site"),
                "127.0.0.1:0".parse().expect("addr"),
            ),
            https,
        );
        configure(&mut state);
        // As the server does before it serves: hear other processes' changes first.
        assert!(
            state.app.live.ready(Duration::from_secs(10)).await,
            "LISTEN in place"
        );
        TestApp {
            live: state.app.live.clone(),
            router: router(state),
            db,
            database,
        }
    }

    /// Another server process on the same database: its own pool, live hub and router,
    /// sharing nothing with this one but the database (as two processes on PostgreSQL).
    pub async fn second_process(&self) -> (Router, DatabaseConnection, app::agenda::live::LiveHub) {
        let db = db::connect(&self.database.url, 4)
            .await
            .expect("database opens");
        let state = ServerState::new(
            AppState::new(db.clone()),
            site_options(
                std::path::Path::new("target/site"),
                "127.0.0.1:0".parse().expect("addr"),
            ),
            false,
        );
        let live = state.app.live.clone();
        assert!(live.ready(Duration::from_secs(10)).await, "LISTEN in place");
        (router(state), db, live)
    }

    /// Sends one request through the real router.
    pub async fn send(&self, request: Request<Body>) -> Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("the router always answers")
    }

    /// `GET path` with extra headers.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }
}

impl TestApp {
    /// `POST path` with a URL-encoded form body, as a browser's form would send it.
    pub async fn post_form(&self, path: &str, body: impl Into<String>) -> Response {
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.into()))
            .expect("request");
        self.send(request).await
    }
}

/// The password of every account tests create.
pub const PASSWORD: &str = "le fleuve Niger à Ségou";

/// What an account created by a test may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// No role: may only sign in.
    None,
    Admin,
    Reviewer,
    Steering,
    Technical,
}

impl TestApp {
    /// Creates an account with [`PASSWORD`]; returns its id.
    pub async fn create_user(&self, email: &str, name: &str, role: Role) -> i32 {
        use app::{
            accounts::{CommitteeKind, Email, NewPassword, Seat, service},
            committees::MemberRole,
        };
        let seat = |committee| {
            Some(Seat {
                committee,
                role: MemberRole::Member,
            })
        };
        let roles = service::Roles {
            admin: role == Role::Admin,
            reviewer: role == Role::Reviewer,
            seat: match role {
                Role::Steering => seat(CommitteeKind::Steering),
                Role::Technical => seat(CommitteeKind::Technical),
                _ => None,
            },
        };
        service::create_user(
            &self.db,
            &app::accounts::PasswordHashing::default(),
            &app::audit::Actor::CommandLine,
            &Email::parse(email).expect("valid address"),
            name,
            &NewPassword::parse(PASSWORD).expect("valid password"),
            roles,
        )
        .await
        .expect("account created")
        .id
    }

    /// Stores a known diaspora figure (as a committee would); returns its id.
    pub async fn add_figure(
        &self,
        country: &str,
        figure: i64,
        kind: &str,
        source: &str,
        as_of: (i32, u32, u32),
    ) -> i32 {
        use app::entities::diaspora_figure;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let now = chrono::Utc::now();
        diaspora_figure::Entity::insert(diaspora_figure::ActiveModel {
            country_code: Set(country.into()),
            figure: Set(figure),
            source_kind: Set(kind.into()),
            source_label: Set(source.into()),
            as_of: Set(chrono::NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).expect("a date")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .expect("figure stored")
        .last_insert_id
    }

    /// Stores a concern with `status` (as if submitted, then moderated); returns its id.
    pub async fn add_concern(&self, theme: &str, country: &str, body: &str, status: &str) -> i32 {
        use app::entities::concern;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let now = chrono::Utc::now();
        concern::Entity::insert(concern::ActiveModel {
            theme: Set(theme.into()),
            country_code: Set(country.into()),
            body: Set(body.into()),
            consent: Set(true),
            contact: Set(Some("secret-contact@example.org".into())),
            status: Set(status.into()),
            published_at: Set((status == "published").then_some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            search_text: Set(app::search::searchable(&[body])),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .expect("concern stored")
        .last_insert_id
    }

    /// Posts the sign-in form for `email` with [`PASSWORD`].
    pub async fn sign_in_response(&self, email: &str) -> Response {
        let body = serde_urlencoded::to_string([("email", email), ("password", PASSWORD)])
            .expect("encodable");
        self.post_form("/connexion", body).await
    }

    /// Signs in and returns the `Cookie` header value that carries the session.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self.sign_in_response(email).await;
        assert_eq!(
            response.status(),
            axum::http::StatusCode::SEE_OTHER,
            "signed in"
        );
        session_cookie(&response).expect("a session cookie")
    }
}

/// The `name=value` of the session cookie a response sets, if any.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("ccmex_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

/// A form post, as a same-origin browser page sends it, with an optional cookie.
pub fn form_request(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::from(body.to_string())).expect("request")
}

/// A form post with extra headers.
pub fn form_request_with(path: &str, body: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request =
        Request::post(path).header("content-type", "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(body.to_string())).expect("request")
}

/// The whole body of a response, as text.
pub async fn text(response: Response) -> String {
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    String::from_utf8(bytes.to_vec()).expect("utf-8 body")
}

/// Runs the same async test on a fresh SQLite file and on a fresh PostgreSQL database.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[$meta:meta])* async fn $name:ident($app:ident : Backend) $body:block) => {
        mod $name {
            #[allow(unused_imports, reason = "not every test uses every import")]
            use super::*;
            async fn run($app: $crate::common::Backend) $body
            #[tokio::test]
            async fn on_sqlite() { run($crate::common::Backend::Sqlite).await }
            #[tokio::test]
            async fn on_postgres() { run($crate::common::Backend::Postgres).await }
        }
    };
}

impl TestApp {
    /// The seeded first session's id.
    pub async fn first_session_id(&self) -> i32 {
        use app::entities::session;
        use sea_orm::{EntityTrait, QueryOrder};
        session::Entity::find()
            .order_by_asc(session::Column::Number)
            .one(&self.db)
            .await
            .expect("sessions readable")
            .expect("the seed loads a session")
            .id
    }

    /// Stores an organisation named `name` that consents to be listed, and its request to
    /// the first session with `status`, sent by a contact named `contact`; returns the
    /// organisation's and the request's ids.
    pub async fn add_organisation_request(
        &self,
        name: &str,
        contact: &str,
        status: app::participation::RequestStatus,
    ) -> (i32, i32) {
        use app::entities::{organisation, participation_request as request};
        use sea_orm::{ActiveValue::Set, EntityTrait};
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let now = chrono::Utc::now();
        let session = self.first_session_id().await;
        let organisation = organisation::Entity::insert(organisation::ActiveModel {
            name: Set(name.into()),
            normalized_name: Set(app::participation::normalized_name(name)),
            kind: Set("association".into()),
            country_code: Set("FR".into()),
            city: Set("Montreuil".into()),
            sectors: Set("education".into()),
            website: Set(Some(format!("https://org{n}.example.org"))),
            publish_consent: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .expect("organisation stored")
        .last_insert_id;
        let request = request::Entity::insert(request::ActiveModel {
            session_id: Set(session),
            organisation_id: Set(organisation),
            tracking_code: Set(format!("CCMEX-C{n:03}-TEST")),
            status: Set(status.as_str().into()),
            contact_name: Set(contact.into()),
            contact_email: Set(format!("contact{n}@secret.example")),
            contact_phone: Set(format!("+3361000{n:04}")),
            motivation: Set("Contribuer aux travaux du CCMEX.".into()),
            contribution: Set("Une expertise.".into()),
            consent_processing: Set(true),
            consent_directory: Set(true),
            language: Set("fr".into()),
            previously_rejected: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .expect("request stored")
        .last_insert_id;
        (organisation, request)
    }

    /// Stores a published recommendation of the first session titled `title`; returns its id.
    pub async fn add_published_recommendation(&self, number: i32, title: &str) -> i32 {
        use app::entities::recommendation;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let now = chrono::Utc::now();
        recommendation::Entity::insert(recommendation::ActiveModel {
            session_id: Set(self.first_session_id().await),
            number: Set(number),
            title_fr: Set(title.into()),
            title_en: Set(title.into()),
            text_fr: Set("Texte.".into()),
            text_en: Set("Text.".into()),
            theme: Set("education".into()),
            institution: Set(title.into()),
            deadline: Set(None),
            status: Set("adopted".into()),
            published_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            search_text: Set(app::search::searchable(&[title])),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .expect("recommendation stored")
        .last_insert_id
    }
}

impl TestApp {
    /// Makes a new session (number `number`, a copy of the first) the current one, open for
    /// applications; returns its id.
    pub async fn open_new_session(&self, number: i32) -> i32 {
        use app::entities::session;
        use sea_orm::{
            ActiveValue::{NotSet, Set},
            EntityTrait,
            sea_query::Expr,
        };
        let first = session::Entity::find_by_id(self.first_session_id().await)
            .one(&self.db)
            .await
            .expect("sessions readable")
            .expect("the seed loads a session");
        session::Entity::update_many()
            .col_expr(session::Column::IsCurrent, Expr::value(false))
            .exec(&self.db)
            .await
            .expect("sessions writable");
        let now = chrono::Utc::now();
        session::Entity::insert(session::ActiveModel {
            id: NotSet,
            number: Set(number),
            is_current: Set(true),
            applications_open: Set(true),
            applications_open_from: Set(None),
            applications_close_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..session::ActiveModel::from(first)
        })
        .exec(&self.db)
        .await
        .expect("session stored")
        .last_insert_id
    }
}
