//! Previous / next links for a paged list, keeping the page's other query parameters (the
//! filters), so they work with JavaScript off.

use crate::i18n::{fill, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Pages in all for `total` rows shown `size` at a time (at least 1).
pub fn page_count(total: u64, size: u64) -> u64 {
    total.div_ceil(size.max(1)).max(1)
}

/// The links of page `page` of `pages`, on the list at `path`.
#[component]
pub fn Pagination(
    /// The list's path (without query).
    path: &'static str,
    /// The page shown (1-based).
    page: u64,
    /// Pages in all.
    pages: u64,
) -> impl IntoView {
    let t = use_lang().strings();
    let query = use_query_map();
    let link = move |number: u64| {
        let mut q = query.get_untracked();
        q.replace("page", number.to_string());
        format!("{path}{}", q.to_query_string())
    };
    let position = fill(
        &fill(t.pagination_position(), "page", &page.to_string()),
        "pages",
        &pages.to_string(),
    );
    view! {
        <nav class="pagination" aria-label=t.pagination_label()>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t.pagination_previous()}</a> })}
            <span>{position}</span>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t.pagination_next()}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_count;

    #[test]
    fn an_empty_list_still_has_one_page() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }
}
