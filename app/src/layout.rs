//! The page frame shared by every page: header, navigation, language switch, footer.

mod error_notice;
mod footer;
mod header;
mod lang_switch;
mod loaded;
mod pagination;
#[cfg(feature = "ssr")]
mod scripts;

pub use error_notice::ErrorNotice;
pub use footer::Footer;
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use loaded::Loaded;
pub use pagination::{Pagination, page_count};
#[cfg(feature = "ssr")]
pub use scripts::PageScripts;

use leptos::prelude::*;

/// Whether the page's scripts run: false on the server and with JavaScript off, true in the
/// browser once the island that asks has hydrated. Controls that need JavaScript only show
/// once it is true, so the server's HTML and the first browser rendering agree.
///
/// Each island has its own signal (islands share no context in the browser).
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    // Effects only run in the browser, after hydration.
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Called by every island (in an effect, so in the browser once it has hydrated): when
/// each island of the page has run, marks `<main>` with `data-hydrated="true"`, which tests
/// wait for. Islands are lazy (their code arrives after the page's), so the browser entry
/// cannot know by itself when they are all live. Islands nested in another island render
/// no element of their own and must not call this.
pub fn island_ran() {
    #[cfg(feature = "hydrate")]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RAN: AtomicUsize = AtomicUsize::new(0);
        let ran = RAN.fetch_add(1, Ordering::Relaxed) + 1;
        if ran >= island_count() {
            mark_hydrated();
        }
    }
}

/// The browser entry: hydrates the page's islands (called by `frontend`, which links this
/// crate, and with it every island's exported hydration function, through this call).
#[cfg(feature = "hydrate")]
pub fn hydrate_islands() {
    leptos::mount::hydrate_islands();
}

#[cfg(feature = "hydrate")]
fn island_count() -> usize {
    document()
        .query_selector_all("leptos-island")
        .map(|list| list.length() as usize)
        .unwrap_or(0)
}

#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    if let Some(main) = document().get_element_by_id("main") {
        _ = main.set_attribute("data-hydrated", "true");
    }
}
