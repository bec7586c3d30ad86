//! What the reviewers' pages show of participation requests, and the server functions that
//! load it (reviewers, committees and administrators).

use super::RequestStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The review list; `/{id}` is one request, `/export.csv` the CSV export.
pub const REVIEW_PATH: &str = "/espace/demandes";
/// The CSV export of the requests matching the list's filters.
pub const EXPORT_PATH: &str = "/espace/demandes/export.csv";
/// Requests a page of the review list shows.
pub const REVIEW_PAGE_SIZE: u64 = 20;
/// Longest message sent with a decision.
pub const MAX_MESSAGE_CHARS: usize = super::application::MAX_TEXT_CHARS;

/// `/espace/demandes/{id}`.
pub fn request_path(id: i32) -> String {
    format!("{REVIEW_PATH}/{id}")
}

/// Where a request's decision forms post.
pub fn decision_path(id: i32) -> String {
    format!("{REVIEW_PATH}/{id}/decision")
}

/// Where a request's assignment form posts.
pub fn assign_path(id: i32) -> String {
    format!("{REVIEW_PATH}/{id}/attribuer")
}

/// How the review list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewSort {
    /// Latest submitted first.
    #[default]
    Newest,
    /// First submitted first.
    Oldest,
    /// By organisation name.
    Name,
    /// By country code, then name.
    Country,
}

impl ReviewSort {
    /// Every order, as the sort menu lists them.
    pub const ALL: [ReviewSort; 4] = [
        ReviewSort::Newest,
        ReviewSort::Oldest,
        ReviewSort::Name,
        ReviewSort::Country,
    ];

    /// The value in the query string (`?tri=`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewSort::Newest => "recent",
            ReviewSort::Oldest => "ancien",
            ReviewSort::Name => "nom",
            ReviewSort::Country => "pays",
        }
    }

    /// Reads a query value.
    pub fn parse(value: &str) -> Option<ReviewSort> {
        ReviewSort::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The review list's filters (`?statut=&pays=&type=&secteur=&du=&au=&q=&tri=&session=&page=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewFilter {
    /// Only this status (every status when absent).
    pub status: Option<RequestStatus>,
    /// Only this session (number).
    pub session: Option<i32>,
    /// Only organisations of this country (ISO code).
    pub country: Option<String>,
    /// Only this kind of organisation.
    pub kind: Option<String>,
    /// Only organisations working in this sector.
    pub sector: Option<String>,
    /// Submitted on or after this day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Submitted on or before this day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Accent-insensitive search in the organisation's name and acronym, the contact's
    /// name and the city, or a tracking code.
    pub query: Option<String>,
    /// Order.
    pub sort: ReviewSort,
    /// 1-based page.
    pub page: u64,
}

impl ReviewFilter {
    /// The filters of a query string (`get` reads one parameter): the list page and the
    /// CSV export read them alike.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ReviewFilter {
            status: text("statut").and_then(|s| RequestStatus::parse(&s)),
            session: text("session").and_then(|s| s.parse().ok()),
            country: text("pays"),
            kind: text("type"),
            sector: text("secteur"),
            from: text("du"),
            to: text("au"),
            query: text("q"),
            sort: text("tri")
                .and_then(|s| ReviewSort::parse(&s))
                .unwrap_or_default(),
            page: text("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    }
}

/// One row of the review list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    /// Request id.
    pub id: i32,
    /// `CCMEX-XXXX-XXXX`.
    pub tracking_code: String,
    /// Session number.
    pub session_number: i32,
    /// Organisation name.
    pub organisation: String,
    /// Its acronym.
    pub acronym: Option<String>,
    /// The organisation had a request rejected before.
    pub previously_rejected: bool,
    /// ISO country code.
    pub country_code: String,
    /// Kind of organisation (stored value).
    pub kind: String,
    /// Sectors (stored values).
    pub sectors: Vec<String>,
    /// Delegates named.
    pub delegates: u64,
    /// Status.
    pub status: RequestStatus,
    /// Place on the waiting list.
    pub waitlist_position: Option<i32>,
    /// The reviewer it is assigned to.
    pub assigned_to: Option<String>,
    /// Submitted, `YYYY-MM-DD HH:MM` UTC.
    pub submitted_at: String,
}

/// One page of the review list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewList {
    /// The rows.
    pub rows: Vec<ReviewRow>,
    /// Requests matching.
    pub total: u64,
    /// Pages in all.
    pub pages: u64,
    /// The page shown.
    pub page: u64,
    /// Requests per status under the other filters, in [`RequestStatus::ALL`] order.
    pub counts: Vec<(RequestStatus, u64)>,
    /// Sessions that have requests: `(number, title)`.
    pub sessions: Vec<(i32, String)>,
}

/// A delegate, as reviewers see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegateView {
    /// Name.
    pub name: String,
    /// Function in the organisation.
    pub function: String,
    /// E-mail address.
    pub email: String,
}

/// One step of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryStep {
    /// When, `YYYY-MM-DD HH:MM` UTC.
    pub at: String,
    /// Status before (none for the submission).
    pub from: Option<RequestStatus>,
    /// Status after.
    pub to: RequestStatus,
    /// Who: a reviewer's name, or none for the applicant or the system.
    pub actor: Option<String>,
    /// Whether the applicant made this step.
    pub from_applicant: bool,
    /// The reason, question or answer.
    pub message: Option<String>,
}

/// Everything the applicant sent, with the history and the assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewedRequest {
    /// The row's summary.
    pub row: ReviewRow,
    /// Session title.
    pub session_title: String,
    /// City.
    pub city: String,
    /// Year founded.
    pub founded_year: Option<i32>,
    /// Registration number.
    pub registration_number: Option<String>,
    /// Issuing authority.
    pub registration_authority: Option<String>,
    /// Members.
    pub member_count: Option<i32>,
    /// Website.
    pub website: Option<String>,
    /// Contact person.
    pub contact_name: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Contact phone (E.164).
    pub contact_phone: String,
    /// Delegates, in order.
    pub delegates: Vec<DelegateView>,
    /// Motivation.
    pub motivation: String,
    /// Expected contribution.
    pub contribution: String,
    /// Consent to the processing of the data.
    pub consent_processing: bool,
    /// Consent to the public directory.
    pub consent_directory: bool,
    /// The applicant's language (`fr` / `en`).
    pub language: String,
    /// History, oldest first.
    pub history: Vec<HistoryStep>,
    /// Who may be assigned: `(user id, name)`.
    pub reviewers: Vec<(i32, String)>,
    /// The assigned reviewer's id.
    pub assigned_id: Option<i32>,
    /// Approved requests of the session, and its quota.
    pub approved: u64,
    /// The session's quota.
    pub max_organisations: Option<i32>,
}

/// The review list (reviewers, committees and administrators).
#[server(endpoint = "participation-review")]
pub async fn get_review_list(
    filter: ReviewFilter,
    lang: crate::i18n::Lang,
) -> Result<ReviewList, AppError> {
    let db = crate::state::db()?;
    super::review::list(&db, crate::accounts::auth::current(), &filter, lang)
        .await
        .map_err(AppError::respond)
}

/// One request as reviewers see it (reviewers, committees and administrators).
#[server(endpoint = "participation-reviewed")]
pub async fn get_reviewed_request(
    id: i32,
    lang: crate::i18n::Lang,
) -> Result<ReviewedRequest, AppError> {
    let db = crate::state::db()?;
    super::review::detail(&db, crate::accounts::auth::current(), id, lang)
        .await
        .map_err(AppError::respond)
}
