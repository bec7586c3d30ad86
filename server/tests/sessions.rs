//! Sessions, the committees' side, through the real router on SQLite and PostgreSQL:
//! creating one (a taken number and reversed days refused, the values typed kept), editing
//! one (new days that would leave agenda items outside refused), choosing the current one
//! (exactly one at a time, the home page follows), the audit log, and who may do it.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{agenda_item, audit_log, session};
use axum::http::{StatusCode, header};
use common::{Role, TestApp, form_request, text};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// Signs in a member of the steering committee (who may manage sessions).
async fn steering(app: &TestApp) -> String {
    app.create_user("pilotage@example.ml", "Awa Pilote", Role::Steering)
        .await;
    app.sign_in("pilotage@example.ml").await
}

/// The creation form as a browser posts it, with `changes` applied.
fn session_form(changes: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("number", "2"),
        ("title_fr", "Deuxième session du CCMEX"),
        ("title_en", "Second session of the CCMEX"),
        ("starts_on", "2026-12-01"),
        ("ends_on", "2026-12-03"),
        ("venue_fr", "Maison des Maliens de Paris"),
        ("venue_en", "House of Malians in Paris"),
        ("city", "Paris"),
        ("country", "FR"),
        ("time_zone", "Europe/Paris"),
        ("status", "planned"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    serde_urlencoded::to_string(fields).unwrap()
}

async fn by_number(app: &TestApp, number: i32) -> Option<session::Model> {
    session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(&app.db)
        .await
        .unwrap()
}

async fn audited(app: &TestApp, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("session"))
        .filter(audit_log::Column::Action.eq(action))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// The numbers of the sessions marked current.
async fn current_numbers(app: &TestApp) -> Vec<i32> {
    session::Entity::find()
        .filter(session::Column::IsCurrent.eq(true))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.number)
        .collect()
}

on_both_databases! {
    async fn a_committee_member_creates_a_session_and_finds_it_in_the_list(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = steering(&app).await;

        let blank = app.get("/espace/sessions/nouvelle", &[("cookie", &cookie)]).await;
        assert_eq!(blank.status(), StatusCode::OK);
        let blank = text(blank).await;
        assert!(blank.contains(r#"value="2""#), "the next free number is suggested");
        assert!(blank.contains(r#"<option value="Africa/Bamako" selected"#), "Bamako by default");
        assert!(blank.contains(r#"<label for="field-title_en">"#), "every field is labelled");

        let created = app.send(form_request("/espace/sessions/nouvelle", &session_form(&[]), Some(&cookie))).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        assert_eq!(created.headers()[header::LOCATION], "/espace/sessions?ok=session_created");

        let stored = by_number(&app, 2).await.expect("session 2 stored");
        assert_eq!(stored.title_en, "Second session of the CCMEX");
        assert_eq!((stored.starts_on.to_string(), stored.ends_on.to_string()), ("2026-12-01".into(), "2026-12-03".into()));
        assert_eq!((stored.city.as_str(), stored.country_code.as_str(), stored.time_zone.as_str()), ("Paris", "FR", "Europe/Paris"));
        assert_eq!(stored.status, "planned");
        assert!(!stored.is_current && !stored.applications_open);

        let list = text(app.get("/espace/sessions?ok=session_created", &[("cookie", &cookie)]).await).await;
        assert!(list.contains("La session est créée."), "a success notice");
        assert!(list.contains("Deuxième session du CCMEX"));
        assert!(list.contains("1er–3 décembre 2026"), "its dates");
        assert!(list.contains("Programmée"), "its status");
        for link in ["/espace/sessions/nouvelle", "/espace/sessions/2", "/espace/sessions/2/participation", "/espace/sessions/2/courante"] {
            assert!(list.contains(&format!(r#""{link}""#)), "{link}");
        }
        assert!(!list.contains(r#""/espace/sessions/1/courante""#), "the current session has no button");
        assert!(list.contains("Session courante"), "the current session's badge");

        let audit = audited(&app, "create").await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].entity_id, stored.id.to_string());
        assert!(audit[0].before.is_none());
        assert!(audit[0].after.as_deref().unwrap().contains(r#""time_zone":"Europe/Paris""#));
        assert_eq!(audit[0].actor_label, "Awa Pilote");
    }
}

on_both_databases! {
    async fn a_number_already_taken_is_refused_and_what_was_typed_is_kept(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = steering(&app).await;

        let refused = app.send(form_request("/espace/sessions/nouvelle", &session_form(&[("number", "1")]), Some(&cookie))).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(refused).await;
        assert!(page.contains("Une session porte déjà ce numéro : choisissez-en un autre."));
        assert!(page.contains(r##"href="#field-number""##), "the summary links to the field");
        assert!(page.contains(r#"aria-describedby="field-number-hint field-number-error""#), "the error is tied to the field");
        assert!(page.contains(r#"value="Deuxième session du CCMEX""#), "the title typed is kept");
        assert!(page.contains(r#"value="Maison des Maliens de Paris""#));
        assert!(page.contains(r#"<option value="Europe/Paris" selected"#), "the zone chosen is kept");
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1, "nothing stored");
        assert!(audited(&app, "create").await.is_empty());

        let english = app.send({
            let mut request = form_request("/espace/sessions/nouvelle", &session_form(&[("number", "1")]), Some(&cookie));
            request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
            request
        }).await;
        assert_eq!(english.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(english).await.contains("A session already has this number: choose another one."));
    }
}

on_both_databases! {
    async fn a_last_day_before_the_first_day_is_refused(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = steering(&app).await;

        let body = session_form(&[("starts_on", "2026-12-03"), ("ends_on", "2026-12-01"), ("title_en", "")]);
        let refused = app.send(form_request("/espace/sessions/nouvelle", &body, Some(&cookie))).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(refused).await;
        assert!(page.contains("Le dernier jour ne peut pas précéder le premier jour."));
        assert!(page.contains("Indiquez le titre, en français et en anglais."), "every problem at once");
        assert!(page.contains(r#"value="2026-12-03""#) && page.contains(r#"value="2026-12-01""#));
        assert!(by_number(&app, 2).await.is_none());
    }
}

on_both_databases! {
    async fn new_days_that_would_leave_agenda_items_outside_the_session_are_refused(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = steering(&app).await;
        let first = by_number(&app, 1).await.unwrap();
        let edit = app.get("/espace/sessions/1", &[("cookie", &cookie)]).await;
        assert_eq!(edit.status(), StatusCode::OK);
        let edit = text(edit).await;
        assert!(edit.contains(r#"value="2025-12-16""#) && edit.contains(r#"value="Première session du CCMEX""#));
        assert!(!edit.contains(r#"name="number""#), "the number stays fixed");

        // The seeded agenda spans 16 and 17 December 2025, Bamako time (UTC).
        let on_first_day = agenda_item::Entity::find()
            .filter(agenda_item::Column::SessionId.eq(first.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|item| item.starts_at.date_naive().to_string() == "2025-12-16")
            .count();
        assert!(on_first_day > 1);
        let edited = |changes: &[(&str, &str)]| {
            let mut all = vec![
                ("title_fr", "Première session du CCMEX"),
                ("title_en", "First session of the CCMEX"),
                ("starts_on", "2025-12-16"),
                ("ends_on", "2025-12-17"),
                ("venue_fr", "CICB"),
                ("venue_en", "CICB"),
                ("city", "Bamako"),
                ("country", "ML"),
                ("time_zone", "Africa/Bamako"),
                ("status", "held"),
            ];
            all.extend_from_slice(changes);
            let body = serde_urlencoded::to_string(all).unwrap();
            form_request("/espace/sessions/1", &body, Some(&cookie))
        };

        let later = app.send(edited(&[("starts_on", "2025-12-17"), ("ends_on", "2025-12-18")])).await;
        assert_eq!(later.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(later).await;
        assert!(page.contains("Des points de l’ordre du jour commencent avant ce premier jour"));
        assert!(page.contains(&format!("{on_first_day} points de l’ordre du jour seraient en dehors des jours de la session")), "the page says how many");
        assert!(page.contains(r#"value="2025-12-18""#), "the days typed are kept");

        // The same days, read in Tokyo (UTC+9): the afternoon of the 17th ends after midnight.
        let tokyo = app.send(edited(&[("time_zone", "Asia/Tokyo")])).await;
        assert_eq!(tokyo.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(tokyo).await.contains("Des points de l’ordre du jour finissent après ce dernier jour"));
        assert_eq!(by_number(&app, 1).await.unwrap(), first, "nothing changed");
        assert!(audited(&app, "update").await.is_empty());

        let wider = app.send(edited(&[("starts_on", "2025-12-15"), ("ends_on", "2025-12-18"), ("venue_en", "Bamako International Conference Centre")])).await;
        assert_eq!(wider.status(), StatusCode::SEE_OTHER);
        assert_eq!(wider.headers()[header::LOCATION], "/espace/sessions?ok=session_updated");
        let saved = by_number(&app, 1).await.unwrap();
        assert_eq!((saved.starts_on.to_string(), saved.ends_on.to_string()), ("2025-12-15".into(), "2025-12-18".into()));
        assert_eq!(saved.venue_en, "Bamako International Conference Centre");
        assert!(saved.is_current, "editing leaves the current session as it was");
        let audit = audited(&app, "update").await;
        assert_eq!(audit.len(), 1);
        assert!(audit[0].before.as_deref().unwrap().contains(r#""starts_on":"2025-12-16""#));
        assert!(audit[0].after.as_deref().unwrap().contains(r#""starts_on":"2025-12-15""#));

        let missing = app.send(form_request("/espace/sessions/99", &session_form(&[]), Some(&cookie))).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn choosing_the_current_session_moves_the_flag_and_the_home_page_follows(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = steering(&app).await;
        let created = app.send(form_request("/espace/sessions/nouvelle", &session_form(&[]), Some(&cookie))).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        assert_eq!(current_numbers(&app).await, [1]);

        let moved = app.send(form_request("/espace/sessions/2/courante", "", Some(&cookie))).await;
        assert_eq!(moved.status(), StatusCode::SEE_OTHER);
        assert_eq!(moved.headers()[header::LOCATION], "/espace/sessions?ok=session_made_current");
        assert_eq!(current_numbers(&app).await, [2], "exactly one current session");
        let home = text(app.get("/", &[]).await).await;
        assert!(home.contains("Deuxième session du CCMEX"), "the home page presents the new current session");
        assert!(!home.contains("Première session du CCMEX"));
        let edit = text(app.get("/espace/sessions/2", &[("cookie", &cookie)]).await).await;
        assert!(edit.contains("La page d’accueil présente cette session."));
        assert!(!edit.contains(r#"action="/espace/sessions/2/courante""#));

        let again = app.send(form_request("/espace/sessions/2/courante", "", Some(&cookie))).await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER, "already current: nothing to do");
        let back = app.send(form_request("/espace/sessions/1/courante", "", Some(&cookie))).await;
        assert_eq!(back.status(), StatusCode::SEE_OTHER);
        assert_eq!(current_numbers(&app).await, [1]);

        let audit = audited(&app, "make_current").await;
        assert_eq!(audit.len(), 2, "one entry per change, none for the repeated choice");
        assert_eq!(audit[0].before.as_deref(), Some(r#"{"current_sessions":[1]}"#));
        assert_eq!(audit[0].after.as_deref(), Some(r#"{"current_sessions":[2]}"#));

        let missing = app.send(form_request("/espace/sessions/99/courante", "", Some(&cookie))).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(current_numbers(&app).await, [1]);
    }
}

on_both_databases! {
    async fn only_those_who_manage_sessions_may_open_or_post_the_session_forms(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("relecteur@example.ml", "Relecteur Diallo", Role::Reviewer).await;
        app.create_user("technique@example.ml", "Tech Traoré", Role::Technical).await;
        let pages = ["/espace/sessions/nouvelle", "/espace/sessions/1"];
        let posts = [
            ("/espace/sessions/nouvelle", session_form(&[])),
            ("/espace/sessions/1", session_form(&[("starts_on", "2025-12-16"), ("ends_on", "2025-12-17")])),
            ("/espace/sessions/1/courante", String::new()),
        ];
        for email in ["relecteur@example.ml", "technique@example.ml"] {
            let cookie = app.sign_in(email).await;
            for page in pages {
                let response = app.get(page, &[("cookie", &cookie)]).await;
                assert_eq!(response.status(), StatusCode::FORBIDDEN, "GET {page} as {email}");
            }
            for (path, body) in &posts {
                let response = app.send(form_request(path, body, Some(&cookie))).await;
                assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {path} as {email}");
            }
        }
        for page in pages {
            assert_eq!(app.get(page, &[]).await.status(), StatusCode::SEE_OTHER, "anonymous visitors sign in first");
        }
        for (path, body) in &posts {
            let response = app.send(form_request(path, body, None)).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "POST {path} anonymously");
        }
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1, "nothing created");
        assert_eq!(current_numbers(&app).await, [1]);
        assert_eq!(audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("session")).count(&app.db).await.unwrap(), 0);
    }
}
