//! The audit log as the administrators' page sees it.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What to show: filters from the page's query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only this kind of entity (`user`, `agenda_item`…).
    pub entity_type: Option<String>,
    /// Only this entity.
    pub entity_id: Option<String>,
    /// Only entries whose actor's name contains this.
    pub actor: Option<String>,
    /// Page number, from 1.
    pub page: u64,
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Entry id (increasing).
    pub id: i64,
    /// When, in UTC.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What they did (`create`, `update`, `disable`…).
    pub action: String,
    /// On what kind of entity.
    pub entity_type: String,
    /// Which one.
    pub entity_id: String,
    /// JSON before the change.
    pub before: Option<String>,
    /// JSON after the change.
    pub after: Option<String>,
}

/// A page of entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// Entries matching the filter.
    pub total: u64,
    /// This page's number.
    pub page: u64,
    /// How many pages.
    pub pages: u64,
}

/// The audit log, filtered (administrators only).
#[server(endpoint = "audit-log")]
pub async fn get_audit_log(filter: AuditFilter) -> Result<AuditPage, AppError> {
    use crate::accounts::{Permission, auth::require};
    require(Permission::ReadAuditLog).map_err(AppError::respond)?;
    let db = crate::state::db()?;
    Ok(super::service::list(&db, &filter).await?)
}
