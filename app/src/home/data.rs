//! The home page's data and the server function that loads it.

use crate::{error::AppError, i18n::Lang, sessions::SessionSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the home page shows that comes from the database, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    /// The session marked current, if any.
    pub session: Option<SessionSummary>,
    /// The framework's objectives, in order.
    pub objectives: Vec<String>,
}

/// Loads the home page's data in `lang`.
#[server(endpoint = "home")]
pub async fn get_home(lang: Lang) -> Result<HomeData, AppError> {
    let db = crate::state::db()?;
    super::service::load(&db, lang)
        .await
        .map_err(|e| AppError::from(e).respond())
}
