//! Recommendations: the committees' form posts under `/espace/recommandations` (the checks
//! and writes are in `app::recommendations::admin`), and the public open data files and
//! Atom feed (documented in `docs/OPEN_DATA.md`).

use crate::{
    ServerState,
    forms::{Submission, see_other},
    open_data::{csv_file, failure, headers, json_file},
};
use app::{
    error::AppError,
    i18n::Lang,
    recommendations::{
        EDITOR_PATH, admin, atom, edit_path, milestones, milestones_path, open_data as published,
    },
};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

/// Answers a refused post by rendering `page` (the page holding the form whose action is
/// `action`) with the error, when the post's own address is not a page.
async fn refuse_on(
    mut form: Submission,
    state: &ServerState,
    page: &str,
    action: &str,
    error: AppError,
) -> Response {
    if let Ok(uri) = page.parse::<Uri>() {
        form.parts.uri = uri;
    }
    form.refuse(state, action, error).await
}

/// `POST /espace/recommandations`: creates a recommendation (unpublished).
pub async fn create(State(state): State<ServerState>, form: Submission) -> Response {
    match admin::create(&state.app.db, form.principal(), &form.fields).await {
        Ok(id) => see_other(&format!("{}?ok=recommendation_created", edit_path(id))),
        Err(error) => form.refuse(&state, EDITOR_PATH, error).await,
    }
}

/// `POST /espace/recommandations/{id}`: changes a recommendation.
pub async fn update(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    let action = edit_path(id);
    match admin::update(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(()) => see_other(&format!("{action}?ok=recommendation_updated")),
        Err(error) => form.refuse(&state, &action, error).await,
    }
}

async fn publication(state: ServerState, id: i32, form: Submission, publish: bool) -> Response {
    let result = admin::set_published(&state.app.db, form.principal(), id, publish).await;
    let (action, ok) = if publish {
        (
            app::recommendations::publish_path(id),
            "recommendation_published",
        )
    } else {
        (
            app::recommendations::unpublish_path(id),
            "recommendation_unpublished",
        )
    };
    match result {
        Ok(()) => see_other(&format!("{}?ok={ok}", edit_path(id))),
        Err(error) => refuse_on(form, &state, &edit_path(id), &action, error).await,
    }
}

/// `POST /espace/recommandations/{id}/publier`.
pub async fn publish(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    publication(state, id, form, true).await
}

/// `POST /espace/recommandations/{id}/retirer`.
pub async fn unpublish(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    publication(state, id, form, false).await
}

/// `POST /espace/recommandations/{id}/jalons`: adds a milestone.
pub async fn add_milestone(
    State(state): State<ServerState>,
    Path(id): Path<i32>,
    form: Submission,
) -> Response {
    match milestones::add(&state.app.db, form.principal(), id, &form.fields).await {
        Ok(_) => see_other(&format!(
            "{}?ok=milestone_created#milestones",
            edit_path(id)
        )),
        Err(error) => refuse_on(form, &state, &edit_path(id), &milestones_path(id), error).await,
    }
}

/// `POST /espace/recommandations/{id}/jalons/{milestone}`: changes a milestone.
pub async fn update_milestone(
    State(state): State<ServerState>,
    Path((id, milestone)): Path<(i32, i32)>,
    form: Submission,
) -> Response {
    let action = app::recommendations::milestone_path(id, milestone);
    match milestones::update(&state.app.db, form.principal(), id, milestone, &form.fields).await {
        Ok(()) => see_other(&format!(
            "{}?ok=milestone_updated#milestones",
            edit_path(id)
        )),
        Err(error) => form.refuse(&state, &action, error).await,
    }
}

/// `POST /espace/recommandations/{id}/jalons/{milestone}/basculer`: marks a milestone done
/// or not done.
pub async fn toggle_milestone(
    State(state): State<ServerState>,
    Path((id, milestone)): Path<(i32, i32)>,
    form: Submission,
) -> Response {
    let action = format!(
        "{}/basculer",
        app::recommendations::milestone_path(id, milestone)
    );
    match milestones::toggle(&state.app.db, form.principal(), id, milestone).await {
        Ok(()) => see_other(&format!(
            "{}?ok=milestone_toggled#milestones",
            edit_path(id)
        )),
        Err(error) => refuse_on(form, &state, &edit_path(id), &action, error).await,
    }
}

/// `POST /espace/recommandations/{id}/jalons/{milestone}/supprimer`: deletes a milestone.
pub async fn delete_milestone(
    State(state): State<ServerState>,
    Path((id, milestone)): Path<(i32, i32)>,
    form: Submission,
) -> Response {
    let action = format!(
        "{}/supprimer",
        app::recommendations::milestone_path(id, milestone)
    );
    match milestones::delete(&state.app.db, form.principal(), id, milestone).await {
        Ok(()) => see_other(&format!(
            "{}?ok=milestone_deleted#milestones",
            edit_path(id)
        )),
        Err(error) => refuse_on(form, &state, &edit_path(id), &action, error).await,
    }
}

/// `GET /api/v1/recommendations.json`.
pub async fn open_json(State(state): State<ServerState>) -> Response {
    json_file(
        "recommendations",
        published::rows(&state.app.db).await,
        serde_json::json!({}),
    )
}

/// `GET /api/v1/recommendations.csv`.
pub async fn open_csv(State(state): State<ServerState>) -> Response {
    csv_file(published::rows(&state.app.db).await)
}

/// `GET /recommandations/flux.atom`: the feed, in the reader's language.
pub async fn feed(State(state): State<ServerState>, request_headers: HeaderMap) -> Response {
    let lang = Lang::of_request(&request_headers);
    match published::rows(&state.app.db).await {
        Ok(rows) => {
            let mut response = headers(
                (StatusCode::OK, atom::render(&rows, lang)).into_response(),
                "application/atom+xml; charset=utf-8",
            );
            response.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            );
            response
        }
        Err(error) => failure(error.into()),
    }
}
