//! The committees' agenda editor through the real router, on SQLite and PostgreSQL: its
//! server functions called over HTTP as the browser calls them (`POST /api/<endpoint>`,
//! form-encoded, with the session cookie). A new item stays in the draft until published;
//! a stale version is refused; validation answers 422 with field codes; clashes are
//! warned about; status changes are public at once; moves exchange neighbours; deletions
//! wait for the publication; duplicates follow their original; the audit log keeps it all;
//! and only those allowed to edit the agenda can.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    agenda::{EditorItem, EditorView, LiveMessage, Saved, WarningKind},
    entities::{agenda_change, agenda_event, agenda_item, agenda_public_item, audit_log},
};
use axum::http::StatusCode;
use common::{Role, TestApp, form_request, text};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

/// Signs in a member of the technical committee (who may edit the agenda).
async fn committee(app: &TestApp) -> String {
    app.create_user("technique@example.ml", "Ina Technique", Role::Technical)
        .await;
    app.sign_in("technique@example.ml").await
}

/// Calls server function `endpoint` with a form-encoded body; its status and body.
async fn call(
    app: &TestApp,
    cookie: Option<&str>,
    endpoint: &str,
    pairs: &[(&str, &str)],
) -> (StatusCode, String) {
    let body = serde_urlencoded::to_string(pairs).unwrap();
    let response = app
        .send(form_request(&format!("/api/{endpoint}"), &body, cookie))
        .await;
    let status = response.status();
    (status, text(response).await)
}

/// A complete item form for session 1, with `changes` applied (`day`, `title_fr`…).
fn item<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    let mut fields = vec![
        ("day", "2025-12-16"),
        ("start", "17:30"),
        ("end", "18:00"),
        ("kind", "panel"),
        ("theme", "concerns"),
        ("title_fr", "Échanges avec la diaspora"),
        ("title_en", "Exchanges with the diaspora"),
        ("description_fr", ""),
        ("description_en", ""),
        ("room", "Salle Wagadu"),
        ("speakers", "Awa Traoré"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
        .into_iter()
        .map(|(n, v)| (format!("fields[{n}]"), v))
        .collect()
}

/// `pairs` followed by the item form's fields.
fn with_item<'a>(
    pairs: &[(&'a str, &'a str)],
    fields: &'a [(String, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = pairs.to_vec();
    all.extend(fields.iter().map(|(n, v)| (n.as_str(), *v)));
    all
}

async fn create(app: &TestApp, cookie: &str, changes: &[(&str, &str)]) -> Saved {
    let fields = item(changes);
    let (status, body) = call(
        app,
        Some(cookie),
        "agenda-item-create",
        &with_item(&[("session", "1")], &fields),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn editor(app: &TestApp, cookie: &str) -> EditorView {
    let (status, body) = call(app, Some(cookie), "agenda-editor", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str::<Option<EditorView>>(&body)
        .unwrap()
        .expect("a session")
}

async fn draft(app: &TestApp, title: &str) -> agenda_item::Model {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::TitleFr.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .expect("seeded item")
}

async fn public(app: &TestApp, id: i32) -> Option<agenda_public_item::Model> {
    agenda_public_item::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
}

async fn events(app: &TestApp) -> u64 {
    agenda_event::Entity::find().count(&app.db).await.unwrap()
}

async fn audited(app: &TestApp, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::EntityType.is_in(["agenda_item", "agenda"]))
        .all(&app.db)
        .await
        .unwrap()
}

async fn last_changes(app: &TestApp) -> serde_json::Value {
    let rows = agenda_change::Entity::find().all(&app.db).await.unwrap();
    let last = rows
        .into_iter()
        .max_by_key(|r| r.id)
        .expect("a changelog row");
    serde_json::from_str(&last.entries).unwrap()
}

on_both_databases! {
    async fn a_new_item_stays_in_the_draft_until_the_agenda_is_published(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let events_before = events(&app).await;

        let saved = create(&app, &cookie, &[]).await;

        assert_eq!((saved.item.fields.start.as_str(), saved.item.fields.end.as_str()), ("17:30", "18:00"));
        assert!(!saved.item.public && !saved.item.published);
        assert!(public(&app, saved.item.id).await.is_none(), "not public yet");
        let view = editor(&app, &cookie).await;
        assert_eq!(view.pending, 1);
        let first_day: Vec<i32> = view.items.iter().filter(|i| i.fields.day == "2025-12-16").map(|i| i.id).collect();
        assert_eq!(first_day.last(), Some(&saved.item.id), "last of its day");

        let (status, body) = call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;

        assert_eq!((status, body.as_str()), (StatusCode::OK, "1"));
        let row = public(&app, saved.item.id).await.expect("public now");
        assert_eq!(row.title_fr, "Échanges avec la diaspora");
        assert_eq!(row.room.as_deref(), Some("Salle Wagadu"));
        assert_eq!(events(&app).await, events_before + 1, "the publication is numbered");
        let changes = last_changes(&app).await;
        assert_eq!(changes[0]["item_id"], saved.item.id);
        assert_eq!(changes[0]["kind"], "Added");
        assert_eq!(editor(&app, &cookie).await.pending, 0);
        let changelog = text(app.get("/agenda/changements", &[]).await).await;
        assert!(changelog.contains("Échanges avec la diaspora"), "the public changelog lists it");
        assert_eq!(audited(&app, "create").await.len(), 1);
        let publication = audited(&app, "publish").await;
        assert_eq!(publication.len(), 1);
        assert_eq!(publication[0].actor_label, "Ina Technique");

        let (status, body) = call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "0"), "nothing left to publish");
    }
}

on_both_databases! {
    async fn a_save_over_a_stale_version_is_refused_with_409_and_changes_nothing(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let opening = draft(&app, "Cérémonie officielle d’ouverture").await;
        let first = item(&[("day", "2025-12-16"), ("start", "09:30"), ("end", "10:45"), ("title_fr", "Ouverture officielle")]);
        let (status, body) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", &opening.id.to_string()), ("version", "1")], &first)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let saved: Saved = serde_json::from_str(&body).unwrap();
        assert_eq!((saved.item.version, saved.item.published, saved.item.public), (2, false, true));

        let id = opening.id.to_string();
        let second = item(&[("title_fr", "Écrasé ?")]);
        let (update, body) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", &id), ("version", "1")], &second)).await;
        let (delete, _) = call(&app, Some(&cookie), "agenda-item-delete", &[("id", &id), ("version", "1")]).await;
        let (status_change, _) = call(&app, Some(&cookie), "agenda-item-status", &[("id", &id), ("version", "1"), ("status", "InProgress")]).await;
        let (moved, _) = call(&app, Some(&cookie), "agenda-item-move", &[("id", &id), ("version", "1"), ("direction", "Down")]).await;

        assert_eq!(update, StatusCode::CONFLICT, "{body}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap(), serde_json::json!("Conflict"));
        assert_eq!([delete, status_change, moved], [StatusCode::CONFLICT; 3]);
        let stored = draft(&app, "Ouverture officielle").await;
        assert_eq!((stored.version, stored.removed, stored.status.as_str()), (2, false, "done"));
        assert_eq!(stored.ends_at.to_rfc3339(), "2025-12-16T10:45:00+00:00");
        assert_eq!(public(&app, opening.id).await.unwrap().title_fr, "Cérémonie officielle d’ouverture", "the public copy waits");
        assert_eq!(audited(&app, "update").await.len(), 1, "only the first save is recorded");

        let (status, body) = call(&app, Some(&cookie), "agenda-editor-item", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK);
        let current: EditorItem = serde_json::from_str(&body).unwrap();
        assert_eq!((current.version, current.fields.title_fr.as_str()), (2, "Ouverture officielle"), "what the editor compares with");

        // "Apply my changes on top": the same save, over the version now stored.
        let (again, body) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", &id), ("version", "2")], &second)).await;
        assert_eq!(again, StatusCode::OK, "{body}");
        assert_eq!(draft(&app, "Écrasé ?").await.version, 3);
    }
}

on_both_databases! {
    async fn invalid_items_are_refused_with_422_and_the_codes_of_the_fields(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let fields = item(&[("day", "2025-12-18"), ("start", "10:00"), ("end", "09:00"), ("title_fr", " ")]);

        let (status, body) = call(&app, Some(&cookie), "agenda-item-create", &with_item(&[("session", "1")], &fields)).await;

        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        let codes: Vec<(String, String)> = error["Validation"].as_array().unwrap().iter()
            .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
            .collect();
        assert_eq!(codes, [
            ("day".to_string(), "agenda_editor_error_day_outside".to_string()),
            ("end".to_string(), "agenda_editor_error_end_before_start".to_string()),
            ("title_fr".to_string(), "agenda_editor_error_title_missing".to_string()),
        ]);
        assert_eq!(agenda_item::Entity::find().count(&app.db).await.unwrap(), 20, "nothing stored");

        let (unknown, _) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", "999999"), ("version", "1")], &item(&[]))).await;
        let (no_session, _) = call(&app, Some(&cookie), "agenda-item-create", &with_item(&[("session", "42")], &item(&[]))).await;
        let (garbled, _) = call(&app, Some(&cookie), "agenda-item-status", &[("id", "1"), ("version", "1"), ("status", "Exploded")]).await;
        assert_eq!([unknown, no_session], [StatusCode::NOT_FOUND; 2]);
        assert_eq!(garbled, StatusCode::UNPROCESSABLE_ENTITY, "bad input is never a 500");
    }
}

on_both_databases! {
    async fn overlapping_items_in_one_room_or_with_one_speaker_are_warned_about(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let opening = draft(&app, "Cérémonie officielle d’ouverture").await;

        let saved = create(&app, &cookie, &[("start", "10:00"), ("end", "10:20"), ("room", "salle 1000"), ("speakers", "Ina Keita; m. habib sylla")]).await;

        let kinds: Vec<(WarningKind, String)> = saved.warnings.iter().map(|w| (w.kind, w.subject.clone())).collect();
        assert_eq!(kinds, [(WarningKind::Room, "Salle 1000".to_string()), (WarningKind::Speaker, "M. Habib Sylla".to_string())]);
        assert!(saved.warnings.iter().all(|w| w.other_than(saved.item.id) == Some(opening.id)));
        let view = editor(&app, &cookie).await;
        assert_eq!(view.warnings.len(), 2, "the list shows them on both rows");

        // Cancelled, it clashes with nothing any more.
        let (status, _) = call(&app, Some(&cookie), "agenda-item-status", &[("id", &saved.item.id.to_string()), ("version", "1"), ("status", "Cancelled")]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(editor(&app, &cookie).await.warnings.is_empty());
    }
}

on_both_databases! {
    async fn starting_an_item_is_public_at_once_and_numbered(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let scope = draft(&app, "Portée et objectifs du CCMEX").await;
        let events_before = events(&app).await;

        let (status, body) = call(&app, Some(&cookie), "agenda-item-status", &[("id", &scope.id.to_string()), ("version", "1"), ("status", "InProgress")]).await;

        assert_eq!(status, StatusCode::OK, "{body}");
        let item: EditorItem = serde_json::from_str(&body).unwrap();
        assert_eq!((item.status.as_str(), item.version, item.published), ("in_progress", 2, true), "a status alone leaves it published");
        assert_eq!(public(&app, scope.id).await.unwrap().status, "in_progress");
        assert_eq!(events(&app).await, events_before + 1);
        let changes = last_changes(&app).await;
        assert_eq!((changes[0]["kind"].as_str(), changes[0]["status"].as_str()), (Some("Status"), Some("in_progress")));
        assert_eq!(audited(&app, "status").await.len(), 1);
        assert_eq!(editor(&app, &cookie).await.pending, 0);

        // An item not public yet only changes in the draft.
        let fresh = create(&app, &cookie, &[]).await;
        let (status, _) = call(&app, Some(&cookie), "agenda-item-status", &[("id", &fresh.item.id.to_string()), ("version", "1"), ("status", "InProgress")]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(public(&app, fresh.item.id).await.is_none());
        assert_eq!(events(&app).await, events_before + 1, "nothing public to number");
    }
}

on_both_databases! {
    async fn moving_an_item_up_exchanges_it_with_its_neighbour_and_keeps_both_lengths(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let opening = draft(&app, "Cérémonie officielle d’ouverture").await; // 09:30–10:30
        let break_ = agenda_item::Entity::find()
            .filter(agenda_item::Column::TitleFr.eq("Pause-café"))
            .filter(agenda_item::Column::Position.eq(opening.position + 1))
            .one(&app.db).await.unwrap().unwrap(); // 10:30–11:00

        let (status, body) = call(&app, Some(&cookie), "agenda-item-move", &[("id", &break_.id.to_string()), ("version", "1"), ("direction", "Up")]).await;

        assert_eq!(status, StatusCode::OK, "{body}");
        let moved: EditorItem = serde_json::from_str(&body).unwrap();
        assert_eq!((moved.fields.start.as_str(), moved.fields.end.as_str()), ("09:30", "10:00"));
        let after = agenda_item::Entity::find_by_id(opening.id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((after.starts_at.to_rfc3339(), after.ends_at.to_rfc3339()), ("2025-12-16T10:00:00+00:00".to_string(), "2025-12-16T11:00:00+00:00".to_string()));
        assert_eq!((moved.position, after.position), (opening.position, break_.position), "positions exchanged");
        assert_eq!((moved.version, after.version, moved.published, after.published), (2, 2, false, false));
        let view = editor(&app, &cookie).await;
        let day: Vec<i32> = view.items.iter().filter(|i| i.fields.day == "2025-12-16").map(|i| i.id).collect();
        assert_eq!(day.iter().position(|id| *id == break_.id), day.iter().position(|id| *id == opening.id).map(|p| p - 1));
        assert_eq!(view.pending, 2);
        assert_eq!(audited(&app, "move").await.len(), 2);

        let first = day[0].to_string();
        let (edge, body) = call(&app, Some(&cookie), "agenda-item-move", &[("id", &first), ("version", "1"), ("direction", "Up")]).await;
        assert_eq!(edge, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("agenda_editor_error_move_edge"));
    }
}

on_both_databases! {
    async fn a_deleted_item_stays_public_until_the_next_publication(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let report = draft(&app, "Restitution des ateliers sur les préoccupations").await;
        let id = report.id.to_string();

        let (status, body) = call(&app, Some(&cookie), "agenda-item-delete", &[("id", &id), ("version", "1")]).await;

        assert_eq!(status, StatusCode::OK, "{body}");
        let stored = agenda_item::Entity::find_by_id(report.id).one(&app.db).await.unwrap().unwrap();
        assert!(stored.removed && !stored.published);
        assert!(public(&app, report.id).await.is_some(), "still public");
        let (edit, _) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", &id), ("version", "2")], &item(&[]))).await;
        assert_eq!(edit, StatusCode::UNPROCESSABLE_ENTITY, "a deleted item is not edited");

        let (status, _) = call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;

        assert_eq!(status, StatusCode::OK);
        assert!(public(&app, report.id).await.is_none(), "gone from the public agenda");
        assert!(agenda_item::Entity::find_by_id(report.id).one(&app.db).await.unwrap().is_none());
        assert_eq!(last_changes(&app).await[0]["kind"], "Removed");
        assert_eq!(audited(&app, "delete").await.len(), 1);

        // Never published: it goes at once.
        let fresh = create(&app, &cookie, &[]).await;
        let (status, _) = call(&app, Some(&cookie), "agenda-item-delete", &[("id", &fresh.item.id.to_string()), ("version", "1")]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(agenda_item::Entity::find_by_id(fresh.item.id).one(&app.db).await.unwrap().is_none());
    }
}

on_both_databases! {
    async fn a_deletion_is_taken_back_before_it_is_published(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let report = draft(&app, "Restitution des ateliers sur les préoccupations").await;
        let id = report.id.to_string();
        let (status, _) = call(&app, Some(&cookie), "agenda-item-delete", &[("id", &id), ("version", "1")]).await;
        assert_eq!(status, StatusCode::OK);

        // Someone working from the item as it was before the deletion is told so.
        let (stale, _) = call(&app, Some(&cookie), "agenda-item-restore", &[("id", &id), ("version", "1")]).await;
        assert_eq!(stale, StatusCode::CONFLICT);
        assert!(agenda_item::Entity::find_by_id(report.id).one(&app.db).await.unwrap().unwrap().removed);

        let (status, body) = call(&app, Some(&cookie), "agenda-item-restore", &[("id", &id), ("version", "2")]).await;

        assert_eq!(status, StatusCode::OK, "{body}");
        let restored: Saved = serde_json::from_str(&body).unwrap();
        assert!(!restored.item.removed);
        assert_eq!(restored.item.version, 3);
        assert!(restored.item.published, "the same as its public copy: nothing left to publish");
        assert_eq!(audited(&app, "restore").await.len(), 1);
        let changelog_rows = agenda_change::Entity::find().count(&app.db).await.unwrap();
        let (status, _) = call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(public(&app, report.id).await.is_some(), "still on the public agenda");
        assert_eq!(agenda_change::Entity::find().count(&app.db).await.unwrap(), changelog_rows, "no change to announce");

        // Edited, deleted, then taken back: the edit is still waiting for publication.
        let (edit, body) = call(&app, Some(&cookie), "agenda-item-update", &with_item(&[("id", &id), ("version", "3")], &item(&[("room", "Salle 2")]))).await;
        assert_eq!(edit, StatusCode::OK, "{body}");
        call(&app, Some(&cookie), "agenda-item-delete", &[("id", &id), ("version", "4")]).await;
        let (_, body) = call(&app, Some(&cookie), "agenda-item-restore", &[("id", &id), ("version", "5")]).await;
        let restored: Saved = serde_json::from_str(&body).unwrap();
        assert!(!restored.item.published);
        call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;
        assert_eq!(public(&app, report.id).await.unwrap().room.as_deref(), Some("Salle 2"));
        assert_eq!(last_changes(&app).await[0]["kind"], "Changed");

        // An item that is not deleted is left as it is.
        let (status, body) = call(&app, Some(&cookie), "agenda-item-restore", &[("id", &id), ("version", "6")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(serde_json::from_str::<Saved>(&body).unwrap().item.version, 6);
        assert_eq!(audited(&app, "restore").await.len(), 2);
    }
}

on_both_databases! {
    async fn a_duplicate_follows_its_original_with_the_same_length_and_title(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let scope = draft(&app, "Portée et objectifs du CCMEX").await; // 11:00–12:30

        let (status, body) = call(&app, Some(&cookie), "agenda-item-duplicate", &[("id", &scope.id.to_string())]).await;

        assert_eq!(status, StatusCode::OK, "{body}");
        let copy: Saved = serde_json::from_str(&body).unwrap();
        assert_ne!(copy.item.id, scope.id);
        assert_eq!((copy.item.fields.day.as_str(), copy.item.fields.start.as_str(), copy.item.fields.end.as_str()), ("2025-12-16", "12:30", "14:00"));
        assert_eq!(copy.item.fields.title_fr, scope.title_fr);
        assert_eq!((copy.item.status.as_str(), copy.item.public, copy.item.published), ("scheduled", false, false));
        let view = editor(&app, &cookie).await;
        let order: Vec<i32> = view.items.iter().map(|i| i.id).collect();
        let original = order.iter().position(|id| *id == scope.id).unwrap();
        assert_eq!(order[original + 1], copy.item.id, "right after the original");
        assert_eq!(audited(&app, "duplicate").await.len(), 1);
    }
}

on_both_databases! {
    async fn only_those_who_may_edit_the_agenda_can(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        app.create_user("relecture@example.ml", "Relectrice", Role::Reviewer).await;
        let reviewer = app.sign_in("relecture@example.ml").await;
        let id = draft(&app, "Cérémonie officielle d’ouverture").await.id.to_string();
        let id = id.as_str();
        let fields = item(&[]);
        let operations: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("agenda-editor", vec![]),
            ("agenda-editor-item", vec![("id", id)]),
            ("agenda-item-create", with_item(&[("session", "1")], &fields)),
            ("agenda-item-update", with_item(&[("id", id), ("version", "1")], &fields)),
            ("agenda-item-delete", vec![("id", id), ("version", "1")]),
            ("agenda-item-restore", vec![("id", id), ("version", "1")]),
            ("agenda-item-duplicate", vec![("id", id)]),
            ("agenda-item-status", vec![("id", id), ("version", "1"), ("status", "InProgress")]),
            ("agenda-item-move", vec![("id", id), ("version", "1"), ("direction", "Down")]),
            ("agenda-publish", vec![("session", "1")]),
        ];

        for (endpoint, pairs) in &operations {
            let (as_reviewer, _) = call(&app, Some(&reviewer), endpoint, pairs).await;
            let (anonymous, _) = call(&app, None, endpoint, pairs).await;
            assert_eq!((as_reviewer, anonymous), (StatusCode::FORBIDDEN, StatusCode::UNAUTHORIZED), "{endpoint}");
        }
        let page = app.get("/espace/agenda", &[("cookie", &reviewer)]).await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let stored = draft(&app, "Cérémonie officielle d’ouverture").await;
        assert_eq!((stored.version, stored.status.as_str()), (1, "done"), "nothing changed");
        assert_eq!(agenda_item::Entity::find().count(&app.db).await.unwrap(), 20);
        assert!(audited(&app, "create").await.is_empty());
    }
}

on_both_databases! {
    async fn the_editor_page_lists_the_session_by_day_with_its_controls(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        create(&app, &cookie, &[]).await;

        let page = app.get("/espace/agenda", &[("cookie", &cookie)]).await;

        assert_eq!(page.status(), StatusCode::OK);
        let html = text(page).await;
        for expected in [
            "Éditeur de l’ordre du jour",
            "16 décembre 2025",
            "17 décembre 2025",
            "Cérémonie officielle d’ouverture",
            "Modifications non publiées : 1",
            "Pas encore public",
            r#"id="agenda-editor-handle-"#,
            r#"aria-live="polite""#,
            r#"<label for="agenda-editor-new-title_fr">"#,
        ] {
            assert!(html.contains(expected), "{expected}");
        }
        let unknown = app.get("/espace/agenda?session=42", &[("cookie", &cookie)]).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn two_editors_saving_the_same_version_at_once_never_overwrite_each_other(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let id = draft(&app, "Cérémonie officielle d’ouverture").await.id.to_string();
        let (mine, theirs) = (item(&[("title_fr", "Version A")]), item(&[("title_fr", "Version B")]));
        let (a, b) = (
            with_item(&[("id", &id), ("version", "1")], &mine),
            with_item(&[("id", &id), ("version", "1")], &theirs),
        );

        let ((first, _), (second, _)) = tokio::join!(
            call(&app, Some(&cookie), "agenda-item-update", &a),
            call(&app, Some(&cookie), "agenda-item-update", &b),
        );

        let mut statuses = [first, second];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
        let stored = agenda_item::Entity::find_by_id(id.parse::<i32>().unwrap()).one(&app.db).await.unwrap().unwrap();
        let winner = if first == StatusCode::OK { "Version A" } else { "Version B" };
        assert_eq!((stored.title_fr.as_str(), stored.version), (winner, 2));
        assert_eq!(audited(&app, "update").await.len(), 1);
    }
}

on_both_databases! {
    async fn viewers_get_a_status_change_and_a_publication_within_a_second(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let cookie = committee(&app).await;
        let scope = draft(&app, "Portée et objectifs du CCMEX").await;
        let mut viewer = app.live.subscribe(scope.session_id).await.unwrap();
        // On PostgreSQL the hub hears of changes by LISTEN: give it a moment to listen.
        tokio::time::sleep(Duration::from_millis(300)).await;

        let (status, _) = call(&app, Some(&cookie), "agenda-item-status", &[("id", &scope.id.to_string()), ("version", "1"), ("status", "Postponed")]).await;

        assert_eq!(status, StatusCode::OK);
        let pushed = tokio::time::timeout(Duration::from_secs(1), viewer.recv()).await.expect("within a second").unwrap();
        let message: LiveMessage = serde_json::from_str(&pushed.json).unwrap();
        assert_eq!((message.items.len(), message.items[0].status.as_str()), (1, "postponed"));

        create(&app, &cookie, &[]).await;
        let (status, _) = call(&app, Some(&cookie), "agenda-publish", &[("session", "1")]).await;

        assert_eq!(status, StatusCode::OK);
        let pushed = tokio::time::timeout(Duration::from_secs(1), viewer.recv()).await.expect("within a second").unwrap();
        let message: LiveMessage = serde_json::from_str(&pushed.json).unwrap();
        assert_eq!(pushed.seq, message.seq);
        assert!(message.items.iter().any(|i| i.title_fr == "Échanges avec la diaspora"), "the new item is pushed");
    }
}
