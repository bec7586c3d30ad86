//! Account creation on SQLite and PostgreSQL: unique addresses, audited, hashed.
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::{
    accounts::{Email, NewPassword, service},
    entities::audit_log,
    error::AppError,
};
use common::TestApp;
use sea_orm::EntityTrait;

on_both_databases! {
    async fn an_account_is_created_once_per_address_and_its_creation_is_audited(backend: Backend) {
        let app = TestApp::empty(backend).await;
        let email = Email::parse("reviewer@example.ml").unwrap();
        let password = NewPassword::parse("une phrase de passe solide").unwrap();
        let roles = service::Roles { admin: false, reviewer: true, seat: None };

        let created = service::create_user(&app.db, &app::accounts::PasswordHashing::default(), &app::audit::Actor::CommandLine, &email, "Issa Maïga", &password, roles).await.unwrap();
        let again = service::create_user(&app.db, &app::accounts::PasswordHashing::default(), &app::audit::Actor::CommandLine, &email, "Someone", &password, roles).await;

        assert!(created.is_reviewer && !created.is_admin);
        assert_eq!(again.unwrap_err(), AppError::Conflict);
        let log = audit_log::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!((log[0].action.as_str(), log[0].entity_type.as_str()), ("create", "user"));
        assert_eq!(log[0].entity_id, created.id.to_string());
        let after = log[0].after.as_deref().unwrap();
        assert!(after.contains("reviewer@example.ml") && !after.contains("argon2"), "the hash never reaches the log: {after}");
    }
}
