//! The whole domain's first schema: sessions and their agenda, committees, users,
//! organisations and participation requests, concerns, recommendations, diaspora figures,
//! the framework's objectives and the audit log.
//!
//! Bilingual content is stored as `*_fr` / `*_en` column pairs. Enumerations (statuses,
//! kinds, roles) are stored as short lowercase strings checked by the application, so the
//! schema stays identical on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A foreign key from `table.column` to `target.id`.
fn fk(
    table: impl IntoIden,
    column: impl IntoIden,
    target: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(table)
        .from_col(column)
        .to_tbl(target)
        .to_col(Alias::new("id"))
        .on_delete(on_delete)
        .take()
}

/// `created_at` / `updated_at`, both required.
fn stamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
}

fn index(
    name: &str,
    table: impl IntoIden,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).if_not_exists();
    for column in columns {
        index.col(Alias::new(*column));
    }
    if unique {
        index.unique();
    }
    index.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};

        m.create_table(
            stamps(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(pk_auto(Sessions::Id))
                    .col(integer_uniq(Sessions::Number))
                    .col(string_len(Sessions::TitleFr, 300))
                    .col(string_len(Sessions::TitleEn, 300))
                    .col(date(Sessions::StartsOn))
                    .col(date(Sessions::EndsOn))
                    .col(string_len(Sessions::VenueFr, 300))
                    .col(string_len(Sessions::VenueEn, 300))
                    .col(string_len(Sessions::City, 120))
                    .col(string_len(Sessions::CountryCode, 2))
                    .col(string_len(Sessions::TimeZone, 64))
                    .col(string_len(Sessions::Status, 20))
                    .col(boolean(Sessions::IsCurrent).default(false))
                    .col(boolean(Sessions::ApplicationsOpen).default(false))
                    .col(timestamp_with_time_zone_null(
                        Sessions::ApplicationsOpenFrom,
                    ))
                    .col(timestamp_with_time_zone_null(Sessions::ApplicationsCloseAt))
                    .col(text_null(Sessions::ConditionsFr))
                    .col(text_null(Sessions::ConditionsEn))
                    .col(integer_null(Sessions::MaxOrganisations))
                    .col(integer_null(Sessions::MaxDelegates)),
            )
            .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(AgendaItems::Table)
                    .if_not_exists()
                    .col(pk_auto(AgendaItems::Id))
                    .col(integer(AgendaItems::SessionId))
                    .col(integer(AgendaItems::Position))
                    .col(timestamp_with_time_zone(AgendaItems::StartsAt))
                    .col(timestamp_with_time_zone(AgendaItems::EndsAt))
                    .col(string_len(AgendaItems::Kind, 20))
                    .col(string_len_null(AgendaItems::Theme, 40))
                    .col(string_len(AgendaItems::TitleFr, 300))
                    .col(string_len(AgendaItems::TitleEn, 300))
                    .col(text_null(AgendaItems::DescriptionFr))
                    .col(text_null(AgendaItems::DescriptionEn))
                    .col(string_len_null(AgendaItems::Room, 120))
                    .col(text_null(AgendaItems::Speakers))
                    .col(string_len(AgendaItems::Status, 20))
                    .col(boolean(AgendaItems::Published).default(true))
                    .col(integer(AgendaItems::Version).default(1))
                    .foreign_key(&mut fk(
                        AgendaItems::Table,
                        AgendaItems::SessionId,
                        Sessions::Table,
                        Cascade,
                    )),
            )
            .take(),
        )
        .await?;
        m.create_index(index(
            "idx_agenda_items_session_start",
            AgendaItems::Table,
            &["session_id", "starts_at"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Objectives::Table)
                .if_not_exists()
                .col(pk_auto(Objectives::Id))
                .col(integer_uniq(Objectives::Position))
                .col(text(Objectives::TextFr))
                .col(text(Objectives::TextEn))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Committees::Table)
                .if_not_exists()
                .col(pk_auto(Committees::Id))
                .col(string_len_uniq(Committees::Slug, 40))
                .col(integer(Committees::Position))
                .col(string_len(Committees::NameFr, 200))
                .col(string_len(Committees::NameEn, 200))
                .col(text(Committees::DescriptionFr))
                .col(text(Committees::DescriptionEn))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CommitteeMissions::Table)
                .if_not_exists()
                .col(pk_auto(CommitteeMissions::Id))
                .col(integer(CommitteeMissions::CommitteeId))
                .col(integer(CommitteeMissions::Position))
                .col(text(CommitteeMissions::TextFr))
                .col(text(CommitteeMissions::TextEn))
                .foreign_key(&mut fk(
                    CommitteeMissions::Table,
                    CommitteeMissions::CommitteeId,
                    Committees::Table,
                    Cascade,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::Name, 200))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(boolean(Users::IsAdmin).default(false))
                    .col(boolean(Users::IsReviewer).default(false))
                    .col(string_len(Users::Language, 2).default("fr"))
                    .col(timestamp_with_time_zone_null(Users::DisabledAt)),
            )
            .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CommitteeMembers::Table)
                .if_not_exists()
                .col(pk_auto(CommitteeMembers::Id))
                .col(integer(CommitteeMembers::CommitteeId))
                .col(integer_null(CommitteeMembers::UserId))
                .col(string_len(CommitteeMembers::Name, 200))
                .col(string_len(CommitteeMembers::Role, 20))
                .col(integer(CommitteeMembers::Position))
                .foreign_key(&mut fk(
                    CommitteeMembers::Table,
                    CommitteeMembers::CommitteeId,
                    Committees::Table,
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    CommitteeMembers::Table,
                    CommitteeMembers::UserId,
                    Users::Table,
                    SetNull,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(Organisations::Table)
                    .if_not_exists()
                    .col(pk_auto(Organisations::Id))
                    .col(string_len(Organisations::Name, 200))
                    .col(string_len(Organisations::NormalizedName, 200))
                    .col(string_len_null(Organisations::Acronym, 30))
                    .col(string_len(Organisations::Kind, 30))
                    .col(string_len(Organisations::CountryCode, 2))
                    .col(string_len(Organisations::City, 120))
                    .col(integer_null(Organisations::FoundedYear))
                    .col(string_len_null(Organisations::RegistrationNumber, 100))
                    .col(string_len_null(Organisations::RegistrationAuthority, 200))
                    .col(integer_null(Organisations::MemberCount))
                    .col(string_len(Organisations::Sectors, 300))
                    .col(string_len_null(Organisations::Website, 300))
                    .col(boolean(Organisations::PublishConsent).default(false)),
            )
            .take(),
        )
        .await?;
        m.create_index(index(
            "idx_organisations_normalized_country",
            Organisations::Table,
            &["normalized_name", "country_code"],
            false,
        ))
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(ParticipationRequests::Table)
                    .if_not_exists()
                    .col(pk_auto(ParticipationRequests::Id))
                    .col(integer(ParticipationRequests::SessionId))
                    .col(integer(ParticipationRequests::OrganisationId))
                    .col(string_len_uniq(ParticipationRequests::TrackingCode, 20))
                    .col(string_len_null(ParticipationRequests::IdempotencyKey, 64).unique_key())
                    .col(string_len(ParticipationRequests::Status, 20))
                    .col(string_len(ParticipationRequests::ContactName, 200))
                    .col(string_len(ParticipationRequests::ContactEmail, 254))
                    .col(string_len(ParticipationRequests::ContactPhone, 20))
                    .col(text(ParticipationRequests::Motivation))
                    .col(text(ParticipationRequests::Contribution))
                    .col(boolean(ParticipationRequests::ConsentProcessing))
                    .col(boolean(ParticipationRequests::ConsentDirectory))
                    .col(string_len(ParticipationRequests::Language, 2))
                    .col(integer_null(ParticipationRequests::AssignedTo))
                    .col(boolean(ParticipationRequests::PreviouslyRejected).default(false))
                    .col(integer_null(ParticipationRequests::WaitlistPosition))
                    .foreign_key(&mut fk(
                        ParticipationRequests::Table,
                        ParticipationRequests::SessionId,
                        Sessions::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ParticipationRequests::Table,
                        ParticipationRequests::OrganisationId,
                        Organisations::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ParticipationRequests::Table,
                        ParticipationRequests::AssignedTo,
                        Users::Table,
                        SetNull,
                    )),
            )
            .take(),
        )
        .await?;
        m.create_index(index(
            "idx_participation_requests_session_status",
            ParticipationRequests::Table,
            &["session_id", "status"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Delegates::Table)
                .if_not_exists()
                .col(pk_auto(Delegates::Id))
                .col(integer(Delegates::RequestId))
                .col(integer(Delegates::Position))
                .col(string_len(Delegates::Name, 200))
                .col(string_len(Delegates::Function, 200))
                .col(string_len(Delegates::Email, 254))
                .foreign_key(&mut fk(
                    Delegates::Table,
                    Delegates::RequestId,
                    ParticipationRequests::Table,
                    Cascade,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RequestEvents::Table)
                .if_not_exists()
                .col(pk_auto(RequestEvents::Id))
                .col(integer(RequestEvents::RequestId))
                .col(string_len_null(RequestEvents::StatusFrom, 20))
                .col(string_len(RequestEvents::StatusTo, 20))
                .col(integer_null(RequestEvents::ActorUserId))
                .col(text_null(RequestEvents::Message))
                .col(boolean(RequestEvents::FromApplicant).default(false))
                .col(timestamp_with_time_zone(RequestEvents::CreatedAt))
                .foreign_key(&mut fk(
                    RequestEvents::Table,
                    RequestEvents::RequestId,
                    ParticipationRequests::Table,
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    RequestEvents::Table,
                    RequestEvents::ActorUserId,
                    Users::Table,
                    SetNull,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(Concerns::Table)
                    .if_not_exists()
                    .col(pk_auto(Concerns::Id))
                    .col(integer_null(Concerns::SessionId))
                    .col(string_len(Concerns::Theme, 40))
                    .col(string_len(Concerns::CountryCode, 2))
                    .col(text(Concerns::Body))
                    .col(string_len_null(Concerns::OrganisationName, 200))
                    .col(string_len_null(Concerns::Contact, 254))
                    .col(boolean(Concerns::Consent))
                    .col(string_len(Concerns::Status, 20))
                    .col(text_null(Concerns::HiddenReason))
                    .col(integer_null(Concerns::MergedInto))
                    .col(timestamp_with_time_zone_null(Concerns::PublishedAt))
                    .foreign_key(&mut fk(
                        Concerns::Table,
                        Concerns::SessionId,
                        Sessions::Table,
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Concerns::Table,
                        Concerns::MergedInto,
                        Concerns::Table,
                        SetNull,
                    )),
            )
            .take(),
        )
        .await?;
        m.create_index(index(
            "idx_concerns_status_theme",
            Concerns::Table,
            &["status", "theme"],
            false,
        ))
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(Recommendations::Table)
                    .if_not_exists()
                    .col(pk_auto(Recommendations::Id))
                    .col(integer(Recommendations::SessionId))
                    .col(integer(Recommendations::Number))
                    .col(string_len(Recommendations::TitleFr, 300))
                    .col(string_len(Recommendations::TitleEn, 300))
                    .col(text(Recommendations::TextFr))
                    .col(text(Recommendations::TextEn))
                    .col(string_len(Recommendations::Theme, 40))
                    .col(string_len(Recommendations::Institution, 200))
                    .col(date_null(Recommendations::Deadline))
                    .col(string_len(Recommendations::Status, 20))
                    .col(timestamp_with_time_zone_null(Recommendations::PublishedAt))
                    .foreign_key(&mut fk(
                        Recommendations::Table,
                        Recommendations::SessionId,
                        Sessions::Table,
                        Cascade,
                    )),
            )
            .take(),
        )
        .await?;
        m.create_index(index(
            "idx_recommendations_session_number",
            Recommendations::Table,
            &["session_id", "number"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(RecommendationConcerns::Table)
                .if_not_exists()
                .col(integer(RecommendationConcerns::RecommendationId))
                .col(integer(RecommendationConcerns::ConcernId))
                .primary_key(
                    Index::create()
                        .col(RecommendationConcerns::RecommendationId)
                        .col(RecommendationConcerns::ConcernId),
                )
                .foreign_key(&mut fk(
                    RecommendationConcerns::Table,
                    RecommendationConcerns::RecommendationId,
                    Recommendations::Table,
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    RecommendationConcerns::Table,
                    RecommendationConcerns::ConcernId,
                    Concerns::Table,
                    Cascade,
                ))
                .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(Milestones::Table)
                    .if_not_exists()
                    .col(pk_auto(Milestones::Id))
                    .col(integer(Milestones::RecommendationId))
                    .col(text(Milestones::TextFr))
                    .col(text(Milestones::TextEn))
                    .col(date(Milestones::DueOn))
                    .col(string_len_null(Milestones::EvidenceUrl, 500))
                    .col(boolean(Milestones::Done).default(false))
                    .col(timestamp_with_time_zone_null(Milestones::DoneAt))
                    .foreign_key(&mut fk(
                        Milestones::Table,
                        Milestones::RecommendationId,
                        Recommendations::Table,
                        Cascade,
                    )),
            )
            .take(),
        )
        .await?;

        m.create_table(
            stamps(
                Table::create()
                    .table(DiasporaFigures::Table)
                    .if_not_exists()
                    .col(pk_auto(DiasporaFigures::Id))
                    .col(string_len(DiasporaFigures::CountryCode, 2))
                    .col(big_integer(DiasporaFigures::Figure))
                    .col(string_len(DiasporaFigures::SourceKind, 30))
                    .col(string_len(DiasporaFigures::SourceLabel, 300))
                    .col(date(DiasporaFigures::AsOf)),
            )
            .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DiasporaDeclarations::Table)
                .if_not_exists()
                .col(pk_auto(DiasporaDeclarations::Id))
                .col(string_len(DiasporaDeclarations::CountryCode, 2))
                .col(string_len_null(DiasporaDeclarations::City, 120))
                .col(integer(DiasporaDeclarations::HouseholdSize))
                .col(integer_null(DiasporaDeclarations::ArrivalYear))
                .col(string_len_null(DiasporaDeclarations::Sector, 40))
                // A day, never an exact time: nothing public may single out one declaration.
                .col(date(DiasporaDeclarations::DeclaredOn))
                .take(),
        )
        .await?;
        m.create_index(index(
            "idx_diaspora_declarations_country",
            DiasporaDeclarations::Table,
            &["country_code"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .if_not_exists()
                .col(big_pk_auto(AuditLog::Id))
                .col(integer_null(AuditLog::ActorUserId))
                .col(string_len(AuditLog::ActorLabel, 200))
                .col(string_len(AuditLog::Action, 40))
                .col(string_len(AuditLog::EntityType, 40))
                .col(string_len(AuditLog::EntityId, 40))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                .foreign_key(&mut fk(
                    AuditLog::Table,
                    AuditLog::ActorUserId,
                    Users::Table,
                    SetNull,
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "idx_audit_log_entity",
            AuditLog::Table,
            &["entity_type", "entity_id"],
            false,
        ))
        .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents, so foreign keys never block a drop.
        let tables: [DynIden; 18] = [
            AuditLog::Table.into_iden(),
            DiasporaDeclarations::Table.into_iden(),
            DiasporaFigures::Table.into_iden(),
            Milestones::Table.into_iden(),
            RecommendationConcerns::Table.into_iden(),
            Recommendations::Table.into_iden(),
            Concerns::Table.into_iden(),
            RequestEvents::Table.into_iden(),
            Delegates::Table.into_iden(),
            ParticipationRequests::Table.into_iden(),
            Organisations::Table.into_iden(),
            CommitteeMembers::Table.into_iden(),
            Users::Table.into_iden(),
            CommitteeMissions::Table.into_iden(),
            Committees::Table.into_iden(),
            Objectives::Table.into_iden(),
            AgendaItems::Table.into_iden(),
            Sessions::Table.into_iden(),
        ];
        for table in tables {
            m.drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Number,
    TitleFr,
    TitleEn,
    StartsOn,
    EndsOn,
    VenueFr,
    VenueEn,
    City,
    CountryCode,
    TimeZone,
    Status,
    IsCurrent,
    ApplicationsOpen,
    ApplicationsOpenFrom,
    ApplicationsCloseAt,
    ConditionsFr,
    ConditionsEn,
    MaxOrganisations,
    MaxDelegates,
}

#[derive(DeriveIden)]
enum AgendaItems {
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
    Published,
    Version,
}

#[derive(DeriveIden)]
enum Objectives {
    Table,
    Id,
    Position,
    TextFr,
    TextEn,
}

#[derive(DeriveIden)]
enum Committees {
    Table,
    Id,
    Slug,
    Position,
    NameFr,
    NameEn,
    DescriptionFr,
    DescriptionEn,
}

#[derive(DeriveIden)]
enum CommitteeMissions {
    Table,
    Id,
    CommitteeId,
    Position,
    TextFr,
    TextEn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    IsAdmin,
    IsReviewer,
    Language,
    DisabledAt,
}

#[derive(DeriveIden)]
enum CommitteeMembers {
    Table,
    Id,
    CommitteeId,
    UserId,
    Name,
    Role,
    Position,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    NormalizedName,
    Acronym,
    Kind,
    CountryCode,
    City,
    FoundedYear,
    RegistrationNumber,
    RegistrationAuthority,
    MemberCount,
    Sectors,
    Website,
    PublishConsent,
}

#[derive(DeriveIden)]
enum ParticipationRequests {
    Table,
    Id,
    SessionId,
    OrganisationId,
    TrackingCode,
    IdempotencyKey,
    Status,
    ContactName,
    ContactEmail,
    ContactPhone,
    Motivation,
    Contribution,
    ConsentProcessing,
    ConsentDirectory,
    Language,
    AssignedTo,
    PreviouslyRejected,
    WaitlistPosition,
}

#[derive(DeriveIden)]
enum Delegates {
    Table,
    Id,
    RequestId,
    Position,
    Name,
    Function,
    Email,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    Id,
    RequestId,
    StatusFrom,
    StatusTo,
    ActorUserId,
    Message,
    FromApplicant,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Concerns {
    Table,
    Id,
    SessionId,
    Theme,
    CountryCode,
    Body,
    OrganisationName,
    Contact,
    Consent,
    Status,
    HiddenReason,
    MergedInto,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
    SessionId,
    Number,
    TitleFr,
    TitleEn,
    TextFr,
    TextEn,
    Theme,
    Institution,
    Deadline,
    Status,
    PublishedAt,
}

#[derive(DeriveIden)]
enum RecommendationConcerns {
    Table,
    RecommendationId,
    ConcernId,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    Id,
    RecommendationId,
    TextFr,
    TextEn,
    DueOn,
    EvidenceUrl,
    Done,
    DoneAt,
}

#[derive(DeriveIden)]
enum DiasporaFigures {
    Table,
    Id,
    CountryCode,
    Figure,
    SourceKind,
    SourceLabel,
    AsOf,
}

#[derive(DeriveIden)]
enum DiasporaDeclarations {
    Table,
    Id,
    CountryCode,
    City,
    HouseholdSize,
    ArrivalYear,
    Sector,
    DeclaredOn,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorUserId,
    ActorLabel,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
    CreatedAt,
}
