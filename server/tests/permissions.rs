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
    session: i32,
    recommendation: i32,
    milestone: i32,
    /// One milestone per caller for the delete operation (see `next_deletable`).
    deletable: [i32; 6],
    concern: i32,
    /// A submitted participation request.
    request: i32,
    /// One submitted request per caller for the decision (see `next_request`).
    decidable: [i32; 6],
    /// Agenda items of the first session, one per caller for each agenda write.
    agenda: AgendaTargets,
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

/// Reviewers, committees and administrators (moderation and review).
fn moderator_only(who: Who, ok: StatusCode, anonymous: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous => anonymous,
        Who::NoRole => StatusCode::FORBIDDEN,
        _ => ok,
    }
}

fn moderator_page(who: Who) -> StatusCode {
    moderator_only(who, StatusCode::OK, StatusCode::SEE_OTHER)
}

fn moderator_call(who: Who) -> StatusCode {
    moderator_only(who, StatusCode::OK, StatusCode::UNAUTHORIZED)
}

fn moderator_form(who: Who) -> StatusCode {
    moderator_only(who, StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED)
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

/// A complete recommendation form for session `session`, numbered `number`.
fn recommendation_form(session: i32, number: i32) -> String {
    serde_urlencoded::to_string([
        ("session", session.to_string().as_str()),
        ("number", number.to_string().as_str()),
        ("title_fr", "Titre"),
        ("text_fr", "Texte de la recommandation."),
        ("theme", "health"),
        ("institution", "Ministère de la Santé"),
        ("status", "adopted"),
    ])
    .unwrap()
}

/// A new number for each creation, so that every allowed caller's creation succeeds.
fn next_number() -> i32 {
    static NEXT: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(100);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The milestone the next delete request targets: one per caller, so each allowed caller
/// deletes one that still exists. Counted per thread (each test runs on its own), and the
/// matrix sends each operation to the six callers in turn.
fn next_deletable(targets: Targets) -> i32 {
    thread_local! {
        static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let call = CALLS.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    targets.deletable[call % targets.deletable.len()]
}

const MILESTONE_FORM: &str = "milestone_fr=Jalon&due_on=2026-06-30&evidence_url=";

/// A recommendation (number 1 of the first session) with one milestone, and six more
/// milestones to delete; returns `(session, recommendation, milestone, deletable)`.
async fn recommendation_targets(app: &TestApp) -> (i32, i32, i32, [i32; 6]) {
    use app::entities::{milestone, recommendation, session};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let now = chrono::Utc::now();
    let session = session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let recommendation = recommendation::Entity::insert(recommendation::ActiveModel {
        session_id: Set(session),
        number: Set(1),
        title_fr: Set("Titre".into()),
        title_en: Set(String::new()),
        text_fr: Set("Texte.".into()),
        text_en: Set(String::new()),
        theme: Set("health".into()),
        institution: Set("Ministère de la Santé".into()),
        deadline: Set(None),
        status: Set("adopted".into()),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        search_text: Set("1 titre texte".into()),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    let mut milestones = Vec::new();
    for _ in 0..7 {
        let id = milestone::Entity::insert(milestone::ActiveModel {
            recommendation_id: Set(recommendation),
            text_fr: Set("Jalon".into()),
            text_en: Set(String::new()),
            due_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
            evidence_url: Set(None),
            done: Set(false),
            done_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap()
        .last_insert_id;
        milestones.push(id);
    }
    let deletable = milestones[1..].try_into().unwrap();
    (session, recommendation, milestones[0], deletable)
}

fn recommendation_operations() -> Vec<Operation> {
    vec![
        Operation {
            name: "GET /espace/recommandations",
            request: |_, cookie| page("/espace/recommandations".into(), cookie),
            expected: committee_page,
        },
        Operation {
            name: "GET /espace/recommandations/{id}",
            request: |t, cookie| {
                page(
                    format!("/espace/recommandations/{}", t.recommendation),
                    cookie,
                )
            },
            expected: committee_page,
        },
        Operation {
            name: "GET /espace/recommandations/{id}/jalons/{milestone}",
            request: |t, cookie| {
                page(
                    format!(
                        "/espace/recommandations/{}/jalons/{}",
                        t.recommendation, t.milestone
                    ),
                    cookie,
                )
            },
            expected: committee_page,
        },
        Operation {
            name: "server fn recommendations-editor",
            request: |_, cookie| form_request("/api/recommendations-editor", "", cookie),
            expected: committee_call,
        },
        Operation {
            name: "server fn recommendation-editor",
            request: |t, cookie| {
                form_request(
                    "/api/recommendation-editor",
                    &format!("id={}", t.recommendation),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "POST /espace/recommandations (create)",
            request: |t, cookie| {
                form_request(
                    "/espace/recommandations",
                    &recommendation_form(t.session, next_number()),
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id} (edit)",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/recommandations/{}", t.recommendation),
                    &recommendation_form(t.session, 1),
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/publier",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/recommandations/{}/publier", t.recommendation),
                    "",
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/retirer",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/recommandations/{}/retirer", t.recommendation),
                    "",
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/jalons (add a milestone)",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/recommandations/{}/jalons", t.recommendation),
                    MILESTONE_FORM,
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/jalons/{milestone} (edit a milestone)",
            request: |t, cookie| {
                form_request(
                    &format!(
                        "/espace/recommandations/{}/jalons/{}",
                        t.recommendation, t.milestone
                    ),
                    MILESTONE_FORM,
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/jalons/{milestone}/basculer",
            request: |t, cookie| {
                form_request(
                    &format!(
                        "/espace/recommandations/{}/jalons/{}/basculer",
                        t.recommendation, t.milestone
                    ),
                    "",
                    cookie,
                )
            },
            expected: committee_form,
        },
        Operation {
            name: "POST /espace/recommandations/{id}/jalons/{milestone}/supprimer",
            request: |t, cookie| {
                form_request(
                    &format!(
                        "/espace/recommandations/{}/jalons/{}/supprimer",
                        t.recommendation,
                        next_deletable(t)
                    ),
                    "",
                    cookie,
                )
            },
            expected: committee_form,
        },
    ]
}

/// Steering committee and administrators (session settings).
fn steering_only(who: Who, ok: StatusCode, anonymous: StatusCode) -> StatusCode {
    match who {
        Who::Anonymous => anonymous,
        Who::Steering | Who::Admin => ok,
        _ => StatusCode::FORBIDDEN,
    }
}

/// The request the next decision targets: one per caller, as for `next_deletable`.
fn next_request(targets: Targets) -> i32 {
    thread_local! {
        static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let call = CALLS.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    targets.decidable[call % targets.decidable.len()]
}

/// Seven submitted participation requests to the first session (which has no quota): one
/// to look at and assign, six to decide on.
async fn participation_targets(app: &TestApp, session: i32) -> (i32, [i32; 6]) {
    use app::entities::{organisation, participation_request};
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let now = chrono::Utc::now();
    let mut ids = Vec::new();
    for n in 0..7 {
        let organisation = organisation::Entity::insert(organisation::ActiveModel {
            name: Set(format!("Organisation {n}")),
            normalized_name: Set(format!("organisation {n}")),
            kind: Set("association".into()),
            country_code: Set("FR".into()),
            city: Set("Paris".into()),
            sectors: Set("health".into()),
            publish_consent: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap()
        .last_insert_id;
        let id = participation_request::Entity::insert(participation_request::ActiveModel {
            session_id: Set(session),
            organisation_id: Set(organisation),
            tracking_code: Set(format!("CCMEX-PERM-000{n}")),
            status: Set("submitted".into()),
            contact_name: Set("Contact".into()),
            contact_email: Set("contact@example.org".into()),
            contact_phone: Set("+33600000000".into()),
            motivation: Set("Motivation".into()),
            contribution: Set("Contribution".into()),
            consent_processing: Set(true),
            consent_directory: Set(true),
            language: Set("fr".into()),
            previously_rejected: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap()
        .last_insert_id;
        ids.push(id);
    }
    (ids[0], ids[1..].try_into().unwrap())
}

fn participation_operations() -> Vec<Operation> {
    vec![
        Operation {
            name: "GET /espace/sessions",
            request: |_, cookie| page("/espace/sessions".into(), cookie),
            expected: |who| steering_only(who, StatusCode::OK, StatusCode::SEE_OTHER),
        },
        Operation {
            name: "GET /espace/sessions/1/participation",
            request: |_, cookie| page("/espace/sessions/1/participation".into(), cookie),
            expected: |who| steering_only(who, StatusCode::OK, StatusCode::SEE_OTHER),
        },
        Operation {
            name: "server fn participation-sessions",
            request: |_, cookie| form_request("/api/participation-sessions", "lang=Fr", cookie),
            expected: |who| steering_only(who, StatusCode::OK, StatusCode::UNAUTHORIZED),
        },
        Operation {
            name: "server fn participation-settings",
            request: |_, cookie| {
                form_request("/api/participation-settings", "number=1&lang=Fr", cookie)
            },
            expected: |who| steering_only(who, StatusCode::OK, StatusCode::UNAUTHORIZED),
        },
        Operation {
            name: "POST /espace/sessions/1/participation (settings)",
            request: |_, cookie| {
                form_request(
                    "/espace/sessions/1/participation",
                    "applications_open=on&max_organisations=50&max_delegates=3",
                    cookie,
                )
            },
            expected: |who| steering_only(who, StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED),
        },
        Operation {
            name: "GET /espace/demandes",
            request: |_, cookie| page("/espace/demandes".into(), cookie),
            expected: moderator_page,
        },
        Operation {
            name: "GET /espace/demandes/{id}",
            request: |t, cookie| page(format!("/espace/demandes/{}", t.request), cookie),
            expected: moderator_page,
        },
        Operation {
            name: "GET /espace/demandes/export.csv",
            request: |_, cookie| page("/espace/demandes/export.csv".into(), cookie),
            expected: moderator_page,
        },
        Operation {
            name: "server fn participation-review",
            request: |_, cookie| {
                form_request(
                    "/api/participation-review",
                    "filter[page]=1&lang=Fr",
                    cookie,
                )
            },
            expected: moderator_call,
        },
        Operation {
            name: "server fn participation-reviewed",
            request: |t, cookie| {
                form_request(
                    "/api/participation-reviewed",
                    &format!("id={}&lang=Fr", t.request),
                    cookie,
                )
            },
            expected: moderator_call,
        },
        Operation {
            name: "POST /espace/demandes/{id}/attribuer",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/demandes/{}/attribuer", t.request),
                    "reviewer=",
                    cookie,
                )
            },
            expected: moderator_form,
        },
        Operation {
            name: "POST /espace/demandes/{id}/decision (approve)",
            request: |t, cookie| {
                form_request(
                    &format!("/espace/demandes/{}/decision", next_request(t)),
                    "transition=approve&message=",
                    cookie,
                )
            },
            expected: moderator_form,
        },
    ]
}

/// Agenda items each agenda write acts on: one per caller (see `per_caller`), so that
/// every allowed caller's change starts from the version it names.
#[derive(Debug, Clone, Copy)]
struct AgendaTargets {
    update: [i32; 6],
    delete: [i32; 6],
    status: [i32; 6],
    moved: [i32; 6],
    restored: [i32; 6],
}

/// Thirty agenda items at version 1, ten minutes each one after the other on the session's
/// last day (after its seeded agenda), in the order of `AgendaTargets`' fields (the last six
/// deleted in the draft).
async fn agenda_targets(app: &TestApp, session: i32) -> AgendaTargets {
    use app::entities::agenda_item;
    use chrono::TimeZone;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let now = chrono::Utc::now();
    let evening = chrono::Utc
        .with_ymd_and_hms(2025, 12, 17, 18, 0, 0)
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..30 {
        let start = evening + chrono::Duration::minutes(10 * n);
        let id = agenda_item::Entity::insert(agenda_item::ActiveModel {
            session_id: Set(session),
            position: Set(100 + i32::try_from(n).unwrap()),
            starts_at: Set(start),
            ends_at: Set(start + chrono::Duration::minutes(10)),
            kind: Set("plenary".into()),
            title_fr: Set(format!("Point {n}")),
            title_en: Set(String::new()),
            status: Set("scheduled".into()),
            published: Set(false),
            removed: Set(n >= 24),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap()
        .last_insert_id;
        ids.push(id);
    }
    let six = |k: usize| <[i32; 6]>::try_from(&ids[k * 6..k * 6 + 6]).unwrap();
    AgendaTargets {
        update: six(0),
        delete: six(1),
        status: six(2),
        moved: six(3),
        restored: six(4),
    }
}

/// The item the next call of operation `operation` targets: one per caller, as for
/// `next_deletable` (the matrix sends each operation to the six callers in turn).
fn per_caller(operation: &'static str, items: [i32; 6]) -> i32 {
    thread_local! {
        static CALLS: std::cell::RefCell<std::collections::HashMap<&'static str, usize>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let call = CALLS.with(|calls| {
        let mut calls = calls.borrow_mut();
        let n = calls.entry(operation).or_default();
        *n += 1;
        *n - 1
    });
    items[call % items.len()]
}

/// A complete agenda item form (its fields), early on the session's last day.
fn agenda_item_form() -> String {
    serde_urlencoded::to_string([
        ("fields[day]", "2025-12-17"),
        ("fields[start]", "07:00"),
        ("fields[end]", "07:30"),
        ("fields[kind]", "panel"),
        ("fields[title_fr]", "Point ajouté"),
    ])
    .unwrap()
}

fn agenda_operations() -> Vec<Operation> {
    vec![
        Operation {
            name: "GET /espace/agenda",
            request: |_, cookie| page("/espace/agenda".into(), cookie),
            expected: committee_page,
        },
        Operation {
            name: "server fn agenda-editor",
            request: |_, cookie| form_request("/api/agenda-editor", "session=1", cookie),
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-editor-item",
            request: |t, cookie| {
                form_request(
                    "/api/agenda-editor-item",
                    &format!("id={}", t.agenda.update[0]),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-create",
            request: |_, cookie| {
                let body = format!("session=1&{}", agenda_item_form());
                form_request("/api/agenda-item-create", &body, cookie)
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-update",
            request: |t, cookie| {
                let id = per_caller("agenda-item-update", t.agenda.update);
                let body = format!("id={id}&version=1&{}", agenda_item_form());
                form_request("/api/agenda-item-update", &body, cookie)
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-delete",
            request: |t, cookie| {
                let id = per_caller("agenda-item-delete", t.agenda.delete);
                form_request(
                    "/api/agenda-item-delete",
                    &format!("id={id}&version=1"),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-restore",
            request: |t, cookie| {
                let id = per_caller("agenda-item-restore", t.agenda.restored);
                form_request(
                    "/api/agenda-item-restore",
                    &format!("id={id}&version=1"),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-duplicate",
            request: |t, cookie| {
                form_request(
                    "/api/agenda-item-duplicate",
                    &format!("id={}", t.agenda.update[0]),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-status",
            request: |t, cookie| {
                let id = per_caller("agenda-item-status", t.agenda.status);
                let body = format!("id={id}&version=1&status=InProgress");
                form_request("/api/agenda-item-status", &body, cookie)
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-item-move",
            request: |t, cookie| {
                let id = per_caller("agenda-item-move", t.agenda.moved);
                form_request(
                    "/api/agenda-item-move",
                    &format!("id={id}&version=1&direction=Up"),
                    cookie,
                )
            },
            expected: committee_call,
        },
        Operation {
            name: "server fn agenda-publish",
            request: |_, cookie| form_request("/api/agenda-publish", "session=1", cookie),
            expected: committee_call,
        },
    ]
}

fn operations() -> Vec<Operation> {
    let mut operations = vec![
        Operation {
            name: "GET /espace/preoccupations",
            request: |_, cookie| page("/espace/preoccupations".into(), cookie),
            expected: moderator_page,
        },
        Operation {
            name: "GET /espace/preoccupations/{id}",
            request: |targets, cookie| {
                page(
                    format!("/espace/preoccupations/{}", targets.concern),
                    cookie,
                )
            },
            expected: moderator_page,
        },
        Operation {
            name: "server fn concern-moderated",
            request: |targets, cookie| {
                form_request(
                    "/api/concern-moderated",
                    &format!("id={}", targets.concern),
                    cookie,
                )
            },
            expected: moderator_call,
        },
        Operation {
            name: "server fn concerns-moderation",
            request: |_, cookie| form_request("/api/concerns-moderation", "filter[page]=1", cookie),
            expected: moderator_call,
        },
        Operation {
            name: "POST /espace/preoccupations/{id} (publish a concern)",
            request: |targets, cookie| {
                form_request(
                    &format!("/espace/preoccupations/{}", targets.concern),
                    "decision=publish",
                    cookie,
                )
            },
            expected: moderator_form,
        },
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
            name: "GET /espace/courriels",
            request: |_, cookie| page("/espace/courriels".into(), cookie),
            expected: admin_page,
        },
        Operation {
            name: "server fn outbox",
            request: |_, cookie| form_request("/api/outbox", "page=1", cookie),
            expected: admin_call,
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
    ];
    operations.extend(recommendation_operations());
    operations.extend(participation_operations());
    operations.extend(agenda_operations());
    operations
}

on_both_databases! {
    async fn every_protected_operation_answers_each_role_as_the_matrix_says(backend: Backend) {
        // The matrix sends more writes than one address may make in a minute; the limit
        // itself is tested in `auth.rs`.
        let app = TestApp::configured(backend, |state| {
            state.limits = server::rate_limit::Limits::new(20, 10_000, false);
        })
        .await;
        let user = app.create_user("target@example.ml", "Cible", Role::None).await;
        let figure = app.add_figure("FR", 10, "official_estimate", "x", (2024, 1, 1)).await;
        let concern = app.add_concern("health", "FR", "Une préoccupation en attente de modération.", "pending").await;
        let (session, recommendation, milestone, deletable) = recommendation_targets(&app).await;
        let (request, decidable) = participation_targets(&app, session).await;
        let agenda = agenda_targets(&app, session).await;
        let target = Targets { user, figure, concern, session, recommendation, milestone, deletable, request, decidable, agenda };
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
