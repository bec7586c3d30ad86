//! The permission matrix through the real router, on SQLite and PostgreSQL: every protected
//! page, server function and form, for anonymous visitors and for each role.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use common::{PASSWORD, Role, TestApp, form_request};

/// Who makes the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    NoRole,
    Reviewer,
    Steering,
    Technical,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::NoRole,
    Who::Reviewer,
    Who::Steering,
    Who::Technical,
    Who::Admin,
];

/// The records operations act on.
#[derive(Debug, Clone, Copy)]
struct Targets {
    user: i32,
    figure: i32,
}

/// A protected operation and the status each kind of caller gets.
struct Operation {
    name: &'static str,
    request: fn(targets: Targets, cookie: Option<&str>) -> Request<Body>,
    expected: fn(Who) -> StatusCode,
}

fn page(path: String, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.body(Body::empty()).unwrap()
}

/// Administrators only; anonymous visitors of a page are sent to sign in.
fn admin_page(who: Who) -> StatusCode {
    match who {
        Who::Anonymous => StatusCode::SEE_OTHER,
        Who::Admin => StatusCode::OK,
        _ => StatusCode::FORBIDDEN,
    }
}

/// Any signed-in user; anonymous visitors are sent to sign in.
fn signed_in_page(who: Who) -> StatusCode {
    if who == Who::Anonymous {
        StatusCode::SEE_OTHER
    } else {
        StatusCode::OK
    }
}

/// Administrators only, for server functions and forms (which answer `ok`): 401 without a
/// session.
fn admin_only(who: Who, ok: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::Admin => ok,
        _ => StatusCode::FORBIDDEN,
    }
}

/// Committees (and administrators): pages redirect anonymous visitors, writes answer 401.
fn committee_only(who: Who, ok: StatusCode, anonymous: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous => anonymous,
        Who::Steering | Who::Technical | Who::Admin => ok,
        _ => StatusCode::FORBIDDEN,
    }
}

fn committee_page(who: Who) -> StatusCode {
    committee_only(who, StatusCode::OK, StatusCode::SEE_OTHER)
}

fn committee_call(who: Who) -> StatusCode {
    committee_only(who, StatusCode::OK, StatusCode::UNAUTHORIZED)
}

fn committee_form(who: Who) -> StatusCode {
    committee_only(who, StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED)
}

fn figure_form() -> String {
    "country=FR&figure=1000&source_kind=official_estimate&source_label=INSEE&as_of=2024-01-01"
        .into()
}

fn admin_call(who: Who) -> StatusCode {
    admin_only(who, StatusCode::OK)
}

fn admin_form(who: Who) -> StatusCode {
    admin_only(who, StatusCode::SEE_OTHER)
}

fn operations() -> Vec<Operation> {
    vec![
        Operation {
            name: "GET /espace/diaspora",
            request: |_, cookie| page("/espace/diaspora".into(), cookie),
            expected: committee_page,
        },
        Operation {
            name: "server fn diaspora-figures",
            request: |_, cookie| form_request("/api/diaspora-figures", "", cookie),
            expected: committee_call,
        },
        Operation {
            name: "POST /espace/diaspora (add a figure)",
            request: |_, cookie| form_request("/espace/diaspora", &figure_form(), cookie),
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/diaspora/{id} (edit a figure)",
            request: |targets, cookie| {
                form_request(
                    &format!("/espace/diaspora/{}", targets.figure),
                    &figure_form(),
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "GET /espace",
            request: |_, cookie| page("/espace".into(), cookie),
            expected: signed_in_page,
        },
        Operation {
            name: "GET /espace/mot-de-passe",
            request: |_, cookie| page("/espace/mot-de-passe".into(), cookie),
            expected: signed_in_page,
        },
        Operation {
            name: "GET /espace/utilisateurs",
            request: |_, cookie| page("/espace/utilisateurs".into(), cookie),
            expected: admin_page,
        },
        Operation {
            name: "GET /espace/utilisateurs/{id}",
            request: |targets, cookie| {
                page(format!("/espace/utilisateurs/{}", targets.user), cookie)
            },
            expected: admin_page,
        },
        Operation {
            name: "GET /espace/journal",
            request: |_, cookie| page("/espace/journal".into(), cookie),
            expected: admin_page,
        },
        Operation {
            name: "server fn me",
            request: |_, cookie| form_request("/api/me", "", cookie),
            expected: |who| {
                if who == Who::Anonymous {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::OK
                }
            },
        },
        Operation {
            name: "server fn users",
            request: |_, cookie| form_request("/api/users", "", cookie),
            expected: admin_call,
        },
        Operation {
            name: "server fn user",
            request: |targets, cookie| {
                form_request("/api/user", &format!("id={}", targets.user), cookie)
            },
            expected: admin_call,
        },
        Operation {
            name: "server fn audit-log",
            request: |_, cookie| form_request("/api/audit-log", "filter[page]=1", cookie),
            expected: admin_call,
        },
        Operation {
            name: "POST /espace/utilisateurs (create)",
            request: |_, cookie| {
                let email = format!("new{}@example.ml", cookie.map_or(0, str::len));
                let body = serde_urlencoded::to_string([
                    ("name", "Nouvelle Personne"),
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                ])
                .unwrap();
                form_request("/espace/utilisateurs", &body, cookie)
            },
            expected: admin_form,
        },
        Operation {
            name: "POST /espace/utilisateurs/{id} (edit)",
            request: |target, cookie| {
                form_request(
                    &format!("/espace/utilisateurs/{}", target.user),
                    "name=Cible+Renomm%C3%A9e&enabled=on",
                    cookie,
                )
            },
            expected: admin_form,
        },
    ]
}

on_both_databases! {
    async fn every_protected_operation_answers_each_role_as_the_matrix_says(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let user = app.create_user("target@example.ml", "Cible", Role::None).await;
        let figure = app.add_figure("FR", 10, "official_estimate", "x", (2024, 1, 1)).await;
        let target = Targets { user, figure };
        let mut cookies = Vec::new();
        for (who, role, email) in [
            (Who::NoRole, Role::None, "norole@example.ml"),
            (Who::Reviewer, Role::Reviewer, "reviewer@example.ml"),
            (Who::Steering, Role::Steering, "steering@example.ml"),
            (Who::Technical, Role::Technical, "technical@example.ml"),
            (Who::Admin, Role::Admin, "admin@example.ml"),
        ] {
            app.create_user(email, &format!("{who:?}"), role).await;
            cookies.push((who, app.sign_in(email).await));
        }
        let cookie_of = |who: Who| cookies.iter().find(|(w, _)| *w == who).map(|(_, c)| c.as_str());

        let mut mismatches = Vec::new();
        for operation in operations() {
            for who in EVERYONE {
                let response = app.send((operation.request)(target, cookie_of(who))).await;
                let expected = (operation.expected)(who);
                if response.status() != expected {
                    mismatches.push(format!("{} as {who:?}: {} (expected {expected})", operation.name, response.status()));
                }
            }
        }

        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
}

on_both_databases! {
    async fn a_signed_in_user_changes_only_their_own_password(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa", Role::Reviewer).await;
        let cookie = app.sign_in("awa@example.ml").await;
        let body = serde_urlencoded::to_string([
            ("current_password", PASSWORD),
            ("new_password", "une autre phrase de passe"),
            ("confirm_password", "une autre phrase de passe"),
        ])
        .unwrap();

        let anonymous = app.send(form_request("/espace/mot-de-passe", &body, None)).await;
        let signed_in = app.send(form_request("/espace/mot-de-passe", &body, Some(&cookie))).await;

        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn a_sign_in_form_posted_from_another_site_is_refused_before_it_runs(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("awa@example.ml", "Awa", Role::Admin).await;
        let body = serde_urlencoded::to_string([("email", "awa@example.ml"), ("password", PASSWORD)]).unwrap();

        let response = app
            .send(common::form_request_with("/connexion", &body, &[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")]))
            .await;

        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(common::session_cookie(&response).is_none());
        let count = <app::entities::auth_session::Entity as sea_orm::EntityTrait>::find();
        assert_eq!(sea_orm::PaginatorTrait::count(count, &app.db).await.unwrap(), 0);
    }
}
