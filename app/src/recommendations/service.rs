//! Reading published recommendations for the public pages (server only), and the derived
//! facts every reader shares (pages, open data, feed): progress, overdue, last change.

use super::{
    Figures, MilestoneView, PAGE_SIZE, Progress, RecommendationFilter, RecommendationList,
    RecommendationRow, RecommendationStatus, RecommendationView, SessionChoice,
};
use crate::{
    concerns,
    entities::{milestone, recommendation, recommendation_concern, session},
    error::AppError,
    i18n::Lang,
    layout::page_count,
    search,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::{BTreeMap, HashMap};

/// What milestones say about one recommendation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Done / total.
    pub progress: Progress,
    /// The latest change to one of its milestones.
    pub last_change: Option<DateTime<Utc>>,
}

/// Today, as the deadlines are compared with it (UTC).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A stored status (a row with an unknown one is logged and treated as a draft).
pub fn status_of(row: &recommendation::Model) -> RecommendationStatus {
    RecommendationStatus::parse(&row.status).unwrap_or_else(|| {
        tracing::warn!(recommendation = row.id, status = %row.status, "unknown recommendation status");
        RecommendationStatus::Draft
    })
}

/// Past its deadline (strictly before `today`) and neither implemented nor abandoned.
pub fn is_overdue(row: &recommendation::Model, today: NaiveDate) -> bool {
    status_of(row).is_open() && row.deadline.is_some_and(|deadline| deadline < today)
}

/// The later of the recommendation's own change and its milestones' latest.
pub fn last_change(row: &recommendation::Model, tally: Tally) -> DateTime<Utc> {
    tally
        .last_change
        .map_or(row.updated_at, |m| m.max(row.updated_at))
}

/// Progress and latest milestone change of each recommendation in `ids`.
pub async fn tallies(
    conn: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Tally>, DbErr> {
    let mut tallies: HashMap<i32, Tally> = HashMap::new();
    if ids.is_empty() {
        return Ok(tallies);
    }
    let rows: Vec<(i32, bool, DateTime<Utc>)> = milestone::Entity::find()
        .select_only()
        .column(milestone::Column::RecommendationId)
        .column(milestone::Column::Done)
        .column(milestone::Column::UpdatedAt)
        .filter(milestone::Column::RecommendationId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    for (id, done, updated_at) in rows {
        let tally = tallies.entry(id).or_default();
        tally.progress.total += 1;
        tally.progress.done += u32::from(done);
        tally.last_change = Some(tally.last_change.map_or(updated_at, |t| t.max(updated_at)));
    }
    Ok(tallies)
}

/// Every session, by number, titled in `lang`.
pub async fn sessions(
    conn: &impl ConnectionTrait,
    lang: Lang,
) -> Result<Vec<SessionChoice>, DbErr> {
    Ok(session::Entity::find()
        .order_by_asc(session::Column::Number)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| SessionChoice {
            id: s.id,
            number: s.number,
            title: lang.pick(s.title_fr, s.title_en),
        })
        .collect())
}

/// Concern ids linked to each recommendation in `ids`, ascending.
pub async fn concern_links(
    conn: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<BTreeMap<i32, Vec<i32>>, DbErr> {
    let mut links: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    if ids.is_empty() {
        return Ok(links);
    }
    let rows = recommendation_concern::Entity::find()
        .filter(recommendation_concern::Column::RecommendationId.is_in(ids.iter().copied()))
        .order_by_asc(recommendation_concern::Column::ConcernId)
        .all(conn)
        .await?;
    for row in rows {
        links
            .entry(row.recommendation_id)
            .or_default()
            .push(row.concern_id);
    }
    Ok(links)
}

/// `text` in `lang`, the French one when the English is empty.
fn localised(lang: Lang, fr: &str, en: &str) -> String {
    if lang == Lang::En && !en.trim().is_empty() {
        en.to_string()
    } else {
        fr.to_string()
    }
}

/// Published recommendations only.
pub fn published() -> Select<recommendation::Entity> {
    recommendation::Entity::find().filter(recommendation::Column::PublishedAt.is_not_null())
}

fn row(
    model: &recommendation::Model,
    session_number: i32,
    tally: Tally,
    lang: Lang,
    today: NaiveDate,
) -> RecommendationRow {
    RecommendationRow {
        id: model.id,
        session_number,
        number: model.number,
        title: localised(lang, &model.title_fr, &model.title_en),
        theme: model.theme.clone(),
        status: status_of(model),
        institution: model.institution.clone(),
        deadline: model.deadline.map(|d| d.to_string()),
        overdue: is_overdue(model, today),
        progress: tally.progress,
    }
}

/// Counts over every published recommendation.
async fn figures(conn: &impl ConnectionTrait, today: NaiveDate) -> Result<Figures, DbErr> {
    let counts: Vec<(String, i64)> = published()
        .select_only()
        .column(recommendation::Column::Status)
        .column_as(recommendation::Column::Id.count(), "count")
        .group_by(recommendation::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let count = |status: RecommendationStatus| {
        counts
            .iter()
            .find(|(s, _)| s == status.as_str())
            .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
    };
    let overdue = published()
        .filter(recommendation::Column::Deadline.lt(today))
        .filter(recommendation::Column::Status.is_not_in([
            RecommendationStatus::Implemented.as_str(),
            RecommendationStatus::Abandoned.as_str(),
        ]))
        .count(conn)
        .await?;
    Ok(Figures {
        adopted: count(RecommendationStatus::Adopted),
        in_progress: count(RecommendationStatus::InProgress),
        implemented: count(RecommendationStatus::Implemented),
        overdue,
    })
}

/// One page of published recommendations matching `filter`, with the figures and the
/// filters' choices.
pub async fn public_list(
    conn: &impl ConnectionTrait,
    filter: &RecommendationFilter,
    lang: Lang,
) -> Result<RecommendationList, DbErr> {
    let today = today();
    let sessions = sessions(conn, lang).await?;
    let mut query = published();
    if let Some(number) = filter.session {
        // An unknown session number matches nothing.
        let id = sessions
            .iter()
            .find(|s| s.number == number)
            .map_or(-1, |s| s.id);
        query = query.filter(recommendation::Column::SessionId.eq(id));
    }
    if let Some(theme) = &filter.theme {
        query = query.filter(recommendation::Column::Theme.eq(theme.as_str()));
    }
    if let Some(status) = &filter.status {
        query = query.filter(recommendation::Column::Status.eq(status.as_str()));
    }
    if let Some(institution) = &filter.institution {
        query = query.filter(recommendation::Column::Institution.eq(institution.as_str()));
    }
    if let Some(condition) = filter
        .query
        .as_deref()
        .and_then(|q| search::matches(recommendation::Column::SearchText, q))
    {
        query = query.filter(condition);
    }
    let total = query.clone().count(conn).await?;
    let pages = page_count(total, PAGE_SIZE);
    let page = filter.page.clamp(1, pages);
    let models = query
        .order_by_asc(recommendation::Column::SessionId)
        .order_by_asc(recommendation::Column::Number)
        .order_by_asc(recommendation::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(conn)
        .await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let tallies = tallies(conn, &ids).await?;
    let session_number = |id: i32| sessions.iter().find(|s| s.id == id).map_or(0, |s| s.number);
    let rows = models
        .iter()
        .map(|m| {
            let tally = tallies.get(&m.id).copied().unwrap_or_default();
            row(m, session_number(m.session_id), tally, lang, today)
        })
        .collect();
    let institutions = published()
        .select_only()
        .column(recommendation::Column::Institution)
        .distinct()
        .order_by_asc(recommendation::Column::Institution)
        .into_tuple::<String>()
        .all(conn)
        .await?;
    Ok(RecommendationList {
        rows,
        total,
        page,
        pages,
        figures: figures(conn, today).await?,
        sessions,
        institutions,
    })
}

/// One published recommendation with its milestones and concerns; an unpublished or
/// unknown one is [`AppError::NotFound`].
pub async fn public_view(
    conn: &impl ConnectionTrait,
    id: i32,
    lang: Lang,
) -> Result<RecommendationView, AppError> {
    let model = published()
        .filter(recommendation::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = session::Entity::find_by_id(model.session_id)
        .one(conn)
        .await?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::RecommendationId.eq(id))
        .order_by_asc(milestone::Column::DueOn)
        .order_by_asc(milestone::Column::Id)
        .all(conn)
        .await?;
    let tally = tallies(conn, &[id]).await?.remove(&id).unwrap_or_default();
    let concern_ids = concern_links(conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let concerns = concerns::service::published_by_ids(conn, &concern_ids).await?;
    let (session_number, session_title) = session.map_or((0, String::new()), |s| {
        (s.number, lang.pick(s.title_fr, s.title_en))
    });
    Ok(RecommendationView {
        row: row(&model, session_number, tally, lang, today()),
        session_title,
        text: localised(lang, &model.text_fr, &model.text_en),
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneView {
                text: localised(lang, &m.text_fr, &m.text_en),
                due_on: m.due_on.to_string(),
                done: m.done,
                done_on: m.done_at.map(|at| at.date_naive().to_string()),
                evidence_url: m.evidence_url,
            })
            .collect(),
        concerns,
        last_change: last_change(&model, tally).date_naive().to_string(),
    })
}
