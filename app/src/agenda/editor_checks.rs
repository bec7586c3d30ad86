//! Warnings of the agenda editor (not errors: a committee may keep them): two items in the
//! same room at overlapping times, or one speaker in two overlapping items. Computed by the
//! server for the whole session; shared so the browser could compute them too.

use super::{EditorItem, ItemStatus};
use serde::{Deserialize, Serialize};

/// What two overlapping items have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WarningKind {
    /// The same room.
    Room,
    /// The same speaker.
    Speaker,
}

/// Two items of the session that overlap in time and share a room or a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Warning {
    /// Room or speaker.
    pub kind: WarningKind,
    /// The two items, the earlier (in the editor's order) first.
    pub items: [i32; 2],
    /// The room or the speaker, as typed in the first item.
    pub subject: String,
}

impl Warning {
    /// The other item of the pair, if `id` is one of them.
    pub fn other_than(&self, id: i32) -> Option<i32> {
        match self.items {
            [a, b] if a == id => Some(b),
            [a, b] if b == id => Some(a),
            _ => None,
        }
    }
}

/// The speakers of an item: split on `,` and `;`, trimmed, blanks dropped.
pub fn speakers(value: &str) -> Vec<&str> {
    value
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A value compared without regard to case or surrounding spaces.
fn key(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Whether an item takes place: not deleted in the draft, not cancelled.
fn takes_place(item: &EditorItem) -> bool {
    !item.removed && ItemStatus::parse(&item.status) != Some(ItemStatus::Cancelled)
}

/// Every room and speaker clash among `items` (in the order of `items`).
pub fn warnings(items: &[EditorItem]) -> Vec<Warning> {
    let live: Vec<&EditorItem> = items.iter().filter(|i| takes_place(i)).collect();
    let mut found = Vec::new();
    for (n, a) in live.iter().enumerate() {
        for b in &live[n + 1..] {
            if !(a.starts_at < b.ends_at && b.starts_at < a.ends_at) {
                continue;
            }
            let room = a.fields.room.trim();
            if !room.is_empty() && key(room) == key(&b.fields.room) {
                found.push(Warning {
                    kind: WarningKind::Room,
                    items: [a.id, b.id],
                    subject: room.to_string(),
                });
            }
            let theirs: Vec<String> = speakers(&b.fields.speakers).into_iter().map(key).collect();
            let mut seen = Vec::new();
            for speaker in speakers(&a.fields.speakers) {
                let k = key(speaker);
                if theirs.contains(&k) && !seen.contains(&k) {
                    found.push(Warning {
                        kind: WarningKind::Speaker,
                        items: [a.id, b.id],
                        subject: speaker.to_string(),
                    });
                    seen.push(k);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::ItemFields;

    fn item(id: i32, start: i64, end: i64, room: &str, speakers: &str) -> EditorItem {
        EditorItem {
            id,
            position: id,
            version: 1,
            starts_at: start,
            ends_at: end,
            fields: ItemFields {
                room: room.into(),
                speakers: speakers.into(),
                ..ItemFields::default()
            },
            status: "scheduled".into(),
            public: true,
            published: true,
            removed: false,
        }
    }

    #[test]
    fn overlapping_items_in_one_room_or_with_one_speaker_are_reported() {
        let items = vec![
            item(1, 0, 100, "Salle 1000", "Awa Traoré; M. Sylla"),
            item(2, 50, 150, " salle 1000 ", "m. sylla , Ina Keita"),
            // Touching, not overlapping.
            item(3, 150, 200, "Salle 1000", "Ina Keita"),
        ];
        assert_eq!(
            warnings(&items),
            vec![
                Warning {
                    kind: WarningKind::Room,
                    items: [1, 2],
                    subject: "Salle 1000".into()
                },
                Warning {
                    kind: WarningKind::Speaker,
                    items: [1, 2],
                    subject: "M. Sylla".into()
                },
            ]
        );
        assert_eq!(warnings(&items)[0].other_than(2), Some(1));
    }

    #[test]
    fn cancelled_and_deleted_items_clash_with_nothing() {
        let mut cancelled = item(2, 0, 100, "Salle 1000", "");
        cancelled.status = "cancelled".into();
        let mut removed = item(3, 0, 100, "Salle 1000", "");
        removed.removed = true;
        let items = vec![item(1, 0, 100, "Salle 1000", ""), cancelled, removed];
        assert!(warnings(&items).is_empty());
    }
}
