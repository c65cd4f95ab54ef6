//! What the score sheet's parts share, given through context.

use leptos::prelude::*;

use crate::client::sync_engine::SyncEngine;

/// Shared by the sheet's parts.
#[derive(Clone, Copy)]
pub struct SheetCtx {
    pub engine: SyncEngine,
    /// Nothing may change: the sheet is handed in (here or on the server), judging is closed,
    /// or the island has not read this device's copy yet.
    pub read_only: Signal<bool>,
}
