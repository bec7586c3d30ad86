//! How an error is shown inside a page.

use crate::{error::AppError, i18n::use_lang};
use leptos::prelude::*;

/// A translated, actionable error message, announced to screen readers.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="notice notice-error" role="alert">
            <p class="notice-title">{lang.strings().error_heading}</p>
            <p>{error.message(lang)}</p>
        </div>
    }
}
