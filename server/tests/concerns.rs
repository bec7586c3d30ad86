//! Concerns through the real router, on SQLite and PostgreSQL: anonymous submission,
//! moderation (publish, hide with a reason, merge), the public list and the open data files,
//! and contact details or unpublished concerns never shown anywhere public.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{audit_log, concern};
use axum::http::{StatusCode, header};
use common::{Role, TestApp, form_request, form_request_with, text};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const BODY: &str = "Le renouvellement du passeport au consulat de Paris prend plus de six mois.";

fn concern_form(body: &str, contact: &str) -> String {
    serde_urlencoded::to_string([
        ("theme", "consular_documents"),
        ("country", "FR"),
        ("body", body),
        ("organisation", "Association des Maliens de Montreuil"),
        ("contact", contact),
        ("consent", "on"),
    ])
    .unwrap()
}

/// Every public place a concern could show: the page, both exports.
async fn public_text(app: &TestApp) -> String {
    let mut all = String::new();
    for path in [
        "/preoccupations",
        "/api/v1/concerns.json",
        "/api/v1/concerns.csv",
    ] {
        let response = app.get(path, &[]).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        all.push_str(&text(response).await);
    }
    all
}

async fn moderator(app: &TestApp) -> String {
    app.create_user("relecteur@example.ml", "Relecteur", Role::Reviewer)
        .await;
    app.sign_in("relecteur@example.ml").await
}

async fn decide(app: &TestApp, cookie: &str, id: i32, body: &str) -> axum::response::Response {
    app.send(form_request(
        &format!("/espace/preoccupations/{id}"),
        body,
        Some(cookie),
    ))
    .await
}

on_both_databases! {
    async fn a_submitted_concern_waits_for_moderation_then_is_public_without_its_contact(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = moderator(&app).await;

        let submitted = app.send(form_request("/preoccupations", &concern_form(BODY, "awa@example.org"), None)).await;
        assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
        assert!(submitted.headers()[header::LOCATION].to_str().unwrap().starts_with("/preoccupations?ok=concern_submitted"));
        let stored = concern::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!((stored[0].status.as_str(), stored[0].contact.as_deref()), ("pending", Some("awa@example.org")));
        assert!(!public_text(&app).await.contains("renouvellement du passeport"), "pending is not public");

        let listed = text(app.get("/espace/preoccupations", &[("cookie", &cookie)]).await).await;
        assert!(listed.contains("renouvellement du passeport") && listed.contains("awa@example.org"), "moderators see the contact");
        let published = decide(&app, &cookie, stored[0].id, "decision=publish&statut=pending").await;
        assert_eq!(published.status(), StatusCode::SEE_OTHER);
        assert_eq!(published.headers()[header::LOCATION], "/espace/preoccupations?statut=pending&ok=concern_published");

        let public = public_text(&app).await;
        assert!(public.contains("renouvellement du passeport"));
        assert!(public.contains("Association des Maliens de Montreuil"));
        assert!(!public.contains("awa@example.org"), "the contact is never public");
        let audit = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("concern")).all(&app.db).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!((audit[0].action.as_str(), audit[0].actor_label.as_str()), ("publish", "Relecteur"));
        assert!(audit[0].after.as_deref().unwrap().contains("\"published\""));
    }
}

on_both_databases! {
    async fn a_refused_concern_says_why_in_the_readers_language_and_keeps_the_text(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let body = serde_urlencoded::to_string([
            ("theme", "health"),
            ("country", "ZZ"),
            ("body", "Accès aux soins: <b>difficile</b> ✓ 日本語"),
            ("contact", "pas un contact"),
        ])
        .unwrap();

        let french = app.send(form_request("/preoccupations", &body, None)).await;
        let english = app.send(form_request_with("/preoccupations", &body, &[("sec-fetch-site", "same-origin"), ("accept-language", "en")])).await;

        assert_eq!(french.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(english.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let french = text(french).await;
        assert!(french.contains("Choisissez votre pays de résidence dans la liste."));
        assert!(french.contains("Cochez la case pour accepter"));
        let typed = french.find("Accès aux soins").map(|i| &french[i..i + 80]);
        assert!(french.contains("Accès aux soins: &lt;b&gt;difficile&lt;/b&gt; ✓ 日本語"), "kept as typed, escaped: {typed:?}");
        assert!(french.contains("value=\"pas un contact\""));
        assert!(text(english).await.contains("Choose your country of residence from the list."));
        assert_eq!(concern::Entity::find().all(&app.db).await.unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn submissions_from_one_address_are_limited(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits.trust_proxy = true).await;
        let send = |ip: &'static str| {
            form_request_with("/preoccupations", &concern_form(BODY, ""), &[("sec-fetch-site", "same-origin"), ("x-forwarded-for", ip)])
        };
        for _ in 0..server::rate_limit::CONCERNS_PER_HOUR {
            assert_eq!(app.send(send("203.0.113.7")).await.status(), StatusCode::SEE_OTHER);
        }

        let limited = app.send(send("203.0.113.7")).await;
        let other = app.send(send("198.51.100.2")).await;

        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(text(limited).await.contains("renouvellement du passeport"), "the text is kept");
        assert_eq!(other.status(), StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn hidden_and_merged_concerns_never_appear_in_public(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = moderator(&app).await;
        let kept = app.add_concern("security", "CI", "Insécurité sur la route d'Abidjan à Bamako pour les familles.", "pending").await;
        let hidden = app.add_concern("other", "CI", "Un message publicitaire sans rapport avec la diaspora.", "pending").await;
        let duplicate = app.add_concern("security", "CI", "Route Abidjan Bamako dangereuse en période de fêtes.", "pending").await;
        decide(&app, &cookie, kept, "decision=publish").await;

        let no_reason = decide(&app, &cookie, hidden, "decision=hide&reason=").await;
        assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(no_reason).await.contains("Indiquez la raison du masquage"));
        assert_eq!(decide(&app, &cookie, hidden, "decision=hide&reason=Publicit%C3%A9").await.status(), StatusCode::SEE_OTHER);
        let into_unpublished = decide(&app, &cookie, duplicate, &format!("decision=merge&into={hidden}")).await;
        assert_eq!(into_unpublished.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(decide(&app, &cookie, duplicate, &format!("decision=merge&into={kept}")).await.status(), StatusCode::SEE_OTHER);

        let public = public_text(&app).await;
        assert!(public.contains("Insécurité sur la route"));
        assert!(!public.contains("publicitaire"), "hidden");
        assert!(!public.contains("dangereuse en période"), "merged into another");
        assert!(!public.contains("secret-contact@example.org"), "contacts never public");
        let page = text(app.get("/preoccupations", &[]).await).await;
        assert!(page.contains("Soulevée aussi par 1 autre(s) personne(s)."));
        let stored = concern::Entity::find_by_id(duplicate).one(&app.db).await.unwrap().unwrap();
        assert_eq!((stored.status.as_str(), stored.merged_into), ("merged", Some(kept)));
        let hidden_row = concern::Entity::find_by_id(hidden).one(&app.db).await.unwrap().unwrap();
        assert_eq!(hidden_row.hidden_reason.as_deref(), Some("Publicité"));
    }
}

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Row {
    id: i32,
    theme: String,
    country_code: String,
    country_fr: String,
    country_en: String,
    text: String,
    organisation: String,
    published_on: String,
    merged_count: u64,
    recommendation_ids: String,
}

on_both_databases! {
    async fn the_json_and_csv_files_hold_the_published_concerns_row_for_row(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let first = app.add_concern("health", "SN", "Pas d'assurance santé pour les étudiants à Dakar, ni de mutuelle.", "published").await;
        let second = app.add_concern("education", "FR", "Les bourses d’études arrivent avec «six mois» de retard, virgule, \"guillemets\".", "published").await;
        app.add_concern("education", "FR", "Jamais publiée : en attente de modération.", "pending").await;

        let json: serde_json::Value = serde_json::from_str(&text(app.get("/api/v1/concerns.json", &[]).await).await).unwrap();
        let from_json: Vec<Row> = serde_json::from_value(json["rows"].clone()).unwrap();
        let csv_text = text(app.get("/api/v1/concerns.csv", &[]).await).await;
        let from_csv: Vec<Row> = csv::Reader::from_reader(csv_text.as_bytes()).deserialize().map(Result::unwrap).collect();

        assert_eq!(from_json, from_csv, "JSON and CSV agree row for row");
        let published = concern::Entity::find().filter(concern::Column::Status.eq("published")).order_by_asc(concern::Column::Id).all(&app.db).await.unwrap();
        assert_eq!(from_json.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first, second]);
        for (row, stored) in from_json.iter().zip(&published) {
            assert_eq!((&row.text, &row.theme, &row.country_code), (&stored.body, &stored.theme, &stored.country_code));
            assert_eq!(row.published_on, stored.published_at.unwrap().date_naive().to_string());
        }
        assert_eq!((from_json[0].country_fr.as_str(), from_json[0].country_en.as_str()), ("Sénégal", "Senegal"));
        assert!(!csv_text.contains("contact"), "no contact column");
    }
}

on_both_databases! {
    async fn moderators_search_without_accents_and_filter_by_status(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = moderator(&app).await;
        app.add_concern("security", "ML", "Sécurité des transferts d'argent vers Kayes.", "pending").await;
        app.add_concern("health", "ML", "Hôpitaux de Kayes sans médecins.", "pending").await;

        let found = text(app.get("/espace/preoccupations?statut=pending&q=SECURITE", &[("cookie", &cookie)]).await).await;
        let published = text(app.get("/espace/preoccupations?statut=published", &[("cookie", &cookie)]).await).await;

        assert!(found.contains("Sécurité des transferts") && !found.contains("Hôpitaux"));
        assert!(!published.contains("Sécurité des transferts"));
    }
}

on_both_databases! {
    async fn concurrent_submissions_are_all_stored(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits.trust_proxy = true).await;
        let sends = (0..24).map(|i| {
            let body = concern_form(&format!("{BODY} Envoi simultané numéro {i}."), "");
            let ip = format!("198.51.100.{i}");
            let app = &app;
            async move {
                app.send(form_request_with("/preoccupations", &body, &[("sec-fetch-site", "same-origin"), ("x-forwarded-for", &ip)]))
                    .await
                    .status()
            }
        });

        let statuses = futures_util::future::join_all(sends).await;

        assert!(statuses.iter().all(|s| *s == StatusCode::SEE_OTHER), "{statuses:?}");
        assert_eq!(concern::Entity::find().all(&app.db).await.unwrap().len(), 24);
    }
}
