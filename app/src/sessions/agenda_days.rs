//! Whether new days (or a new time zone) would leave a session's agenda items outside the
//! session (server only): the days are whole days at the venue, read in its time zone.

use super::{
    admin::{date, zone},
    input::parse_day,
    time_zones,
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    entities::{agenda_item, session},
    error::AppError,
};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

/// Of session `id`'s agenda items, those starting before `first` and those ending after
/// `last` (whole days at the venue, in `zone`; an item may end at midnight after `last`).
#[derive(Debug, Default)]
pub(super) struct Outside {
    /// Items starting before the first day.
    pub early: u64,
    /// Items ending after the last day.
    pub late: u64,
    /// Items outside, either way.
    pub total: u64,
}

pub(super) async fn outside(
    conn: &impl ConnectionTrait,
    session_id: i32,
    (first, last): (NaiveDate, NaiveDate),
    zone: Tz,
) -> Result<Outside, DbErr> {
    let items: Vec<(DateTime<Utc>, DateTime<Utc>)> = agenda_item::Entity::find()
        .select_only()
        .column(agenda_item::Column::StartsAt)
        .column(agenda_item::Column::EndsAt)
        .filter(agenda_item::Column::SessionId.eq(session_id))
        .into_tuple()
        .all(conn)
        .await?;
    let opens = first.and_time(NaiveTime::MIN);
    let closes = last
        .checked_add_days(Days::new(1))
        .map_or(NaiveDateTime::MAX, |day| day.and_time(NaiveTime::MIN));
    let mut found = Outside::default();
    for (starts_at, ends_at) in items {
        let early = starts_at.with_timezone(&zone).naive_local() < opens;
        let late = ends_at.with_timezone(&zone).naive_local() > closes;
        found.early += u64::from(early);
        found.late += u64::from(late);
        found.total += u64::from(early || late);
    }
    Ok(found)
}

/// How many of session `number`'s agenda items the days typed would leave out (0 when the
/// values typed are not valid: the form says why already).
pub async fn outside_count(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    number: i32,
    (starts_on, ends_on): (&str, &str),
    time_zone: &str,
) -> Result<u64, AppError> {
    authorize(caller, Permission::ManageSessions)?;
    let model = session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let days = (parse_day(starts_on.trim()), parse_day(ends_on.trim()));
    let (Some(first), Some(last)) = days else {
        return Ok(0);
    };
    let Some(name) = time_zones::find(time_zone.trim()) else {
        return Ok(0);
    };
    let days = (date(first, "starts_on")?, date(last, "ends_on")?);
    Ok(outside(db, model.id, days, zone(name)?).await?.total)
}
