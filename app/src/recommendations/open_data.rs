//! The open data rows of published recommendations (server only), also what the Atom feed
//! lists; documented in `docs/OPEN_DATA.md`.

use super::service::{
    concern_links, is_overdue, last_change, published, status_of, tallies, today,
};
use crate::{
    concerns,
    entities::{recommendation, session},
};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One published recommendation in the open data files (`docs/OPEN_DATA.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRecommendation {
    /// Stable id (also in `/recommandations/{id}`).
    pub id: i32,
    /// Number of the session that adopted it.
    pub session: i32,
    /// Number within the session.
    pub number: i32,
    /// French title.
    pub title_fr: String,
    /// English title (may be empty).
    pub title_en: String,
    /// French text.
    pub text_fr: String,
    /// English text (may be empty).
    pub text_en: String,
    /// Theme (stored value).
    pub theme: String,
    /// Institution responsible.
    pub institution: String,
    /// Deadline `YYYY-MM-DD`, if any.
    pub deadline: Option<String>,
    /// `adopted`, `in_progress`, `implemented` or `abandoned`.
    pub status: String,
    /// Past its deadline and not finished, today (UTC).
    pub overdue: bool,
    /// Milestones in all.
    pub milestones_total: u32,
    /// Milestones done.
    pub milestones_done: u32,
    /// `milestones_done * 100 / milestones_total`, rounded down (0 without milestones).
    pub progress_percent: u32,
    /// Ids of the published concerns it answers, separated by spaces.
    pub concern_ids: String,
    /// When it was published (RFC 3339, UTC).
    pub published_at: String,
    /// Its last change or its milestones' (RFC 3339, UTC).
    pub updated_at: String,
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Every published recommendation, by session, then number: the open data rows (also what
/// the feed lists).
pub async fn rows(conn: &impl ConnectionTrait) -> Result<Vec<OpenRecommendation>, DbErr> {
    let today = today();
    let models = published()
        .order_by_asc(recommendation::Column::SessionId)
        .order_by_asc(recommendation::Column::Number)
        .order_by_asc(recommendation::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let numbers: HashMap<i32, i32> = session::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    let tallies = tallies(conn, &ids).await?;
    let links = concern_links(conn, &ids).await?;
    // Only published concerns are named publicly.
    let linked: Vec<i32> = links.values().flatten().copied().collect();
    let public: Vec<i32> = concerns::service::published_by_ids(conn, &linked)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok(models
        .into_iter()
        .map(|m| {
            let tally = tallies.get(&m.id).copied().unwrap_or_default();
            let concern_ids = links
                .get(&m.id)
                .map(|ids| {
                    ids.iter()
                        .filter(|id| public.contains(id))
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            OpenRecommendation {
                id: m.id,
                session: numbers.get(&m.session_id).copied().unwrap_or(0),
                number: m.number,
                overdue: is_overdue(&m, today),
                status: status_of(&m).as_str().to_string(),
                deadline: m.deadline.map(|d| d.to_string()),
                milestones_total: tally.progress.total,
                milestones_done: tally.progress.done,
                progress_percent: tally.progress.percent(),
                concern_ids,
                published_at: m.published_at.map(rfc3339).unwrap_or_default(),
                updated_at: rfc3339(last_change(&m, tally)),
                title_fr: m.title_fr,
                title_en: m.title_en,
                text_fr: m.text_fr,
                text_en: m.text_en,
                theme: m.theme,
                institution: m.institution,
            }
        })
        .collect())
}
