//! `POST /langue`: remembers the visitor's language and sends them back where they were.

use crate::ServerState;
use app::i18n::{LANG_COOKIE, Lang};
use axum::{
    Form,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// The language switch's form.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Sets the language cookie for a year and redirects (303) to `next`, a local path only.
pub async fn set_language(
    State(state): State<ServerState>,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(lang) = Lang::parse(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unsupported language").into_response();
    };
    let secure = if state.https { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    let mut response = Redirect::to(app::forms::local_path(&form.next, "/")).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
