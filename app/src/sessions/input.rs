//! The session form's rules, shared by the browser and the server: what a session must be
//! before anything is written. What only the database knows (a number already taken, agenda
//! items outside the new days) is checked by [`super::admin`].

use super::{SessionStatus, time_zones};
use crate::{
    countries,
    error::{AppError, FieldError},
    format::Day,
    forms::{self, Fields},
};

/// Largest session number.
pub const MAX_NUMBER: i32 = 999;
/// Longest title, in each language.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest venue name, in each language.
pub const MAX_VENUE_CHARS: usize = 200;
/// Longest city name.
pub const MAX_CITY_CHARS: usize = 100;
/// Every status, in the order the form lists them.
pub const STATUSES: [SessionStatus; 3] = [
    SessionStatus::Planned,
    SessionStatus::InProgress,
    SessionStatus::Held,
];

/// A valid session, as typed (trimmed). The number is not part of it: it is chosen once,
/// when the session is created (see [`SessionInput::parse_new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInput {
    /// Title in French.
    pub title_fr: String,
    /// Title in English.
    pub title_en: String,
    /// First day.
    pub starts_on: Day,
    /// Last day (the first day or later).
    pub ends_on: Day,
    /// Venue in French.
    pub venue_fr: String,
    /// Venue in English.
    pub venue_en: String,
    /// City.
    pub city: String,
    /// ISO 3166-1 alpha-2 code, upper case.
    pub country_code: String,
    /// One of [`time_zones::TIME_ZONES`].
    pub time_zone: &'static str,
    /// Where it stands.
    pub status: SessionStatus,
}

/// A real calendar date `YYYY-MM-DD` between 2000 and 2100. No date library: this runs in
/// the browser too.
pub fn parse_day(value: &str) -> Option<Day> {
    let day = Day::parse(value).filter(|_| value.len() == 10)?;
    let leap = day.year % 4 == 0 && (day.year % 100 != 0 || day.year % 400 == 0);
    let days_in_month = match day.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    ((2000..=2100).contains(&day.year) && day.day <= days_in_month).then_some(day)
}

/// Checks that a required text is present and no longer than `max`, pushing the error
/// keyed `<prefix>_missing` or `<prefix>_too_long` for `field`.
fn check_text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, prefix: &str) {
    if value.is_empty() {
        errors.push(FieldError::new(field, &format!("{prefix}_missing")));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, &format!("{prefix}_too_long")));
    }
}

impl SessionInput {
    /// Checks the session form (without the number); every problem is reported at once.
    pub fn parse(fields: &Fields) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let input = Self::check(fields, &mut errors);
        match input {
            Some(input) if errors.is_empty() => Ok(input),
            _ => Err(AppError::Validation(errors)),
        }
    }

    /// Checks the creation form: the number, then the rest; every problem at once.
    pub fn parse_new(fields: &Fields) -> Result<(i32, Self), AppError> {
        let mut errors = Vec::new();
        let number = forms::field(fields, "number")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=MAX_NUMBER).contains(n));
        if number.is_none() {
            errors.push(FieldError::new("number", "session_number_invalid"));
        }
        let input = Self::check(fields, &mut errors);
        match (number, input) {
            (Some(number), Some(input)) if errors.is_empty() => Ok((number, input)),
            _ => Err(AppError::Validation(errors)),
        }
    }

    fn check(fields: &Fields, errors: &mut Vec<FieldError>) -> Option<Self> {
        let field = |name: &str| forms::field(fields, name).trim();
        for (name, max, prefix) in [
            ("title_fr", MAX_TITLE_CHARS, "session_title"),
            ("title_en", MAX_TITLE_CHARS, "session_title"),
        ] {
            check_text(errors, name, field(name), max, prefix);
        }
        let starts_on = parse_day(field("starts_on"));
        if starts_on.is_none() {
            errors.push(FieldError::new("starts_on", "session_date_invalid"));
        }
        let ends_on = parse_day(field("ends_on"));
        if ends_on.is_none() {
            errors.push(FieldError::new("ends_on", "session_date_invalid"));
        }
        if let (Some(first), Some(last)) = (starts_on, ends_on)
            && last < first
        {
            errors.push(FieldError::new("ends_on", "session_ends_before_start"));
        }
        for (name, max, prefix) in [
            ("venue_fr", MAX_VENUE_CHARS, "session_venue"),
            ("venue_en", MAX_VENUE_CHARS, "session_venue"),
            ("city", MAX_CITY_CHARS, "session_city"),
        ] {
            check_text(errors, name, field(name), max, prefix);
        }
        let country = countries::find(field("country"));
        if country.is_none() {
            errors.push(FieldError::new("country", "session_country_missing"));
        }
        let time_zone = time_zones::find(field("time_zone"));
        if time_zone.is_none() {
            errors.push(FieldError::new("time_zone", "session_time_zone_invalid"));
        }
        let status = SessionStatus::parse(field("status"));
        if status.is_none() {
            errors.push(FieldError::new("status", "session_status_missing"));
        }
        Some(SessionInput {
            title_fr: field("title_fr").to_string(),
            title_en: field("title_en").to_string(),
            starts_on: starts_on?,
            ends_on: ends_on?,
            venue_fr: field("venue_fr").to_string(),
            venue_en: field("venue_en").to_string(),
            city: field("city").to_string(),
            country_code: country?.code.to_string(),
            time_zone: time_zone?,
            status: status?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fields_of;

    const COMPLETE: [(&str, &str); 12] = [
        ("number", " 2 "),
        ("title_fr", " Deuxième session du CCMEX "),
        ("title_en", "Second session of the CCMEX"),
        ("starts_on", "2026-12-01"),
        ("ends_on", "2026-12-03"),
        ("venue_fr", "Centre international de conférences"),
        ("venue_en", "International Conference Centre"),
        ("city", "Bamako"),
        ("country", "ml"),
        ("time_zone", "Africa/Bamako"),
        ("status", "planned"),
        ("ignored", "x"),
    ];

    fn codes(error: AppError) -> Vec<(String, String)> {
        match error {
            AppError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_complete_session_is_accepted_trimmed_and_normalised() {
        let (number, input) = SessionInput::parse_new(&fields_of(&COMPLETE)).unwrap();
        assert_eq!(number, 2);
        assert_eq!(input.title_fr, "Deuxième session du CCMEX");
        assert_eq!(input.country_code, "ML");
        assert_eq!(input.time_zone, "Africa/Bamako");
        assert_eq!(input.status, SessionStatus::Planned);
        assert_eq!((input.starts_on.day, input.ends_on.day), (1, 3));
        let without_number = fields_of(&COMPLETE[1..]);
        assert_eq!(SessionInput::parse(&without_number).unwrap(), input);
    }

    #[test]
    fn every_wrong_field_is_named_with_its_own_message() {
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        let error = SessionInput::parse_new(&fields_of(&[
            ("number", "0"),
            ("title_fr", &long),
            ("starts_on", "2026-02-30"),
            ("ends_on", "01/12/2026"),
            ("venue_en", "CICB"),
            ("country", "ZZ"),
            ("time_zone", "Europe/Bamako"),
            ("status", "cancelled"),
        ]))
        .unwrap_err();
        assert_eq!(
            codes(error),
            [
                ("number", "session_number_invalid"),
                ("title_fr", "session_title_too_long"),
                ("title_en", "session_title_missing"),
                ("starts_on", "session_date_invalid"),
                ("ends_on", "session_date_invalid"),
                ("venue_fr", "session_venue_missing"),
                ("city", "session_city_missing"),
                ("country", "session_country_missing"),
                ("time_zone", "session_time_zone_invalid"),
                ("status", "session_status_missing"),
            ]
            .map(|(f, c)| (f.to_string(), c.to_string()))
        );
    }

    #[test]
    fn the_last_day_may_equal_but_not_precede_the_first() {
        let mut fields = fields_of(&COMPLETE);
        fields.insert("ends_on".into(), "2026-12-01".into());
        assert!(SessionInput::parse(&fields).is_ok(), "a one-day session");
        fields.insert("ends_on".into(), "2026-11-30".into());
        assert_eq!(
            codes(SessionInput::parse(&fields).unwrap_err()),
            [(
                "ends_on".to_string(),
                "session_ends_before_start".to_string()
            )]
        );
        assert_eq!(parse_day("2028-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_day("2027-02-29"), None);
        assert_eq!(parse_day("1999-12-31"), None);
    }
}
