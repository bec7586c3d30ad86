//! The audit log: every write by a committee member or administrator is appended with who,
//! when, which entity and what changed; administrators browse it at `/espace/journal`.

mod data;
mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use data::{AuditEntry, AuditFilter, AuditPage, get_audit_log};
pub use page::AuditLogPage;
#[cfg(feature = "ssr")]
pub use service::{Actor, record};
