//! Sessions of the CCMEX: shared types, and the committees' pages that create and edit
//! sessions and choose the current one (`/espace/sessions/nouvelle`, `/espace/sessions/{n}`).

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod agenda_days;
#[cfg(feature = "ssr")]
pub mod current;
mod data;
mod edit_page;
pub mod input;
pub mod time_zones;

pub use data::{
    ListedSession, NEW_SESSION_PATH, SESSIONS_PATH, SessionEditor, current_path, edit_path,
    get_agenda_outside, get_new_session, get_session_editor, get_session_list,
};
pub use edit_page::{NewSessionPage, SessionEditPage};
pub use input::{MAX_CITY_CHARS, MAX_NUMBER, MAX_TITLE_CHARS, MAX_VENUE_CHARS, SessionInput};

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionStatus {
    /// Announced, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Over.
    Held,
}

impl SessionStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Held => "held",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<SessionStatus> {
        match value {
            "planned" => Some(SessionStatus::Planned),
            "in_progress" => Some(SessionStatus::InProgress),
            "held" => Some(SessionStatus::Held),
            _ => None,
        }
    }

    /// The status as shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            SessionStatus::Planned => t.session_status_planned(),
            SessionStatus::InProgress => t.session_status_in_progress(),
            SessionStatus::Held => t.session_status_held(),
        }
    }
}

/// What the public pages show of a session, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// The session's number (1 for the first).
    pub number: i32,
    /// Its title.
    pub title: String,
    /// First day, ISO `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, ISO `YYYY-MM-DD`.
    pub ends_on: String,
    /// The venue's name.
    pub venue: String,
    /// The city.
    pub city: String,
    /// IANA time zone of the venue.
    pub time_zone: String,
    /// Where it stands.
    pub status: SessionStatus,
}

#[cfg(feature = "ssr")]
impl SessionSummary {
    /// The summary of a stored session, in `lang`.
    pub fn from_model(model: crate::entities::session::Model, lang: Lang) -> Self {
        let status = SessionStatus::parse(&model.status).unwrap_or_else(|| {
            tracing::warn!(session = model.id, status = %model.status, "unknown session status");
            SessionStatus::Planned
        });
        let (title, venue) = lang.pick(
            (model.title_fr, model.venue_fr),
            (model.title_en, model.venue_en),
        );
        SessionSummary {
            number: model.number,
            title,
            starts_on: model.starts_on.to_string(),
            ends_on: model.ends_on.to_string(),
            venue,
            city: model.city,
            time_zone: model.time_zone,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_what_it_stores() {
        for status in [
            SessionStatus::Planned,
            SessionStatus::InProgress,
            SessionStatus::Held,
        ] {
            assert_eq!(SessionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(SessionStatus::parse("HELD"), None);
    }
}
