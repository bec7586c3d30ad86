//! Dates written out for people, in French or English, without a date library in the
//! browser bundle. Dates travel as ISO strings (`2025-12-16`).

use crate::i18n::Lang;

/// A calendar date parsed from `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl Day {
    /// Parses an ISO date; `None` if it is not one.
    pub fn parse(iso: &str) -> Option<Day> {
        let mut parts = iso.get(..10)?.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }
}

fn month_name(lang: Lang, month: u32) -> &'static str {
    let t = lang.strings();
    [
        t.month_1(),
        t.month_2(),
        t.month_3(),
        t.month_4(),
        t.month_5(),
        t.month_6(),
        t.month_7(),
        t.month_8(),
        t.month_9(),
        t.month_10(),
        t.month_11(),
        t.month_12(),
    ]
    .get(month.saturating_sub(1) as usize)
    .copied()
    .unwrap_or_default()
}

/// "16 décembre 2025" / "16 December 2025"; the input itself if it is not a date.
pub fn long_date(lang: Lang, iso: &str) -> String {
    match Day::parse(iso) {
        Some(d) => format!(
            "{} {} {}",
            ordinal_day(lang, d.day),
            month_name(lang, d.month),
            d.year
        ),
        None => iso.to_string(),
    }
}

/// "16–17 décembre 2025", "30 novembre – 2 décembre 2025", or one date when both are equal.
pub fn date_range(lang: Lang, start: &str, end: &str) -> String {
    match (Day::parse(start), Day::parse(end)) {
        (Some(s), Some(e)) if s == e => long_date(lang, start),
        (Some(s), Some(e)) if s.year == e.year && s.month == e.month => format!(
            "{}–{} {} {}",
            ordinal_day(lang, s.day),
            e.day,
            month_name(lang, e.month),
            e.year
        ),
        (Some(s), Some(e)) if s.year == e.year => format!(
            "{} {} – {} {} {}",
            ordinal_day(lang, s.day),
            month_name(lang, s.month),
            e.day,
            month_name(lang, e.month),
            e.year
        ),
        _ => format!("{} – {}", long_date(lang, start), long_date(lang, end)),
    }
}

/// French writes the first of the month as "1er".
fn ordinal_day(lang: Lang, day: u32) -> String {
    match (lang, day) {
        (Lang::Fr, 1) => "1er".to_string(),
        _ => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_session_reads_naturally_in_both_languages() {
        assert_eq!(
            date_range(Lang::Fr, "2025-12-16", "2025-12-17"),
            "16–17 décembre 2025"
        );
        assert_eq!(
            date_range(Lang::En, "2025-12-16", "2025-12-17"),
            "16–17 December 2025"
        );
    }

    #[test]
    fn ranges_across_months_and_years_name_both_ends() {
        assert_eq!(
            date_range(Lang::Fr, "2026-11-30", "2026-12-02"),
            "30 novembre – 2 décembre 2026"
        );
        assert_eq!(
            date_range(Lang::En, "2026-12-31", "2027-01-01"),
            "31 December 2026 – 1 January 2027"
        );
        assert_eq!(long_date(Lang::Fr, "2026-03-01"), "1er mars 2026");
        assert_eq!(
            date_range(Lang::En, "2026-03-01", "2026-03-01"),
            "1 March 2026"
        );
    }

    #[test]
    fn what_is_not_a_date_is_shown_as_given() {
        assert_eq!(long_date(Lang::Fr, "bientôt"), "bientôt");
        assert_eq!(Day::parse("2025-13-01"), None);
        assert_eq!(Day::parse("2025-1"), None);
    }
}
