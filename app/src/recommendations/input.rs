//! The committees' forms' rules, shared by the browser and the server: what a
//! recommendation and a milestone must be before anything is written.

use super::RecommendationStatus;
use crate::{
    concerns::THEMES,
    error::{AppError, FieldError},
    format::Day,
    forms::{self, Fields},
};

/// Largest recommendation number within a session.
pub const MAX_NUMBER: i32 = 999;
/// Longest title, in each language.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest text, in each language.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest institution name.
pub const MAX_INSTITUTION_CHARS: usize = 200;
/// Longest milestone text, in each language.
pub const MAX_MILESTONE_CHARS: usize = 1_000;
/// Longest evidence address.
pub const MAX_EVIDENCE_URL_CHARS: usize = 500;
/// Most concerns one recommendation may answer.
pub const MAX_CONCERNS: usize = 50;

/// A valid recommendation, as typed (trimmed). The session and the concerns are checked
/// against the database by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationInput {
    /// Id of the session that adopted it.
    pub session_id: i32,
    /// Its number within the session.
    pub number: i32,
    /// Title in French.
    pub title_fr: String,
    /// Title in English (empty: the French one is shown).
    pub title_en: String,
    /// Text in French.
    pub text_fr: String,
    /// Text in English (empty: the French one is shown).
    pub text_en: String,
    /// One of [`THEMES`].
    pub theme: String,
    /// The institution responsible for implementing it.
    pub institution: String,
    /// When it should be implemented.
    pub deadline: Option<Day>,
    /// Where it stands.
    pub status: RecommendationStatus,
    /// Ids of the concerns it answers (sorted, without repeats).
    pub concern_ids: Vec<i32>,
}

/// A valid milestone, as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneInput {
    /// What is to be done, in French.
    pub text_fr: String,
    /// In English (empty: the French one is shown).
    pub text_en: String,
    /// When.
    pub due_on: Day,
    /// A public `http(s)` address showing it was done.
    pub evidence_url: Option<String>,
}

/// A real calendar date `YYYY-MM-DD` between 2000 and 2100.
fn parse_date(value: &str) -> Option<Day> {
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

/// The ids in a list such as `12, 15 18` (commas and spaces separate them), sorted and
/// without repeats; `None` if a part is not a positive number or there are too many.
pub fn parse_concern_ids(value: &str) -> Option<Vec<i32>> {
    let mut ids = value
        .split([',', ';', ' ', '\t', '\n', '\r'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.trim_start_matches('#')
                .parse::<i32>()
                .ok()
                .filter(|id| *id > 0)
        })
        .collect::<Option<Vec<_>>>()?;
    ids.sort_unstable();
    ids.dedup();
    (ids.len() <= MAX_CONCERNS).then_some(ids)
}

/// A text box's value with browsers' `\r\n` line ends stored as `\n` (paragraphs are
/// separated by an empty line).
fn paragraphs(value: &str) -> String {
    value.replace("\r\n", "\n")
}

/// Checks that a text is present when `required` and no longer than `max`, pushing the
/// error keyed `<prefix>_missing` or `<prefix>_too_long` for `field`.
fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
    prefix: &str,
) {
    if required && value.is_empty() {
        errors.push(FieldError::new(field, &format!("{prefix}_missing")));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, &format!("{prefix}_too_long")));
    }
}

impl RecommendationInput {
    /// Checks the recommendation form.
    pub fn parse(fields: &Fields) -> Result<Self, AppError> {
        let field = |name: &str| forms::field(fields, name).trim();
        let mut errors = Vec::new();
        let session_id = field("session").parse::<i32>().ok().filter(|id| *id > 0);
        if session_id.is_none() {
            errors.push(FieldError::new("session", "recommendation_session_missing"));
        }
        let number = field("number")
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=MAX_NUMBER).contains(n));
        if number.is_none() {
            errors.push(FieldError::new("number", "recommendation_number_invalid"));
        }
        for (name, max, required, prefix) in [
            ("title_fr", MAX_TITLE_CHARS, true, "recommendation_title"),
            ("title_en", MAX_TITLE_CHARS, false, "recommendation_title"),
            ("text_fr", MAX_TEXT_CHARS, true, "recommendation_text"),
            ("text_en", MAX_TEXT_CHARS, false, "recommendation_text"),
            (
                "institution",
                MAX_INSTITUTION_CHARS,
                true,
                "recommendation_institution",
            ),
        ] {
            check_text(&mut errors, name, field(name), max, required, prefix);
        }
        let theme = field("theme");
        if !THEMES.contains(&theme) {
            errors.push(FieldError::new("theme", "recommendation_theme_missing"));
        }
        let deadline = match field("deadline") {
            "" => Ok(None),
            value => parse_date(value).map(Some).ok_or(()),
        };
        if deadline.is_err() {
            errors.push(FieldError::new(
                "deadline",
                "recommendation_deadline_invalid",
            ));
        }
        let status = RecommendationStatus::parse(field("status"));
        if status.is_none() {
            errors.push(FieldError::new("status", "recommendation_status_missing"));
        }
        let concern_ids = parse_concern_ids(field("concerns"));
        if concern_ids.is_none() {
            errors.push(FieldError::new(
                "concerns",
                "recommendation_concerns_invalid",
            ));
        }
        match (session_id, number, deadline, status, concern_ids) {
            (Some(session_id), Some(number), Ok(deadline), Some(status), Some(concern_ids))
                if errors.is_empty() =>
            {
                Ok(RecommendationInput {
                    session_id,
                    number,
                    title_fr: field("title_fr").to_string(),
                    title_en: field("title_en").to_string(),
                    text_fr: paragraphs(field("text_fr")),
                    text_en: paragraphs(field("text_en")),
                    theme: theme.to_string(),
                    institution: field("institution").to_string(),
                    deadline,
                    status,
                    concern_ids,
                })
            }
            _ => Err(AppError::Validation(errors)),
        }
    }
}

/// An `http://` or `https://` address with a host and no spaces.
fn is_web_address(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && !host.starts_with('.')
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            && !value.contains(['"', '<', '>'])
    })
}

impl MilestoneInput {
    /// Checks the milestone form.
    pub fn parse(fields: &Fields) -> Result<Self, AppError> {
        let field = |name: &str| forms::field(fields, name).trim();
        let mut errors = Vec::new();
        check_text(
            &mut errors,
            "milestone_fr",
            field("milestone_fr"),
            MAX_MILESTONE_CHARS,
            true,
            "milestone_text",
        );
        check_text(
            &mut errors,
            "milestone_en",
            field("milestone_en"),
            MAX_MILESTONE_CHARS,
            false,
            "milestone_text",
        );
        let due_on = parse_date(field("due_on"));
        if due_on.is_none() {
            errors.push(FieldError::new("due_on", "milestone_due_invalid"));
        }
        let evidence = field("evidence_url");
        if !evidence.is_empty()
            && (evidence.chars().count() > MAX_EVIDENCE_URL_CHARS || !is_web_address(evidence))
        {
            errors.push(FieldError::new(
                "evidence_url",
                "milestone_evidence_invalid",
            ));
        }
        match due_on {
            Some(due_on) if errors.is_empty() => Ok(MilestoneInput {
                text_fr: paragraphs(field("milestone_fr")),
                text_en: paragraphs(field("milestone_en")),
                due_on,
                evidence_url: Some(evidence.to_string()).filter(|e| !e.is_empty()),
            }),
            _ => Err(AppError::Validation(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn codes(error: AppError) -> Vec<(String, String)> {
        match error {
            AppError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_complete_recommendation_is_accepted_and_trimmed() {
        let input = RecommendationInput::parse(&fields(&[
            ("session", "1"),
            ("number", " 3 "),
            ("title_fr", " Sécurité des transferts "),
            ("text_fr", "Réduire les frais.\r\n\r\nPublier les tarifs."),
            ("theme", "money_transfers"),
            ("institution", "Ministère des Finances"),
            ("deadline", "2028-02-29"),
            ("status", "adopted"),
            ("concerns", "12, 4 12"),
        ]))
        .unwrap();
        assert_eq!(input.number, 3);
        assert_eq!(input.title_fr, "Sécurité des transferts");
        assert_eq!(input.title_en, "");
        assert_eq!(input.text_fr, "Réduire les frais.\n\nPublier les tarifs.");
        assert_eq!(input.concern_ids, vec![4, 12]);
        assert_eq!(input.deadline.map(|d| d.day), Some(29));
    }

    #[test]
    fn every_wrong_field_is_named_with_its_own_message() {
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        let error = RecommendationInput::parse(&fields(&[
            ("number", "0"),
            ("title_fr", &long),
            ("theme", "weather"),
            ("deadline", "2027-02-30"),
            ("status", "done"),
            ("concerns", "3, x"),
        ]))
        .unwrap_err();
        assert_eq!(
            codes(error),
            [
                ("session", "recommendation_session_missing"),
                ("number", "recommendation_number_invalid"),
                ("title_fr", "recommendation_title_too_long"),
                ("text_fr", "recommendation_text_missing"),
                ("institution", "recommendation_institution_missing"),
                ("theme", "recommendation_theme_missing"),
                ("deadline", "recommendation_deadline_invalid"),
                ("status", "recommendation_status_missing"),
                ("concerns", "recommendation_concerns_invalid"),
            ]
            .map(|(f, c)| (f.to_string(), c.to_string()))
        );
    }

    #[test]
    fn evidence_must_be_a_web_address() {
        let milestone = |url: &str| {
            MilestoneInput::parse(&fields(&[
                ("milestone_fr", "Décret signé"),
                ("due_on", "2026-06-30"),
                ("evidence_url", url),
            ]))
        };
        assert!(milestone("https://sgg-mali.ml/jo/2026/12").is_ok());
        assert_eq!(milestone("").unwrap().evidence_url, None);
        for bad in [
            "javascript:alert(1)",
            "ftp://x.ml/a",
            "https://",
            "http://a b.ml",
        ] {
            assert_eq!(
                codes(milestone(bad).unwrap_err()),
                [(
                    "evidence_url".to_string(),
                    "milestone_evidence_invalid".to_string()
                )],
                "{bad}"
            );
        }
    }

    #[test]
    fn concern_lists_accept_commas_spaces_and_hashes() {
        assert_eq!(parse_concern_ids(""), Some(vec![]));
        assert_eq!(parse_concern_ids("#7; 2,2"), Some(vec![2, 7]));
        assert_eq!(parse_concern_ids("-1"), None);
    }
}
