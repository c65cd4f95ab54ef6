//! The browser entry point. Pages are rendered on the server; only the interactive parts
//! (`#[island]` components) are hydrated, so the wasm carries just their code.
#![recursion_limit = "256"]

// Islands register themselves with the hydration runtime; linking the app crate is enough.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Marks the document as interactive; the end-to-end tests wait for it before clicking.
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
