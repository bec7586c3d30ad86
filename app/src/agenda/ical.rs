//! The public agenda as iCalendar (RFC 5545), server only: a session's feed that calendar
//! applications subscribe to, and one item to download.
//!
//! Each item keeps the same `UID` through every edit and its published version is the
//! `SEQUENCE`, so a subscribed calendar updates the event in place instead of adding one.

use super::{AgendaItem, ItemKind, ItemStatus, public};
use crate::{
    entities::{agenda_public_item, session},
    i18n::Lang,
};
use chrono::DateTime;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use sha2::{Digest, Sha256};

/// Content lines are at most this many octets, line break excluded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// How often subscribers are asked to refresh the feed (the agenda changes during the
/// session; most applications poll less often anyway).
const REFRESH: &str = "PT15M";

/// What a calendar says about its session, in the calendar's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The session's title.
    pub title: String,
    /// The venue (the second half of each event's `LOCATION`).
    pub venue: String,
    /// The venue's IANA time zone (`Africa/Bamako`).
    pub time_zone: String,
    /// The absolute address of the public agenda page, if the site's address is known.
    pub page_url: Option<String>,
}

impl SessionInfo {
    /// The session's details in `lang` (French where the English text is empty).
    pub fn of(session: &session::Model, lang: Lang) -> Self {
        let pick = |fr: &str, en: &str| match lang {
            Lang::En if !en.trim().is_empty() => en.to_string(),
            _ => fr.to_string(),
        };
        // Calendar applications cannot follow a link without the site's address.
        let page = crate::mail::link(&super::session_agenda_path(session.number));
        Self {
            title: pick(&session.title_fr, &session.title_en),
            venue: pick(&session.venue_fr, &session.venue_en),
            time_zone: session.time_zone.clone(),
            page_url: page.starts_with("http").then_some(page),
        }
    }
}

/// A public item and when its public copy last changed (the event's `DTSTAMP`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The item as published.
    pub item: AgendaItem,
    /// Last change of the public copy, Unix seconds.
    pub updated_at: i64,
}

impl Event {
    fn from_model(model: agenda_public_item::Model) -> Self {
        let updated_at = model.updated_at.timestamp();
        Self {
            item: public::to_item(model),
            updated_at,
        }
    }
}

/// A session's public items with their stamps, in agenda order (as [`public::items`]).
pub async fn session_events(
    db: &impl ConnectionTrait,
    session_id: i32,
) -> Result<Vec<Event>, DbErr> {
    Ok(public::rows(db, session_id)
        .await?
        .into_iter()
        .map(Event::from_model)
        .collect())
}

/// One public item with its session (`None` if it is not public).
pub async fn item_event(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(session::Model, Event)>, DbErr> {
    let Some(model) = agenda_public_item::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let session = session::Entity::find_by_id(model.session_id)
        .one(db)
        .await?;
    Ok(session.map(|session| (session, Event::from_model(model))))
}

/// `text` as an RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped;
/// other control characters (forbidden in TEXT) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, never
/// inside a UTF-8 character; each continuation starts with a space; CRLF line ends.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE_OCTETS * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Unix seconds as a UTC DATE-TIME (`20251216T093000Z`).
pub fn utc(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// The `UID` of an item's event: the same through every edit.
pub fn uid(id: i32) -> String {
    format!("agenda-item-{id}@ccmex.ml")
}

/// A weak validator of a calendar's text (the same body compressed or not).
pub fn etag(body: &str) -> String {
    let hash = Sha256::digest(body.as_bytes());
    let hex: String = hash[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// The session's feed: every public item, in `lang`.
pub fn feed(session: &SessionInfo, events: &[Event], lang: Lang) -> String {
    document(session, events, lang, true)
}

/// One item as a calendar to import (no calendar name, so it joins the reader's own).
pub fn single(session: &SessionInfo, event: &Event, lang: Lang) -> String {
    document(session, std::slice::from_ref(event), lang, false)
}

/// The lines of a calendar being written.
struct Lines(String);

impl Lines {
    fn raw(&mut self, name: &str, value: &str) {
        self.0.push_str(&fold(&format!("{name}:{value}")));
    }

    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape(value));
    }
}

fn document(session: &SessionInfo, events: &[Event], lang: Lang, subscribed: bool) -> String {
    let mut lines = Lines(String::new());
    lines.raw("BEGIN", "VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.raw("PRODID", "-//CCMEX//Agenda//FR");
    lines.raw("CALSCALE", "GREGORIAN");
    lines.raw("METHOD", "PUBLISH");
    if subscribed {
        lines.text("X-WR-CALNAME", &session.title);
        lines.text("X-WR-TIMEZONE", &session.time_zone);
        lines.raw("REFRESH-INTERVAL;VALUE=DURATION", REFRESH);
        lines.raw("X-PUBLISHED-TTL", REFRESH);
    }
    for event in events {
        write_event(&mut lines, session, event, lang);
    }
    lines.raw("END", "VCALENDAR");
    lines.0
}

fn write_event(lines: &mut Lines, session: &SessionInfo, event: &Event, lang: Lang) {
    let item = &event.item;
    let t = lang.strings();
    // French typography puts a space before a colon.
    let colon = lang.pick(" : ", ": ");
    let status = item.item_status();
    let summary = match status {
        ItemStatus::Postponed => format!("{}{colon}{}", status.label(lang), item.title(lang)),
        _ => item.title(lang).to_string(),
    };
    let mut description = Vec::new();
    if let Some(text) = item.description(lang) {
        description.push(text.trim().to_string());
    }
    if let Some(speakers) = item
        .speakers
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        description.push(format!("{}{colon}{speakers}", t.agenda_speakers()));
    }
    let location = [item.room.as_deref(), Some(session.venue.as_str())]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");

    lines.raw("BEGIN", "VEVENT");
    lines.raw("UID", &uid(item.id));
    lines.raw("DTSTAMP", &utc(event.updated_at));
    lines.raw("DTSTART", &utc(item.starts_at));
    lines.raw("DTEND", &utc(item.ends_at.max(item.starts_at)));
    lines.raw("SEQUENCE", &item.version.max(0).to_string());
    lines.text("SUMMARY", &summary);
    if !description.is_empty() {
        lines.text("DESCRIPTION", &description.join("\n\n"));
    }
    if !location.is_empty() {
        lines.text("LOCATION", &location);
    }
    if let Some(kind) = ItemKind::parse(&item.kind) {
        lines.text("CATEGORIES", kind.label(lang));
    }
    let cancelled = status == ItemStatus::Cancelled;
    lines.raw("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
    if let Some(url) = &session.page_url {
        // The agenda page titles each item with this id.
        lines.raw("URL", &format!("{url}#agenda-item-{}", item.id));
    }
    lines.raw("END", "VEVENT");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(status: ItemStatus) -> Event {
        Event {
            item: AgendaItem {
                id: 7,
                position: 1,
                starts_at: 1_765_877_400,
                ends_at: 1_765_881_000,
                kind: "plenary".into(),
                theme: None,
                title_fr: "Séance plénière ; débat, vote".into(),
                title_en: "Plenary sitting".into(),
                description_fr: Some("Ligne 1\r\nLigne 2 \\ fin".into()),
                description_en: None,
                room: Some("Salle 1".into()),
                speakers: Some("Awa Diarra, Moussa Traoré".into()),
                status: status.as_str().into(),
                version: 3,
            },
            updated_at: 1_765_800_000,
        }
    }

    fn session() -> SessionInfo {
        SessionInfo {
            title: "Première session du CCMEX".into(),
            venue: "CICB".into(),
            time_zone: "Africa/Bamako".into(),
            page_url: Some("https://ccmex.ml/sessions/1/agenda".into()),
        }
    }

    #[test]
    fn text_escapes_the_characters_rfc_5545_reserves() {
        assert_eq!(escape(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(escape("tab\tand\u{7}bell: kept"), "tab\tandbell: kept");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(100) + &"€".repeat(40));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 3);
        for (i, part) in physical.iter().enumerate() {
            assert!(part.len() <= 75, "line {i} has {} octets", part.len());
            assert_eq!(
                i > 0,
                part.starts_with(' '),
                "continuations start with a space"
            );
        }
        // The first line is full up to the last whole character: 8 + 33 × 2 = 74 octets.
        assert_eq!(physical[0].len(), 74);
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn an_event_carries_its_stable_uid_times_in_utc_and_version() {
        let text = feed(&session(), &[event(ItemStatus::Scheduled)], Lang::Fr);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        for line in [
            "PRODID:-//CCMEX//Agenda//FR",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Première session du CCMEX",
            "X-WR-TIMEZONE:Africa/Bamako",
            "UID:agenda-item-7@ccmex.ml",
            "DTSTAMP:20251215T120000Z",
            "DTSTART:20251216T093000Z",
            "DTEND:20251216T103000Z",
            "SEQUENCE:3",
            r"SUMMARY:Séance plénière \; débat\, vote",
            r"LOCATION:Salle 1\, CICB",
            "CATEGORIES:Plénière",
            "STATUS:CONFIRMED",
            "URL:https://ccmex.ml/sessions/1/agenda#agenda-item-7",
        ] {
            assert!(
                text.contains(&format!("\r\n{line}\r\n")),
                "{line} in {text}"
            );
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(
            r"DESCRIPTION:Ligne 1\nLigne 2 \\ fin\n\nIntervenants : Awa Diarra\, Moussa Traoré"
        ));
        assert!(text.lines().all(|l| l.len() <= 75), "folded: {text}");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn cancelled_and_postponed_items_say_so_in_the_reader_s_language() {
        let cancelled = single(&session(), &event(ItemStatus::Cancelled), Lang::En);
        assert!(cancelled.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(cancelled.contains("\r\nSUMMARY:Plenary sitting\r\n"));
        assert!(
            !cancelled.contains("X-WR-CALNAME"),
            "a download joins the reader's calendar"
        );
        let postponed = feed(&session(), &[event(ItemStatus::Postponed)], Lang::En);
        assert!(postponed.contains("\r\nSTATUS:CONFIRMED\r\n"));
        assert!(postponed.contains("\r\nSUMMARY:Postponed: Plenary sitting\r\n"));
    }

    #[test]
    fn the_validator_follows_the_text() {
        assert_eq!(etag("a"), etag("a"));
        assert_ne!(etag("a"), etag("b"));
        assert!(etag("a").starts_with("W/\""));
    }
}
