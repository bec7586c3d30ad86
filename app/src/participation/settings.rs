//! Per-session participation settings (steering committee and administrators): whether
//! applications are open, between which date-times (UTC), the conditions shown before the
//! form, the quota of organisations and the delegates allowed per organisation. The rules
//! are checked here, once, for the browser and the server.

use crate::{
    error::{AppError, FieldError},
    forms::{self, Fields},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The list of sessions, each linking to its settings.
pub const SESSIONS_PATH: &str = "/espace/sessions";

/// Longest conditions text, per language.
pub const MAX_CONDITIONS_CHARS: usize = 10_000;
/// Largest quota of organisations.
pub const MAX_QUOTA: i32 = 10_000;
/// Most delegates an organisation may send.
pub const MAX_DELEGATES_LIMIT: i32 = 20;

/// `/espace/sessions/{number}/participation`: the settings page, and where its form posts.
pub fn settings_path(number: i32) -> String {
    format!("{SESSIONS_PATH}/{number}/participation")
}

/// The `datetime-local` format (minutes), read and written in UTC.
#[cfg(feature = "ssr")]
const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds allowed and dropped) in its
/// canonical form, or `None`. No date library: this runs in the browser too.
fn minutes(value: &str) -> Option<String> {
    let (date, time) = value.split_once('T')?;
    let day = crate::format::Day::parse(date).filter(|_| date.len() == 10)?;
    let mut parts = time.split(':');
    let hour: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let minute: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    if let Some(second) = parts.next() {
        let second: u32 = second.get(..2)?.parse().ok()?;
        if second > 59 {
            return None;
        }
    }
    let days_in_month = match day.month {
        2 if day.year % 4 == 0 && (day.year % 100 != 0 || day.year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (parts.next().is_none()
        && (1000..=9999).contains(&day.year)
        && day.day <= days_in_month
        && hour < 24
        && minute < 60)
        .then(|| format!("{date}T{hour:02}:{minute:02}"))
}

/// A session in the committees' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    /// Number (1 for the first).
    pub number: i32,
    /// Title, in the reader's language.
    pub title: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Whether applications are open.
    pub applications_open: bool,
    /// Approved requests / quota (if any).
    pub approved: u64,
    /// The quota of organisations.
    pub max_organisations: Option<i32>,
}

/// A session's participation settings, as the form shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationSettings {
    /// Whether applications are open (within the dates, if any).
    pub applications_open: bool,
    /// From when, `YYYY-MM-DDTHH:MM` UTC, or empty.
    pub opens_at: String,
    /// Until when, `YYYY-MM-DDTHH:MM` UTC, or empty.
    pub closes_at: String,
    /// Conditions of participation, French.
    pub conditions_fr: String,
    /// Conditions of participation, English.
    pub conditions_en: String,
    /// Quota of organisations (none: no limit).
    pub max_organisations: Option<i32>,
    /// Delegates per organisation (none: the application's default).
    pub max_delegates: Option<i32>,
}

impl ParticipationSettings {
    /// Checks a posted settings form; every problem is reported at once.
    pub fn parse(fields: &Fields) -> Result<Self, AppError> {
        let field = |name: &str| forms::field(fields, name).trim();
        let mut errors = Vec::new();
        let mut datetime = |name: &str| -> Option<String> {
            let value = field(name);
            if value.is_empty() {
                return None;
            }
            let parsed = minutes(value);
            if parsed.is_none() {
                errors.push(FieldError::new(name, "settings_datetime_invalid"));
            }
            parsed
        };
        let opens = datetime("opens_at");
        let closes = datetime("closes_at");
        // The canonical form sorts like the instants it names.
        if let (Some(opens), Some(closes)) = (&opens, &closes)
            && closes <= opens
        {
            errors.push(FieldError::new("closes_at", "settings_close_before_open"));
        }
        let mut number = |name: &str, max: i32, code: &str| -> Option<i32> {
            let value = field(name);
            if value.is_empty() {
                return None;
            }
            match value.parse::<i32>() {
                Ok(n) if (1..=max).contains(&n) => Some(n),
                _ => {
                    errors.push(FieldError::new(name, code));
                    None
                }
            }
        };
        let max_organisations = number("max_organisations", MAX_QUOTA, "settings_quota_invalid");
        let max_delegates = number(
            "max_delegates",
            MAX_DELEGATES_LIMIT,
            "settings_delegates_invalid",
        );
        for name in ["conditions_fr", "conditions_en"] {
            if field(name).chars().count() > MAX_CONDITIONS_CHARS {
                errors.push(FieldError::new(name, "settings_conditions_too_long"));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(ParticipationSettings {
            applications_open: forms::checked(fields, "applications_open"),
            opens_at: opens.unwrap_or_default(),
            closes_at: closes.unwrap_or_default(),
            conditions_fr: field("conditions_fr").to_string(),
            conditions_en: field("conditions_en").to_string(),
            max_organisations,
            max_delegates,
        })
    }
}

/// The settings page's data: the session and its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    /// The session.
    pub session: SessionRow,
    /// Its settings.
    pub settings: ParticipationSettings,
}

/// Every session, newest first (steering committee and administrators).
#[server(endpoint = "participation-sessions")]
pub async fn get_session_rows(lang: crate::i18n::Lang) -> Result<Vec<SessionRow>, AppError> {
    let db = crate::state::db()?;
    service::sessions(&db, crate::accounts::auth::current(), lang)
        .await
        .map_err(AppError::respond)
}

/// One session's participation settings (steering committee and administrators).
#[server(endpoint = "participation-settings")]
pub async fn get_settings(number: i32, lang: crate::i18n::Lang) -> Result<SettingsView, AppError> {
    let db = crate::state::db()?;
    service::settings(&db, crate::accounts::auth::current(), number, lang)
        .await
        .map_err(AppError::respond)
}

/// Reading and writing the settings (server only).
#[cfg(feature = "ssr")]
pub mod service {
    use super::{DATETIME_FORMAT, ParticipationSettings, SessionRow, SettingsView};
    use crate::{
        accounts::{Permission, Principal, auth::authorize},
        audit::{Actor, record},
        entities::{participation_request, session},
        error::AppError,
        forms::Fields,
        i18n::Lang,
        participation::RequestStatus,
    };
    use chrono::{DateTime, NaiveDateTime, Utc};
    use sea_orm::{
        ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
        QueryFilter, QueryOrder,
    };

    fn utc(value: &str) -> Option<DateTime<Utc>> {
        NaiveDateTime::parse_from_str(value, DATETIME_FORMAT)
            .ok()
            .map(|at| at.and_utc())
    }

    fn show(at: Option<DateTime<Utc>>) -> String {
        at.map(|at| at.format(DATETIME_FORMAT).to_string())
            .unwrap_or_default()
    }

    async fn row(
        db: &DatabaseConnection,
        model: &session::Model,
        lang: Lang,
    ) -> Result<SessionRow, AppError> {
        let approved = participation_request::Entity::find()
            .filter(participation_request::Column::SessionId.eq(model.id))
            .filter(participation_request::Column::Status.eq(RequestStatus::Approved.as_str()))
            .count(db)
            .await?;
        Ok(SessionRow {
            number: model.number,
            title: lang.pick(&model.title_fr, &model.title_en).clone(),
            starts_on: model.starts_on.to_string(),
            applications_open: model.applications_open,
            approved,
            max_organisations: model.max_organisations,
        })
    }

    fn settings_of(model: &session::Model) -> ParticipationSettings {
        ParticipationSettings {
            applications_open: model.applications_open,
            opens_at: show(model.applications_open_from),
            closes_at: show(model.applications_close_at),
            conditions_fr: model.conditions_fr.clone().unwrap_or_default(),
            conditions_en: model.conditions_en.clone().unwrap_or_default(),
            max_organisations: model.max_organisations,
            max_delegates: model.max_delegates,
        }
    }

    /// Every session, newest first.
    pub async fn sessions(
        db: &DatabaseConnection,
        caller: Option<Principal>,
        lang: Lang,
    ) -> Result<Vec<SessionRow>, AppError> {
        authorize(caller, Permission::ManageSessions)?;
        let mut rows = Vec::new();
        for model in session::Entity::find()
            .order_by_desc(session::Column::Number)
            .all(db)
            .await?
        {
            rows.push(row(db, &model, lang).await?);
        }
        Ok(rows)
    }

    async fn by_number(
        conn: &impl sea_orm::ConnectionTrait,
        number: i32,
    ) -> Result<session::Model, AppError> {
        session::Entity::find()
            .filter(session::Column::Number.eq(number))
            .one(conn)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Session `number`'s settings.
    pub async fn settings(
        db: &DatabaseConnection,
        caller: Option<Principal>,
        number: i32,
        lang: Lang,
    ) -> Result<SettingsView, AppError> {
        authorize(caller, Permission::ManageSessions)?;
        let model = by_number(db, number).await?;
        Ok(SettingsView {
            session: row(db, &model, lang).await?,
            settings: settings_of(&model),
        })
    }

    fn snapshot(settings: &ParticipationSettings) -> serde_json::Value {
        serde_json::json!({
            "applications_open": settings.applications_open,
            "applications_open_from": settings.opens_at,
            "applications_close_at": settings.closes_at,
            "conditions_fr": settings.conditions_fr,
            "conditions_en": settings.conditions_en,
            "max_organisations": settings.max_organisations,
            "max_delegates": settings.max_delegates,
        })
    }

    /// Checks and stores session `number`'s settings, audited.
    pub async fn update(
        db: &DatabaseConnection,
        caller: Option<Principal>,
        number: i32,
        fields: &Fields,
    ) -> Result<(), AppError> {
        let caller = authorize(caller, Permission::ManageSessions)?;
        let new = ParticipationSettings::parse(fields)?;
        let txn = crate::state::begin_write(db).await?;
        let before = by_number(&txn, number).await?;
        let text = |value: &str| (!value.is_empty()).then(|| value.to_string());
        session::Entity::update(session::ActiveModel {
            id: Set(before.id),
            applications_open: Set(new.applications_open),
            applications_open_from: Set(utc(&new.opens_at)),
            applications_close_at: Set(utc(&new.closes_at)),
            conditions_fr: Set(text(&new.conditions_fr)),
            conditions_en: Set(text(&new.conditions_en)),
            max_organisations: Set(new.max_organisations),
            max_delegates: Set(new.max_delegates),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        record(
            &txn,
            &Actor::from(&caller),
            "participation_settings",
            "session",
            before.id,
            Some(snapshot(&settings_of(&before))),
            Some(snapshot(&new)),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fields_of;

    fn codes(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        match ParticipationSettings::parse(&fields_of(fields)) {
            Err(AppError::Validation(errors)) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn date_times_are_read_in_utc_minutes_and_empty_values_mean_no_limit() {
        let settings = ParticipationSettings::parse(&fields_of(&[
            ("applications_open", "on"),
            ("opens_at", "2026-02-28T08:00"),
            ("closes_at", "2026-03-01T18:30:59"),
            ("max_organisations", " 40 "),
            ("max_delegates", ""),
        ]))
        .unwrap();
        assert!(settings.applications_open);
        assert_eq!(settings.opens_at, "2026-02-28T08:00");
        assert_eq!(
            settings.closes_at, "2026-03-01T18:30",
            "seconds are dropped"
        );
        assert_eq!(
            (settings.max_organisations, settings.max_delegates),
            (Some(40), None)
        );
        let empty = ParticipationSettings::parse(&fields_of(&[])).unwrap();
        assert_eq!(empty, ParticipationSettings::default());
    }

    #[test]
    fn impossible_dates_reversed_windows_and_out_of_range_numbers_are_refused() {
        let found = codes(&[
            ("opens_at", "2026-02-30T08:00"),
            ("closes_at", "2026-03-01T24:00"),
            ("max_organisations", "0"),
            ("max_delegates", "21"),
        ]);
        assert_eq!(
            found,
            [
                ("opens_at".into(), "settings_datetime_invalid".into()),
                ("closes_at".into(), "settings_datetime_invalid".into()),
                ("max_organisations".into(), "settings_quota_invalid".into()),
                ("max_delegates".into(), "settings_delegates_invalid".into()),
            ]
        );
        let reversed = codes(&[
            ("opens_at", "2026-03-10T08:00"),
            ("closes_at", "2026-03-10T08:00"),
        ]);
        assert_eq!(
            reversed,
            [("closes_at".into(), "settings_close_before_open".into())]
        );
        assert_eq!(minutes("2028-02-29T23:59"), Some("2028-02-29T23:59".into()));
        assert_eq!(minutes("2027-02-29T10:00"), None);
        assert_eq!(minutes("2027-01-01 10:00"), None);
    }
}
