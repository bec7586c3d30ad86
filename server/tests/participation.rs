//! Participation requests, the applicant's side, through the real router on SQLite and
//! PostgreSQL: applying (stored in one transaction with its e-mail, idempotent, duplicates
//! refused, rejected organisations flagged, closed sessions refused, honeypot), the status
//! lookup, and every applicant transition allowed or refused.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    accounts::Principal,
    entities::{
        audit_log, delegate, organisation, outbox_email, participation_request, request_event,
        session,
    },
    participation::{
        RequestStatus, Transition,
        codes::is_tracking_code,
        service::{Party, apply_transition},
    },
};
use axum::http::{StatusCode, header};
use common::{Role, TestApp, form_request, form_request_with, text};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
    sea_query::Expr,
};

const MONTREUIL: &str = "Association des Maliens de Montreuil";

fn application(name: &str, country: &str, key: &str) -> Vec<(&'static str, String)> {
    [
        ("idempotency_key", key),
        ("website_url", ""),
        ("name", name),
        ("acronym", "AMM"),
        ("kind", "association"),
        ("country", country),
        ("city", "Montreuil"),
        ("founded_year", "1998"),
        ("member_count", "250"),
        ("sector_education", "on"),
        ("sector_culture", "on"),
        ("website", "https://amm.example.org"),
        ("contact_name", "Awa Koné"),
        ("contact_email", "awa@example.org"),
        ("contact_phone", "+33 6 12 34 56 78"),
        ("delegate_name_1", "Moussa Diarra"),
        ("delegate_function_1", "Président"),
        ("delegate_email_1", "moussa@example.org"),
        ("delegate_name_2", "Fatoumata Traoré"),
        ("delegate_function_2", "Secrétaire générale"),
        ("delegate_email_2", "fatoumata@example.org"),
        (
            "motivation",
            "Porter la voix des Maliens de Montreuil auprès du Gouvernement.",
        ),
        (
            "contribution",
            "Une étude sur les transferts d’argent et l’emploi des jeunes.",
        ),
        ("consent_processing", "on"),
    ]
    .into_iter()
    .map(|(name, value)| (name, value.to_string()))
    .collect()
}

fn encode(fields: &[(&'static str, String)]) -> String {
    serde_urlencoded::to_string(fields).unwrap()
}

fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(n, _)| *n != name);
    fields.push((name, value.to_string()));
    fields
}

/// Opens the current session (the seed's is closed).
async fn open_applications(app: &TestApp) {
    session::Entity::update_many()
        .col_expr(session::Column::ApplicationsOpen, Expr::value(true))
        .filter(session::Column::IsCurrent.eq(true))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn apply(app: &TestApp, body: &str, lang: &str) -> axum::response::Response {
    app.send(form_request_with(
        "/participer",
        body,
        &[("sec-fetch-site", "same-origin"), ("accept-language", lang)],
    ))
    .await
}

fn location(response: &axum::response::Response) -> String {
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

/// `(code, key)` from a confirmation address.
fn receipt(location: &str) -> (String, String) {
    let query = location.split_once('?').unwrap().1;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    let get = |name: &str| pairs.iter().find(|(n, _)| n == name).unwrap().1.clone();
    (get("code"), get("cle"))
}

async fn requests(app: &TestApp) -> Vec<participation_request::Model> {
    participation_request::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
}

async fn reviewer(app: &TestApp) -> Principal {
    let id = app
        .create_user("relecteur@example.ml", "Relecteur", Role::Reviewer)
        .await;
    Principal {
        id,
        name: "Relecteur".into(),
        email: "relecteur@example.ml".into(),
        is_admin: false,
        is_reviewer: true,
        seats: Vec::new(),
    }
}

async fn set_status(app: &TestApp, id: i32, status: RequestStatus) {
    participation_request::Entity::update_many()
        .col_expr(
            participation_request::Column::Status,
            Expr::value(status.as_str()),
        )
        .filter(participation_request::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
}

/// Applies once (in French) and returns the stored request and its status link key.
async fn applied(app: &TestApp) -> (participation_request::Model, String) {
    open_applications(app).await;
    let response = apply(app, &encode(&application(MONTREUIL, "FR", "key-1")), "fr").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, key) = receipt(&location(&response));
    (requests(app).await.remove(0), key)
}

on_both_databases! {
    async fn a_complete_application_is_stored_with_its_delegates_history_and_email_in_the_applicants_language(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;

        let response = apply(&app, &encode(&application(MONTREUIL, "FR", "k-complete")), "en").await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let to = location(&response);
        assert!(to.starts_with("/participer/confirmation?code=CCMEX-"), "{to}");
        let (code, key) = receipt(&to);
        assert!(is_tracking_code(&code), "{code}");
        assert_eq!(key.len(), 64);
        let stored = requests(&app).await;
        assert_eq!(stored.len(), 1);
        let request = &stored[0];
        assert_eq!((request.tracking_code.as_str(), request.status.as_str(), request.language.as_str()), (code.as_str(), "submitted", "en"));
        assert_eq!((request.contact_phone.as_str(), request.previously_rejected), ("+33612345678", false));
        assert_eq!(request.access_key.as_deref(), Some(key.as_str()));
        let organisation = organisation::Entity::find_by_id(request.organisation_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((organisation.name.as_str(), organisation.normalized_name.as_str(), organisation.sectors.as_str()), (MONTREUIL, "association des maliens de montreuil", "education,culture"));
        let delegates = delegate::Entity::find().filter(delegate::Column::RequestId.eq(request.id)).all(&app.db).await.unwrap();
        assert_eq!(delegates.iter().map(|d| (d.position, d.name.as_str())).collect::<Vec<_>>(), [(1, "Moussa Diarra"), (2, "Fatoumata Traoré")]);
        let events = request_event::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].status_from.as_deref(), events[0].status_to.as_str(), events[0].from_applicant), (None, "submitted", true));
        let emails = outbox_email::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(emails.len(), 1);
        assert_eq!((emails[0].to_address.as_str(), emails[0].language.as_str()), ("awa@example.org", "en"));
        assert!(emails[0].subject.contains("received") && emails[0].subject.contains(&code));
        assert!(emails[0].body.contains(&format!("/participer/suivi/{code}?cle={key}")));
        assert!(emails[0].sent_at.is_none(), "no SMTP: kept in the outbox");

        let page = text(app.get(&to, &[("accept-language", "en")]).await).await;
        assert!(page.contains(&code) && page.contains("What happens next?"));
        let status = text(app.get(&format!("/participer/suivi/{code}?cle={key}"), &[]).await).await;
        assert!(status.contains(MONTREUIL) && status.contains("Envoyée, en attente d’examen"));
    }
}

on_both_databases! {
    async fn the_same_form_posted_twice_creates_one_request_and_the_same_confirmation(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let body = encode(&application(MONTREUIL, "FR", "double-click"));

        let first = apply(&app, &body, "fr").await;
        let second = apply(&app, &body, "fr").await;

        assert_eq!((first.status(), second.status()), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
        assert_eq!(location(&first), location(&second));
        assert_eq!(requests(&app).await.len(), 1);
        assert_eq!(outbox_email::Entity::find().count(&app.db).await.unwrap(), 1);
    }
}

on_both_databases! {
    async fn an_organisation_that_already_applied_is_refused_whatever_its_spelling(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        assert_eq!(apply(&app, &encode(&application(MONTREUIL, "FR", "a")), "fr").await.status(), StatusCode::SEE_OTHER);

        for (i, variant) in ["association des maliens de MONTREUIL", "Association dés Maliens, de Montreuil !", "  Association  des Maliens-de Montréuil"].into_iter().enumerate() {
            let response = apply(&app, &encode(&application(variant, "fr", &format!("dup-{i}"))), "fr").await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{variant}");
            let page = text(response).await;
            assert!(page.contains("a déjà demandé à participer à cette session"), "{variant}");
            assert!(page.contains("href=\"/participer/suivi\""));
        }
        let elsewhere = apply(&app, &encode(&application(MONTREUIL, "BE", "other-country")), "fr").await;

        assert_eq!(elsewhere.status(), StatusCode::SEE_OTHER, "same name, other country");
        assert_eq!(requests(&app).await.len(), 2);
        assert_eq!(organisation::Entity::find().count(&app.db).await.unwrap(), 2);
        assert_eq!(outbox_email::Entity::find().count(&app.db).await.unwrap(), 2);
    }
}

on_both_databases! {
    async fn a_withdrawn_request_lets_the_organisation_apply_again(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let (request, key) = applied(&app).await;
        let path = format!("/participer/suivi/{}", request.tracking_code);
        let withdrawn = app.send(form_request(&path, &format!("cle={key}&action=withdraw&confirm=on"), None)).await;
        assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);

        let again = apply(&app, &encode(&application(MONTREUIL, "FR", "again")), "fr").await;

        assert_eq!(again.status(), StatusCode::SEE_OTHER);
        assert_eq!(organisation::Entity::find().count(&app.db).await.unwrap(), 1, "the organisation persists");
        assert_eq!(requests(&app).await.len(), 2);
    }
}

on_both_databases! {
    async fn an_organisation_rejected_before_is_flagged_when_it_applies_to_another_session(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let (request, _) = applied(&app).await;
        set_status(&app, request.id, RequestStatus::Rejected).await;
        let first = session::Entity::find_by_id(request.session_id).one(&app.db).await.unwrap().unwrap();
        session::Entity::update_many()
            .col_expr(session::Column::IsCurrent, Expr::value(false))
            .exec(&app.db)
            .await
            .unwrap();
        let now = chrono::Utc::now();
        session::Entity::insert(session::ActiveModel {
            number: Set(first.number + 1),
            title_fr: Set("Deuxième session".into()),
            title_en: Set("Second session".into()),
            is_current: Set(true),
            applications_open: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            id: sea_orm::ActiveValue::NotSet,
            ..session::ActiveModel::from(first.clone())
        })
        .exec(&app.db)
        .await
        .unwrap();

        let again = apply(&app, &encode(&application("ASSOCIATION DES MALIENS DE MONTREUIL", "FR", "second-session")), "fr").await;

        assert_eq!(again.status(), StatusCode::SEE_OTHER);
        let stored = requests(&app).await;
        let newest = stored.iter().max_by_key(|r| r.id).unwrap();
        assert!(newest.previously_rejected);
        assert_ne!(newest.session_id, first.id);
        assert_eq!(newest.organisation_id, request.organisation_id, "the same organisation");
    }
}

on_both_databases! {
    async fn a_closed_session_shows_no_form_and_refuses_applications(backend: Backend) {
        let app = TestApp::seeded(backend).await;

        let page = text(app.get("/participer", &[]).await).await;
        let response = apply(&app, &encode(&application(MONTREUIL, "FR", "closed")), "fr").await;

        assert!(page.contains("Les demandes de participation sont fermées"));
        assert!(!page.contains("id=\"participation-form\""));
        assert!(page.contains("Conditions de participation"));
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(requests(&app).await.is_empty());

        open_applications(&app).await;
        session::Entity::update_many()
            .col_expr(session::Column::ApplicationsCloseAt, Expr::value(chrono::Utc::now() - chrono::Duration::hours(1)))
            .exec(&app.db)
            .await
            .unwrap();
        let late = apply(&app, &encode(&application(MONTREUIL, "FR", "late")), "fr").await;
        assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY, "after the closing date");
        assert!(requests(&app).await.is_empty());
    }
}

on_both_databases! {
    async fn an_open_session_shows_the_form_with_its_steps_and_a_fresh_key(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;

        let first = text(app.get("/participer", &[]).await).await;
        let second = text(app.get("/participer", &[("accept-language", "en")]).await).await;

        assert!(first.contains("id=\"participation-form\""));
        for legend in ["Étape 1 sur 5", "Étape 5 sur 5", "Délégué 2"] {
            assert!(first.contains(legend), "{legend}");
        }
        assert!(!first.contains("Délégué 3"), "the seed's session allows two delegates");
        assert!(first.contains("name=\"website_url\"") && first.contains("tabindex=\"-1\""));
        assert!(second.contains("Step 2 of 5"));
        let key = |page: &str| {
            let start = page.find("name=\"idempotency_key\" value=\"").map(|i| i + 30).unwrap();
            page[start..start + 32].to_string()
        };
        assert_ne!(key(&first), key(&second));
    }
}

on_both_databases! {
    async fn invalid_fields_are_explained_in_the_readers_language_and_the_values_kept(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let mut fields = with(application("ߡߊߟߌ ߞߊ߲ <b>Ségou</b> 日本", "FR", "invalid"), "contact_phone", "0612345678");
        fields = with(fields, "delegate_email_2", "");
        fields = with(fields, "sector_education", "");
        fields = with(fields, "sector_culture", "");
        fields = with(fields, "founded_year", "1850");
        let body = encode(&fields);

        let french = apply(&app, &body, "fr").await;
        let english = apply(&app, &body, "en").await;

        assert_eq!((french.status(), english.status()), (StatusCode::UNPROCESSABLE_ENTITY, StatusCode::UNPROCESSABLE_ENTITY));
        let french = text(french).await;
        for message in [
            "Indiquez le téléphone au format international",
            "Indiquez une adresse e-mail valide pour ce délégué",
            "Cochez au moins un secteur",
            "Indiquez l’année de création en chiffres",
        ] {
            assert!(french.contains(message), "{message}");
        }
        assert!(french.contains("value=\"ߡߊߟߌ ߞߊ߲ &lt;b&gt;Ségou&lt;/b&gt; 日本\""), "kept as typed, escaped");
        assert!(french.contains("value=\"0612345678\""));
        assert!(french.contains("href=\"#field-contact_phone\""));
        assert!(text(english).await.contains("Enter the phone number in international format"));
        assert!(requests(&app).await.is_empty());
    }
}

on_both_databases! {
    async fn a_filled_honeypot_gets_a_normal_answer_and_nothing_is_stored(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let body = encode(&with(application(MONTREUIL, "FR", "robot"), "website_url", "http://spam.example"));

        let response = apply(&app, &body, "fr").await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (code, _) = receipt(&location(&response));
        assert!(is_tracking_code(&code));
        assert!(requests(&app).await.is_empty());
        assert_eq!(outbox_email::Entity::find().count(&app.db).await.unwrap(), 0);
    }
}

on_both_databases! {
    async fn applications_from_one_address_are_limited(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits.trust_proxy = true).await;
        open_applications(&app).await;
        let send = |i: u32, ip: &'static str| {
            let body = encode(&application(&format!("Association numéro {i}"), "FR", &format!("limit-{i}")));
            form_request_with("/participer", &body, &[("sec-fetch-site", "same-origin"), ("x-forwarded-for", ip)])
        };
        for i in 0..server::rate_limit::PARTICIPATIONS_PER_HOUR {
            assert_eq!(app.send(send(i, "203.0.113.7")).await.status(), StatusCode::SEE_OTHER);
        }

        let limited = app.send(send(100, "203.0.113.7")).await;
        let other = app.send(send(101, "198.51.100.2")).await;

        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(text(limited).await.contains("Association numéro 100"), "the values are kept");
        assert_eq!(other.status(), StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn a_lookup_needs_the_code_and_the_email_and_says_the_same_for_either_mistake(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let (request, key) = applied(&app).await;
        let lookup = |code: &str, email: &str| {
            form_request("/participer/suivi", &serde_urlencoded::to_string([("code", code), ("email", email)]).unwrap(), None)
        };

        let found = app.send(lookup(&request.tracking_code.to_lowercase(), "AWA@example.org")).await;
        let wrong_email = app.send(lookup(&request.tracking_code, "someone@example.org")).await;
        let wrong_code = app.send(lookup("CCMEX-2222-2222", "awa@example.org")).await;

        assert_eq!(found.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&found), format!("/participer/suivi/{}?cle={key}", request.tracking_code));
        assert_eq!(wrong_email.status(), wrong_code.status());
        assert_eq!(wrong_email.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (wrong_email, wrong_code) = (text(wrong_email).await, text(wrong_code).await);
        let message = "Aucune demande ne correspond à ce code et à cette adresse e-mail.";
        assert!(wrong_email.contains(message) && wrong_code.contains(message));
        let without_values = |page: &str| page.replace(&request.tracking_code, "").replace("CCMEX-2222-2222", "").replace("someone@example.org", "").replace("awa@example.org", "");
        assert_eq!(without_values(&wrong_email).len(), without_values(&wrong_code).len(), "nothing else tells them apart");
        let bad_key = app.get(&format!("/participer/suivi/{}?cle={}", request.tracking_code, "0".repeat(64)), &[]).await;
        assert_eq!(bad_key.status(), StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn the_applicant_answers_a_request_for_information_then_withdraws(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let (request, key) = applied(&app).await;
        let principal = reviewer(&app).await;
        let txn = app.db.begin().await.unwrap();
        let status = apply_transition(&txn, request.id, Transition::RequestInfo, Party::Committee(principal), Some("Envoyez vos statuts, s’il vous plaît.".into())).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(status, RequestStatus::InfoRequested);
        let path = format!("/participer/suivi/{}", request.tracking_code);
        let page = text(app.get(&format!("{path}?cle={key}"), &[]).await).await;
        assert!(page.contains("Envoyez vos statuts") && page.contains("Précisions demandées"));
        assert!(!page.contains("Relecteur"), "never the reviewer's name");
        let question = outbox_email::Entity::find().filter(outbox_email::Column::Subject.contains("Précisions")).one(&app.db).await.unwrap().unwrap();
        assert!(question.body.contains("Envoyez vos statuts"));
        let audit = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("participation_request")).all(&app.db).await.unwrap();
        assert_eq!(audit.len(), 1);

        let empty = app.send(form_request(&path, &format!("cle={key}&action=answer&message=+"), None)).await;
        assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let answer = serde_urlencoded::to_string([("cle", key.as_str()), ("action", "answer"), ("message", "Voici nos statuts : ߒߞߏ <i>ok</i>")]).unwrap();
        let answered = app.send(form_request(&path, &answer, None)).await;
        assert_eq!(answered.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&answered), format!("{path}?cle={key}&ok=participation_answered"));
        let page = text(app.get(&location(&answered), &[]).await).await;
        assert!(page.contains("Voici nos statuts : ߒߞߏ &lt;i&gt;ok&lt;/i&gt;"), "as typed, escaped");
        assert!(page.contains("Votre réponse a été envoyée au comité."));

        let unconfirmed = app.send(form_request(&path, &format!("cle={key}&action=withdraw"), None)).await;
        assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let withdrawn = app.send(form_request(&path, &format!("cle={key}&action=withdraw&confirm=on"), None)).await;
        assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
        let stored = participation_request::Entity::find_by_id(request.id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(stored.status, "withdrawn");
        let events = request_event::Entity::find().filter(request_event::Column::RequestId.eq(request.id)).all(&app.db).await.unwrap();
        let steps: Vec<_> = events.iter().map(|e| (e.status_to.as_str(), e.from_applicant)).collect();
        assert_eq!(steps, [("submitted", true), ("info_requested", false), ("submitted", true), ("withdrawn", true)]);
        let page = text(app.get(&format!("{path}?cle={key}"), &[]).await).await;
        assert!(!page.contains("name=\"action\""), "nothing left to do");
    }
}

on_both_databases! {
    async fn every_applicant_transition_is_allowed_or_refused_as_the_state_machine_says(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let (request, key) = applied(&app).await;
        let path = format!("/participer/suivi/{}", request.tracking_code);
        for status in RequestStatus::ALL {
            for transition in [Transition::Answer, Transition::Withdraw] {
                set_status(&app, request.id, status).await;
                let body = format!("cle={key}&action={}&message=R%C3%A9ponse&confirm=on", transition.as_str());

                let response = app.send(form_request(&path, &body, None)).await;

                let stored = participation_request::Entity::find_by_id(request.id).one(&app.db).await.unwrap().unwrap();
                match status.after(transition) {
                    Some(next) => {
                        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{status:?} {transition:?}");
                        assert_eq!(stored.status, next.as_str());
                    }
                    None => {
                        assert_eq!(response.status(), StatusCode::CONFLICT, "{status:?} {transition:?}");
                        assert_eq!(stored.status, status.as_str());
                    }
                }
            }
        }
        set_status(&app, request.id, RequestStatus::Submitted).await;
        let committee_only = app.send(form_request(&path, &format!("cle={key}&action=approve"), None)).await;
        assert_eq!(committee_only.status(), StatusCode::FORBIDDEN);
        let wrong_key = app.send(form_request(&path, &format!("cle={}&action=withdraw&confirm=on", "a".repeat(64)), None)).await;
        assert_eq!(wrong_key.status(), StatusCode::NOT_FOUND);
        let stored = participation_request::Entity::find_by_id(request.id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(stored.status, "submitted");
        let principal = reviewer(&app).await;
        let txn = app.db.begin().await.unwrap();
        let refused = apply_transition(&txn, request.id, Transition::Withdraw, Party::Committee(principal), None).await;
        assert_eq!(refused, Err(app::error::AppError::Forbidden), "the committee does not withdraw for the applicant");
    }
}

on_both_databases! {
    async fn administrators_read_the_outbox_newest_first(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        apply(&app, &encode(&application("Première association", "FR", "o1")), "fr").await;
        apply(&app, &encode(&application("Seconde association", "FR", "o2")), "fr").await;
        app.create_user("admin@example.ml", "Admin", Role::Admin).await;
        let cookie = app.sign_in("admin@example.ml").await;

        let page = text(app.get("/espace/courriels", &[("cookie", &cookie)]).await).await;

        let (first, second) = (page.find("Première association").unwrap(), page.find("Seconde association").unwrap());
        assert!(second < first, "newest first");
        assert!(page.contains("awa@example.org") && page.contains("Pas encore envoyé"));
    }
}

on_both_databases! {
    async fn any_script_is_stored_as_typed_and_escaped_on_output(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let name = "ߡߊߟߌ ߞߊ߲ — جمعية <script>alert(1)</script> 馬里協會";
        let fields = with(application(name, "CN", "scripts"), "contact_name", "Ādam Ǹdiaye ⵜⴰⵎⴰⵣⵉⵖⵜ");

        let response = apply(&app, &encode(&fields), "fr").await;

        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (code, key) = receipt(&location(&response));
        let request = requests(&app).await.remove(0);
        let organisation = organisation::Entity::find_by_id(request.organisation_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!(organisation.name, name, "stored as typed");
        assert_eq!(request.contact_name, "Ādam Ǹdiaye ⵜⴰⵎⴰⵣⵉⵖⵜ");
        let page = text(app.get(&format!("/participer/suivi/{code}?cle={key}"), &[]).await).await;
        assert!(page.contains("ߡߊߟߌ ߞߊ߲ — جمعية &lt;script&gt;alert(1)&lt;/script&gt; 馬里協會"));
        assert!(!page.contains("<script>alert(1)"));
        let email = outbox_email::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(email.body.contains(name), "plain-text e-mail, as typed");
    }
}

on_both_databases! {
    async fn two_requests_of_one_organisation_sent_at_the_same_moment_store_one(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let first = encode(&application(MONTREUIL, "FR", "race-1"));
        let second = encode(&application("ASSOCIATION des maliens de Montreuil", "FR", "race-2"));

        let (a, b) = tokio::join!(apply(&app, &first, "fr"), apply(&app, &second, "fr"));

        let mut statuses = [a.status(), b.status()];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY]);
        assert_eq!(requests(&app).await.len(), 1);
        assert_eq!(outbox_email::Entity::find().count(&app.db).await.unwrap(), 1);
    }
}

on_both_databases! {
    async fn a_double_click_sending_the_form_twice_at_once_stores_it_once(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        open_applications(&app).await;
        let body = encode(&application(MONTREUIL, "FR", "double-click-at-once"));

        let (a, b) = tokio::join!(apply(&app, &body, "fr"), apply(&app, &body, "fr"));

        assert_eq!((a.status(), b.status()), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
        assert_eq!(location(&a), location(&b), "the same confirmation");
        assert_eq!(requests(&app).await.len(), 1);
    }
}

on_both_databases! {
    async fn applications_sent_at_the_same_time_by_many_organisations_are_all_stored(backend: Backend) {
        let app = TestApp::configured(backend, |state| state.limits.trust_proxy = true).await;
        open_applications(&app).await;
        let sends = (0..16).map(|i| {
            let body = encode(&application(&format!("Association simultanée {i}"), "SN", &format!("{i:064}")));
            let ip = format!("198.51.100.{i}");
            let app = &app;
            async move {
                let request = common::form_request_with(
                    "/participer",
                    &body,
                    &[("sec-fetch-site", "same-origin"), ("x-forwarded-for", &ip)],
                );
                app.send(request).await.status()
            }
        });

        let statuses = futures_util::future::join_all(sends).await;

        assert!(statuses.iter().all(|s| *s == StatusCode::SEE_OTHER), "{statuses:?}");
        assert_eq!(requests(&app).await.len(), 16, "none lost");
    }
}
