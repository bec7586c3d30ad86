//! The browser entry point: hydrates the islands of the server-rendered HTML.
//!
//! Pages are server HTML (readable without JavaScript); only the `#[island]` components in
//! `app` are compiled into this bundle and brought to life here (see docs/ARCHITECTURE.md).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Each island marks the page once all have run (`app::layout::island_ran`).
    app::layout::hydrate_islands();
}
