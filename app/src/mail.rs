//! Outgoing e-mail through an outbox: a write queues its e-mail in the database inside its
//! own transaction (both land or neither); the server sends queued e-mails by SMTP when it
//! is configured, otherwise they stay readable by administrators at `/espace/courriels`.

mod data;
mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use data::{OutboxEntry, OutboxPage, get_outbox};
pub use page::{OUTBOX_PATH, OutboxView};

/// E-mails listed per page of the outbox.
pub const PAGE_SIZE: u64 = 20;
