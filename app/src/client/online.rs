//! Whether the browser believes it is online. A failed request also counts as offline; the
//! browser's `online` event is the cue to try again at once.

pub fn is_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}
