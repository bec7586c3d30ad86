//! The agenda of each session: committees edit a draft and publish it; everyone follows
//! the public agenda live (server-sent events), as a calendar feed, in print and offline.
//!
//! Storage: `agenda_items` is the committees' working copy, `agenda_public_items` what the
//! public sees, `agenda_changes` the public changelog and `agenda_events` the numbered
//! changes a reconnecting viewer catches up on (see migration 000006).

mod types;

// The committees' editor at `/espace/agenda`.
#[cfg(feature = "ssr")]
pub mod editor;
mod editor_checks;
mod editor_conflict;
mod editor_data;
mod editor_drafts;
mod editor_edit;
mod editor_fields;
mod editor_form;
mod editor_page;
mod editor_row;
mod editor_state;
#[cfg(feature = "ssr")]
mod editor_store;
#[cfg(feature = "ssr")]
pub mod editor_timeline;
pub mod input;
pub use changes_page::ChangesPage;
pub use data::{get_agenda, get_changes};
pub use editor_checks::{Warning, WarningKind, speakers, warnings};
use editor_conflict::EditPanel;
pub use editor_data::{
    EditorItem, EditorView, MoveDirection, Saved, SessionOption, create_agenda_item,
    delete_agenda_item, duplicate_agenda_item, get_agenda_editor, get_agenda_editor_item,
    move_agenda_item, publish_agenda, restore_agenda_item, set_agenda_item_status,
    update_agenda_item,
};
use editor_edit::edit_prefix;
use editor_fields::FieldForm;
use editor_form::ItemForm;
pub use editor_page::EditorPage;
use editor_row::{ItemRow, Row};
use editor_state::{Editor, Notice, delete_button_id, edit_button_id, handle_id};
pub use input::{
    ItemFields, ItemInput, MAX_DESCRIPTION_CHARS, MAX_ROOM_CHARS, MAX_SPEAKERS_CHARS,
    MAX_TITLE_CHARS, THEMES, days_between, theme_label,
};
pub use page::{AgendaPage, LiveAgenda, LiveState, SessionAgendaPage};
pub use types::*;

mod changes_page;
mod data;
#[cfg(feature = "ssr")]
pub mod ical;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "hydrate")]
mod live_client;
mod page;
#[cfg(feature = "ssr")]
pub mod public;

/// The current session's public agenda.
pub const AGENDA_PATH: &str = "/agenda";
/// The public changelog of the current session's agenda.
pub const CHANGES_PATH: &str = "/agenda/changements";
/// The committees' editor.
pub const EDITOR_PATH: &str = "/espace/agenda";

/// `/sessions/{number}/agenda`: one session's public agenda.
pub fn session_agenda_path(number: i32) -> String {
    format!("/sessions/{number}/agenda")
}

/// `/sessions/{number}/agenda/direct`: the live stream (server-sent events) of its changes.
pub fn live_path(number: i32) -> String {
    format!("/sessions/{number}/agenda/direct")
}

/// `/sessions/{number}/agenda.ics`: the subscribable calendar of a session.
pub fn calendar_path(number: i32) -> String {
    format!("/sessions/{number}/agenda.ics")
}

/// `/agenda/elements/{id}.ics`: one item, to add to a calendar.
pub fn item_calendar_path(id: i32) -> String {
    format!("/agenda/elements/{id}.ics")
}
