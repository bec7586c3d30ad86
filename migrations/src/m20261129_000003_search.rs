//! Accent- and case-insensitive search on recommendations and concerns: a `search_text`
//! column holding the searchable text folded (lower case, no accents) by the application,
//! so `?q=securite` finds "sécurité" identically on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Recommendations::Table)
                .add_column(text(Recommendations::SearchText).default(""))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Concerns::Table)
                .add_column(text(Concerns::SearchText).default(""))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_concerns_status_country")
                .table(Concerns::Table)
                .col(Concerns::Status)
                .col(Concerns::CountryCode)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_recommendations_status")
                .table(Recommendations::Table)
                .col(Recommendations::PublishedAt)
                .col(Recommendations::Status)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_milestones_recommendation")
                .table(Milestones::Table)
                .col(Milestones::RecommendationId)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_recommendation_concerns_concern")
                .table(RecommendationConcerns::Table)
                .col(RecommendationConcerns::ConcernId)
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            (
                "idx_recommendation_concerns_concern",
                RecommendationConcerns::Table.into_iden(),
            ),
            (
                "idx_milestones_recommendation",
                Milestones::Table.into_iden(),
            ),
            (
                "idx_recommendations_status",
                Recommendations::Table.into_iden(),
            ),
            ("idx_concerns_status_country", Concerns::Table.into_iden()),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Concerns::Table)
                .drop_column(Concerns::SearchText)
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Recommendations::Table)
                .drop_column(Recommendations::SearchText)
                .take(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    PublishedAt,
    Status,
    SearchText,
}

#[derive(DeriveIden)]
enum Concerns {
    Table,
    Status,
    CountryCode,
    SearchText,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    RecommendationId,
}

#[derive(DeriveIden)]
enum RecommendationConcerns {
    Table,
    ConcernId,
}
