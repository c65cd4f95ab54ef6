//! What the visit checklist's parts share, given through context.

use leptos::prelude::*;

use crate::client::sync_engine::SyncEngine;

/// What every part of the visit checklist shares: the report's engine, and whether it may
/// change now.
#[derive(Clone, Copy)]
pub struct VisitCtx {
    pub engine: SyncEngine,
    pub read_only: Signal<bool>,
}
