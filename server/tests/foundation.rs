//! The foundation through the real router, on SQLite and on PostgreSQL: migrations, seed,
//! server-rendered home page, languages, health check, 404, layers.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{agenda_item, committee, committee_mission, objective, session};
use axum::http::{StatusCode, header};
use common::{TestApp, text};
use sea_orm::{EntityTrait, PaginatorTrait};

async fn counts(app: &TestApp) -> (u64, u64, u64, u64, u64) {
    (
        session::Entity::find().count(&app.db).await.unwrap(),
        agenda_item::Entity::find().count(&app.db).await.unwrap(),
        committee::Entity::find().count(&app.db).await.unwrap(),
        committee_mission::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        objective::Entity::find().count(&app.db).await.unwrap(),
    )
}

on_both_databases! {
    async fn migrations_apply_and_the_seed_loads_exactly_once(backend: Backend) {
        let app = TestApp::empty(backend).await;
        assert_eq!(counts(&app).await, (0, 0, 0, 0, 0), "a fresh database starts empty");

        let first = server::seed::run(&app.db).await.unwrap();
        let after_first = counts(&app).await;
        let second = server::seed::run(&app.db).await.unwrap();

        assert_eq!(first.sessions, 1);
        assert!(first.agenda_items >= 12, "the agenda has at least 12 items, got {}", first.agenda_items);
        assert_eq!(first.committees, 2);
        assert_eq!(first.objectives, 9);
        assert_eq!(second, server::seed::SeedReport::default(), "the second load creates nothing");
        assert_eq!(counts(&app).await, after_first);
        let (_, items, _, missions, _) = after_first;
        assert_eq!(items, first.agenda_items);
        assert!(missions >= 4, "each committee has missions");
    }
}

on_both_databases! {
    async fn the_seeded_agenda_spans_both_days_in_order_with_no_item_ending_before_it_starts(backend: Backend) {
        use sea_orm::QueryOrder;
        let app = TestApp::seeded(backend).await;
        let items = agenda_item::Entity::find().order_by_asc(agenda_item::Column::Position).all(&app.db).await.unwrap();
        let days: std::collections::BTreeSet<_> = items.iter().map(|i| i.starts_at.date_naive().to_string()).collect();
        assert_eq!(days.into_iter().collect::<Vec<_>>(), ["2025-12-16", "2025-12-17"]);
        assert!(items.iter().all(|i| i.ends_at > i.starts_at));
        assert!(items.iter().any(|i| i.kind == "break"), "breaks are on the agenda");
        for theme in ["scope", "participation", "committees", "work_agenda", "concerns", "recommendations"] {
            assert!(items.iter().any(|i| i.theme.as_deref() == Some(theme)), "theme {theme} is on the agenda");
        }
    }
}

on_both_databases! {
    async fn the_home_page_is_rendered_on_the_server_in_french_with_the_seeded_session(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let objectives: Vec<String> = objective::Entity::find().all(&app.db).await.unwrap().into_iter().map(|o| o.text_fr).collect();

        let response = app.get("/", &[]).await;

        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let vary = response.headers()[header::VARY].to_str().unwrap().to_ascii_lowercase();
        assert!(vary.contains("accept-language") && vary.contains("cookie"), "caches must keep languages apart: {vary}");
        let html = text(response).await;
        assert!(html.contains(r#"<html lang="fr""#), "French by default");
        assert!(html.contains("Première session du CCMEX"));
        assert!(html.contains("16–17 décembre 2025"));
        assert!(html.contains("(CICB)") && html.contains("Bamako"));
        assert!(html.contains("77+"));
        assert_eq!(objectives.len(), 9);
        for objective in &objectives {
            let escaped = objective.replace('&', "&amp;").replace('\'', "&#x27;");
            assert!(html.contains(objective.as_str()) || html.contains(&escaped), "objective shown: {objective}");
        }
        for href in ["/agenda", "/participer", "/preoccupations", "/recommandations", "/diaspora", "/comites"] {
            assert!(html.contains(&format!(r#"href="{href}""#)), "navigation links to {href}");
        }
    }
}

on_both_databases! {
    async fn a_first_visit_in_english_gets_the_english_page(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let html = text(app.get("/", &[("accept-language", "en-GB,en;q=0.9,fr;q=0.5")]).await).await;
        assert!(html.contains(r#"<html lang="en""#));
        assert!(html.contains("First session of the CCMEX"));
        assert!(html.contains("16–17 December 2025"));
        assert!(!html.contains("Première session"), "no French content on the English page");
    }
}

on_both_databases! {
    async fn a_remembered_language_wins_over_the_browser_languages(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let html = text(app.get("/", &[("accept-language", "en"), ("cookie", "ccmex_lang=fr")]).await).await;
        assert!(html.contains(r#"<html lang="fr""#), "{html}");
        assert!(html.contains("Première session du CCMEX"));
    }
}

on_both_databases! {
    async fn the_home_page_says_so_when_no_session_is_announced(backend: Backend) {
        let app = TestApp::empty(backend).await;
        let response = app.get("/", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(text(response).await.contains("Aucune session n’est annoncée pour le moment."));
    }
}

on_both_databases! {
    async fn the_health_check_reports_the_database(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.get("/healthz", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
        assert_eq!(body["database"], "ok");

        app.db.close_by_ref().await.unwrap();
        let response = app.get("/healthz", &[]).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
}

on_both_databases! {
    async fn an_unknown_address_gets_a_translated_404_page(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.get("/cette-page-n-existe-pas", &[]).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let html = text(response).await;
        assert!(html.contains("Cette page n’existe pas"));
        assert!(html.contains(r#"class="site-header""#), "the 404 page keeps the site's frame");

        let response = app.get("/nope", &[("accept-language", "en")]).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(text(response).await.contains("This page does not exist"));
    }
}

on_both_databases! {
    async fn the_home_server_function_answers_in_the_language_asked(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.post_form("/api/home", "lang=En").await;
        assert_eq!(response.status(), StatusCode::OK);
        let data: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
        assert_eq!(data["session"]["title"], "First session of the CCMEX");
        assert_eq!(data["objectives"].as_array().unwrap().len(), 9);
    }
}

on_both_databases! {
    async fn the_home_server_function_refuses_bad_arguments_with_a_client_error(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.post_form("/api/home", "lang=Klingon").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error: app::error::AppError = serde_json::from_str(&text(response).await).unwrap();
        assert!(matches!(error, app::error::AppError::Validation(_)), "a typed error, not a trace: {error:?}");
    }
}

on_both_databases! {
    async fn the_language_switch_remembers_the_choice_and_returns_to_the_page(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.post_form("/langue", "lang=en&next=%2Fagenda").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/agenda");
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.starts_with("ccmex_lang=en;") && cookie.contains("Max-Age=31536000"), "{cookie}");

        let response = app.post_form("/langue", "lang=en&next=https%3A%2F%2Fevil.example%2F").await;
        assert_eq!(response.headers()[header::LOCATION], "/", "never an open redirect");

        assert_eq!(app.post_form("/langue", "lang=de&next=%2F").await.status(), StatusCode::BAD_REQUEST);
    }
}

on_both_databases! {
    async fn pages_are_compressed_and_oversized_bodies_refused(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let response = app.get("/", &[("accept-encoding", "br")]).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        let response = app.get("/", &[("accept-encoding", "gzip")]).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");

        let big = "x".repeat(server::BODY_LIMIT_BYTES + 1);
        assert_eq!(app.post_form("/langue", format!("lang=en&next={big}")).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}

#[tokio::test]
async fn the_sqlite_file_runs_in_wal_mode_with_foreign_keys_enforced() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::seeded(common::Backend::Sqlite).await;
    let pragma = |sql: &str| Statement::from_string(app.db.get_database_backend(), sql.to_string());

    let journal = app
        .db
        .query_one_raw(pragma("PRAGMA journal_mode"))
        .await
        .unwrap()
        .unwrap();
    let foreign_keys = app
        .db
        .query_one_raw(pragma("PRAGMA foreign_keys"))
        .await
        .unwrap()
        .unwrap();

    assert_eq!(journal.try_get_by_index::<String>(0).unwrap(), "wal");
    assert_eq!(foreign_keys.try_get_by_index::<i32>(0).unwrap(), 1);
    let orphan = app
        .db
        .execute_unprepared(
            "INSERT INTO committee_missions (committee_id, position, text_fr, text_en) VALUES (9999, 1, 'x', 'x')",
        )
        .await;
    assert!(
        orphan.is_err(),
        "a mission of a committee that does not exist is refused"
    );
}
