//! What pages show of concerns, and the server functions that load it.

use crate::{error::AppError, i18n::Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a concern stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConcernStatus {
    /// Submitted, not yet moderated (not public).
    Pending,
    /// Public.
    Published,
    /// Refused by a moderator, with a reason (not public).
    Hidden,
    /// A duplicate folded into another concern (not public itself).
    Merged,
}

impl ConcernStatus {
    /// Every status, in moderation order.
    pub const ALL: [ConcernStatus; 4] = [
        ConcernStatus::Pending,
        ConcernStatus::Published,
        ConcernStatus::Hidden,
        ConcernStatus::Merged,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ConcernStatus::Pending => "pending",
            ConcernStatus::Published => "published",
            ConcernStatus::Hidden => "hidden",
            ConcernStatus::Merged => "merged",
        }
    }

    /// Reads a stored value.
    pub fn parse(value: &str) -> Option<ConcernStatus> {
        ConcernStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The status as shown to moderators.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            ConcernStatus::Pending => t.concern_status_pending(),
            ConcernStatus::Published => t.concern_status_published(),
            ConcernStatus::Hidden => t.concern_status_hidden(),
            ConcernStatus::Merged => t.concern_status_merged(),
        }
    }
}

/// A published concern as anyone may see it: never its contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicConcern {
    /// Stable id.
    pub id: i32,
    /// Theme (stored value).
    pub theme: String,
    /// ISO code of the country of residence.
    pub country_code: String,
    /// The concern.
    pub body: String,
    /// The organisation that raised it, if named.
    pub organisation: Option<String>,
    /// Day it was published, `YYYY-MM-DD`.
    pub published_on: String,
    /// How many duplicates were merged into it (people who raised the same thing).
    pub merged_count: u64,
    /// Published recommendations that answer it: `(id, number)`.
    pub answered_by: Vec<(i32, i32)>,
}

/// The public list's filters (`?theme=&pays=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernFilter {
    /// Only this theme.
    pub theme: Option<String>,
    /// Only this country (ISO code).
    pub country: Option<String>,
    /// 1-based page.
    pub page: u64,
}

/// One page of published concerns, with counts over every published concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernPage {
    /// This page's concerns, newest first.
    pub concerns: Vec<PublicConcern>,
    /// Concerns matching the filters.
    pub total: u64,
    /// Pages in all (at least 1).
    pub pages: u64,
    /// The page shown.
    pub page: u64,
    /// Published concerns per theme (every theme, in [`super::THEMES`] order).
    pub by_theme: Vec<(String, u64)>,
    /// Published concerns per country (ISO code), most first.
    pub by_country: Vec<(String, u64)>,
}

/// A concern as moderators see it, contact included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedConcern {
    /// Id.
    pub id: i32,
    /// Theme (stored value).
    pub theme: String,
    /// ISO code.
    pub country_code: String,
    /// The concern.
    pub body: String,
    /// Organisation, if named.
    pub organisation: Option<String>,
    /// Contact for a reply, if given.
    pub contact: Option<String>,
    /// Status.
    pub status: ConcernStatus,
    /// Why it was hidden.
    pub hidden_reason: Option<String>,
    /// The concern it was merged into.
    pub merged_into: Option<i32>,
    /// Submitted, `YYYY-MM-DD HH:MM` UTC.
    pub submitted_at: String,
}

/// The moderation list's filters (`?statut=&q=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationFilter {
    /// Only this status (pending when absent).
    pub status: Option<ConcernStatus>,
    /// Accent-insensitive search in the text and organisation.
    pub query: Option<String>,
    /// 1-based page.
    pub page: u64,
}

/// One page of the moderation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationPage {
    /// The concerns, oldest first (first come, first moderated).
    pub concerns: Vec<ModeratedConcern>,
    /// Concerns matching.
    pub total: u64,
    /// Pages in all.
    pub pages: u64,
    /// The page shown.
    pub page: u64,
    /// Concerns per status, in [`ConcernStatus::ALL`] order.
    pub counts: Vec<(ConcernStatus, u64)>,
}

/// Published concerns (anyone).
#[server(endpoint = "concerns")]
pub async fn get_public_concerns(filter: ConcernFilter) -> Result<ConcernPage, AppError> {
    let db = crate::state::db()?;
    super::service::public_page(&db, &filter)
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// The moderation list (reviewers and committees).
#[server(endpoint = "concerns-moderation")]
pub async fn get_moderation(filter: ModerationFilter) -> Result<ModerationPage, AppError> {
    let db = crate::state::db()?;
    super::service::moderation_page(&db, crate::accounts::auth::current(), &filter)
        .await
        .map_err(AppError::respond)
}

/// One concern as moderators see it (reviewers and committees).
#[server(endpoint = "concern-moderated")]
pub async fn get_moderated_concern(id: i32) -> Result<ModeratedConcern, AppError> {
    let db = crate::state::db()?;
    super::service::moderated_one(&db, crate::accounts::auth::current(), id)
        .await
        .map_err(AppError::respond)
}
