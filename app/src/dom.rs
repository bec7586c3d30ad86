//! Small DOM helpers for islands that enhance the server's markup (browser only; see
//! docs/ARCHITECTURE.md: islands work on server markup with plain DOM calls).

use web_sys::{Element, wasm_bindgen::JsCast};

/// The elements under `root` matching `selector`, in document order.
pub fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The child elements of `parent`.
pub fn children(parent: &Element) -> Vec<Element> {
    let list = parent.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
