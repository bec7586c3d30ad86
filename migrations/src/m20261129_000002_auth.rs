//! Sign-in: server-side sessions (shared by every server process) and recent sign-in
//! failures (the per-account rate limit), plus an index for browsing the audit log by date.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AuthSessions::Table)
                .if_not_exists()
                // tower-sessions ids are random 128-bit values, base64 encoded.
                .col(string_len(AuthSessions::Id, 64).primary_key())
                .col(integer_null(AuthSessions::UserId))
                .col(text(AuthSessions::Data))
                .col(timestamp_with_time_zone(AuthSessions::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .from_tbl(AuthSessions::Table)
                        .from_col(AuthSessions::UserId)
                        .to_tbl(Users::Table)
                        .to_col(Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_auth_sessions_user")
                .table(AuthSessions::Table)
                .col(AuthSessions::UserId)
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_auth_sessions_expires")
                .table(AuthSessions::Table)
                .col(AuthSessions::ExpiresAt)
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .if_not_exists()
                .col(big_pk_auto(LoginFailures::Id))
                .col(string_len(LoginFailures::Email, 254))
                .col(timestamp_with_time_zone(LoginFailures::FailedAt))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_login_failures_email")
                .table(LoginFailures::Table)
                .col(LoginFailures::Email)
                .col(LoginFailures::FailedAt)
                .if_not_exists()
                .take(),
        )
        .await?;

        m.create_index(
            Index::create()
                .name("idx_audit_log_created")
                .table(AuditLog::Table)
                .col(AuditLog::CreatedAt)
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_audit_log_created")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        for table in [
            LoginFailures::Table.into_iden(),
            AuthSessions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AuthSessions {
    Table,
    Id,
    UserId,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Email,
    FailedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    CreatedAt,
}
