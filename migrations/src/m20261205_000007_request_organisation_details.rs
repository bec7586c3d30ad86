//! What an applicant typed about their organisation, kept on the request.
//!
//! Until now an application for an organisation that already existed rewrote the
//! organisation's public row at once (issue #14, item 1). The typed details now stay on
//! the request, as JSON in `organisation_details`, and reach `organisations` only when a
//! committee approves the request. Requests stored before this migration have none: their
//! approval changes nothing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .add_column(text_null(ParticipationRequests::OrganisationDetails))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .drop_column(ParticipationRequests::OrganisationDetails)
                .take(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ParticipationRequests {
    Table,
    OrganisationDetails,
}
