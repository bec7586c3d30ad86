//! What the pages show of recommendations, and the server functions that load it.

use super::RecommendationStatus;
use crate::{concerns::PublicConcern, error::AppError, i18n::Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How far a recommendation's implementation has come: derived from its milestones, never
/// typed by anyone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Milestones done.
    pub done: u32,
    /// Milestones in all.
    pub total: u32,
}

impl Progress {
    /// Done milestones as a whole percentage, rounded down (0 without milestones).
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The public list's filters (`?session=&theme=&statut=&institution=&q=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationFilter {
    /// Only this session (its number).
    pub session: Option<i32>,
    /// Only this theme.
    pub theme: Option<String>,
    /// Only this status (stored value).
    pub status: Option<String>,
    /// Only this institution (exact name).
    pub institution: Option<String>,
    /// Accent- and case-insensitive search in the number, titles, texts and institution.
    pub query: Option<String>,
    /// 1-based page.
    pub page: u64,
}

/// One row of the public list, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationRow {
    /// Id.
    pub id: i32,
    /// Number of the session that adopted it.
    pub session_number: i32,
    /// Number within the session.
    pub number: i32,
    /// Title.
    pub title: String,
    /// Theme (stored value).
    pub theme: String,
    /// Where it stands.
    pub status: RecommendationStatus,
    /// Institution responsible.
    pub institution: String,
    /// Deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// Past its deadline and not finished.
    pub overdue: bool,
    /// Derived from its milestones.
    pub progress: Progress,
}

/// Counts over every published recommendation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Adopted, not yet under way.
    pub adopted: u64,
    /// Being implemented.
    pub in_progress: u64,
    /// Implemented.
    pub implemented: u64,
    /// Past their deadline and not finished.
    pub overdue: u64,
}

/// A session as filters and forms offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionChoice {
    /// Id.
    pub id: i32,
    /// Number (1 for the first).
    pub number: i32,
    /// Title in the reader's language.
    pub title: String,
}

/// One page of the public list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationList {
    /// This page's recommendations, by session then number.
    pub rows: Vec<RecommendationRow>,
    /// Recommendations matching the filters.
    pub total: u64,
    /// The page shown.
    pub page: u64,
    /// Pages in all (at least 1).
    pub pages: u64,
    /// Counts over every published recommendation, whatever the filters.
    pub figures: Figures,
    /// Every session, for the filter.
    pub sessions: Vec<SessionChoice>,
    /// Institutions of published recommendations, for the filter.
    pub institutions: Vec<String>,
}

/// A milestone as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    /// What is to be done, in the reader's language.
    pub text: String,
    /// When, `YYYY-MM-DD`.
    pub due_on: String,
    /// Whether it is done.
    pub done: bool,
    /// The day it was marked done, `YYYY-MM-DD`.
    pub done_on: Option<String>,
    /// A public address showing it was done.
    pub evidence_url: Option<String>,
}

/// A published recommendation, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationView {
    /// The row's facts (title, status, deadline, progress…).
    pub row: RecommendationRow,
    /// The session's title.
    pub session_title: String,
    /// The full text.
    pub text: String,
    /// Milestones, by due date.
    pub milestones: Vec<MilestoneView>,
    /// The published concerns it answers.
    pub concerns: Vec<PublicConcern>,
    /// The day of its last change or its milestones' (`YYYY-MM-DD`).
    pub last_change: String,
}

/// A row of the committees' list (drafts included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorRow {
    /// Id.
    pub id: i32,
    /// Session number.
    pub session_number: i32,
    /// Number within the session.
    pub number: i32,
    /// French title.
    pub title_fr: String,
    /// Where it stands.
    pub status: RecommendationStatus,
    /// Whether the public sees it.
    pub published: bool,
    /// Past its deadline and not finished.
    pub overdue: bool,
    /// Derived from its milestones.
    pub progress: Progress,
}

/// A milestone as the committees edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorMilestone {
    /// Id.
    pub id: i32,
    /// French text.
    pub text_fr: String,
    /// English text.
    pub text_en: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    /// Evidence address, or `""`.
    pub evidence_url: String,
    /// Whether it is done.
    pub done: bool,
    /// The day it was marked done.
    pub done_on: Option<String>,
}

/// A recommendation as the committees edit it, with what its form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorRecommendation {
    /// Id.
    pub id: i32,
    /// Session id.
    pub session_id: i32,
    /// Number within the session.
    pub number: i32,
    /// French title.
    pub title_fr: String,
    /// English title.
    pub title_en: String,
    /// French text.
    pub text_fr: String,
    /// English text.
    pub text_en: String,
    /// Theme (stored value).
    pub theme: String,
    /// Institution responsible.
    pub institution: String,
    /// Deadline `YYYY-MM-DD`, or `""`.
    pub deadline: String,
    /// Status (stored value).
    pub status: String,
    /// Linked concern ids, as the form shows them (`4, 12`).
    pub concerns: String,
    /// Whether the public sees it.
    pub published: bool,
    /// Derived from its milestones.
    pub progress: Progress,
    /// Its milestones, by due date.
    pub milestones: Vec<EditorMilestone>,
    /// Every session, for the form.
    pub sessions: Vec<SessionChoice>,
}

/// Published recommendations matching `filter`, in `lang` (anyone).
#[server(endpoint = "recommendations")]
pub async fn get_recommendations(
    filter: RecommendationFilter,
    lang: Lang,
) -> Result<RecommendationList, AppError> {
    let db = crate::state::db()?;
    super::service::public_list(&db, &filter, lang)
        .await
        .map_err(|e| AppError::from(e).respond())
}

/// One published recommendation, in `lang` (anyone; unpublished ones are not found).
#[server(endpoint = "recommendation")]
pub async fn get_recommendation(id: i32, lang: Lang) -> Result<RecommendationView, AppError> {
    let db = crate::state::db()?;
    super::service::public_view(&db, id, lang)
        .await
        .map_err(AppError::respond)
}

/// Every recommendation, drafts included, and the sessions (committees).
#[server(endpoint = "recommendations-editor")]
pub async fn get_editor_list() -> Result<(Vec<EditorRow>, Vec<SessionChoice>), AppError> {
    let db = crate::state::db()?;
    super::admin::list(&db, crate::accounts::auth::current())
        .await
        .map_err(AppError::respond)
}

/// One recommendation with its milestones, as the committees edit it.
#[server(endpoint = "recommendation-editor")]
pub async fn get_editor_recommendation(id: i32) -> Result<EditorRecommendation, AppError> {
    let db = crate::state::db()?;
    super::admin::find(&db, crate::accounts::auth::current(), id)
        .await
        .map_err(AppError::respond)
}

#[cfg(test)]
mod tests {
    use super::Progress;

    #[test]
    fn progress_is_the_share_of_milestones_done() {
        assert_eq!(Progress { done: 0, total: 0 }.percent(), 0);
        assert_eq!(Progress { done: 1, total: 3 }.percent(), 33);
        assert_eq!(Progress { done: 2, total: 2 }.percent(), 100);
    }
}
