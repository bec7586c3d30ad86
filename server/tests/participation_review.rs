//! Participation requests, the committees' side, through the real router on SQLite and
//! PostgreSQL: every committee transition from every status, the quota and the waiting list
//! (a revocation promotes the first waiting), required reasons, assignment, the review list
//! and its CSV export, the session settings, and the public directory with its open data.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    entities::{
        audit_log, delegate, organisation, outbox_email, participation_request as request,
        request_event, session,
    },
    participation::{RequestStatus, Transition},
};
use axum::http::{StatusCode, header};
use chrono::Utc;
use common::{Role, TestApp, form_request, text};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

/// What a test organisation looks like.
struct Org<'a> {
    name: &'a str,
    country: &'a str,
    city: &'a str,
    sectors: &'a str,
    consent: bool,
}

const ORG: Org<'static> = Org {
    name: "Association des Maliens de Montreuil",
    country: "FR",
    city: "Montreuil",
    sectors: "education,health",
    consent: true,
};

fn next() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The seeded session's id.
async fn first_session(app: &TestApp) -> i32 {
    session::Entity::find()
        .order_by_asc(session::Column::Number)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A new session numbered `number` with quota `max`; returns its id.
async fn add_session(app: &TestApp, number: i32, max: Option<i32>) -> i32 {
    let now = Utc::now();
    session::Entity::insert(session::ActiveModel {
        number: Set(number),
        title_fr: Set(format!("Session {number}")),
        title_en: Set(format!("Session {number}")),
        starts_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
        ends_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
        venue_fr: Set("CICB".into()),
        venue_en: Set("CICB".into()),
        city: Set("Bamako".into()),
        country_code: Set("ML".into()),
        time_zone: Set("Africa/Bamako".into()),
        status: Set("planned".into()),
        is_current: Set(false),
        applications_open: Set(true),
        max_organisations: Set(max),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id
}

/// Stores an organisation and its request to `session` with `status` (as if submitted and
/// decided), with two delegates and the submission in its history; returns the request id.
async fn add_request(app: &TestApp, session: i32, org: &Org<'_>, status: RequestStatus) -> i32 {
    let now = Utc::now();
    let n = next();
    let organisation = organisation::Entity::insert(organisation::ActiveModel {
        name: Set(org.name.into()),
        normalized_name: Set(app::participation::normalized_name(org.name)),
        acronym: Set(Some(format!("AM{n}"))),
        kind: Set("association".into()),
        country_code: Set(org.country.into()),
        city: Set(org.city.into()),
        sectors: Set(org.sectors.into()),
        website: Set(Some(format!("https://org{n}.example.org"))),
        publish_consent: Set(org.consent),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    let id = request::Entity::insert(request::ActiveModel {
        session_id: Set(session),
        organisation_id: Set(organisation),
        tracking_code: Set(format!("CCMEX-T{n:03}-TEST")),
        status: Set(status.as_str().into()),
        contact_name: Set(format!("Awa Contact{n}")),
        contact_email: Set(format!("contact{n}@secret.example")),
        contact_phone: Set(format!("+3360000{n:04}")),
        motivation: Set("Nous voulons contribuer aux travaux du CCMEX.".into()),
        contribution: Set("Une expertise en éducation et en santé.".into()),
        consent_processing: Set(true),
        consent_directory: Set(org.consent),
        language: Set("fr".into()),
        previously_rejected: Set(false),
        waitlist_position: Set((status == RequestStatus::Waitlisted).then_some(1)),
        created_at: Set(now),
        updated_at: Set(now),
        access_key: Set(Some(format!("{n:064}"))),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap()
    .last_insert_id;
    for position in 1..=2 {
        delegate::Entity::insert(delegate::ActiveModel {
            request_id: Set(id),
            position: Set(position),
            name: Set(format!("Délégué{position} N{n}")),
            function: Set("Membre".into()),
            email: Set(format!("delegate{position}-{n}@secret.example")),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
    }
    request_event::Entity::insert(request_event::ActiveModel {
        request_id: Set(id),
        status_from: Set(None),
        status_to: Set(RequestStatus::Submitted.as_str().into()),
        from_applicant: Set(true),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    id
}

async fn reviewer(app: &TestApp) -> String {
    app.create_user("relecteur@example.ml", "Relecteur Diallo", Role::Reviewer)
        .await;
    app.sign_in("relecteur@example.ml").await
}

async fn decide(
    app: &TestApp,
    cookie: &str,
    id: i32,
    transition: &str,
    message: &str,
) -> axum::response::Response {
    let body =
        serde_urlencoded::to_string([("transition", transition), ("message", message)]).unwrap();
    app.send(form_request(
        &format!("/espace/demandes/{id}/decision"),
        &body,
        Some(cookie),
    ))
    .await
}

async fn stored(app: &TestApp, id: i32) -> request::Model {
    request::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn emails_about(app: &TestApp, id: i32) -> u64 {
    outbox_email::Entity::find()
        .filter(outbox_email::Column::RelatedId.eq(id))
        .count(&app.db)
        .await
        .unwrap()
}

const COMMITTEE: [Transition; 5] = [
    Transition::Approve,
    Transition::Reject,
    Transition::RequestInfo,
    Transition::Waitlist,
    Transition::Revoke,
];

on_both_databases! {
    async fn every_committee_transition_from_every_status_is_allowed_or_refused_as_the_state_machine_says(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        // No quota for most decisions; a full session (quota 1, one approved) for waitlisting.
        let open = first_session(&app).await;
        let full = add_session(&app, 90, Some(1)).await;
        add_request(&app, full, &ORG, RequestStatus::Approved).await;

        let mut mismatches = Vec::new();
        for status in RequestStatus::ALL {
            for transition in COMMITTEE {
                let session = if transition == Transition::Waitlist { full } else { open };
                let id = add_request(&app, session, &ORG, status).await;
                let response = decide(&app, &cookie, id, transition.as_str(), "Un motif clair.").await;
                let expected_status = status.after(transition);
                let expected_code = if expected_status.is_some() { StatusCode::SEE_OTHER } else { StatusCode::UNPROCESSABLE_ENTITY };
                let now = RequestStatus::parse(&stored(&app, id).await.status).unwrap();
                let emails = emails_about(&app, id).await;
                if response.status() != expected_code
                    || now != expected_status.unwrap_or(status)
                    || emails != u64::from(expected_status.is_some())
                {
                    mismatches.push(format!("{status:?} × {transition:?}: {} → {now:?}, {emails} e-mail(s)", response.status()));
                }
            }
            // The applicant's and the system's transitions are not the committee's to post.
            for transition in [Transition::Promote, Transition::Answer, Transition::Withdraw] {
                let id = add_request(&app, open, &ORG, status).await;
                let response = decide(&app, &cookie, id, transition.as_str(), "Réponse.").await;
                if response.status() != StatusCode::UNPROCESSABLE_ENTITY {
                    mismatches.push(format!("{status:?} × {transition:?} by the committee: {}", response.status()));
                }
            }
        }

        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
}

on_both_databases! {
    async fn a_full_session_refuses_approval_waitlists_and_a_revocation_promotes_the_first_waiting(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let session = add_session(&app, 91, Some(1)).await;
        let first = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        let second = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        let third = add_request(&app, session, &ORG, RequestStatus::Submitted).await;

        let waitlist_too_early = decide(&app, &cookie, first, "waitlist", "").await;
        assert_eq!(waitlist_too_early.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(waitlist_too_early).await.contains("Il reste des places"), "says why");
        assert_eq!(decide(&app, &cookie, first, "approve", "").await.status(), StatusCode::SEE_OTHER);

        let refused = decide(&app, &cookie, second, "approve", "").await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(refused).await.contains("liste d’attente"), "suggests the waiting list");
        assert_eq!(stored(&app, second).await.status, "submitted");
        assert_eq!(decide(&app, &cookie, second, "waitlist", "").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(decide(&app, &cookie, third, "waitlist", "").await.status(), StatusCode::SEE_OTHER);
        assert_eq!((stored(&app, second).await.waitlist_position, stored(&app, third).await.waitlist_position), (Some(1), Some(2)));

        assert_eq!(decide(&app, &cookie, first, "revoke", "  ").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
        let revoked = decide(&app, &cookie, first, "revoke", "Les délégués ne remplissent plus les conditions.").await;
        assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
        assert_eq!(revoked.headers()[header::LOCATION], format!("/espace/demandes/{first}?ok=review_revoked"));

        assert_eq!(stored(&app, first).await.status, "revoked");
        let promoted = stored(&app, second).await;
        assert_eq!((promoted.status.as_str(), promoted.waitlist_position), ("approved", None));
        assert_eq!(stored(&app, third).await.status, "waitlisted", "only one place was freed");
        let events = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(second))
            .order_by_asc(request_event::Column::Id)
            .all(&app.db)
            .await
            .unwrap();
        let steps: Vec<(Option<&str>, &str)> = events.iter().map(|e| (e.status_from.as_deref(), e.status_to.as_str())).collect();
        assert_eq!(steps, [(None, "submitted"), (Some("submitted"), "waitlisted"), (Some("waitlisted"), "approved")]);
        assert_eq!(emails_about(&app, second).await, 2, "waitlisted, then promoted");
        assert_eq!(emails_about(&app, first).await, 2, "approved, then revoked");
        let revocation = request_event::Entity::find()
            .filter(request_event::Column::RequestId.eq(first))
            .filter(request_event::Column::StatusTo.eq("revoked"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(revocation.message.as_deref(), Some("Les délégués ne remplissent plus les conditions."));
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("participation_request"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(audited, 5, "approve, two waitlists, revoke, promote");
    }
}

on_both_databases! {
    async fn a_reason_is_required_to_reject_revoke_or_ask_for_information(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let session = first_session(&app).await;
        let submitted = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        let approved = add_request(&app, session, &ORG, RequestStatus::Approved).await;

        for (id, transition) in [(submitted, "reject"), (submitted, "request_info"), (approved, "revoke")] {
            let response = decide(&app, &cookie, id, transition, "").await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{transition}");
            assert!(text(response).await.contains("Écrivez le message"), "{transition} says what is missing");
        }
        assert_eq!(stored(&app, submitted).await.status, "submitted");
        assert_eq!(stored(&app, approved).await.status, "approved");
        assert_eq!(emails_about(&app, submitted).await + emails_about(&app, approved).await, 0);

        let asked = decide(&app, &cookie, submitted, "request_info", "Pouvez-vous préciser vos statuts ?").await;
        assert_eq!(asked.status(), StatusCode::SEE_OTHER);
        let detail = text(app.get(&format!("/espace/demandes/{submitted}"), &[("cookie", &cookie)]).await).await;
        assert!(detail.contains("Pouvez-vous préciser vos statuts ?"), "the history shows the question");
        assert!(detail.contains("Relecteur Diallo"), "and who asked it");
    }
}

on_both_databases! {
    async fn a_request_is_assigned_to_someone_who_may_review_it(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let member = app.create_user("membre@example.ml", "Membre Traoré", Role::Technical).await;
        let outsider = app.create_user("autre@example.ml", "Sans Rôle", Role::None).await;
        let id = add_request(&app, first_session(&app).await, &ORG, RequestStatus::Submitted).await;
        let assign = |reviewer: String| form_request(&format!("/espace/demandes/{id}/attribuer"), &format!("reviewer={reviewer}"), Some(&cookie));

        assert_eq!(app.send(assign(outsider.to_string())).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let assigned = app.send(assign(member.to_string())).await;
        assert_eq!(assigned.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored(&app, id).await.assigned_to, Some(member));
        let list = text(app.get("/espace/demandes", &[("cookie", &cookie)]).await).await;
        assert!(list.contains("Membre Traoré"), "the list shows who it is assigned to");
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("assign"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(audit.len(), 1);

        assert_eq!(app.send(assign(String::new())).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored(&app, id).await.assigned_to, None, "unassigned");
    }
}

on_both_databases! {
    async fn the_review_list_counts_filters_and_searches_without_accents(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let session = first_session(&app).await;
        let geneva = Org { name: "Amicale des Maliens de Genève", country: "CH", city: "Genève", sectors: "culture", consent: true };
        let geneva_id = add_request(&app, session, &geneva, RequestStatus::Submitted).await;
        add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        add_request(&app, session, &ORG, RequestStatus::Approved).await;
        request::Entity::update_many()
            .col_expr(request::Column::PreviouslyRejected, sea_orm::sea_query::Expr::value(true))
            .filter(request::Column::Id.eq(geneva_id))
            .exec(&app.db)
            .await
            .unwrap();
        let list = |query: String| {
            let cookie = cookie.clone();
            let app = &app;
            async move { text(app.get(&format!("/espace/demandes{query}"), &[("cookie", &cookie)]).await).await }
        };

        let all = list(String::from("")).await;
        assert!(all.contains("3 demande(s)"));
        assert!(all.contains("Déjà refusée"), "the previously rejected flag shows");
        let searched = list(String::from("?q=GENEVE")).await;
        assert!(searched.contains("Amicale des Maliens de Genève") && searched.contains("1 demande(s)"));
        assert!(!searched.contains("Montreuil"));
        let by_status = list(String::from("?statut=approved")).await;
        assert!(by_status.contains("1 demande(s)"));
        let by_country_and_sector = list(String::from("?pays=FR&secteur=health")).await;
        assert!(by_country_and_sector.contains("2 demande(s)") && !by_country_and_sector.contains("Genève"));
        let by_sector = list(String::from("?secteur=sport")).await;
        assert!(by_sector.contains("0 demande(s)"));
        let code = stored(&app, geneva_id).await.tracking_code;
        let by_code = list(format!("?q={}", code.to_lowercase())).await;
        assert!(by_code.contains("Amicale des Maliens de Genève") && by_code.contains("1 demande(s)"), "a tracking code finds its request");
        let today = Utc::now().date_naive();
        let long_ago = list(String::from("?du=2000-01-01&au=2000-01-31")).await;
        assert!(long_ago.contains("0 demande(s)"), "the dates filter");
        let since_today = list(format!("?du={today}&au={today}")).await;
        assert!(since_today.contains("3 demande(s)"));
        let sorted = list(String::from("?tri=nom")).await;
        assert!(sorted.find("Amicale").unwrap() < sorted.find("Association des Maliens").unwrap());
    }
}

#[derive(Debug, serde::Deserialize)]
struct ExportRow {
    tracking_code: String,
    status: String,
    organisation: String,
    country_code: String,
    contact_email: String,
    delegates: String,
    submitted_at: String,
    decided_at: String,
}

on_both_databases! {
    async fn committees_export_the_filtered_requests_as_csv_with_their_contacts(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let session = first_session(&app).await;
        let geneva = Org { name: "Amicale des Maliens de Genève", country: "CH", city: "Genève", sectors: "culture", consent: true };
        add_request(&app, session, &geneva, RequestStatus::Submitted).await;
        let french = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        assert_eq!(decide(&app, &cookie, french, "approve", "").await.status(), StatusCode::SEE_OTHER);

        assert_eq!(app.get("/espace/demandes/export.csv", &[]).await.status(), StatusCode::SEE_OTHER, "anonymous visitors are sent to sign in");
        let response = app.get("/espace/demandes/export.csv?pays=FR", &[("cookie", &cookie)]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
        let body = text(response).await;
        let rows: Vec<ExportRow> = csv::Reader::from_reader(body.as_bytes()).deserialize().map(Result::unwrap).collect();

        assert_eq!(rows.len(), 1, "only the filtered country");
        let row = &rows[0];
        let model = stored(&app, french).await;
        assert_eq!((row.tracking_code.as_str(), row.status.as_str(), row.country_code.as_str()), (model.tracking_code.as_str(), "approved", "FR"));
        assert_eq!(row.organisation, ORG.name);
        assert_eq!(row.contact_email, model.contact_email);
        assert!(row.delegates.contains("Délégué1") && row.delegates.contains("Délégué2"));
        assert!(!row.submitted_at.is_empty() && !row.decided_at.is_empty());
        let everything = text(app.get("/espace/demandes/export.csv", &[("cookie", &cookie)]).await).await;
        assert_eq!(csv::Reader::from_reader(everything.as_bytes()).deserialize::<ExportRow>().count(), 2);
    }
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct OpenRow {
    id: i32,
    name: String,
    acronym: String,
    kind: String,
    country_code: String,
    country_fr: String,
    country_en: String,
    city: String,
    sectors: String,
    website: String,
    sessions: String,
}

on_both_databases! {
    async fn the_directory_lists_only_approved_consenting_organisations_and_never_their_contacts(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let session = first_session(&app).await;
        let listed = Org { name: "Amicale des Maliens de Genève", country: "CH", city: "Genève", sectors: "culture,sport", consent: true };
        let unwilling = Org { name: "Collectif Discret", country: "FR", city: "Lyon", sectors: "health", consent: false };
        let pending = Org { name: "Union En Attente", country: "FR", city: "Paris", sectors: "health", consent: true };
        add_request(&app, session, &listed, RequestStatus::Approved).await;
        add_request(&app, session, &unwilling, RequestStatus::Approved).await;
        add_request(&app, session, &pending, RequestStatus::Submitted).await;

        let page = text(app.get("/organisations", &[]).await).await;
        assert!(page.contains("Amicale des Maliens de Genève"));
        assert!(page.contains("rel=\"nofollow noopener\""));
        assert!(!page.contains("Collectif Discret") && !page.contains("Union En Attente"));
        let filtered = text(app.get("/organisations?pays=FR", &[]).await).await;
        assert!(!filtered.contains("Amicale des Maliens de Genève"));
        let by_sector = text(app.get("/organisations?secteur=sport", &[]).await).await;
        assert!(by_sector.contains("Amicale des Maliens de Genève"));

        let json_text = text(app.get("/api/v1/organisations.json", &[]).await).await;
        let csv_text = text(app.get("/api/v1/organisations.csv", &[]).await).await;
        for public in [&page, &json_text, &csv_text] {
            assert!(!public.contains("secret.example"), "never an e-mail address");
            assert!(!public.contains("Awa Contact") && !public.contains("+3360000"), "never a contact");
        }
        let json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
        let from_json: Vec<OpenRow> = serde_json::from_value(json["rows"].clone()).unwrap();
        let from_csv: Vec<OpenRow> = csv::Reader::from_reader(csv_text.as_bytes()).deserialize().map(Result::unwrap).collect();
        assert_eq!(from_json, from_csv, "the same rows");
        assert_eq!(from_json.len(), 1);
        let row = &from_json[0];
        assert_eq!((row.country_fr.as_str(), row.country_en.as_str(), row.sectors.as_str(), row.sessions.as_str()), ("Suisse", "Switzerland", "culture sport", "1"));
        assert_eq!(row.kind, "association");
        assert!(row.website.starts_with("https://") && row.acronym.starts_with("AM") && row.city == "Genève" && row.name == listed.name && row.country_code == "CH" && row.id > 0);
    }
}

on_both_databases! {
    async fn session_settings_are_validated_and_audited(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("pilotage@example.ml", "Pilote", Role::Steering).await;
        let cookie = app.sign_in("pilotage@example.ml").await;
        let number = 1;
        let post = |body: &str| form_request(&format!("/espace/sessions/{number}/participation"), body, Some(&cookie));

        let refused = app.send(post("applications_open=on&opens_at=2026-03-10T08:00&closes_at=2026-03-01T08:00&max_organisations=0&max_delegates=25")).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(refused).await;
        assert!(page.contains("La clôture doit venir après l’ouverture."));
        assert!(page.contains("de 1 à 20"));
        assert!(page.contains("UTC"), "the page says the times are UTC");

        let body = serde_urlencoded::to_string([
            ("applications_open", "on"),
            ("opens_at", "2026-03-01T08:00"),
            ("closes_at", "2026-04-01T18:30"),
            ("conditions_fr", "Être une organisation de la diaspora malienne."),
            ("conditions_en", "Be an organisation of the Malian diaspora."),
            ("max_organisations", "40"),
            ("max_delegates", "3"),
        ]).unwrap();
        let saved = app.send(post(&body)).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let session = session::Entity::find().filter(session::Column::Number.eq(number)).one(&app.db).await.unwrap().unwrap();
        assert!(session.applications_open);
        assert_eq!(session.applications_open_from.unwrap().to_rfc3339(), "2026-03-01T08:00:00+00:00");
        assert_eq!(session.applications_close_at.unwrap().to_rfc3339(), "2026-04-01T18:30:00+00:00");
        assert_eq!((session.max_organisations, session.max_delegates), (Some(40), Some(3)));
        assert_eq!(session.conditions_en.as_deref(), Some("Be an organisation of the Malian diaspora."));
        let audit = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("session")).all(&app.db).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert!(audit[0].after.as_deref().unwrap().contains("\"max_organisations\":40"));

        let form = text(app.get(&format!("/espace/sessions/{number}/participation"), &[("cookie", &cookie)]).await).await;
        assert!(form.contains("2026-03-01T08:00") && form.contains("Be an organisation of the Malian diaspora."));
        let list = text(app.get("/espace/sessions", &[("cookie", &cookie)]).await).await;
        assert!(list.contains("/espace/sessions/1/participation"));
    }
}

on_both_databases! {
    async fn an_approved_organisation_that_withdraws_frees_its_place_for_the_first_waiting(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = reviewer(&app).await;
        let session = add_session(&app, 92, Some(1)).await;
        let approved = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        let waiting = add_request(&app, session, &ORG, RequestStatus::Submitted).await;
        assert_eq!(decide(&app, &cookie, approved, "approve", "").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(decide(&app, &cookie, waiting, "waitlist", "").await.status(), StatusCode::SEE_OTHER);

        let request = stored(&app, approved).await;
        let body = format!("cle={}&action=withdraw&confirm=on", request.access_key.clone().unwrap());
        let withdrawn = app
            .send(common::form_request(&format!("/participer/suivi/{}", request.tracking_code), &body, None))
            .await;

        assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored(&app, approved).await.status, "withdrawn");
        let promoted = stored(&app, waiting).await;
        assert_eq!((promoted.status.as_str(), promoted.waitlist_position), ("approved", None));
        assert_eq!(emails_about(&app, waiting).await, 2, "waitlisted, then promoted");
        let by_system = audit_log::Entity::find()
            .filter(audit_log::Column::EntityId.eq(waiting.to_string()))
            .filter(audit_log::Column::Action.eq("promote"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the promotion is audited");
        assert_eq!((by_system.actor_label.as_str(), by_system.actor_user_id), ("system", None));
    }
}
