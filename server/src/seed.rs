//! First-start content: the first session, its agenda, the committees and the objectives.
//!
//! Idempotent: each part is inserted only if it is missing, in one transaction, so loading
//! twice (or two processes starting at once on PostgreSQL) creates nothing twice.

mod content;

use app::entities::{agenda_item, committee, committee_mission, objective, session};
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, SqlErr,
};

/// What the seed inserted this time.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Sessions created (with their agendas).
    pub sessions: u64,
    /// Agenda items created.
    pub agenda_items: u64,
    /// Committees created (with their missions).
    pub committees: u64,
    /// Objectives created.
    pub objectives: u64,
}

/// Loads whatever part of the seed is missing.
pub async fn run(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    match insert_missing(db).await {
        // Another process seeded between our check and our insert: nothing left to do.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            tracing::info!("seed already loaded by another process");
            Ok(SeedReport::default())
        }
        other => other,
    }
}

async fn insert_missing(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let txn = app::state::begin_write(db).await?;
    let mut report = SeedReport::default();
    let now = Utc::now();

    if objective::Entity::find().count(&txn).await? == 0 {
        let rows = content::OBJECTIVES
            .iter()
            .zip(1..)
            .map(|((fr, en), position)| objective::ActiveModel {
                position: Set(position),
                text_fr: Set((*fr).to_string()),
                text_en: Set((*en).to_string()),
                ..Default::default()
            });
        objective::Entity::insert_many(rows).exec(&txn).await?;
        report.objectives = content::OBJECTIVES.len() as u64;
    }

    for (seed, position) in content::COMMITTEES.iter().zip(1..) {
        let exists = committee::Entity::find()
            .filter(committee::Column::Slug.eq(seed.slug))
            .count(&txn)
            .await?
            > 0;
        if exists {
            continue;
        }
        let created = committee::Entity::insert(committee::ActiveModel {
            slug: Set(seed.slug.to_string()),
            position: Set(position),
            name_fr: Set(seed.name_fr.to_string()),
            name_en: Set(seed.name_en.to_string()),
            description_fr: Set(seed.description_fr.to_string()),
            description_en: Set(seed.description_en.to_string()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let missions = seed.missions.iter().zip(1..).map(|((fr, en), position)| {
            committee_mission::ActiveModel {
                committee_id: Set(created.last_insert_id),
                position: Set(position),
                text_fr: Set((*fr).to_string()),
                text_en: Set((*en).to_string()),
                ..Default::default()
            }
        });
        committee_mission::Entity::insert_many(missions)
            .exec(&txn)
            .await?;
        report.committees += 1;
    }

    let first_session_exists = session::Entity::find()
        .filter(session::Column::Number.eq(1))
        .count(&txn)
        .await?
        > 0;
    if !first_session_exists {
        let first_day =
            NaiveDate::from_ymd_opt(2025, 12, 16).ok_or_else(|| bad_seed("first day"))?;
        let last_day = NaiveDate::from_ymd_opt(2025, 12, 17).ok_or_else(|| bad_seed("last day"))?;
        let created = session::Entity::insert(session::ActiveModel {
            number: Set(1),
            title_fr: Set(content::SESSION_TITLE_FR.to_string()),
            title_en: Set(content::SESSION_TITLE_EN.to_string()),
            starts_on: Set(first_day),
            ends_on: Set(last_day),
            venue_fr: Set(content::SESSION_VENUE_FR.to_string()),
            venue_en: Set(content::SESSION_VENUE_EN.to_string()),
            city: Set("Bamako".to_string()),
            country_code: Set("ML".to_string()),
            time_zone: Set("Africa/Bamako".to_string()),
            status: Set(app::sessions::SessionStatus::Held.as_str().to_string()),
            is_current: Set(true),
            applications_open: Set(false),
            applications_open_from: Set(None),
            applications_close_at: Set(None),
            conditions_fr: Set(Some(content::SESSION_CONDITIONS_FR.to_string())),
            conditions_en: Set(Some(content::SESSION_CONDITIONS_EN.to_string())),
            max_organisations: Set(Some(150)),
            max_delegates: Set(Some(2)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let mut items = Vec::with_capacity(content::AGENDA.len());
        for (item, position) in content::AGENDA.iter().zip(1..) {
            let day = if item.day == 1 { first_day } else { last_day };
            // Bamako is on UTC all year round: local times are UTC times.
            let at = |(hour, minute): (u32, u32)| {
                day.and_hms_opt(hour, minute, 0)
                    .map(|t| Utc.from_utc_datetime(&t))
                    .ok_or_else(|| bad_seed("agenda time"))
            };
            let optional = |text: &str| (!text.is_empty()).then(|| text.to_string());
            items.push(agenda_item::ActiveModel {
                session_id: Set(created.last_insert_id),
                position: Set(position),
                starts_at: Set(at(item.start)?),
                ends_at: Set(at(item.end)?),
                kind: Set(item.kind.to_string()),
                theme: Set(item.theme.map(str::to_string)),
                title_fr: Set(item.title_fr.to_string()),
                title_en: Set(item.title_en.to_string()),
                description_fr: Set(optional(item.description_fr)),
                description_en: Set(optional(item.description_en)),
                room: Set(optional(item.room)),
                speakers: Set(optional(item.speakers)),
                status: Set("done".to_string()),
                published: Set(true),
                removed: Set(false),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        report.agenda_items = items.len() as u64;
        agenda_item::Entity::insert_many(items).exec(&txn).await?;
        app::agenda::public::copy_all_to_public(&txn, created.last_insert_id).await?;
        report.sessions = 1;
    }

    txn.commit().await?;
    Ok(report)
}

fn bad_seed(what: &str) -> DbErr {
    DbErr::Custom(format!("invalid seed content: {what}"))
}
