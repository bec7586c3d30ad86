//! How an error is shown inside a page.

use crate::{error::AppError, i18n::use_lang};
use leptos::prelude::*;

/// A translated, actionable error message, announced to screen readers.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let lang = use_lang();
    // A page that shows an error answers with its status (401, 403, 404…).
    #[cfg(feature = "ssr")]
    let error = error.respond();
    let sign_in = matches!(error, AppError::Unauthorized).then(|| {
        view! { <p><a href=crate::accounts::SIGN_IN_PATH>{lang.strings().sign_in_link()}</a></p> }
    });
    view! {
        <div class="notice notice-error" role="alert">
            <p class="notice-title">{lang.strings().error_heading()}</p>
            <p>{error.message(lang)}</p>
            {sign_in}
        </div>
    }
}
