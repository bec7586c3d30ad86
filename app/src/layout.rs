//! The page frame shared by every page: header, navigation, language switch, footer.

mod error_notice;
mod footer;
mod header;
mod lang_switch;
mod loaded;
mod pagination;

pub use error_notice::ErrorNotice;
pub use footer::Footer;
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use loaded::Loaded;
pub use pagination::{Pagination, page_count};

use leptos::prelude::*;

/// True once the WASM has hydrated the page (always false on the server and with
/// JavaScript off). Controls that need JavaScript only show once it is true.
#[derive(Clone, Copy, Debug)]
pub struct Hydrated(pub ReadSignal<bool>);

/// Creates the [`Hydrated`] signal and provides it to the page.
pub fn provide_hydrated() -> Hydrated {
    let (hydrated, set_hydrated) = signal(false);
    // Effects only run in the browser, after hydration.
    Effect::new(move |_| set_hydrated.set(true));
    let hydrated = Hydrated(hydrated);
    provide_context(hydrated);
    hydrated
}

/// Whether the page has hydrated.
pub fn use_hydrated() -> ReadSignal<bool> {
    use_context::<Hydrated>()
        .map(|h| h.0)
        .unwrap_or_else(|| signal(false).0)
}
