//! Concerns of the diaspora: anyone submits one, reviewers and committees moderate them,
//! published concerns are listed publicly (never with their contact details) and
//! recommendations answer them.

mod data;
mod moderation_page;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod submission;
mod theme;

pub use data::{
    ConcernFilter, ConcernPage, ConcernStatus, ModeratedConcern, ModerationFilter, ModerationPage,
    PublicConcern, get_moderated_concern, get_moderation, get_public_concerns,
};
pub use moderation_page::{
    MODERATION_PATH, ModeratedConcernPage, ModerationPage as ModerationView,
};
pub use page::{CONCERNS_PATH, ConcernsPage};
pub use submission::{MAX_BODY_CHARS, MAX_CONTACT_CHARS, MAX_ORGANISATION_CHARS, NewConcern};
pub use theme::{THEMES, theme_choices, theme_label};

/// Longest reason for hiding a concern.
pub const MAX_REASON_CHARS: usize = 500;

/// Concerns a list page shows at once.
pub const PAGE_SIZE: u64 = 20;
