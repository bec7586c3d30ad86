//! What the browser and the server share about the agenda: kinds, statuses, the public
//! item, the live message and the changelog entry.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// Official ceremony (opening…).
    Ceremony,
    /// Plenary sitting.
    Plenary,
    /// Panel discussion.
    Panel,
    /// Workshop in parallel rooms.
    Workshop,
    /// Break, meal or registration.
    Break,
    /// Closing.
    Closing,
}

impl ItemKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Ceremony,
        ItemKind::Plenary,
        ItemKind::Panel,
        ItemKind::Workshop,
        ItemKind::Break,
        ItemKind::Closing,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Ceremony => "ceremony",
            ItemKind::Plenary => "plenary",
            ItemKind::Panel => "panel",
            ItemKind::Workshop => "workshop",
            ItemKind::Break => "break",
            ItemKind::Closing => "closing",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The kind as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            ItemKind::Ceremony => t.agenda_kind_ceremony(),
            ItemKind::Plenary => t.agenda_kind_plenary(),
            ItemKind::Panel => t.agenda_kind_panel(),
            ItemKind::Workshop => t.agenda_kind_workshop(),
            ItemKind::Break => t.agenda_kind_break(),
            ItemKind::Closing => t.agenda_kind_closing(),
        }
    }
}

/// Where an item stands during the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    /// Planned.
    Scheduled,
    /// Under way now.
    InProgress,
    /// Over.
    Done,
    /// Moved to a later time.
    Postponed,
    /// Will not take place.
    Cancelled,
}

impl ItemStatus {
    /// Every status, in the order forms list them.
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Scheduled,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::Postponed,
        ItemStatus::Cancelled,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Scheduled => "scheduled",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::Postponed => "postponed",
            ItemStatus::Cancelled => "cancelled",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The status as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            ItemStatus::Scheduled => t.agenda_status_scheduled(),
            ItemStatus::InProgress => t.agenda_status_in_progress(),
            ItemStatus::Done => t.agenda_status_done(),
            ItemStatus::Postponed => t.agenda_status_postponed(),
            ItemStatus::Cancelled => t.agenda_status_cancelled(),
        }
    }
}

/// One item of a public agenda, in both languages (live messages serve every reader).
/// Times are Unix seconds (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Same id as the committees' working copy.
    pub id: i32,
    /// Order within the session (ties on the start time).
    pub position: i32,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// `ItemKind` stored value.
    pub kind: String,
    /// Theme key (see `concerns::THEMES`), if any.
    pub theme: Option<String>,
    /// Title in French.
    pub title_fr: String,
    /// Title in English.
    pub title_en: String,
    /// Description in French.
    pub description_fr: Option<String>,
    /// Description in English.
    pub description_en: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Speakers, comma-separated.
    pub speakers: Option<String>,
    /// `ItemStatus` stored value.
    pub status: String,
    /// The published version (iCalendar SEQUENCE).
    pub version: i32,
}

impl AgendaItem {
    /// The title in `lang` (French when the English one is empty).
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.title_en.trim().is_empty() => &self.title_en,
            _ => &self.title_fr,
        }
    }

    /// The description in `lang`, if any (French when the English one is empty).
    pub fn description(&self, lang: Lang) -> Option<&str> {
        let english = self
            .description_en
            .as_deref()
            .filter(|d| !d.trim().is_empty());
        let french = self
            .description_fr
            .as_deref()
            .filter(|d| !d.trim().is_empty());
        match lang {
            Lang::En => english.or(french),
            Lang::Fr => french,
        }
    }

    /// The parsed status (scheduled if unknown).
    pub fn item_status(&self) -> ItemStatus {
        ItemStatus::parse(&self.status).unwrap_or(ItemStatus::Scheduled)
    }
}

/// A session's public agenda as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaView {
    /// The session.
    pub session: crate::sessions::SessionSummary,
    /// The venue's offset from UTC, in minutes, during the session.
    pub offset_minutes: i32,
    /// Items in order (start time, then position).
    pub items: Vec<AgendaItem>,
    /// The last change's sequence number: the live stream resumes after it.
    pub seq: i64,
    /// When the public agenda last changed, Unix seconds (0 if never).
    pub updated_at: i64,
    /// The server's clock when the page was made, Unix seconds: the page marks the item
    /// under way from it until the browser's own clock takes over.
    pub now: i64,
}

/// What the live stream sends: the items that changed since `seq`'s predecessor, as they
/// now are, and those no longer public. `reset` means "this is the whole agenda".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveMessage {
    /// The sequence number reached; the viewer resumes after it.
    pub seq: i64,
    /// Items added or changed, as they now are.
    pub items: Vec<AgendaItem>,
    /// Ids of items no longer public.
    pub removed: Vec<i32>,
    /// Whether `items` is the whole agenda (the viewer replaces what it has).
    pub reset: bool,
    /// When this change was made, Unix milliseconds (server clock).
    pub at_ms: i64,
}

/// What happened to an item in one changelog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// Newly public.
    Added,
    /// Changed (the fields say which).
    Changed,
    /// No longer on the agenda.
    Removed,
    /// Its status changed (started, finished, postponed…).
    Status,
}

/// One line of the public changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEntry {
    /// The item.
    pub item_id: i32,
    /// What happened.
    pub kind: ChangeKind,
    /// Its title in French at the time.
    pub title_fr: String,
    /// Its title in English at the time.
    pub title_en: String,
    /// Fields that changed (`starts_at`, `room`…), for `Changed`.
    pub fields: Vec<String>,
    /// The new status, for `Status`.
    pub status: Option<String>,
}

/// One publication or status change, as `/agenda/changements` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    /// When, Unix seconds.
    pub at: i64,
    /// What changed.
    pub entries: Vec<ChangeEntry>,
}

/// A session's changelog as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLog {
    /// The session.
    pub session: crate::sessions::SessionSummary,
    /// The venue's offset from UTC, in minutes.
    pub offset_minutes: i32,
    /// Publications and status changes, newest first.
    pub changes: Vec<ChangeSet>,
}

/// `2025-12-16T09:30:00Z` for `unix` seconds: the `datetime` of a `<time>`.
pub fn iso_utc(unix: i64) -> String {
    format!(
        "{}T{}:{:02}Z",
        iso_day(unix, 0),
        clock(unix, 0),
        unix.rem_euclid(60)
    )
}

/// Hours and minutes of `unix` seconds shifted by `offset_minutes`: "09:30".
pub fn clock(unix: i64, offset_minutes: i32) -> String {
    let local = unix + i64::from(offset_minutes) * 60;
    let minutes = local.div_euclid(60).rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The ISO day (`YYYY-MM-DD`) of `unix` seconds shifted by `offset_minutes`.
pub fn iso_day(unix: i64, offset_minutes: i32) -> String {
    let local = unix + i64::from(offset_minutes) * 60;
    let days = local.div_euclid(86_400);
    // Civil-from-days (Howard Hinnant), valid for the whole proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// "UTC", "UTC+1", "UTC−5:30".
pub fn utc_label(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_minutes > 0 { '+' } else { '−' };
    let abs = offset_minutes.unsigned_abs();
    match abs % 60 {
        0 => format!("UTC{sign}{}", abs / 60),
        m => format!("UTC{sign}{}:{m:02}", abs / 60),
    }
}

/// When an item happens and in what state: what marks the item under way and the next one,
/// read from the items on the server and from the page's markup in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The item's id.
    pub id: i32,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// Its status.
    pub status: ItemStatus,
}

impl AgendaItem {
    /// When it happens and in what state.
    pub fn slot(&self) -> Slot {
        Slot {
            id: self.id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            status: self.item_status(),
        }
    }
}

/// Which item is under way and which comes next, at `now` (Unix seconds): the item marked
/// in progress wins; otherwise the one whose time range holds `now`. The next is the first
/// scheduled item that starts after it (or after `now`).
pub fn now_and_next(items: &[Slot], now: i64) -> (Option<i32>, Option<i32>) {
    let live = |item: &&Slot| {
        !matches!(
            item.status,
            ItemStatus::Cancelled | ItemStatus::Postponed | ItemStatus::Done
        )
    };
    let current = items
        .iter()
        .find(|i| i.status == ItemStatus::InProgress)
        .or_else(|| {
            items
                .iter()
                .filter(live)
                .find(|i| i.starts_at <= now && now < i.ends_at)
        });
    let after = current.map_or(now, |c| c.starts_at);
    let next = items
        .iter()
        .filter(|i| i.status == ItemStatus::Scheduled)
        .filter(|i| Some(i.id) != current.map(|c| c.id))
        .find(|i| i.starts_at > after || (current.is_some() && i.starts_at >= after));
    (current.map(|c| c.id), next.map(|n| n.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_day_follow_the_offset() {
        // 2025-12-16T09:30:00Z
        let t = 1_765_877_400;
        assert_eq!(clock(t, 0), "09:30");
        assert_eq!(clock(t, 60), "10:30");
        assert_eq!(clock(t, -600), "23:30");
        assert_eq!(iso_day(t, 0), "2025-12-16");
        assert_eq!(iso_day(t, -600), "2025-12-15");
        assert_eq!(iso_day(0, 0), "1970-01-01");
        assert_eq!(iso_day(951_782_400, 0), "2000-02-29");
    }

    #[test]
    fn utc_labels_read_as_offsets() {
        assert_eq!(utc_label(0), "UTC");
        assert_eq!(utc_label(60), "UTC+1");
        assert_eq!(utc_label(-330), "UTC−5:30");
    }

    fn item(id: i32, start: i64, end: i64, status: ItemStatus) -> AgendaItem {
        AgendaItem {
            id,
            position: id,
            starts_at: start,
            ends_at: end,
            kind: "plenary".into(),
            theme: None,
            title_fr: format!("t{id}"),
            title_en: String::new(),
            description_fr: None,
            description_en: None,
            room: None,
            speakers: None,
            status: status.as_str().into(),
            version: 1,
        }
    }

    #[test]
    fn the_marked_item_is_current_and_the_next_scheduled_follows() {
        let items = [
            item(1, 0, 100, ItemStatus::Done),
            item(2, 100, 200, ItemStatus::InProgress),
            item(3, 200, 300, ItemStatus::Cancelled),
            item(4, 300, 400, ItemStatus::Scheduled),
        ];
        let items: Vec<Slot> = items.iter().map(AgendaItem::slot).collect();
        assert_eq!(now_and_next(&items, 50), (Some(2), Some(4)));
        let idle = [
            item(1, 0, 100, ItemStatus::Scheduled),
            item(2, 100, 200, ItemStatus::Scheduled),
        ];
        let idle: Vec<Slot> = idle.iter().map(AgendaItem::slot).collect();
        assert_eq!(now_and_next(&idle, 50), (Some(1), Some(2)));
        assert_eq!(now_and_next(&idle, -10), (None, Some(1)));
        assert_eq!(title_en_falls_back(), "t1");
    }

    fn title_en_falls_back() -> String {
        item(1, 0, 1, ItemStatus::Scheduled)
            .title(Lang::En)
            .to_string()
    }
}
