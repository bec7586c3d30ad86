//! The steering and technical committees: who they are and what they do (public page).

mod data;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use data::{CommitteeView, MemberRole, MemberView, get_committees};
pub use page::CommitteesPage;
