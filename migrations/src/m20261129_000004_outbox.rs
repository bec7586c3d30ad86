//! Outgoing e-mail kept in the database (`outbox_emails`): written in the same transaction
//! as the change it reports, sent by a background task when SMTP is configured, otherwise
//! read by administrators. Also, on participation requests: the applicant's secret status
//! link (`access_key`) and `duplicate_guard`, unique while the request counts (session,
//! normalised name and country of its organisation; cleared on withdrawal), so that two
//! requests of one organisation posted at the same moment cannot both be stored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(OutboxEmails::Table)
                .if_not_exists()
                .col(pk_auto(OutboxEmails::Id))
                .col(string_len(OutboxEmails::ToAddress, 254))
                .col(string_len(OutboxEmails::Subject, 300))
                .col(text(OutboxEmails::Body))
                .col(string_len(OutboxEmails::Language, 2))
                .col(string_len_null(OutboxEmails::RelatedType, 40))
                .col(integer_null(OutboxEmails::RelatedId))
                .col(timestamp_with_time_zone(OutboxEmails::CreatedAt))
                .col(timestamp_with_time_zone_null(OutboxEmails::SentAt))
                .col(integer(OutboxEmails::Attempts).default(0))
                .col(text_null(OutboxEmails::LastError))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_emails_sent_at")
                .table(OutboxEmails::Table)
                .col(OutboxEmails::SentAt)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .add_column(string_len_null(ParticipationRequests::AccessKey, 64))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .add_column(string_len_null(ParticipationRequests::DuplicateGuard, 220))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_participation_requests_duplicate_guard")
                .table(ParticipationRequests::Table)
                .col(ParticipationRequests::DuplicateGuard)
                .unique()
                .if_not_exists()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_participation_requests_duplicate_guard")
                .table(ParticipationRequests::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .drop_column(ParticipationRequests::DuplicateGuard)
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ParticipationRequests::Table)
                .drop_column(ParticipationRequests::AccessKey)
                .take(),
        )
        .await?;
        m.drop_table(Table::drop().table(OutboxEmails::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum OutboxEmails {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    Language,
    RelatedType,
    RelatedId,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum ParticipationRequests {
    Table,
    AccessKey,
    DuplicateGuard,
}
