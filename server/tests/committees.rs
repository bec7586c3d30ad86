//! The public committees page through the real router, on SQLite and PostgreSQL.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::entities::{committee, committee_member, committee_mission};
use axum::http::StatusCode;
use common::{TestApp, text};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

on_both_databases! {
    async fn the_committees_page_shows_both_committees_and_every_mission(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let missions = committee_mission::Entity::find().all(&app.db).await.unwrap();

        let response = app.get("/comites", &[]).await;

        assert_eq!(response.status(), StatusCode::OK);
        let html = text(response).await;
        assert!(html.contains("Comité de pilotage") && html.contains("Comité technique"));
        for mission in &missions {
            let shown = html.contains(&mission.text_fr) || html.contains(&mission.text_fr.replace('\'', "&#x27;"));
            assert!(shown, "mission shown: {}", mission.text_fr);
        }
        assert!(html.contains("sera publiée dès la désignation"), "says members are not yet published");
    }
}

on_both_databases! {
    async fn members_are_published_with_name_and_role_only_chair_first(backend: Backend) {
        let app = TestApp::seeded(backend).await;
        let steering = committee::Entity::find().filter(committee::Column::Slug.eq("steering")).one(&app.db).await.unwrap().unwrap();
        for (name, role, position) in [("Aminata Traoré", "member", 1), ("Moussa Keïta", "president", 2), ("Fatoumata Diarra", "rapporteur", 3)] {
            committee_member::Entity::insert(committee_member::ActiveModel {
                committee_id: Set(steering.id),
                user_id: Set(None),
                name: Set(name.to_string()),
                role: Set(role.to_string()),
                position: Set(position),
                ..Default::default()
            })
            .exec(&app.db)
            .await
            .unwrap();
        }

        let html = text(app.get("/comites", &[("accept-language", "en")]).await).await;

        let chair = html.find("Moussa Keïta").expect("chair listed");
        let rapporteur = html.find("Fatoumata Diarra").expect("rapporteur listed");
        let member = html.find("Aminata Traoré").expect("member listed");
        assert!(chair < rapporteur && rapporteur < member, "chair, rapporteur, then members");
        let chair_item = &html[chair..chair + html[chair..].find("</li>").unwrap()];
        assert!(chair_item.contains("Chair"), "the role is named in the reader's language: {chair_item}");
        assert!(html.contains("Steering committee") || html.contains("steering committee"));
    }
}
