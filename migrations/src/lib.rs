//! Database migrations for the CCMEX platform.
//!
//! Every migration runs identically on SQLite and PostgreSQL. Landed migrations are never
//! edited: later work adds new ones.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_domain;
mod m20261129_000002_auth;
mod m20261129_000003_search;
mod m20261129_000004_outbox;
mod m20261129_000005_concern_indexes;
mod m20261129_000006_agenda_live;
mod m20261205_000007_request_organisation_details;

/// Runs every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_domain::Migration),
            Box::new(m20261129_000002_auth::Migration),
            Box::new(m20261129_000003_search::Migration),
            Box::new(m20261129_000004_outbox::Migration),
            Box::new(m20261129_000005_concern_indexes::Migration),
            Box::new(m20261129_000006_agenda_live::Migration),
            Box::new(m20261205_000007_request_organisation_details::Migration),
        ]
    }
}
