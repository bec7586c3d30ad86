//! Creating and editing sessions (server only; choosing the current one is in `current`,
//! the check of the agenda against new days in `agenda_days`). Every function checks the
//! caller's permission itself; every write is audited in its own transaction.

use super::{
    ListedSession, SessionEditor, SessionInput, SessionStatus, agenda_days::outside, time_zones,
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    entities::session,
    error::{AppError, FieldError},
    format::Day,
    forms::Fields,
    i18n::Lang,
    participation::settings::service::sessions as participation_rows,
};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, SqlErr,
};
use std::collections::HashMap;

pub(super) fn invalid(field: &str, code: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code)])
}

pub(super) fn date(day: Day, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(day.year, day.month, day.day)
        .ok_or_else(|| invalid(field, "session_date_invalid"))
}

pub(super) fn zone(name: &str) -> Result<Tz, AppError> {
    name.parse::<Tz>()
        .map_err(|_| invalid("time_zone", "session_time_zone_invalid"))
}

fn status_of(model: &session::Model) -> SessionStatus {
    SessionStatus::parse(&model.status).unwrap_or_else(|| {
        tracing::warn!(session = model.id, status = %model.status, "unknown session status");
        SessionStatus::Planned
    })
}

fn editor_of(model: session::Model) -> SessionEditor {
    SessionEditor {
        number: model.number,
        title_fr: model.title_fr,
        title_en: model.title_en,
        starts_on: model.starts_on.to_string(),
        ends_on: model.ends_on.to_string(),
        venue_fr: model.venue_fr,
        venue_en: model.venue_en,
        city: model.city,
        country_code: model.country_code,
        time_zone: model.time_zone,
        status: model.status,
        is_current: model.is_current,
    }
}

fn snapshot(model: &session::Model) -> serde_json::Value {
    serde_json::json!({
        "number": model.number,
        "title_fr": model.title_fr,
        "title_en": model.title_en,
        "starts_on": model.starts_on.to_string(),
        "ends_on": model.ends_on.to_string(),
        "venue_fr": model.venue_fr,
        "venue_en": model.venue_en,
        "city": model.city,
        "country_code": model.country_code,
        "time_zone": model.time_zone,
        "status": model.status,
        "is_current": model.is_current,
    })
}

/// Session `number`, locked until the transaction ends (PostgreSQL; SQLite's writers are
/// serialised by `BEGIN IMMEDIATE`).
async fn by_number(conn: &impl ConnectionTrait, number: i32) -> Result<session::Model, AppError> {
    session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every session, newest first, with its participation summary.
pub async fn list(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    lang: Lang,
) -> Result<Vec<ListedSession>, AppError> {
    let caller = authorize(caller, Permission::ManageSessions)?;
    let rows = participation_rows(db, Some(caller), lang).await?;
    let models: HashMap<i32, session::Model> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.number, m))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let model = models.get(&row.number)?;
            Some(ListedSession {
                ends_on: model.ends_on.to_string(),
                status: status_of(model),
                is_current: model.is_current,
                row,
            })
        })
        .collect())
}

/// The creation form's starting values: the next free number, Bamako, planned.
pub async fn blank(
    db: &DatabaseConnection,
    caller: Option<Principal>,
) -> Result<SessionEditor, AppError> {
    authorize(caller, Permission::ManageSessions)?;
    let last = session::Entity::find()
        .order_by_desc(session::Column::Number)
        .one(db)
        .await?;
    Ok(SessionEditor {
        number: last.map_or(1, |m| m.number.saturating_add(1)),
        country_code: "ML".to_string(),
        time_zone: time_zones::DEFAULT_TIME_ZONE.to_string(),
        status: SessionStatus::Planned.as_str().to_string(),
        ..SessionEditor::default()
    })
}

/// Session `number`, as its form shows it.
pub async fn find(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: i32,
) -> Result<SessionEditor, AppError> {
    authorize(caller, Permission::ManageSessions)?;
    session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(db)
        .await?
        .map(editor_of)
        .ok_or(AppError::NotFound)
}

/// The row's columns the form sets, changed at `now`.
fn columns(input: &SessionInput, now: DateTime<Utc>) -> Result<session::ActiveModel, AppError> {
    Ok(session::ActiveModel {
        title_fr: Set(input.title_fr.clone()),
        title_en: Set(input.title_en.clone()),
        starts_on: Set(date(input.starts_on, "starts_on")?),
        ends_on: Set(date(input.ends_on, "ends_on")?),
        venue_fr: Set(input.venue_fr.clone()),
        venue_en: Set(input.venue_en.clone()),
        city: Set(input.city.clone()),
        country_code: Set(input.country_code.clone()),
        time_zone: Set(input.time_zone.to_string()),
        status: Set(input.status.as_str().to_string()),
        updated_at: Set(now),
        ..Default::default()
    })
}

/// Creates a session (not current, applications closed); returns its number.
pub async fn create(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    fields: &Fields,
) -> Result<i32, AppError> {
    let caller = authorize(caller, Permission::ManageSessions)?;
    let (number, input) = SessionInput::parse_new(fields)?;
    let now = Utc::now();
    let row = columns(&input, now)?;
    let taken = || invalid("number", "session_number_taken");
    let txn = crate::state::begin_write(db).await?;
    let existing = session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(&txn)
        .await?;
    if existing.is_some() {
        return Err(taken());
    }
    let created = session::Entity::insert(session::ActiveModel {
        number: Set(number),
        is_current: Set(false),
        applications_open: Set(false),
        created_at: Set(now),
        ..row
    })
    .exec_with_returning(&txn)
    .await
    // Another committee member may have taken the number since the check (PostgreSQL).
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => taken(),
        _ => AppError::from(e),
    })?;
    record(
        &txn,
        &Actor::from(&caller),
        "create",
        "session",
        created.id,
        None,
        Some(snapshot(&created)),
    )
    .await?;
    txn.commit().await?;
    Ok(number)
}

/// Changes session `number`. New days or a new time zone that would leave agenda items
/// outside the session are refused: the items must be moved first.
pub async fn update(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ManageSessions)?;
    let input = SessionInput::parse(fields)?;
    let row = columns(&input, Utc::now())?;
    let days = (
        date(input.starts_on, "starts_on")?,
        date(input.ends_on, "ends_on")?,
    );
    let txn = crate::state::begin_write(db).await?;
    let before = by_number(&txn, number).await?;
    let found = outside(&txn, before.id, days, zone(input.time_zone)?).await?;
    if found.total > 0 {
        let mut errors = Vec::new();
        if found.early > 0 {
            errors.push(FieldError::new("starts_on", "session_agenda_before_start"));
        }
        if found.late > 0 {
            errors.push(FieldError::new("ends_on", "session_agenda_after_end"));
        }
        return Err(AppError::Validation(errors));
    }
    let after = session::Entity::update(session::ActiveModel {
        id: Set(before.id),
        ..row
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "update",
        "session",
        before.id,
        Some(snapshot(&before)),
        Some(snapshot(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
