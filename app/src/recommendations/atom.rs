//! The Atom feed of published recommendations (server only): one entry per
//! recommendation, newest change first, with a stable id.

use super::{PUBLIC_PATH, RecommendationStatus, open_data::OpenRecommendation};
use crate::i18n::{Lang, fill};

/// The feed's own id.
pub const FEED_ID: &str = "urn:ccmex:recommendations";

/// `text` with the five XML special characters escaped (safe in text and attributes), and
/// the characters XML 1.0 forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The entry's summary: status and progress, in `lang`.
fn summary(row: &OpenRecommendation, lang: Lang) -> String {
    let t = lang.strings();
    let status =
        RecommendationStatus::parse(&row.status).map_or(row.status.as_str(), |s| s.label(lang));
    let progress = fill(
        &fill(
            &fill(
                t.recommendation_progress_text(),
                "done",
                &row.milestones_done.to_string(),
            ),
            "total",
            &row.milestones_total.to_string(),
        ),
        "percent",
        &row.progress_percent.to_string(),
    );
    let mut text = fill(
        &fill(t.recommendation_feed_summary(), "status", status),
        "progress",
        &progress,
    );
    if row.overdue {
        text.push_str(&format!(" {}", t.recommendation_overdue()));
    }
    text
}

/// The feed of `rows` (the open data rows), in `lang`, newest change first. Links are
/// relative to the site (Atom resolves them against the feed's address).
pub fn render(rows: &[OpenRecommendation], lang: Lang) -> String {
    let t = lang.strings();
    let mut rows: Vec<&OpenRecommendation> = rows.iter().collect();
    // RFC 3339 UTC timestamps of one format sort as text.
    rows.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
    let updated = rows
        .first()
        .map_or("1970-01-01T00:00:00Z", |r| r.updated_at.as_str());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <id>{FEED_ID}</id>\n<title>{}</title>\n<subtitle>{}</subtitle>\n<updated>{}</updated>\n\
         <author><name>{}</name></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{PUBLIC_PATH}\"/>\n",
        lang.code(),
        escape(t.recommendations_feed_title()),
        escape(t.recommendations_intro()),
        escape(updated),
        escape(t.site_full_name()),
        escape(super::FEED_PATH),
    );
    for row in rows {
        let title = if lang == Lang::En && !row.title_en.is_empty() {
            &row.title_en
        } else {
            &row.title_fr
        };
        let heading = fill(
            &fill(
                t.recommendation_number(),
                "session",
                &row.session.to_string(),
            ),
            "number",
            &row.number.to_string(),
        );
        xml.push_str(&format!(
            "<entry>\n<id>urn:ccmex:recommendation:{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
             <published>{}</published>\n<link rel=\"alternate\" type=\"text/html\" href=\"{PUBLIC_PATH}/{}\"/>\n\
             <category term=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            row.id,
            escape(&format!("{heading} — {title}")),
            escape(&row.updated_at),
            escape(&row.published_at),
            row.id,
            escape(&row.theme),
            escape(&summary(row, lang)),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_texts_is_escaped() {
        assert_eq!(
            escape("<b>\"Tom\" & 'Jerry'</b>\u{1}"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;"
        );
    }
}
