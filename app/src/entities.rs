//! SeaORM entities (server only). The browser never sees these: it gets plain DTOs.

pub mod agenda_change;
pub mod agenda_event;
pub mod agenda_item;
pub mod agenda_public_item;
pub mod audit_log;
pub mod auth_session;
pub mod committee;
pub mod committee_member;
pub mod committee_mission;
pub mod concern;
pub mod delegate;
pub mod diaspora_declaration;
pub mod diaspora_figure;
pub mod login_failure;
pub mod milestone;
pub mod objective;
pub mod organisation;
pub mod outbox_email;
pub mod participation_request;
pub mod recommendation;
pub mod recommendation_concern;
pub mod request_event;
pub mod session;
pub mod user;
