//! Participation requests: diaspora organisations apply to a session at `/participer`,
//! follow their request at `/participer/suivi`, and committees review them. Every status
//! change follows [`status`]'s state machine through [`service::apply_transition`].

mod application;
mod apply_page;
mod apply_steps;
pub mod codes;
mod confirmation_page;
mod data;
#[cfg(feature = "ssr")]
pub mod proposal;
#[cfg(feature = "ssr")]
pub mod service;
pub mod status;
mod track_page;
#[cfg(feature = "ssr")]
pub mod tracking;

pub use application::{
    DEFAULT_MAX_DELEGATES, DelegateInput, KINDS, MAX_TEXT_CHARS, NewApplication, OrganisationInput,
    SECTORS, Step, e164, kind_label, normalized_name,
};
pub use apply_page::{APPLY_PATH, ApplyPage};
pub use confirmation_page::{CONFIRMATION_PATH, ConfirmationPage};
pub use data::{
    ApplicationWindow, HistoryEntry, TrackedRequest, get_application_window, get_tracked_request,
};
pub use status::{RequestStatus, Transition};
pub use track_page::{TRACK_PATH, TrackPage, TrackedPage, action_key as track_page_action};

// The committees' side: session settings, review, public directory.
mod directory;
mod directory_page;
#[cfg(feature = "ssr")]
pub mod review;
mod review_data;
mod review_detail_page;
mod review_page;
pub mod settings;
mod settings_page;

#[cfg(feature = "ssr")]
pub use directory::service as directory_service;
pub use directory::{
    DIRECTORY_CSV_PATH, DIRECTORY_JSON_PATH, DIRECTORY_PAGE_SIZE, DIRECTORY_PATH, DirectoryFilter,
    DirectoryPage, ListedOrganisation, get_directory,
};
pub use directory_page::DirectoryView;
pub use review_data::{
    EXPORT_PATH, REVIEW_PAGE_SIZE, REVIEW_PATH, ReviewFilter, ReviewList, ReviewRow, ReviewSort,
    ReviewedRequest, assign_path, decision_path, get_review_list, get_reviewed_request,
    request_path,
};
pub use review_detail_page::ReviewDetailPage;
pub use review_page::ReviewPage;
pub use settings::{SESSIONS_PATH, settings_path};
pub use settings_page::{SessionsPage, SettingsPage};
