//! Indexes for the public concerns list at scale (measured with 50,000 concerns in
//! `docs/BENCHMARKS.md`): the newest published first without sorting them all, and the
//! count of duplicates merged into each concern shown.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_concerns_status_published")
                .table(Concerns::Table)
                .col(Concerns::Status)
                .col(Concerns::PublishedAt)
                .col(Concerns::Id)
                .if_not_exists()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_concerns_merged_into")
                .table(Concerns::Table)
                .col(Concerns::MergedInto)
                .if_not_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_concerns_merged_into", "idx_concerns_status_published"] {
            m.drop_index(Index::drop().name(name).table(Concerns::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Concerns {
    Table,
    Id,
    Status,
    PublishedAt,
    MergedInto,
}
