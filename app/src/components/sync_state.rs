use leptos::prelude::*;

use crate::client::sync_engine::{SyncEngine, SyncState};
use crate::i18n::{t, use_i18n, Key};

/// Where a record stands: on this device only, syncing, synced, offline, in conflict, refused.
/// Announced politely to screen readers as it changes.
#[component]
pub fn SyncStateLine(engine: SyncEngine) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let lang = i18n.lang.get();
        if !engine.ready.get() {
            return Key::Loading.text(lang).to_string();
        }
        match engine.sync.get() {
            SyncState::SavedLocally => Key::SyncSavedLocally.text(lang).to_string(),
            SyncState::Syncing => Key::SyncSyncing.text(lang).to_string(),
            SyncState::Synced => Key::SyncSynced.text(lang).to_string(),
            SyncState::Offline => Key::SyncOffline.text(lang).to_string(),
            SyncState::Conflict => Key::SyncConflict.text(lang).to_string(),
            SyncState::Locked(e) => format!("{}. {}", Key::SyncLocked.text(lang), e.message(lang)),
            SyncState::Trouble(e) => e.message(lang),
        }
    };
    let kind = move || {
        if engine.ready.get() {
            engine.sync.with(SyncState::css_class)
        } else {
            "loading"
        }
    };
    view! {
        <p class=move || format!("sync-state {}", kind()) role="status" aria-live="polite">
            <span class="visually-hidden">{t(Key::SyncStatusLabel)} ": "</span>
            <span data-sync=kind>{label}</span>
        </p>
    }
}
