//! Recommendations adopted at sessions, followed until they are implemented: committees
//! draft, adopt and publish them with dated milestones; the public sees the published ones,
//! their derived progress and whether they are overdue, as pages, open data and an Atom feed.

#[cfg(feature = "ssr")]
pub mod admin;
mod admin_page;
#[cfg(feature = "ssr")]
pub mod atom;
mod chart;
mod data;
mod detail_page;
mod edit_page;
mod input;
#[cfg(feature = "ssr")]
pub mod milestones;
#[cfg(feature = "ssr")]
pub mod open_data;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod status;

pub use admin_page::RecommendationEditorPage;
pub use data::{
    EditorMilestone, EditorRecommendation, EditorRow, Figures, MilestoneView, Progress,
    RecommendationFilter, RecommendationList, RecommendationRow, RecommendationView, SessionChoice,
    get_editor_list, get_editor_recommendation, get_recommendation, get_recommendations,
};
pub use detail_page::RecommendationPage;
pub use edit_page::{MilestoneEditPage, RecommendationEditPage};
pub use input::{
    MAX_EVIDENCE_URL_CHARS, MAX_INSTITUTION_CHARS, MAX_MILESTONE_CHARS, MAX_NUMBER, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS, MilestoneInput, RecommendationInput, parse_concern_ids,
};
pub use page::RecommendationsPage;
pub use status::RecommendationStatus;

/// The public list; `/{id}` shows one recommendation.
pub const PUBLIC_PATH: &str = "/recommandations";
/// The committees' editor: the list and the creation form post here; `/{id}` edits one.
pub const EDITOR_PATH: &str = "/espace/recommandations";
/// The Atom feed of published recommendations.
pub const FEED_PATH: &str = "/recommandations/flux.atom";
/// Open data, JSON.
pub const JSON_PATH: &str = "/api/v1/recommendations.json";
/// Open data, CSV.
pub const CSV_PATH: &str = "/api/v1/recommendations.csv";
/// Recommendations the public list shows at once.
pub const PAGE_SIZE: u64 = 20;

/// The editor's page of recommendation `id`.
pub fn edit_path(id: i32) -> String {
    format!("{EDITOR_PATH}/{id}")
}

/// Where recommendation `id`'s publish form posts.
pub fn publish_path(id: i32) -> String {
    format!("{EDITOR_PATH}/{id}/publier")
}

/// Where recommendation `id`'s unpublish form posts.
pub fn unpublish_path(id: i32) -> String {
    format!("{EDITOR_PATH}/{id}/retirer")
}

/// Where the form adding a milestone to recommendation `id` posts.
pub fn milestones_path(id: i32) -> String {
    format!("{EDITOR_PATH}/{id}/jalons")
}

/// The page (and form action) editing milestone `milestone` of recommendation `id`.
pub fn milestone_path(id: i32, milestone: i32) -> String {
    format!("{EDITOR_PATH}/{id}/jalons/{milestone}")
}
