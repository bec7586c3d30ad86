//! Several server processes sharing one PostgreSQL database: starting them all at once on
//! an empty database migrates and seeds it exactly once.
#![expect(clippy::expect_used, reason = "the shared test support fails loudly")]

mod common;

use app::entities::{objective, session};
use common::{Backend, TestDb};
use sea_orm::{ConnectionTrait, Database, EntityTrait, PaginatorTrait, Statement};
use std::process::{Command, Stdio};

#[tokio::test]
async fn processes_started_together_on_postgresql_migrate_and_seed_once() {
    let database = TestDb::new(Backend::Postgres).await;
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_server"))
                .arg("migrate")
                .env("DATABASE_URL", &database.url)
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    let db = Database::connect(&database.url).await.unwrap();
    let backend = db.get_database_backend();
    let applied = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM seaql_migrations".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    let expected =
        i64::try_from(<migrations::Migrator as migrations::MigratorTrait>::migrations().len())
            .unwrap();
    assert_eq!(applied, expected, "each migration recorded once");
    assert_eq!(session::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(objective::Entity::find().count(&db).await.unwrap(), 9);
    db.close().await.unwrap();
}
