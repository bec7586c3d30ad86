//! Reviewing participation requests (server only): the list with its filters, one request
//! with its history, assignment to a reviewer, decisions (through
//! [`super::service::apply_transition`], which checks, records, audits and e-mails each
//! step) with the session's quota and waiting list, and the committees' CSV export. Every
//! function checks the caller's permission itself.

use super::{
    RequestStatus, Transition,
    application::normalized_name,
    proposal::as_submitted,
    review_data::{
        DelegateView, HistoryStep, MAX_MESSAGE_CHARS, REVIEW_PAGE_SIZE, ReviewFilter, ReviewList,
        ReviewRow, ReviewSort, ReviewedRequest,
    },
    service::{Party, apply_transition},
};
use crate::{
    accounts::{Permission, Principal, auth::authorize},
    audit::{Actor, record},
    countries,
    entities::{
        committee_member, delegate, organisation, participation_request as request, request_event,
        session, user,
    },
    error::{AppError, FieldError},
    forms::{self, Fields},
    i18n::Lang,
    layout::page_count,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
    sea_query::{Expr, ExprTrait},
};
use std::collections::{HashMap, HashSet};

type Joined = Select<request::Entity>;

/// Requests joined with their organisation, under every filter but the status, the search
/// and the sector (those two are matched in Rust: see [`matching_ids`]).
fn filtered(filter: &ReviewFilter, session_id: Option<i32>) -> Joined {
    let mut query =
        request::Entity::find().join(JoinType::InnerJoin, request::Relation::Organisation.def());
    if let Some(id) = session_id {
        query = query.filter(request::Column::SessionId.eq(id));
    }
    if let Some(country) = filter.country.as_deref().and_then(countries::find) {
        query = query.filter(organisation::Column::CountryCode.eq(country.code));
    }
    if let Some(kind) = filter.kind.as_deref().filter(|k| !k.is_empty()) {
        query = query.filter(organisation::Column::Kind.eq(kind));
    }
    let day = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    if let Some(from) = day(&filter.from).and_then(|d| d.and_hms_opt(0, 0, 0)) {
        query = query.filter(request::Column::CreatedAt.gte(from.and_utc()));
    }
    if let Some(to) = day(&filter.to).and_then(|d| d.succ_opt()?.and_hms_opt(0, 0, 0)) {
        query = query.filter(request::Column::CreatedAt.lt(to.and_utc()));
    }
    query
}

#[derive(Debug, FromQueryResult)]
struct Searchable {
    id: i32,
    tracking_code: String,
    contact_name: String,
    name: String,
    acronym: Option<String>,
    city: String,
    sectors: String,
}

/// The ids of the requests under `query` whose organisation works in the filter's sector and
/// whose folded name, acronym, contact, city or tracking code contains the folded search;
/// `None` when neither is asked for. Folding happens here rather than in SQL because only
/// the name is stored folded; a session's requests number in the hundreds.
async fn matching_ids(
    conn: &impl ConnectionTrait,
    query: Joined,
    filter: &ReviewFilter,
) -> Result<Option<Vec<i32>>, DbErr> {
    let needle = filter
        .query
        .as_deref()
        .map(normalized_name)
        .filter(|q| !q.is_empty());
    let sector = filter.sector.as_deref().filter(|s| !s.is_empty());
    if needle.is_none() && sector.is_none() {
        return Ok(None);
    }
    let rows = query
        .select_only()
        .column(request::Column::Id)
        .column(request::Column::TrackingCode)
        .column(request::Column::ContactName)
        .column(organisation::Column::Name)
        .column(organisation::Column::Acronym)
        .column(organisation::Column::City)
        .column(organisation::Column::Sectors)
        .into_model::<Searchable>()
        .all(conn)
        .await?;
    Ok(Some(
        rows.into_iter()
            .filter(|row| sector.is_none_or(|s| row.sectors.split(',').any(|x| x.trim() == s)))
            .filter(|row| {
                needle.as_deref().is_none_or(|needle| {
                    let haystack = normalized_name(&format!(
                        "{} {} {} {} {}",
                        row.name,
                        row.acronym.as_deref().unwrap_or(""),
                        row.contact_name,
                        row.city,
                        row.tracking_code
                    ));
                    haystack.contains(needle)
                })
            })
            .map(|row| row.id)
            .collect(),
    ))
}

#[derive(Debug, FromQueryResult)]
struct KeyCount {
    key: String,
    count: i64,
}

async fn session_of_number(
    conn: &impl ConnectionTrait,
    number: Option<i32>,
) -> Result<Option<Option<i32>>, DbErr> {
    let Some(number) = number else {
        return Ok(Some(None));
    };
    Ok(session::Entity::find()
        .filter(session::Column::Number.eq(number))
        .one(conn)
        .await?
        .map(|s| Some(s.id)))
}

/// Requests matching `filter` (no paging), in the chosen order, with their organisation.
async fn matching(
    conn: &impl ConnectionTrait,
    filter: &ReviewFilter,
) -> Result<(Joined, Joined), DbErr> {
    // An unknown session number matches nothing (id 0 never exists).
    let session_id = session_of_number(conn, filter.session)
        .await?
        .unwrap_or(Some(0));
    let mut base = filtered(filter, session_id);
    if let Some(ids) = matching_ids(conn, filtered(filter, session_id), filter).await? {
        base = base.filter(request::Column::Id.is_in(ids));
    }
    let mut list = base.clone();
    if let Some(status) = filter.status {
        list = list.filter(request::Column::Status.eq(status.as_str()));
    }
    list = match filter.sort {
        ReviewSort::Newest => list.order_by_desc(request::Column::CreatedAt),
        ReviewSort::Oldest => list.order_by_asc(request::Column::CreatedAt),
        ReviewSort::Name => list.order_by_asc(organisation::Column::NormalizedName),
        ReviewSort::Country => list
            .order_by_asc(organisation::Column::CountryCode)
            .order_by_asc(organisation::Column::NormalizedName),
    };
    let list = if filter.sort == ReviewSort::Oldest {
        list.order_by_asc(request::Column::Id)
    } else {
        list.order_by_desc(request::Column::Id)
    };
    Ok((base, list))
}

/// Names of users by id.
async fn user_names(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let ids: HashSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

fn status_of(row: &request::Model) -> RequestStatus {
    RequestStatus::parse(&row.status).unwrap_or_else(|| {
        tracing::warn!(request = row.id, status = %row.status, "unknown request status");
        RequestStatus::Submitted
    })
}

/// The list rows of `pairs`.
async fn rows(
    conn: &impl ConnectionTrait,
    pairs: Vec<(request::Model, Option<organisation::Model>)>,
) -> Result<Vec<ReviewRow>, DbErr> {
    let ids: Vec<i32> = pairs.iter().map(|(r, _)| r.id).collect();
    let mut delegates: HashMap<i32, u64> = HashMap::new();
    for d in delegate::Entity::find()
        .filter(delegate::Column::RequestId.is_in(ids))
        .all(conn)
        .await?
    {
        *delegates.entry(d.request_id).or_default() += 1;
    }
    let names = user_names(conn, pairs.iter().filter_map(|(r, _)| r.assigned_to)).await?;
    let sessions: HashMap<i32, i32> = session::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    Ok(pairs
        .into_iter()
        .map(|(r, o)| {
            let o = o
                .map(|o| as_submitted(&r, o))
                .unwrap_or_else(|| organisation::Model {
                    id: r.organisation_id,
                    name: String::new(),
                    normalized_name: String::new(),
                    acronym: None,
                    kind: String::new(),
                    country_code: String::new(),
                    city: String::new(),
                    founded_year: None,
                    registration_number: None,
                    registration_authority: None,
                    member_count: None,
                    sectors: String::new(),
                    website: None,
                    publish_consent: false,
                    created_at: r.created_at,
                    updated_at: r.created_at,
                });
            ReviewRow {
                id: r.id,
                status: status_of(&r),
                session_number: sessions.get(&r.session_id).copied().unwrap_or_default(),
                delegates: delegates.get(&r.id).copied().unwrap_or_default(),
                assigned_to: r.assigned_to.and_then(|id| names.get(&id).cloned()),
                submitted_at: r.created_at.format("%Y-%m-%d %H:%M").to_string(),
                tracking_code: r.tracking_code,
                previously_rejected: r.previously_rejected,
                waitlist_position: r.waitlist_position,
                organisation: o.name,
                acronym: o.acronym,
                country_code: o.country_code,
                kind: o.kind,
                sectors: sectors(&o.sectors),
            }
        })
        .collect())
}

/// The stored comma-separated sectors as a list.
pub fn sectors(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One page of the review list.
pub async fn list(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    filter: &ReviewFilter,
    lang: Lang,
) -> Result<ReviewList, AppError> {
    authorize(caller, Permission::ReviewRequests)?;
    let (base, list) = matching(db, filter).await?;
    let total = list.clone().count(db).await?;
    let pages = page_count(total, REVIEW_PAGE_SIZE);
    let page = filter.page.clamp(1, pages);
    let pairs = list
        .select_also(organisation::Entity)
        .offset((page - 1) * REVIEW_PAGE_SIZE)
        .limit(REVIEW_PAGE_SIZE)
        .all(db)
        .await?;
    let counts: HashMap<String, u64> = base
        .select_only()
        .column_as(request::Column::Status, "key")
        .column_as(
            Expr::col((request::Entity, request::Column::Id)).count(),
            "count",
        )
        .group_by(request::Column::Status)
        .into_model::<KeyCount>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.key, u64::try_from(row.count).unwrap_or_default()))
        .collect();
    let with_requests: HashSet<i32> = request::Entity::find()
        .select_only()
        .column(request::Column::SessionId)
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let sessions = session::Entity::find()
        .order_by_desc(session::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| with_requests.contains(&s.id))
        .map(|s| (s.number, lang.pick(s.title_fr, s.title_en)))
        .collect();
    Ok(ReviewList {
        rows: rows(db, pairs).await?,
        total,
        pages,
        page,
        counts: RequestStatus::ALL
            .into_iter()
            .map(|s| (s, counts.get(s.as_str()).copied().unwrap_or_default()))
            .collect(),
        sessions,
    })
}

/// Enabled accounts that may review requests: administrators, reviewers and committee
/// members, by name.
async fn reviewers(conn: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    let members: HashSet<i32> = committee_member::Entity::find()
        .filter(committee_member::Column::UserId.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|m| m.user_id)
        .collect();
    let mut users: Vec<(i32, String)> = user::Entity::find()
        .filter(user::Column::DisabledAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .filter(|u| u.is_admin || u.is_reviewer || members.contains(&u.id))
        .map(|u| (u.id, u.name))
        .collect();
    users.sort_by_cached_key(|(_, name)| countries::fold(name));
    Ok(users)
}

/// Approved requests of session `session_id`.
async fn approved_count(conn: &impl ConnectionTrait, session_id: i32) -> Result<u64, DbErr> {
    request::Entity::find()
        .filter(request::Column::SessionId.eq(session_id))
        .filter(request::Column::Status.eq(RequestStatus::Approved.as_str()))
        .count(conn)
        .await
}

/// One request, everything the applicant sent included.
pub async fn detail(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    lang: Lang,
) -> Result<ReviewedRequest, AppError> {
    authorize(caller, Permission::ReviewRequests)?;
    let (r, o) = request::Entity::find_by_id(id)
        .find_also_related(organisation::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Committees review what the applicant sent, not the organisation's current record.
    let o = as_submitted(&r, o.ok_or(AppError::NotFound)?);
    let session = session::Entity::find_by_id(r.session_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let delegates = delegate::Entity::find()
        .filter(delegate::Column::RequestId.eq(id))
        .order_by_asc(delegate::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DelegateView {
            name: d.name,
            function: d.function,
            email: d.email,
        })
        .collect();
    let events = request_event::Entity::find()
        .filter(request_event::Column::RequestId.eq(id))
        .order_by_asc(request_event::Column::CreatedAt)
        .order_by_asc(request_event::Column::Id)
        .all(db)
        .await?;
    let names = user_names(db, events.iter().filter_map(|e| e.actor_user_id)).await?;
    let history = events
        .into_iter()
        .filter_map(|e| {
            Some(HistoryStep {
                at: e.created_at.format("%Y-%m-%d %H:%M").to_string(),
                from: e.status_from.as_deref().and_then(RequestStatus::parse),
                to: RequestStatus::parse(&e.status_to)?,
                actor: e.actor_user_id.and_then(|id| names.get(&id).cloned()),
                from_applicant: e.from_applicant,
                message: e.message,
            })
        })
        .collect();
    let approved = approved_count(db, session.id).await?;
    let row = rows(db, vec![(r.clone(), Some(o.clone()))])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(ReviewedRequest {
        row,
        session_title: lang.pick(session.title_fr, session.title_en),
        city: o.city,
        founded_year: o.founded_year,
        registration_number: o.registration_number,
        registration_authority: o.registration_authority,
        member_count: o.member_count,
        website: o.website,
        contact_name: r.contact_name,
        contact_email: r.contact_email,
        contact_phone: r.contact_phone,
        delegates,
        motivation: r.motivation,
        contribution: r.contribution,
        consent_processing: r.consent_processing,
        consent_directory: r.consent_directory,
        language: r.language,
        history,
        reviewers: reviewers(db).await?,
        assigned_id: r.assigned_to,
        approved,
        max_organisations: session.max_organisations,
    })
}

fn invalid(field: &str, code: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, code)])
}

/// Assigns request `id` to the reviewer posted as `reviewer` (empty: nobody), audited.
pub async fn assign(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<(), AppError> {
    let caller = authorize(caller, Permission::ReviewRequests)?;
    let reviewer = match forms::field(fields, "reviewer").trim() {
        "" => None,
        value => Some(
            value
                .parse::<i32>()
                .map_err(|_| invalid("reviewer", "review_reviewer_invalid"))?,
        ),
    };
    if let Some(reviewer) = reviewer
        && !reviewers(db).await?.iter().any(|(id, _)| *id == reviewer)
    {
        return Err(invalid("reviewer", "review_reviewer_invalid"));
    }
    let txn = crate::state::begin_write(db).await?;
    let before = request::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    request::Entity::update(request::ActiveModel {
        id: Set(id),
        assigned_to: Set(reviewer),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    record(
        &txn,
        &Actor::from(&caller),
        "assign",
        "participation_request",
        id,
        Some(serde_json::json!({ "assigned_to": before.assigned_to })),
        Some(serde_json::json!({ "assigned_to": reviewer })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The committee's transition posted as `transition`, and its message.
fn posted_decision(fields: &Fields) -> Result<(Transition, Option<String>), AppError> {
    let transition = Transition::parse(forms::field(fields, "transition").trim())
        .filter(|t| !t.by_applicant() && *t != Transition::Promote)
        .ok_or_else(|| invalid("transition", "review_transition_invalid"))?;
    let message = forms::field(fields, "message").trim();
    if transition.needs_message() && message.is_empty() {
        return Err(invalid("message", "review_message_missing"));
    }
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(invalid("message", "review_message_too_long"));
    }
    Ok((
        transition,
        (!message.is_empty()).then(|| message.to_string()),
    ))
}

/// Sets a request's place on the waiting list.
async fn set_waitlist_position(
    conn: &impl ConnectionTrait,
    id: i32,
    position: Option<i32>,
) -> Result<(), DbErr> {
    request::Entity::update_many()
        .col_expr(request::Column::WaitlistPosition, Expr::value(position))
        .filter(request::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Takes request `id` through the committee's posted decision, within the session's quota:
/// approving needs a free place, waitlisting needs the quota reached, a waitlisted request
/// gets the next place in line, and a revocation offers the freed place to the first in
/// line (promoted in the same transaction). Returns the `?ok=` key of the success message.
pub async fn decide(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    id: i32,
    fields: &Fields,
) -> Result<&'static str, AppError> {
    let caller = authorize(caller, Permission::ReviewRequests)?;
    let (transition, message) = posted_decision(fields)?;
    // A request never changes session, so its session is read before the transaction.
    let session_id = request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .session_id;
    let txn = crate::state::begin_write(db).await?;
    // Writing to the session row first serialises the decisions of one session (a row
    // lock on PostgreSQL; on SQLite the write lock, taken before anything is read so no
    // snapshot can go stale), so two approvals cannot both take the last place.
    session::Entity::update_many()
        .col_expr(
            session::Column::UpdatedAt,
            Expr::col(session::Column::UpdatedAt),
        )
        .filter(session::Column::Id.eq(session_id))
        .exec(&txn)
        .await?;
    let current = request::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = session::Entity::find_by_id(current.session_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if status_of(&current).after(transition).is_none() {
        return Err(invalid("transition", "review_transition_not_allowed"));
    }
    let approved = approved_count(&txn, session.id).await?;
    let full = session
        .max_organisations
        .is_some_and(|max| approved >= u64::try_from(max).unwrap_or_default());
    match transition {
        Transition::Approve if full => return Err(invalid("transition", "review_quota_reached")),
        Transition::Waitlist if !full => {
            return Err(invalid("transition", "review_quota_not_reached"));
        }
        _ => {}
    }
    let after = apply_transition(
        &txn,
        id,
        transition,
        Party::Committee(caller.clone()),
        message,
    )
    .await?;
    if after == RequestStatus::Waitlisted {
        let last = request::Entity::find()
            .filter(request::Column::SessionId.eq(session.id))
            .filter(request::Column::WaitlistPosition.is_not_null())
            .order_by_desc(request::Column::WaitlistPosition)
            .one(&txn)
            .await?
            .and_then(|r| r.waitlist_position)
            .unwrap_or_default();
        set_waitlist_position(&txn, id, Some(last + 1)).await?;
    }
    if transition == Transition::Revoke {
        promote_first(&txn, session.id, Party::Committee(caller)).await?;
    }
    txn.commit().await?;
    Ok(match transition {
        Transition::Approve => "review_approved",
        Transition::Reject => "review_rejected",
        Transition::RequestInfo => "review_info_requested",
        Transition::Waitlist => "review_waitlisted",
        _ => "review_revoked",
    })
}

/// Gives a freed place of session `session_id` to the first waitlisted request, if the
/// quota allows one more: after a revocation (by the committee member who revoked) or a
/// withdrawal (by the system).
pub async fn promote_first(
    conn: &impl ConnectionTrait,
    session_id: i32,
    party: Party,
) -> Result<(), AppError> {
    let session = session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let approved = approved_count(conn, session_id).await?;
    if session
        .max_organisations
        .is_some_and(|max| approved >= u64::try_from(max).unwrap_or_default())
    {
        return Ok(());
    }
    let first = request::Entity::find()
        .filter(request::Column::SessionId.eq(session_id))
        .filter(request::Column::Status.eq(RequestStatus::Waitlisted.as_str()))
        .order_by_asc(request::Column::WaitlistPosition)
        .order_by_asc(request::Column::Id)
        .one(conn)
        .await?;
    if let Some(first) = first {
        // Leaving the waiting list clears the request's place in it.
        apply_transition(conn, first.id, Transition::Promote, party, None).await?;
    }
    Ok(())
}

/// One request in the committees' CSV export (contact details included: not open data).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportRow {
    /// `CCMEX-XXXX-XXXX`.
    pub tracking_code: String,
    /// Session number.
    pub session: i32,
    /// Status (stored value).
    pub status: String,
    /// Organisation name.
    pub organisation: String,
    /// Acronym.
    pub acronym: String,
    /// Kind (stored value).
    pub kind: String,
    /// ISO country code.
    pub country_code: String,
    /// City.
    pub city: String,
    /// Sectors, separated by spaces.
    pub sectors: String,
    /// Website.
    pub website: String,
    /// Previously rejected.
    pub previously_rejected: bool,
    /// Contact person.
    pub contact_name: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Delegates' names, separated by `; `.
    pub delegates: String,
    /// Submitted, RFC 3339 UTC.
    pub submitted_at: String,
    /// Last committee decision, RFC 3339 UTC, or empty.
    pub decided_at: String,
}

/// Every request matching `filter` (all pages), in the list's order.
pub async fn export(
    db: &DatabaseConnection,
    caller: Option<Principal>,
    filter: &ReviewFilter,
) -> Result<Vec<ExportRow>, AppError> {
    authorize(caller, Permission::ReviewRequests)?;
    let (_, list) = matching(db, filter).await?;
    let pairs = list.select_also(organisation::Entity).all(db).await?;
    let ids: Vec<i32> = pairs.iter().map(|(r, _)| r.id).collect();
    let mut delegates: HashMap<i32, Vec<String>> = HashMap::new();
    for d in delegate::Entity::find()
        .filter(delegate::Column::RequestId.is_in(ids.clone()))
        .order_by_asc(delegate::Column::Position)
        .all(db)
        .await?
    {
        delegates.entry(d.request_id).or_default().push(d.name);
    }
    let mut decided: HashMap<i32, String> = HashMap::new();
    for e in request_event::Entity::find()
        .filter(request_event::Column::RequestId.is_in(ids))
        .filter(request_event::Column::FromApplicant.eq(false))
        .filter(request_event::Column::StatusFrom.is_not_null())
        .order_by_asc(request_event::Column::CreatedAt)
        .order_by_asc(request_event::Column::Id)
        .all(db)
        .await?
    {
        decided.insert(e.request_id, e.created_at.to_rfc3339());
    }
    let sessions: HashMap<i32, i32> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.number))
        .collect();
    Ok(pairs
        .into_iter()
        .filter_map(|(r, o)| {
            let o = as_submitted(&r, o?);
            Some(ExportRow {
                session: sessions.get(&r.session_id).copied().unwrap_or_default(),
                delegates: delegates.remove(&r.id).unwrap_or_default().join("; "),
                decided_at: decided.remove(&r.id).unwrap_or_default(),
                submitted_at: r.created_at.to_rfc3339(),
                tracking_code: r.tracking_code,
                status: r.status,
                organisation: o.name,
                acronym: o.acronym.unwrap_or_default(),
                kind: o.kind,
                country_code: o.country_code,
                city: o.city,
                sectors: sectors(&o.sectors).join(" "),
                website: o.website.unwrap_or_default(),
                previously_rejected: r.previously_rejected,
                contact_name: r.contact_name,
                contact_email: r.contact_email,
                contact_phone: r.contact_phone,
            })
        })
        .collect())
}
