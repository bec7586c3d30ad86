//! Recommendations through the real router, on SQLite and PostgreSQL: committees create,
//! edit and publish them with milestones; the public sees only published ones, with
//! progress derived from milestones, overdue flags, search and filters, in pages, open data
//! and the Atom feed; every write is audited.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    entities::{audit_log, recommendation, session},
    recommendations::open_data::OpenRecommendation,
};
use axum::http::{StatusCode, header};
use common::{Role, TestApp, form_request, text};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A signed-in member of the technical committee.
async fn committee(app: &TestApp) -> String {
    app.create_user("comite@example.ml", "Moussa Traoré", Role::Technical)
        .await;
    app.sign_in("comite@example.ml").await
}

async fn first_session(app: &TestApp) -> i32 {
    session::Entity::find()
        .order_by_asc(session::Column::Number)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the seed loads a session")
        .id
}

/// A complete recommendation form, with `changes` replacing or adding fields.
fn form(session: i32, changes: &[(&str, &str)]) -> String {
    let session = session.to_string();
    let mut fields: Vec<(&str, &str)> = vec![
        ("session", &session),
        ("number", "1"),
        ("title_fr", "Sécurité des transferts d’argent"),
        ("title_en", "Safer money transfers"),
        ("text_fr", "Réduire les frais des transferts vers le Mali."),
        ("text_en", "Lower the fees of transfers to Mali."),
        ("theme", "money_transfers"),
        ("institution", "Ministère de l’Économie et des Finances"),
        ("deadline", "2030-12-31"),
        ("status", "adopted"),
        ("concerns", ""),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    serde_urlencoded::to_string(fields).unwrap()
}

/// Posts `body` to `path` as `cookie`, expecting a redirect; returns where it goes.
async fn post(app: &TestApp, cookie: &str, path: &str, body: &str) -> String {
    let response = app.send(form_request(path, body, Some(cookie))).await;
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string());
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "{path}: {}",
        text(response).await
    );
    location.unwrap()
}

/// Creates a recommendation and returns its id (from the redirect to its edit page).
async fn create(app: &TestApp, cookie: &str, body: &str) -> i32 {
    let location = post(app, cookie, "/espace/recommandations", body).await;
    location
        .trim_start_matches("/espace/recommandations/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn publish(app: &TestApp, cookie: &str, id: i32) {
    post(
        app,
        cookie,
        &format!("/espace/recommandations/{id}/publier"),
        "",
    )
    .await;
}

async fn add_milestone(app: &TestApp, cookie: &str, id: i32, text: &str, due_on: &str) -> i32 {
    let body = serde_urlencoded::to_string([
        ("milestone_fr", text),
        ("milestone_en", ""),
        ("due_on", due_on),
        ("evidence_url", "https://www.sgg-mali.ml/journal-officiel"),
    ])
    .unwrap();
    post(
        app,
        cookie,
        &format!("/espace/recommandations/{id}/jalons"),
        &body,
    )
    .await;
    app::entities::milestone::Entity::find()
        .order_by_desc(app::entities::milestone::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.get(path, &[]).await;
    (response.status(), text(response).await)
}

async fn json_rows(app: &TestApp) -> Vec<OpenRecommendation> {
    let (status, body) = page(app, "/api/v1/recommendations.json").await;
    assert_eq!(status, StatusCode::OK);
    let value: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(value["dataset"], "recommendations");
    serde_json::from_value(value["rows"].clone()).unwrap()
}

async fn csv_rows(app: &TestApp) -> Vec<OpenRecommendation> {
    let (status, body) = page(app, "/api/v1/recommendations.csv").await;
    assert_eq!(status, StatusCode::OK);
    csv::Reader::from_reader(body.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Checks that `xml` is well formed as far as tags and entities go, and returns the ids
/// of its entries.
fn atom_entry_ids(xml: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .expect("an XML declaration");
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity),
                "bad entity {entity}"
            );
        }
        let end = rest[start..].find('>').expect("a closed tag") + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "closing tag matches");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "every element closed: {stack:?}");
    xml.split("<entry>")
        .skip(1)
        .map(|entry| {
            let id = entry.split("<id>").nth(1).unwrap();
            id[..id.find("</id>").unwrap()].to_string()
        })
        .collect()
}

on_both_databases! {
    async fn a_committee_publishes_a_recommendation_whose_progress_follows_its_milestones(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let id = create(&app, &cookie, &form(session, &[])).await;
        post(&app, &cookie, &format!("/espace/recommandations/{id}"), &form(session, &[("status", "in_progress"), ("title_fr", "Sécurité des transferts")])).await;
        let first = add_milestone(&app, &cookie, id, "Décret signé", "2026-03-31").await;
        add_milestone(&app, &cookie, id, "Plateforme ouverte", "2026-09-30").await;
        let (before_publication, _) = page(&app, &format!("/recommandations/{id}")).await;
        publish(&app, &cookie, id).await;

        let (status, before) = page(&app, &format!("/recommandations/{id}")).await;
        let toggled = post(&app, &cookie, &format!("/espace/recommandations/{id}/jalons/{first}/basculer"), "").await;
        let (_, after) = page(&app, &format!("/recommandations/{id}")).await;
        let (_, list) = page(&app, "/recommandations").await;
        let rows = json_rows(&app).await;

        assert_eq!(before_publication, StatusCode::NOT_FOUND);
        assert_eq!(status, StatusCode::OK);
        assert!(before.contains("Sécurité des transferts"), "the title");
        assert!(before.contains("Réduire les frais des transferts vers le Mali."), "the text in French");
        assert!(before.contains("0 jalon(s) réalisé(s) sur 2 (0\u{a0}%)"), "no milestone done yet");
        assert_eq!(toggled, format!("/espace/recommandations/{id}?ok=milestone_toggled#milestones"));
        assert!(after.contains("1 jalon(s) réalisé(s) sur 2 (50\u{a0}%)"), "half done");
        assert!(after.contains("Réalisé le"), "the milestone's day");
        assert!(after.contains("href=\"https://www.sgg-mali.ml/journal-officiel\""), "the evidence");
        assert!(after.contains("Plateforme ouverte"), "the timeline");
        assert!(list.contains("value=\"50\""), "the list's progress bar");
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].milestones_done, rows[0].milestones_total, rows[0].progress_percent), (1, 2, 50));
        assert_eq!(rows[0].status, "in_progress");
        let audited: Vec<(String, String)> = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.is_in(["recommendation", "milestone"]))
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.entity_type, e.action))
            .collect();
        let expected = [
            ("recommendation", "create"),
            ("recommendation", "update"),
            ("milestone", "create"),
            ("milestone", "create"),
            ("recommendation", "publish"),
            ("milestone", "complete"),
        ];
        assert_eq!(audited, expected.map(|(e, a)| (e.to_string(), a.to_string())));
    }
}

on_both_databases! {
    async fn milestones_are_edited_reopened_and_deleted_and_each_change_is_audited(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let id = create(&app, &cookie, &form(first_session(&app).await, &[])).await;
        let milestone = add_milestone(&app, &cookie, id, "Décret signé", "2026-03-31").await;
        let base = format!("/espace/recommandations/{id}/jalons/{milestone}");

        let edit_page = text(app.get(&base, &[("cookie", &cookie)]).await).await;
        let anonymous = app.get(&base, &[]).await.status();
        let edit = serde_urlencoded::to_string([("milestone_fr", "Décret publié"), ("due_on", "2026-04-30"), ("evidence_url", "")]).unwrap();
        post(&app, &cookie, &base, &edit).await;
        post(&app, &cookie, &format!("{base}/basculer"), "").await;
        post(&app, &cookie, &format!("{base}/basculer"), "").await;
        let stored = app::entities::milestone::Entity::find_by_id(milestone).one(&app.db).await.unwrap().unwrap();
        post(&app, &cookie, &format!("{base}/supprimer"), "").await;
        let again = app.send(form_request(&format!("{base}/supprimer"), "", Some(&cookie))).await;

        assert!(edit_page.contains(">Décret signé</textarea>"), "the edit form shows the milestone");
        assert_eq!(anonymous, StatusCode::SEE_OTHER, "anonymous visitors are sent to sign in");
        assert_eq!((stored.text_fr.as_str(), stored.due_on.to_string().as_str()), ("Décret publié", "2026-04-30"));
        assert_eq!(stored.evidence_url, None);
        assert!(!stored.done && stored.done_at.is_none(), "reopened");
        assert_eq!(again.status(), StatusCode::NOT_FOUND);
        let actions: Vec<String> = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("milestone"))
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(actions, ["create", "update", "complete", "reopen", "delete"]);
    }
}

on_both_databases! {
    async fn a_recommendation_past_its_deadline_is_overdue_until_it_is_implemented(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let late = create(&app, &cookie, &form(session, &[("number", "1"), ("deadline", "2024-01-31"), ("status", "in_progress")])).await;
        let done = create(&app, &cookie, &form(session, &[("number", "2"), ("deadline", "2024-01-31"), ("status", "implemented")])).await;
        let future = create(&app, &cookie, &form(session, &[("number", "3"), ("deadline", "2099-01-31")])).await;
        for id in [late, done, future] {
            publish(&app, &cookie, id).await;
        }

        let (_, late_page) = page(&app, &format!("/recommandations/{late}")).await;
        let (_, done_page) = page(&app, &format!("/recommandations/{done}")).await;
        let (_, list) = page(&app, "/recommandations").await;
        let rows = json_rows(&app).await;

        assert!(late_page.contains("En retard"));
        assert!(!done_page.contains("badge-alert"));
        let overdue: Vec<(i32, bool)> = rows.iter().map(|r| (r.id, r.overdue)).collect();
        assert_eq!(overdue, [(late, true), (done, false), (future, false)]);
        assert_eq!(list.matches("badge badge-alert").count(), 1, "one flag in the list");
        assert!(list.contains("En retard\u{a0}: 1"), "the chart counts it: {list}");
    }
}

on_both_databases! {
    async fn the_public_list_is_searched_without_accents_and_filtered(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        for (number, title, theme, status, institution) in [
            ("1", "Sécurité des Maliens de l’extérieur", "security", "adopted", "Ministère de la Sécurité"),
            ("2", "Logement des rapatriés", "investment_housing", "in_progress", "Ministère de l’Urbanisme"),
            ("3", "Écoles bilingues", "education", "implemented", "Ministère de l’Éducation"),
        ] {
            let id = create(&app, &cookie, &form(session, &[("number", number), ("title_fr", title), ("theme", theme), ("status", status), ("institution", institution)])).await;
            publish(&app, &cookie, id).await;
        }
        let search = |q: &str| format!("/recommandations?q={}", urlencode(q));

        let (_, plain) = page(&app, &search("securite")).await;
        let (_, shouting) = page(&app, &search("SÉCURITÉ")).await;
        let (_, none) = page(&app, &search("passeport")).await;
        let (_, by_theme) = page(&app, "/recommandations?theme=education").await;
        let (_, by_status) = page(&app, "/recommandations?statut=in_progress").await;
        let (_, by_institution) = page(&app, &format!("/recommandations?institution={}", urlencode("Ministère de l’Éducation"))).await;
        let (_, by_session) = page(&app, "/recommandations?session=1&theme=&statut=&q=").await;
        let (_, other_session) = page(&app, "/recommandations?session=9").await;

        assert!(plain.contains("Sécurité des Maliens") && !plain.contains("Logement des rapatriés"));
        assert!(shouting.contains("Sécurité des Maliens"));
        assert!(none.contains("Recommandations trouvées\u{a0}: 0"));
        assert!(by_theme.contains("Écoles bilingues") && !by_theme.contains("Sécurité des Maliens"));
        assert!(by_status.contains("Logement des rapatriés") && !by_status.contains("Écoles bilingues"));
        assert!(by_institution.contains("Écoles bilingues") && !by_institution.contains("Logement des rapatriés"));
        assert!(by_session.contains("Recommandations trouvées\u{a0}: 3"));
        assert!(other_session.contains("Recommandations trouvées\u{a0}: 0"));
        assert!(plain.contains("value=\"securite\""), "the search box keeps the query");
        assert!(by_theme.contains("<option value=\"education\" selected"), "the filter keeps its choice");
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .unwrap()
        .trim_start_matches("v=")
        .to_string()
}

on_both_databases! {
    async fn unpublished_recommendations_appear_on_no_public_page_export_or_feed(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let draft = create(&app, &cookie, &form(session, &[("number", "1"), ("title_fr", "Projet confidentiel"), ("status", "draft")])).await;
        let withdrawn = create(&app, &cookie, &form(session, &[("number", "2"), ("title_fr", "Retirée ensuite")])).await;
        let public = create(&app, &cookie, &form(session, &[("number", "3"), ("title_fr", "Recommandation publique")])).await;
        publish(&app, &cookie, withdrawn).await;
        post(&app, &cookie, &format!("/espace/recommandations/{withdrawn}/retirer"), "").await;
        publish(&app, &cookie, public).await;
        let refused = app.send(form_request(&format!("/espace/recommandations/{draft}/publier"), "", Some(&cookie))).await;
        let refused_status = refused.status();
        let refused_page = text(refused).await;

        let (_, list) = page(&app, "/recommandations?q=").await;
        let (draft_status, _) = page(&app, &format!("/recommandations/{draft}")).await;
        let (withdrawn_status, _) = page(&app, &format!("/recommandations/{withdrawn}")).await;
        let (_, json) = page(&app, "/api/v1/recommendations.json").await;
        let (_, csv) = page(&app, "/api/v1/recommendations.csv").await;
        let (_, feed) = page(&app, "/recommandations/flux.atom").await;

        assert_eq!(refused_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused_page.contains("Un projet ne peut pas être publié"));
        assert_eq!((draft_status, withdrawn_status), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
        for (name, body) in [("list", &list), ("json", &json), ("csv", &csv), ("feed", &feed)] {
            assert!(body.contains("Recommandation publique"), "{name} lists the published one");
            assert!(!body.contains("Projet confidentiel") && !body.contains("Retirée ensuite"), "{name} hides the others");
        }
        assert_eq!(atom_entry_ids(&feed), [format!("urn:ccmex:recommendation:{public}")]);
        let link = list.split("<link ").find(|l| l.contains(r#"href="/recommandations/flux.atom""#)).expect("a feed link in the head");
        assert!(link.contains(r#"rel="alternate""#) && link.contains(r#"type="application/atom+xml""#), "the feed is announced: {link}");
        assert!(list.contains(r#"href="/api/v1/recommendations.csv""#) && list.contains(r#"href="/api/v1/recommendations.json""#), "the open data is linked");
    }
}

on_both_databases! {
    async fn json_csv_and_feed_hold_the_published_rows_as_stored(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let concern = app.add_concern("money_transfers", "FR", "Les frais d’envoi sont trop élevés.", "published").await;
        let concerns = concern.to_string();
        let tricky = create(&app, &cookie, &form(session, &[("number", "2"), ("title_fr", "Frais < 5 % & \"transparence\""), ("concerns", &concerns)])).await;
        let plain = create(&app, &cookie, &form(session, &[("number", "1"), ("deadline", "")])).await;
        add_milestone(&app, &cookie, plain, "Étude", "2026-01-15").await;
        publish(&app, &cookie, tricky).await;
        publish(&app, &cookie, plain).await;

        let json = json_rows(&app).await;
        let csv = csv_rows(&app).await;
        let response = app.get("/recommandations/flux.atom", &[]).await;
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
        let feed = text(response).await;
        let (_, detail) = page(&app, &format!("/recommandations/{tricky}")).await;

        assert_eq!(json, csv, "the same rows in the same order");
        let stored = recommendation::Entity::find()
            .order_by_asc(recommendation::Column::Number)
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(json.iter().map(|r| r.id).collect::<Vec<_>>(), stored.iter().map(|r| r.id).collect::<Vec<_>>());
        for (row, model) in json.iter().zip(&stored) {
            assert_eq!((row.number, row.session, &row.title_fr, &row.text_en, &row.institution), (model.number, 1, &model.title_fr, &model.text_en, &model.institution));
            assert_eq!(row.deadline, model.deadline.map(|d| d.to_string()));
            assert_eq!(row.status, model.status);
            assert!(chrono::DateTime::parse_from_rfc3339(&row.updated_at).is_ok());
            assert!(chrono::DateTime::parse_from_rfc3339(&row.published_at).is_ok());
        }
        assert_eq!(json[0].milestones_total, 1);
        assert_eq!(json[1].concern_ids, concerns);
        assert_eq!(content_type, "application/atom+xml; charset=utf-8");
        let mut ids = atom_entry_ids(&feed);
        ids.sort();
        let mut expected = vec![format!("urn:ccmex:recommendation:{tricky}"), format!("urn:ccmex:recommendation:{plain}")];
        expected.sort();
        assert_eq!(ids, expected);
        assert!(feed.contains("Frais &lt; 5 % &amp; &quot;transparence&quot;"), "escaped: {feed}");
        assert!(detail.contains("Les frais d’envoi sont trop élevés."), "the linked concern");
    }
}

on_both_databases! {
    async fn a_refused_recommendation_says_why_and_keeps_what_was_typed(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let hidden = app.add_concern("health", "SN", "Une préoccupation pas encore modérée.", "pending").await;
        let existing = create(&app, &cookie, &form(session, &[("number", "4")])).await;
        let hidden = hidden.to_string();

        let invalid = app.send(form_request("/espace/recommandations", &form(session, &[("title_fr", "Titre gardé ✓"), ("deadline", "2026-02-30"), ("theme", "")]), Some(&cookie))).await;
        let invalid_status = invalid.status();
        let invalid_page = text(invalid).await;
        let taken = app.send(form_request("/espace/recommandations", &form(session, &[("number", "4"), ("concerns", &hidden)]), Some(&cookie))).await;
        let taken_status = taken.status();
        let taken_page = text(taken).await;
        let bad_url = serde_urlencoded::to_string([("milestone_fr", "Jalon"), ("due_on", "2026-01-01"), ("evidence_url", "javascript:alert(1)")]).unwrap();
        let milestone = app.send(form_request(&format!("/espace/recommandations/{existing}/jalons"), &bad_url, Some(&cookie))).await;
        let milestone_status = milestone.status();
        let milestone_page = text(milestone).await;

        assert_eq!(invalid_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(invalid_page.contains("Indiquez une échéance valide"));
        assert!(invalid_page.contains("Choisissez un thème dans la liste."));
        assert!(invalid_page.contains("value=\"Titre gardé ✓\""), "the title typed is kept");
        assert_eq!(taken_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(taken_page.contains("Ce numéro est déjà pris dans cette session."));
        assert!(taken_page.contains("ne correspond à aucune préoccupation publiée"));
        assert_eq!(milestone_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(milestone_page.contains("Indiquez une adresse web commençant par https://"));
        assert!(milestone_page.contains("value=\"javascript:alert(1)\""), "kept to be corrected");
        assert_eq!(recommendation::Entity::find().all(&app.db).await.unwrap().len(), 1);
    }
}

on_both_databases! {
    async fn a_linked_concern_hidden_later_leaves_every_public_page_export_and_feed(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let session = first_session(&app).await;
        let kept = app.add_concern("money_transfers", "FR", "Les frais d'envoi vers Kayes dépassent dix pour cent.", "published").await;
        let hidden = app.add_concern("money_transfers", "FR", "Texte publié puis masqué après signalement d'abus.", "published").await;
        let linked = format!("{kept}, {hidden}");
        let id = create(&app, &cookie, &form(session, &[("concerns", &linked)])).await;
        publish(&app, &cookie, id).await;
        let (_, before) = page(&app, &format!("/recommandations/{id}")).await;
        assert!(before.contains("masqué après signalement"), "linked while published");

        post(&app, &cookie, &format!("/espace/preoccupations/{hidden}"), "decision=hide&reason=Abus").await;

        let mut public = String::new();
        for path in [
            format!("/recommandations/{id}"),
            "/recommandations".to_string(),
            "/recommandations/flux.atom".to_string(),
            "/api/v1/recommendations.json".to_string(),
            "/api/v1/recommendations.csv".to_string(),
            "/preoccupations".to_string(),
            "/api/v1/concerns.json".to_string(),
            "/api/v1/concerns.csv".to_string(),
        ] {
            let (status, body) = page(&app, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            public.push_str(&body);
        }
        assert!(public.contains("dépassent dix pour cent"), "the other concern stays");
        assert!(!public.contains("masqué après signalement"), "the hidden concern is gone");
        assert!(!public.contains("secret-contact@example.org"), "contacts are never public");
        let rows = json_rows(&app).await;
        let row = rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(row.concern_ids, kept.to_string());
    }
}
