//! The live agenda: the public copy of each session's agenda, its changelog and the
//! sequence of published events that viewers catch up on.
//!
//! `agenda_items` stays the committees' working copy (the draft). `removed` marks an item
//! deleted in the draft but still public until the next publication. `agenda_public_items`
//! holds what the public sees, one row per published item with the same id; publishing
//! copies the draft over it. `agenda_changes` is the public changelog, one row per
//! publication or live status change, its entries as JSON. `agenda_events` numbers every
//! change viewers must receive: its id is the sequence number a reconnecting viewer gives
//! back, and `item_ids` lists the items it touched (ids only; viewers read the rows).
//!
//! Existing published items are copied into the public table, so a database that already
//! holds an agenda keeps showing it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AgendaItems::Table)
                .add_column(boolean(AgendaItems::Removed).default(false))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AgendaPublicItems::Table)
                .if_not_exists()
                .col(integer(AgendaPublicItems::Id).primary_key())
                .col(integer(AgendaPublicItems::SessionId))
                .col(integer(AgendaPublicItems::Position))
                .col(timestamp_with_time_zone(AgendaPublicItems::StartsAt))
                .col(timestamp_with_time_zone(AgendaPublicItems::EndsAt))
                .col(string_len(AgendaPublicItems::Kind, 20))
                .col(string_len_null(AgendaPublicItems::Theme, 40))
                .col(string_len(AgendaPublicItems::TitleFr, 300))
                .col(string_len(AgendaPublicItems::TitleEn, 300))
                .col(text_null(AgendaPublicItems::DescriptionFr))
                .col(text_null(AgendaPublicItems::DescriptionEn))
                .col(string_len_null(AgendaPublicItems::Room, 120))
                .col(text_null(AgendaPublicItems::Speakers))
                .col(string_len(AgendaPublicItems::Status, 20))
                .col(integer(AgendaPublicItems::Version))
                .col(timestamp_with_time_zone(AgendaPublicItems::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaPublicItems::Table, AgendaPublicItems::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_agenda_public_items_session_start")
                .table(AgendaPublicItems::Table)
                .col(AgendaPublicItems::SessionId)
                .col(AgendaPublicItems::StartsAt)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AgendaChanges::Table)
                .if_not_exists()
                .col(pk_auto(AgendaChanges::Id))
                .col(integer(AgendaChanges::SessionId))
                .col(timestamp_with_time_zone(AgendaChanges::CreatedAt))
                .col(text(AgendaChanges::Entries))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaChanges::Table, AgendaChanges::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_agenda_changes_session")
                .table(AgendaChanges::Table)
                .col(AgendaChanges::SessionId)
                .col(AgendaChanges::Id)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AgendaEvents::Table)
                .if_not_exists()
                .col(pk_auto(AgendaEvents::Id))
                .col(integer(AgendaEvents::SessionId))
                .col(text(AgendaEvents::ItemIds))
                .col(timestamp_with_time_zone(AgendaEvents::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaEvents::Table, AgendaEvents::SessionId)
                        .to(Sessions::Table, Sessions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_agenda_events_session")
                .table(AgendaEvents::Table)
                .col(AgendaEvents::SessionId)
                .col(AgendaEvents::Id)
                .if_not_exists()
                .take(),
        )
        .await?;
        // Plain SQL that both databases run: the agenda already published stays public.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO agenda_public_items (id, session_id, position, starts_at, ends_at, \
                 kind, theme, title_fr, title_en, description_fr, description_en, room, speakers, \
                 status, version, updated_at) \
                 SELECT id, session_id, position, starts_at, ends_at, kind, theme, title_fr, \
                 title_en, description_fr, description_en, room, speakers, status, version, \
                 updated_at FROM agenda_items WHERE published",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgendaEvents::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AgendaChanges::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AgendaPublicItems::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(AgendaItems::Table)
                .drop_column(AgendaItems::Removed)
                .take(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Removed,
}

#[derive(DeriveIden)]
enum AgendaPublicItems {
    Table,
    Id,
    SessionId,
    Position,
    StartsAt,
    EndsAt,
    Kind,
    Theme,
    TitleFr,
    TitleEn,
    DescriptionFr,
    DescriptionEn,
    Room,
    Speakers,
    Status,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgendaChanges {
    Table,
    Id,
    SessionId,
    CreatedAt,
    Entries,
}

#[derive(DeriveIden)]
enum AgendaEvents {
    Table,
    Id,
    SessionId,
    ItemIds,
    CreatedAt,
}
