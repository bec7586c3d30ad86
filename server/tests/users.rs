//! Account administration and the audit log through the real router, on SQLite and
//! PostgreSQL: creation with a committee seat, errors that keep what was typed, disabling
//! that ends sessions at once, password changes, and an audit row for each write.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{audit_log, auth_session, committee_member, user};
use axum::http::{StatusCode, header};
use common::{PASSWORD, Role, TestApp, form_request, text};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

fn encode(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

async fn last_audit(app: &TestApp) -> audit_log::Model {
    audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

on_both_databases! {
    async fn an_administrator_creates_a_committee_member_who_then_appears_publicly(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let admin = app.sign_in("admin@example.ml").await;
        let body = encode(&[
            ("name", "Mariam Koné"),
            ("email", "mariam@example.ml"),
            ("password", PASSWORD),
            ("committee", "technical"),
            ("committee_role", "rapporteur"),
        ]);

        let response = app.send(form_request("/espace/utilisateurs", &body, Some(&admin))).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/espace/utilisateurs?ok=user_created");
        let created = user::Entity::find().filter(user::Column::Email.eq("mariam@example.ml")).one(&app.db).await.unwrap().unwrap();
        assert!(!created.is_admin && !created.is_reviewer);
        let seat = committee_member::Entity::find().filter(committee_member::Column::UserId.eq(created.id)).one(&app.db).await.unwrap().unwrap();
        assert_eq!(seat.role, "rapporteur");
        let entry = last_audit(&app).await;
        assert_eq!((entry.action.as_str(), entry.entity_type.as_str(), entry.actor_label.as_str()), ("create", "user", "Admin"));
        assert!(entry.after.unwrap().contains("\"committee\":\"technical\""));
        let public = text(app.get("/comites", &[]).await).await;
        assert!(public.contains("Mariam Koné"), "members are published by name and role");
        assert!(!public.contains("mariam@example.ml"), "never their address");
        let listed = text(app.get("/espace/utilisateurs?ok=user_created", &[("cookie", &admin)]).await).await;
        assert!(listed.contains("Le compte a été créé.") && listed.contains("mariam@example.ml"));
    }
}

on_both_databases! {
    async fn a_refused_account_form_says_why_and_keeps_everything_but_the_password(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let admin = app.sign_in("admin@example.ml").await;

        let short = app.send(form_request("/espace/utilisateurs", &encode(&[("name", "Oumar Traoré"), ("email", "oumar@example.ml"), ("password", "court")]), Some(&admin))).await;
        let short_status = short.status();
        let short_page = text(short).await;
        let taken = app.send(form_request("/espace/utilisateurs", &encode(&[("name", "Encore"), ("email", "admin@example.ml"), ("password", PASSWORD)]), Some(&admin))).await;
        let taken_status = taken.status();
        let taken_page = text(taken).await;

        assert_eq!(short_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short_page.contains("value=\"Oumar Traoré\"") && short_page.contains("value=\"oumar@example.ml\""));
        assert!(short_page.contains("au moins 12 caractères"));
        assert!(!short_page.contains("court\""), "the password is not sent back");
        assert_eq!(taken_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(taken_page.contains("Un compte existe déjà avec cette adresse e-mail."));
        assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 1);
    }
}

on_both_databases! {
    async fn disabling_an_account_ends_its_sessions_at_once_and_is_audited(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let reviewer = app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let admin = app.sign_in("admin@example.ml").await;
        let awa = app.sign_in("awa@example.ml").await;
        let awa_elsewhere = app.sign_in("awa@example.ml").await;
        assert_eq!(app.get("/espace", &[("cookie", &awa)]).await.status(), StatusCode::OK);

        let response = app.send(form_request(&format!("/espace/utilisateurs/{reviewer}"), "name=Awa&is_reviewer=on", Some(&admin))).await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let sessions = auth_session::Entity::find().filter(auth_session::Column::UserId.eq(reviewer)).count(&app.db).await.unwrap();
        assert_eq!(sessions, 0);
        for cookie in [&awa, &awa_elsewhere] {
            assert_eq!(app.get("/espace", &[("cookie", cookie)]).await.status(), StatusCode::SEE_OTHER);
        }
        assert_eq!(app.sign_in_response("awa@example.ml").await.status(), StatusCode::UNAUTHORIZED, "a disabled account cannot sign in");
        let entry = last_audit(&app).await;
        assert_eq!(entry.action, "disable");
        assert!(entry.before.unwrap().contains("\"disabled\":false"));
        assert!(entry.after.unwrap().contains("\"disabled\":true"));
        assert_eq!(app.get("/espace", &[("cookie", &admin)]).await.status(), StatusCode::OK, "the administrator's own session is untouched");
    }
}

on_both_databases! {
    async fn an_administrator_cannot_lock_themselves_out(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let id = app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let admin = app.sign_in("admin@example.ml").await;

        let response = app.send(form_request(&format!("/espace/utilisateurs/{id}"), "name=Admin&is_admin=on", Some(&admin))).await;

        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(response).await.contains("Vous ne pouvez ni désactiver votre propre compte"));
        let account = user::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
        assert!(account.disabled_at.is_none());
    }
}

on_both_databases! {
    async fn changing_ones_password_ends_the_other_sessions_and_keeps_this_one(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let id = app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let here = app.sign_in("awa@example.ml").await;
        let elsewhere = app.sign_in("awa@example.ml").await;
        let new = "une autre phrase de passe";

        let wrong = app.send(form_request("/espace/mot-de-passe", &encode(&[("current_password", "pas le bon mot"), ("new_password", new), ("confirm_password", new)]), Some(&here))).await;
        let wrong_status = wrong.status();
        let wrong_page = text(wrong).await;
        let changed = app.send(form_request("/espace/mot-de-passe", &encode(&[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)]), Some(&here))).await;

        assert_eq!(wrong_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong_page.contains("Le mot de passe actuel est incorrect."));
        assert_eq!(changed.status(), StatusCode::SEE_OTHER);
        let renewed = common::session_cookie(&changed).expect("this browser gets a new session id");
        assert_ne!(renewed, here);
        assert_eq!(app.get("/espace", &[("cookie", &renewed)]).await.status(), StatusCode::OK);
        assert_eq!(app.get("/espace", &[("cookie", &elsewhere)]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.sign_in_response("awa@example.ml").await.status(), StatusCode::UNAUTHORIZED, "the old password no longer works");
        let entry = last_audit(&app).await;
        assert_eq!((entry.action.as_str(), entry.entity_id.clone()), ("change_password", id.to_string()));
        assert!(entry.before.is_none() && entry.after.is_none(), "no password or hash in the log");
    }
}

on_both_databases! {
    async fn administrators_browse_and_filter_the_audit_log(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        app.create_user("awa@example.ml", "Awa Diallo", Role::Reviewer).await;
        let admin = app.sign_in("admin@example.ml").await;

        let users = text(app.get("/espace/journal?entite=user", &[("cookie", &admin)]).await).await;
        let agenda = text(app.get("/espace/journal?entite=agenda_item", &[("cookie", &admin)]).await).await;

        assert!(users.contains("2 entrée(s)"), "both creations are listed");
        assert!(users.contains("awa@example.ml"));
        assert!(agenda.contains("0 entrée(s)"));
    }
}

on_both_databases! {
    async fn the_account_creation_form_is_not_shown_to_those_who_may_not_use_it(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let admin = app.sign_in("admin@example.ml").await;
        let reviewer = app.sign_in("awa@example.ml").await;

        let for_admin = text(app.get("/espace/utilisateurs", &[("cookie", &admin)]).await).await;
        let for_reviewer = app.get("/espace/utilisateurs", &[("cookie", &reviewer)]).await;
        let status = for_reviewer.status();
        let for_reviewer = text(for_reviewer).await;

        assert!(for_admin.contains("Créer le compte"));
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(for_reviewer.contains("Votre compte ne permet pas cette action."));
        assert!(!for_reviewer.contains("Créer le compte") && !for_reviewer.contains("admin@example.ml"));
    }
}

/// A request made with `cookie` that the router is handling: its session is loaded and its
/// user resolved, but it has not answered yet. It answers once `finish` is called.
struct InFlight {
    release: tokio::sync::oneshot::Sender<()>,
    answer: tokio::task::JoinHandle<axum::response::Response>,
}

impl InFlight {
    /// Posts the language form with `cookie`, its body held back until [`InFlight::finish`]:
    /// every layer before the handler (session loaded, user resolved) has run on return.
    async fn start(app: &TestApp, cookie: &str) -> InFlight {
        let (polled, is_polled) = tokio::sync::oneshot::channel::<()>();
        let (release, released) = tokio::sync::oneshot::channel::<()>();
        let body = futures_util::stream::once(async move {
            // The handler reads the body only after the middleware has run.
            let _ = polled.send(());
            let _ = released.await;
            Ok::<_, std::io::Error>(axum::body::Bytes::from_static(b"lang=fr&next=%2F"))
        });
        let request = axum::http::Request::post("/langue")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
            .body(axum::body::Body::from_stream(body))
            .unwrap();
        let router = app.router.clone();
        let answer = tokio::spawn(async move {
            use tower::ServiceExt;
            router.oneshot(request).await.unwrap()
        });
        is_polled.await.expect("the handler reads the body");
        InFlight { release, answer }
    }

    /// Lets the request answer (its session is saved as it ends).
    async fn finish(self) -> StatusCode {
        self.release.send(()).unwrap();
        self.answer.await.unwrap().status()
    }
}

async fn sessions_of(app: &TestApp, user: i32) -> u64 {
    auth_session::Entity::find()
        .filter(auth_session::Column::UserId.eq(user))
        .count(&app.db)
        .await
        .unwrap()
}

on_both_databases! {
    async fn a_stolen_session_whose_request_straddles_a_password_change_is_refused_afterwards(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let id = app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let owner = app.sign_in("awa@example.ml").await;
        let thief = app.sign_in("awa@example.ml").await;
        let in_flight = InFlight::start(&app, &thief).await;
        let new = "une autre phrase de passe";

        let changed = app.send(form_request("/espace/mot-de-passe", &encode(&[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)]), Some(&owner))).await;
        assert_eq!(changed.status(), StatusCode::SEE_OTHER);
        let status = in_flight.finish().await;

        assert!(status.is_redirection(), "the request in flight ends normally: {status}");
        assert_eq!(app.get("/espace", &[("cookie", &thief)]).await.status(), StatusCode::SEE_OTHER, "the stolen session is refused");
        assert_eq!(sessions_of(&app, id).await, 1, "only the owner's renewed session is left");
        let renewed = common::session_cookie(&changed).unwrap();
        assert_eq!(app.get("/espace", &[("cookie", &renewed)]).await.status(), StatusCode::OK);
    }
}

on_both_databases! {
    async fn a_disabled_accounts_session_whose_request_straddles_the_disabling_is_not_written_back(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let reviewer = app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let admin = app.sign_in("admin@example.ml").await;
        let awa = app.sign_in("awa@example.ml").await;
        let in_flight = InFlight::start(&app, &awa).await;

        let disabled = app.send(form_request(&format!("/espace/utilisateurs/{reviewer}"), "name=Awa&is_reviewer=on", Some(&admin))).await;
        assert_eq!(disabled.status(), StatusCode::SEE_OTHER);
        in_flight.finish().await;

        assert_eq!(sessions_of(&app, reviewer).await, 0, "no session of the disabled account is written back");
        assert_eq!(app.get("/espace", &[("cookie", &awa)]).await.status(), StatusCode::SEE_OTHER);
    }
}
