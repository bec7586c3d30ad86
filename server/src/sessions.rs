//! Sessions, the committees' side: creating and editing a session and choosing the current
//! one (form posts; the rules and writes are in `app::sessions::{admin, current}`).

use crate::{
    ServerState,
    forms::{Submission, see_other},
};
use app::sessions::{NEW_SESSION_PATH, SESSIONS_PATH, admin, current, current_path, edit_path};
use axum::{
    extract::{Path, State},
    response::Response,
};

/// `POST /espace/sessions/nouvelle`: creates a session.
pub async fn create(State(state): State<ServerState>, form: Submission) -> Response {
    match admin::create(&state.app.db, form.principal(), &form.fields).await {
        Ok(_) => see_other(&format!("{SESSIONS_PATH}?ok=session_created")),
        Err(error) => form.refuse(&state, NEW_SESSION_PATH, error).await,
    }
}

/// `POST /espace/sessions/{number}`: changes a session.
pub async fn update(
    State(state): State<ServerState>,
    Path(number): Path<i32>,
    form: Submission,
) -> Response {
    match admin::update(&state.app.db, form.principal(), number, &form.fields).await {
        Ok(()) => see_other(&format!("{SESSIONS_PATH}?ok=session_updated")),
        Err(error) => form.refuse(&state, &edit_path(number), error).await,
    }
}

/// `POST /espace/sessions/{number}/courante`: makes a session the current one. A refusal is
/// shown on the session's edit page, at this address (an app route too).
pub async fn make_current(
    State(state): State<ServerState>,
    Path(number): Path<i32>,
    form: Submission,
) -> Response {
    match current::make_current(&state.app.db, form.principal(), number).await {
        Ok(()) => see_other(&format!("{SESSIONS_PATH}?ok=session_made_current")),
        Err(error) => form.refuse(&state, &current_path(number), error).await,
    }
}
