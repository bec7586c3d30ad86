//! Diaspora figures and anonymous declarations through the real router, on SQLite and
//! PostgreSQL: declarations once per browser and within a per-IP limit, and no number from
//! fewer than five declarations ever published.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{diaspora_declaration, diaspora_figure};
use axum::http::{StatusCode, header};
use common::{TestApp, form_request, form_request_with, text};
use sea_orm::{EntityTrait, PaginatorTrait};

fn declaration(country: &str, household: u32) -> String {
    serde_urlencoded::to_string([
        ("country", country),
        ("city", "Montreuil"),
        ("household_size", &household.to_string()),
        ("consent", "on"),
    ])
    .unwrap()
}

/// Declares from a fresh browser (no cookie), each from its own forwarded address.
async fn declare(app: &TestApp, country: &str, household: u32) -> axum::response::Response {
    app.send(form_request(
        "/diaspora/se-declarer",
        &declaration(country, household),
        None,
    ))
    .await
}

on_both_databases! {
    async fn a_browser_declares_its_household_once(backend: Backend) {
        let app = TestApp::seeded(backend).await;

        let first = declare(&app, "FR", 4).await;
        let cookie = first.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        let again = app.send(form_request("/diaspora/se-declarer", &declaration("FR", 4), Some(&cookie))).await;
        let again_status = again.status();

        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert_eq!(first.headers()[header::LOCATION], "/diaspora/se-declarer?ok=declared");
        assert_eq!(again_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(again).await.contains("Une déclaration a déjà été faite depuis ce navigateur"));
        let stored = diaspora_declaration::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!((stored[0].country_code.as_str(), stored[0].household_size), ("FR", 4));
        assert_eq!(stored[0].declared_on, chrono::Utc::now().date_naive(), "a day, never a time");
    }
}

on_both_databases! {
    async fn a_refused_declaration_says_why_and_keeps_what_was_typed(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let body = serde_urlencoded::to_string([("country", "FR"), ("city", "Bobo-Dioulasso ✓"), ("household_size", "0")]).unwrap();

        let response = app.send(form_request("/diaspora/se-declarer", &body, None)).await;

        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(response).await;
        assert!(page.contains("Indiquez le nombre de personnes du foyer, de 1 à 50."));
        assert!(page.contains("Cochez la case pour accepter"));
        assert!(page.contains("value=\"Bobo-Dioulasso ✓\""), "the city typed is kept");
        assert!(page.contains("<option value=\"FR\" selected"), "the country chosen is kept");
        assert_eq!(diaspora_declaration::Entity::find().count(&app.db).await.unwrap(), 0);
    }
}

on_both_databases! {
    async fn a_country_appears_only_once_five_households_have_declared(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        for _ in 0..4 {
            assert_eq!(declare(&app, "SN", 3).await.status(), StatusCode::SEE_OTHER);
        }
        let four = text(app.get("/diaspora", &[]).await).await;

        declare(&app, "SN", 2).await;
        let five = text(app.get("/diaspora", &[]).await).await;

        assert!(!four.contains("Sénégal"), "four declarations are not published, not even the country");
        assert!(five.contains("Sénégal"));
        assert!(five.contains("14 personnes (5 foyers)"));
    }
}

on_both_databases! {
    async fn a_known_figure_is_shown_with_its_source_and_few_declarations_as_fewer_than_five(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.add_figure("CI", 2_000_000, "official_estimate", "Ministère des Maliens établis à l’extérieur", (2024, 6, 30)).await;
        declare(&app, "CI", 7).await;

        let page = text(app.get("/diaspora", &[]).await).await;

        assert!(page.contains("Côte d’Ivoire") && page.contains("2000000"));
        assert!(page.contains("Estimation officielle") && page.contains("2024-06-30"));
        assert!(page.contains("&lt; 5"), "one declaration shows as < 5");
        assert!(!page.contains("7 personnes"), "never the single household's size");
        assert!(page.contains("<svg") && page.contains("<desc"), "the chart with its text alternative");
    }
}

on_both_databases! {
    async fn declarations_are_limited_per_ip(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits.trust_proxy = true).await;
        let from = |ip: &'static str| form_request_with("/diaspora/se-declarer", &declaration("ML", 1), &[("x-forwarded-for", ip)]);
        for _ in 0..server::rate_limit::DECLARATIONS_PER_HOUR {
            assert_eq!(app.send(from("198.51.100.4")).await.status(), StatusCode::SEE_OTHER);
        }

        let limited = app.send(from("198.51.100.4")).await;
        let other = app.send(from("198.51.100.5")).await;

        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(text(limited).await.contains("Trop de tentatives"));
        assert_eq!(other.status(), StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn the_open_data_json_and_csv_agree_row_for_row_and_never_publish_fewer_than_five(backend: Backend) {
        use app::diaspora::service::OpenDataRow;
        let app = TestApp::seeded(backend).await;
        app.add_figure("FR", 120_000, "consular_registrations", "Consulat général du Mali à Paris", (2025, 1, 1)).await;
        for _ in 0..5 {
            declare(&app, "SN", 2).await;
        }
        for _ in 0..2 {
            declare(&app, "FR", 3).await;
        }
        declare(&app, "GA", 9).await;

        let json = app.get("/api/v1/diaspora.json", &[]).await;
        assert_eq!(json.headers()[header::CONTENT_TYPE], "application/json; charset=utf-8");
        let json: serde_json::Value = serde_json::from_str(&text(json).await).unwrap();
        let from_json: Vec<OpenDataRow> = serde_json::from_value(json["rows"].clone()).unwrap();
        let csv = text(app.get("/api/v1/diaspora.csv", &[]).await).await;
        let from_csv: Vec<OpenDataRow> = csv::Reader::from_reader(csv.as_bytes()).deserialize().collect::<Result<_, _>>().unwrap();

        assert_eq!(from_json, from_csv, "JSON and CSV agree row for row");
        let find = |code: &str, kind: &str| from_json.iter().find(|r| r.country_code == code && r.kind == kind).cloned();
        assert_eq!(find("FR", "consular_registrations").unwrap().people, Some(120_000));
        assert_eq!(find("FR", "voluntary_declarations").unwrap().people, None, "two declarations: no number");
        let senegal = find("SN", "voluntary_declarations").unwrap();
        assert_eq!((senegal.people, senegal.households), (Some(10), Some(5)));
        assert!(find("GA", "voluntary_declarations").is_none(), "a lone declaration does not even list its country");
        assert!(from_json.iter().all(|r| r.kind != "voluntary_declarations" || r.households.is_none_or(|h| h >= 5)));
        assert!(csv.starts_with("country_code,country_fr,country_en,kind,people,households,source,as_of\n"));
    }
}

on_both_databases! {
    async fn a_committee_adds_corrects_and_removes_a_figure_and_each_write_is_audited(backend: Backend) {
        use app::entities::audit_log;
        use sea_orm::QueryOrder;
        let app = TestApp::seeded(backend).await;
        app.create_user("comite@example.ml", "Comité technique", common::Role::Technical).await;
        app.create_user("awa@example.ml", "Awa", common::Role::Reviewer).await;
        let committee = app.sign_in("comite@example.ml").await;
        let reviewer = app.sign_in("awa@example.ml").await;
        let add = "country=GA&figure=35+000&source_kind=consular_registrations&source_label=Ambassade+du+Mali+%C3%A0+Libreville&as_of=2025-03-31";

        let bad = app.send(form_request("/espace/diaspora", "country=GA&figure=-3&source_label=Ambassade&as_of=2090-01-01", Some(&committee))).await;
        let bad_status = bad.status();
        let bad_page = text(bad).await;
        let added = app.send(form_request("/espace/diaspora", add, Some(&committee))).await;
        let id = diaspora_figure::Entity::find().one(&app.db).await.unwrap().unwrap().id;
        let public = text(app.get("/diaspora", &[]).await).await;
        let edited = app.send(form_request(&format!("/espace/diaspora/{id}"), &add.replace("35+000", "36000"), Some(&committee))).await;
        let reviewer_delete = app.send(form_request(&format!("/espace/diaspora/{id}/supprimer"), "", Some(&reviewer))).await;
        let deleted = app.send(form_request(&format!("/espace/diaspora/{id}/supprimer"), "", Some(&committee))).await;

        assert_eq!(bad_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_page.contains("Indiquez un nombre de personnes entier") && bad_page.contains("au plus tard aujourd’hui"));
        assert!(bad_page.contains("value=\"Ambassade\""), "what was typed is kept");
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        assert!(public.contains("Gabon") && public.contains("35000") && public.contains("Ambassade du Mali à Libreville"));
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        assert_eq!(reviewer_delete.status(), StatusCode::FORBIDDEN);
        assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
        assert_eq!(diaspora_figure::Entity::find().count(&app.db).await.unwrap(), 0);
        let log: Vec<_> = audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.entity_type == "diaspora_figure")
            .collect();
        let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["create", "update", "delete"]);
        assert!(log[1].before.as_deref().unwrap().contains("35000") && log[1].after.as_deref().unwrap().contains("36000"));
        assert!(log.iter().all(|e| e.actor_label == "Comité technique"));
    }
}

on_both_databases! {
    async fn the_world_map_is_an_svg_shaded_by_the_figures_in_the_visitors_language(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        for _ in 0..5 {
            declare(&app, "SN", 2).await;
        }

        let french = app.get("/diaspora/carte.svg", &[]).await;
        let content_type = french.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
        let french = text(french).await;
        let english = text(app.get("/diaspora/carte.svg", &[("accept-language", "en")]).await).await;

        assert_eq!(content_type, "image/svg+xml; charset=utf-8");
        assert!(french.starts_with("<svg") && french.contains("<title id=\"t\">Carte des Maliens de l’extérieur</title>"));
        assert!(french.contains("<title>Sénégal : 10</title>"));
        assert!(english.contains("<title>Senegal : 10</title>"));
        assert!(text(app.get("/diaspora", &[]).await).await.contains("src=\"/diaspora/carte.svg\""));
    }
}
