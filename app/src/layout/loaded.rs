//! Showing data that loads: a translated "loading" line, then the view, or the error.

use super::ErrorNotice;
use crate::{error::AppError, i18n::use_lang};
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

/// Renders `render` with the resource's value once loaded, or the translated error.
#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_lang().strings();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading()}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(data) => render(data).into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
