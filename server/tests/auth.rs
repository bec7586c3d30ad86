//! Sign-in, sessions and sign-out through the real router, on SQLite and PostgreSQL:
//! generic failures, rate limits, cookie flags, a new session id at sign-in, idle and
//! absolute expiry, and sign-out ending the session on the server.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{auth_session, login_failure};
use axum::http::{StatusCode, header};
use common::{TestApp, session_cookie, text};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

use common::PASSWORD;

on_both_databases! {
    async fn a_wrong_password_and_an_unknown_address_get_the_same_answer_and_no_session(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;

        let wrong_password = app.post_form("/connexion", "email=awa%40example.ml&password=not+the+password").await;
        let wrong_status = wrong_password.status();
        let wrong_cookie = wrong_password.headers().get(header::SET_COOKIE).cloned();
        let wrong_page = text(wrong_password).await;
        let unknown = app.post_form("/connexion", "email=nobody%40example.ml&password=not+the+password").await;
        let unknown_status = unknown.status();
        let unknown_page = text(unknown).await;

        assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown_status, StatusCode::UNAUTHORIZED);
        assert!(wrong_page.contains("Adresse e-mail ou mot de passe incorrect."));
        assert!(unknown_page.contains("Adresse e-mail ou mot de passe incorrect."));
        assert!(wrong_page.contains("value=\"awa@example.ml\""), "the address typed is kept");
        assert!(!wrong_page.contains("not the password"), "the password typed is never sent back");
        assert!(wrong_cookie.is_none(), "no session for a failed sign-in");
        assert_eq!(auth_session::Entity::find().count(&app.db).await.unwrap(), 0);
    }
}

on_both_databases! {
    async fn signing_in_sets_a_protected_cookie_for_a_session_stored_server_side(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;

        let response = app.post_form("/connexion", format!("email=awa%40example.ml&password={}&suivant=%2Fespace", urlencode(PASSWORD))).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/espace");
        let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
        assert!(set_cookie.starts_with("ccmex_session="), "{set_cookie}");
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax") && set_cookie.contains("Path=/"), "{set_cookie}");
        assert!(!set_cookie.contains("Secure"), "plain HTTP for local use: {set_cookie}");
        let cookie = session_cookie(&response).unwrap();
        let rows = auth_session::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].user_id.is_some());
        assert!(!cookie.contains(&rows[0].id), "only a digest of the id is stored");

        let workspace = app.get("/espace", &[("cookie", &cookie)]).await;
        assert_eq!(workspace.status(), StatusCode::OK);
        assert!(text(workspace).await.contains("Awa Diallo"));
    }
}

on_both_databases! {
    async fn over_https_the_cookie_is_secure_and_host_prefixed(backend: Backend) {
        let app = TestApp::seeded_over_https(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;

        let response = app.sign_in_response("awa@example.ml").await;

        let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(set_cookie.starts_with("__Host-ccmex_session="), "{set_cookie}");
        assert!(set_cookie.contains("Secure") && set_cookie.contains("Path=/") && !set_cookie.contains("Domain"), "{set_cookie}");
    }
}

on_both_databases! {
    async fn each_sign_in_gets_a_new_session_id_and_the_old_one_stops_working(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let first = app.sign_in("awa@example.ml").await;

        let again = app.send(common::form_request("/connexion", &format!("email=awa%40example.ml&password={}", urlencode(PASSWORD)), Some(&first))).await;
        let second = session_cookie(&again).unwrap();

        assert_ne!(first, second);
        assert_eq!(app.get("/espace", &[("cookie", &second)]).await.status(), StatusCode::OK);
        assert_eq!(app.get("/espace", &[("cookie", &first)]).await.status(), StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn signing_out_ends_the_session_on_the_server(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("awa@example.ml").await;

        let response = app.send(common::form_request("/deconnexion", "", Some(&cookie))).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/connexion?ok=signed_out");
        assert_eq!(auth_session::Entity::find().count(&app.db).await.unwrap(), 0);
        let after = app.get("/espace", &[("cookie", &cookie)]).await;
        assert_eq!(after.status(), StatusCode::SEE_OTHER, "a replayed cookie is worthless");
        assert_eq!(after.headers()[header::LOCATION], "/connexion?suivant=%2Fespace");
    }
}

on_both_databases! {
    async fn a_session_ends_when_idle_too_long(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("awa@example.ml").await;
        let row = auth_session::Entity::find().one(&app.db).await.unwrap().unwrap();
        let mut idle: auth_session::ActiveModel = row.into();
        idle.expires_at = Set(chrono::Utc::now() - chrono::Duration::seconds(1));
        idle.update(&app.db).await.unwrap();

        let response = app.get("/espace/journal", &[("cookie", &cookie)]).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/connexion?suivant=%2Fespace%2Fjournal");
    }
}

on_both_databases! {
    async fn a_session_ends_after_its_absolute_lifetime_however_active(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let cookie = app.sign_in("awa@example.ml").await;
        let row = auth_session::Entity::find().one(&app.db).await.unwrap().unwrap();
        let thirteen_hours_ago = chrono::Utc::now().timestamp() - 13 * 3600;
        let data = row.data.replace(&signed_in_at(&row.data), &thirteen_hours_ago.to_string());
        let mut old: auth_session::ActiveModel = row.into();
        old.data = Set(data);
        old.update(&app.db).await.unwrap();

        let response = app.get("/espace", &[("cookie", &cookie)]).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(auth_session::Entity::find().count(&app.db).await.unwrap(), 0, "the expired session is deleted");
    }
}

on_both_databases! {
    async fn five_failures_in_a_minute_lock_the_account_with_a_translated_429(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        for _ in 0..5 {
            let response = app.post_form("/connexion", "email=awa%40example.ml&password=wrong+password+here").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }

        let right_password = app.sign_in_response("awa@example.ml").await;
        let status = right_password.status();
        let page = text(right_password).await;
        let english = app.send(common::form_request_with("/connexion", &format!("email=awa%40example.ml&password={}", urlencode(PASSWORD)), &[("accept-language", "en")])).await;
        let english_status = english.status();

        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(page.contains("Trop de tentatives"), "translated message");
        assert_eq!(english_status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text(english).await.contains("Too many attempts"));
        assert_eq!(login_failure::Entity::find().count(&app.db).await.unwrap(), 5);
    }
}

on_both_databases! {
    async fn sign_in_attempts_are_limited_per_ip_and_forwarded_addresses_count_only_behind_a_proxy(backend: Backend) {
        let direct = TestApp::configured(backend, |state| state.limits = server::rate_limit::Limits::new(2, 100, false)).await;
        let statuses = [
            attempt(&direct, 1, "192.0.2.1").await.status(),
            attempt(&direct, 2, "192.0.2.2").await.status(),
            attempt(&direct, 3, "192.0.2.3").await.status(),
        ];
        assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS], "a forged header does not escape the limit");

        let proxied = TestApp::configured(backend, |state| state.limits = server::rate_limit::Limits::new(2, 100, true)).await;
        let statuses = [
            attempt(&proxied, 1, "192.0.2.1").await.status(),
            attempt(&proxied, 2, "192.0.2.1").await.status(),
            attempt(&proxied, 3, "192.0.2.1").await.status(),
            attempt(&proxied, 4, "192.0.2.2").await.status(),
        ];
        assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS, StatusCode::UNAUTHORIZED]);
    }
}

on_both_databases! {
    async fn public_writes_are_limited_per_ip(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits = server::rate_limit::Limits::new(100, 3, false)).await;
        let mut statuses = Vec::new();
        for _ in 0..4 {
            statuses.push(app.post_form("/langue", "lang=en&next=%2F").await.status());
        }
        let limited = app.post_form("/langue", "lang=en&next=%2F").await;
        let status = limited.status();

        assert_eq!(statuses[..3], [StatusCode::SEE_OTHER; 3]);
        assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text(limited).await.contains("Trop de tentatives"));
        assert_eq!(app.get("/", &[]).await.status(), StatusCode::OK, "reading is never limited");
    }
}

async fn attempt(app: &TestApp, i: u32, forwarded: &str) -> axum::response::Response {
    let body = format!("email=user{i}%40example.ml&password=whatever+password");
    app.send(common::form_request_with(
        "/connexion",
        &body,
        &[("x-forwarded-for", forwarded)],
    ))
    .await
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)]).unwrap()[2..].to_string()
}

fn signed_in_at(data: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(data).unwrap();
    json["signed_in_at"].to_string()
}

on_both_databases! {
    async fn a_flood_of_parallel_sign_ins_never_runs_more_password_hashes_than_permitted_and_the_overflow_gets_503(backend: Backend) {
        let hashing = app::accounts::PasswordHashing::new(2);
        let shared = hashing.clone();
        let app = TestApp::configured(backend, move |state| state.app.hashing = shared).await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Reviewer).await;
        let body = serde_urlencoded::to_string([("email", "awa@example.ml"), ("password", PASSWORD)]).unwrap();

        // Within the per-IP limit (20 a minute), all at once.
        let answers = futures_util::future::join_all((0..16).map(|_| app.post_form("/connexion", body.clone()))).await;

        let peak = hashing.peak();
        assert!((1..=2).contains(&peak), "at most 2 hashes at once, saw {peak}");
        for answer in &answers {
            // 429: past the per-account limit, which counts attempts still being checked.
            assert!([StatusCode::SEE_OTHER, StatusCode::SERVICE_UNAVAILABLE, StatusCode::TOO_MANY_REQUESTS].contains(&answer.status()), "{}", answer.status());
        }
        assert!(answers.iter().any(|a| a.status() == StatusCode::SEE_OTHER), "some get in");

        // Every permit taken (two hashes still running): the next sign-in is told to retry.
        let (started, is_started) = std::sync::mpsc::channel::<()>();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let released = std::sync::Arc::new(std::sync::Mutex::new(released));
        let mut running = Vec::new();
        for _ in 0..2 {
            let (hashing, started, released) = (hashing.clone(), started.clone(), released.clone());
            running.push(tokio::spawn(async move {
                hashing.run(move || {
                    started.send(()).unwrap();
                    released.lock().unwrap().recv().unwrap();
                }).await
            }));
        }
        tokio::task::spawn_blocking(move || (is_started.recv().unwrap(), is_started.recv().unwrap())).await.unwrap();
        let overflow = app.send(common::form_request_with("/connexion", &body, &[("accept-language", "en")])).await;

        assert_eq!(overflow.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(overflow.headers()[header::RETRY_AFTER], "5");
        assert!(common::session_cookie(&overflow).is_none(), "not signed in");
        assert!(text(overflow).await.contains("Too many sign-ins at the same moment"), "a translated page");
        for _ in 0..2 {
            release.send(()).unwrap();
        }
        for task in running {
            task.await.unwrap().unwrap();
        }
        assert_eq!(app.sign_in_response("awa@example.ml").await.status(), StatusCode::SEE_OTHER, "free again");
        assert_eq!(hashing.peak(), 2);
    }
}

on_both_databases! {
    async fn fifty_parallel_wrong_passwords_against_one_account_check_at_most_the_allowed_number(backend: Backend) {
        let hashing = app::accounts::PasswordHashing::new(64);
        let shared = hashing.clone();
        let app = TestApp::configured(backend, move |state| {
            state.app.hashing = shared;
            // Many addresses: only the per-account limit stands in the way.
            state.limits = server::rate_limit::Limits::new(1000, 1000, false);
        })
        .await;
        app.create_user("awa@example.ml", "Awa Diallo", common::Role::Admin).await;
        let body = |n: usize| serde_urlencoded::to_string([("email", "awa@example.ml".to_string()), ("password", format!("guess number {n}"))]).unwrap();

        let answers = futures_util::future::join_all((0..50).map(|n| app.post_form("/connexion", body(n)))).await;

        let allowed = usize::try_from(app::accounts::auth::MAX_FAILURES_PER_MINUTE).unwrap();
        assert!(hashing.runs() <= allowed, "{} password checks, at most {allowed}", hashing.runs());
        let wrong = answers.iter().filter(|a| a.status() == StatusCode::UNAUTHORIZED).count();
        let limited = answers.iter().filter(|a| a.status() == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!((wrong, wrong + limited), (hashing.runs(), 50), "each attempt is checked or refused");
        assert_eq!(login_failure::Entity::find().count(&app.db).await.unwrap(), u64::try_from(wrong).unwrap(), "one failure per check, none for refusals");
    }
}
