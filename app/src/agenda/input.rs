//! The agenda editor's rules, shared by the browser (instant errors beside each field) and
//! the server (whose answer counts): what an agenda item must be before it is written.
//!
//! Times are typed in venue time: a day of the session (`YYYY-MM-DD`) and two clock times
//! (`HH:MM`). [`ItemInput::times`] turns them into Unix seconds with the venue's offset, the
//! same offset [`super::clock`] and [`super::iso_day`] use to show them back.

use super::ItemKind;
use crate::{
    error::{AppError, FieldError},
    i18n::Lang,
};
use serde::{Deserialize, Serialize};

/// Longest title, in each language.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest room name.
pub const MAX_ROOM_CHARS: usize = 120;
/// Longest list of speakers.
pub const MAX_SPEAKERS_CHARS: usize = 1_000;
/// Longest description, in each language.
pub const MAX_DESCRIPTION_CHARS: usize = 4_000;

/// The agenda's themes, in the order forms list them (labels `agenda_theme_<key>`).
pub const THEMES: [&str; 6] = [
    "scope",
    "participation",
    "committees",
    "work_agenda",
    "concerns",
    "recommendations",
];

/// A theme as shown to people (the key itself if unknown).
pub fn theme_label(lang: Lang, theme: &str) -> String {
    lang.strings()
        .get(&format!("agenda_theme_{theme}"))
        .map_or_else(|| theme.to_string(), str::to_string)
}

/// An item's form as typed: every field a string, empty when left blank (or not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemFields {
    /// Day of the session, `YYYY-MM-DD` (venue time).
    pub day: String,
    /// Start, `HH:MM` (venue time).
    pub start: String,
    /// End, `HH:MM` (venue time), after the start on the same day.
    pub end: String,
    /// [`ItemKind`] stored value.
    pub kind: String,
    /// One of [`THEMES`], or empty.
    pub theme: String,
    /// Title in French (required).
    pub title_fr: String,
    /// Title in English (empty: the French one is shown).
    pub title_en: String,
    /// Description in French.
    pub description_fr: String,
    /// Description in English.
    pub description_en: String,
    /// Room.
    pub room: String,
    /// Speakers, separated by commas or semicolons.
    pub speakers: String,
}

impl ItemFields {
    /// Every field's name, in form order (also the `name` of each control).
    pub const NAMES: [&'static str; 11] = [
        "day",
        "start",
        "end",
        "kind",
        "theme",
        "title_fr",
        "title_en",
        "description_fr",
        "description_en",
        "room",
        "speakers",
    ];

    /// The value of the field named `name` (`""` for an unknown name).
    pub fn get(&self, name: &str) -> &str {
        match name {
            "day" => &self.day,
            "start" => &self.start,
            "end" => &self.end,
            "kind" => &self.kind,
            "theme" => &self.theme,
            "title_fr" => &self.title_fr,
            "title_en" => &self.title_en,
            "description_fr" => &self.description_fr,
            "description_en" => &self.description_en,
            "room" => &self.room,
            "speakers" => &self.speakers,
            _ => "",
        }
    }

    /// Sets the field named `name` (an unknown name changes nothing).
    pub fn set(&mut self, name: &str, value: String) {
        let field = match name {
            "day" => &mut self.day,
            "start" => &mut self.start,
            "end" => &mut self.end,
            "kind" => &mut self.kind,
            "theme" => &mut self.theme,
            "title_fr" => &mut self.title_fr,
            "title_en" => &mut self.title_en,
            "description_fr" => &mut self.description_fr,
            "description_en" => &mut self.description_en,
            "room" => &mut self.room,
            "speakers" => &mut self.speakers,
            _ => return,
        };
        *field = value;
    }

    /// The names of the fields whose values differ between `self` and `other` (ignoring
    /// spaces around the values, which are not kept).
    pub fn differences(&self, other: &ItemFields) -> Vec<&'static str> {
        Self::NAMES
            .into_iter()
            .filter(|name| self.get(name).trim() != other.get(name).trim())
            .collect()
    }
}

/// A valid agenda item, trimmed, as the server stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemInput {
    /// The day, `YYYY-MM-DD`, within the session.
    pub day: String,
    /// Start, minutes after midnight (venue time).
    pub start_minutes: u32,
    /// End, minutes after midnight (venue time), after the start.
    pub end_minutes: u32,
    /// What the item is.
    pub kind: ItemKind,
    /// One of [`THEMES`].
    pub theme: Option<String>,
    /// Title in French.
    pub title_fr: String,
    /// Title in English (may be empty).
    pub title_en: String,
    /// Description in French.
    pub description_fr: Option<String>,
    /// Description in English.
    pub description_en: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Speakers.
    pub speakers: Option<String>,
}

impl ItemInput {
    /// Checks an item's form against the session's first and last days (`YYYY-MM-DD`).
    /// Every invalid field is reported, each with the key of a message saying how to fix it.
    pub fn parse(fields: &ItemFields, first_day: &str, last_day: &str) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let day = fields.day.trim();
        match days_from_iso(day) {
            None => errors.push(FieldError::new("day", "agenda_editor_error_day_invalid")),
            Some(n) if Some(n) < days_from_iso(first_day) || Some(n) > days_from_iso(last_day) => {
                errors.push(FieldError::new("day", "agenda_editor_error_day_outside"));
            }
            Some(_) => {}
        }
        let start = parse_clock(fields.start.trim());
        if start.is_none() {
            errors.push(FieldError::new(
                "start",
                "agenda_editor_error_start_invalid",
            ));
        }
        match (start, parse_clock(fields.end.trim())) {
            (_, None) => errors.push(FieldError::new("end", "agenda_editor_error_end_invalid")),
            (Some(start), Some(end)) if end <= start => {
                errors.push(FieldError::new(
                    "end",
                    "agenda_editor_error_end_before_start",
                ));
            }
            _ => {}
        }
        let kind = ItemKind::parse(fields.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "agenda_editor_error_kind_invalid"));
        }
        let theme = optional(&fields.theme);
        if theme.as_deref().is_some_and(|t| !THEMES.contains(&t)) {
            errors.push(FieldError::new(
                "theme",
                "agenda_editor_error_theme_invalid",
            ));
        }
        let title_fr = fields.title_fr.trim();
        if title_fr.is_empty() {
            errors.push(FieldError::new(
                "title_fr",
                "agenda_editor_error_title_missing",
            ));
        }
        let limits = [
            (
                "title_fr",
                MAX_TITLE_CHARS,
                "agenda_editor_error_title_too_long",
            ),
            (
                "title_en",
                MAX_TITLE_CHARS,
                "agenda_editor_error_title_too_long",
            ),
            ("room", MAX_ROOM_CHARS, "agenda_editor_error_room_too_long"),
            (
                "speakers",
                MAX_SPEAKERS_CHARS,
                "agenda_editor_error_speakers_too_long",
            ),
            (
                "description_fr",
                MAX_DESCRIPTION_CHARS,
                "agenda_editor_error_description_too_long",
            ),
            (
                "description_en",
                MAX_DESCRIPTION_CHARS,
                "agenda_editor_error_description_too_long",
            ),
        ];
        for (name, max, code) in limits {
            if fields.get(name).trim().chars().count() > max {
                errors.push(FieldError::new(name, code));
            }
        }
        match (start, parse_clock(fields.end.trim()), kind) {
            (Some(start_minutes), Some(end_minutes), Some(kind)) if errors.is_empty() => {
                Ok(ItemInput {
                    day: day.to_string(),
                    start_minutes,
                    end_minutes,
                    kind,
                    theme,
                    title_fr: title_fr.to_string(),
                    title_en: fields.title_en.trim().to_string(),
                    description_fr: optional(&paragraphs(&fields.description_fr)),
                    description_en: optional(&paragraphs(&fields.description_en)),
                    room: optional(&fields.room),
                    speakers: optional(&fields.speakers),
                })
            }
            _ => Err(AppError::Validation(errors)),
        }
    }

    /// Start and end as Unix seconds, for a venue `offset_minutes` from UTC.
    pub fn times(&self, offset_minutes: i32) -> (i64, i64) {
        let midnight =
            days_from_iso(&self.day).unwrap_or_default() * 86_400 - i64::from(offset_minutes) * 60;
        (
            midnight + i64::from(self.start_minutes) * 60,
            midnight + i64::from(self.end_minutes) * 60,
        )
    }
}

/// A trimmed value, `None` when blank.
fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A text box's value with browsers' `\r\n` line ends stored as `\n`.
fn paragraphs(value: &str) -> String {
    value.replace("\r\n", "\n")
}

/// Minutes after midnight of a clock time `HH:MM` (00:00 to 23:59).
pub fn parse_clock(value: &str) -> Option<u32> {
    let (hours, minutes) = value.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// Days since 1970-01-01 of a real calendar date `YYYY-MM-DD` between 2000 and 2100.
pub fn days_from_iso(value: &str) -> Option<i64> {
    let bytes = value.as_bytes();
    if value.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = value.get(0..4)?.parse().ok()?;
    let month: i64 = value.get(5..7)?.parse().ok()?;
    let day: i64 = value.get(8..10)?.parse().ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(2000..=2100).contains(&year) || !(1..=days_in_month).contains(&day) {
        return None;
    }
    // Days-from-civil (Howard Hinnant), the inverse of `iso_day`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Every day from `first` to `last` (`YYYY-MM-DD`, both included; empty if either is not a
/// date, at most a year).
pub fn days_between(first: &str, last: &str) -> Vec<String> {
    match (days_from_iso(first), days_from_iso(last)) {
        (Some(first), Some(last)) => (first..=last.min(first + 366))
            .map(|day| super::iso_day(day * 86_400, 0))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> ItemFields {
        ItemFields {
            day: "2025-12-16".into(),
            start: "09:30".into(),
            end: "10:30".into(),
            kind: "plenary".into(),
            title_fr: " Ouverture ".into(),
            ..ItemFields::default()
        }
    }

    fn codes(fields: &ItemFields) -> Vec<(String, String)> {
        match ItemInput::parse(fields, "2025-12-16", "2025-12-17") {
            Err(AppError::Validation(errors)) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_item_is_trimmed_and_placed_in_venue_time() {
        let input = ItemInput::parse(&fields(), "2025-12-16", "2025-12-17").unwrap();
        assert_eq!(input.title_fr, "Ouverture");
        assert_eq!((input.start_minutes, input.end_minutes), (570, 630));
        assert_eq!(input.theme, None);
        // 2025-12-16T09:30:00Z, and an hour earlier in UTC at a venue on UTC+1.
        assert_eq!(input.times(0), (1_765_877_400, 1_765_881_000));
        assert_eq!(input.times(60).0, 1_765_877_400 - 3_600);
    }

    #[test]
    fn an_end_before_the_start_and_a_day_outside_the_session_are_refused() {
        let mut late = fields();
        late.end = "09:30".into();
        late.day = "2025-12-18".into();
        assert_eq!(
            codes(&late),
            vec![
                ("day".into(), "agenda_editor_error_day_outside".into()),
                ("end".into(), "agenda_editor_error_end_before_start".into()),
            ]
        );
    }

    #[test]
    fn every_field_says_what_is_wrong_with_it() {
        let wrong = ItemFields {
            day: "2025-02-30".into(),
            start: "9h30".into(),
            end: "24:00".into(),
            kind: "party".into(),
            theme: "health".into(),
            title_fr: " ".into(),
            title_en: "x".repeat(301),
            description_fr: "x".repeat(4_001),
            room: "x".repeat(121),
            speakers: "x".repeat(1_001),
            ..ItemFields::default()
        };
        let fields: Vec<_> = codes(&wrong).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                "day",
                "start",
                "end",
                "kind",
                "theme",
                "title_fr",
                "title_en",
                "room",
                "speakers",
                "description_fr"
            ]
        );
    }

    #[test]
    fn every_theme_and_kind_is_accepted() {
        for theme in THEMES {
            for kind in ItemKind::ALL {
                let mut ok = fields();
                ok.theme = theme.into();
                ok.kind = kind.as_str().into();
                assert!(ItemInput::parse(&ok, "2025-12-16", "2025-12-16").is_ok());
            }
        }
    }

    #[test]
    fn days_read_back_as_the_same_dates() {
        assert_eq!(days_from_iso("1970-01-01"), None, "before 2000");
        assert_eq!(days_from_iso("2000-02-29"), Some(11_016));
        assert_eq!(days_from_iso("2001-02-29"), None);
        assert_eq!(days_between("2025-12-30", "2026-01-02").len(), 4);
        assert_eq!(days_between("2025-12-31", "2026-01-01")[1], "2026-01-01");
        assert!(days_between("2025-12-17", "2025-12-16").is_empty());
        assert_eq!(parse_clock("23:59"), Some(1_439));
        assert_eq!(parse_clock("7:30"), None);
    }

    #[test]
    fn differences_name_the_fields_that_changed() {
        let mut other = fields();
        other.room = "Salle 1000".into();
        other.title_fr = "Ouverture".into();
        assert_eq!(fields().differences(&other), ["room"]);
    }
}
