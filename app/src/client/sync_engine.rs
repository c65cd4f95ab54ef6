//! The sync engine shared by every offline-first record (proposal drafts, score sheets, visit
//! reports): every change is written to local storage at once; saves go to the server in the
//! background, one at a time, retried with backoff while offline (docs/sync.md). What is saved
//! where is the `DraftRecord`'s business; this is the loop around it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use serde_json::Value;

use crate::api::{save_draft, save_score_sheet, save_visit};
use crate::client::{draft_store, online};
use crate::error::AppError;
use crate::models::{Fields, SaveOutcome, SaveRequest};
use crate::sync::draft::{DraftRecord, Resolution};

/// What the person sees about where their work is.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// Changed here, not yet accepted by the server.
    SavedLocally,
    Syncing,
    /// The server has exactly what is on the screen.
    Synced,
    Offline,
    /// Someone else changed the same field; a person must choose.
    Conflict,
    /// The server refuses writes (deadline, submitted, permission). The local copy stays.
    Locked(AppError),
    /// A save failed for another reason; it is retried.
    Trouble(AppError),
}

impl SyncState {
    pub fn css_class(&self) -> &'static str {
        match self {
            SyncState::SavedLocally => "local",
            SyncState::Syncing => "syncing",
            SyncState::Synced => "synced",
            SyncState::Offline => "offline",
            SyncState::Conflict => "conflict",
            SyncState::Locked(_) => "locked",
            SyncState::Trouble(_) => "trouble",
        }
    }
}

/// The call that saves a record on the server.
type Save = fn(SaveRequest) -> Pin<Box<dyn Future<Output = Result<SaveOutcome, AppError>>>>;

/// Which kind of record: its part of the local storage key, and the server function that saves
/// it. A value, not an enum matched at the call, so that a bundle links only the save functions
/// of the islands it holds (docs/architecture.md "Size").
#[derive(Clone, Copy)]
pub struct RecordKind {
    store_name: &'static str,
    save: Save,
}

impl RecordKind {
    pub const PROPOSAL: RecordKind = RecordKind {
        store_name: "proposal",
        save: |request| Box::pin(save_draft(request)),
    };
    pub const SCORE_SHEET: RecordKind = RecordKind {
        store_name: "sheet",
        save: |request| Box::pin(save_score_sheet(request)),
    };
    pub const VISIT: RecordKind = RecordKind {
        store_name: "visit",
        save: |request| Box::pin(save_visit(request)),
    };
}

const MAX_BACKOFF_MS: u64 = 60_000;

/// Whether a field's value may be sent (a value that breaks its rule stays on the device).
pub type Sendable = Arc<dyn Fn(&str, &Value) -> bool + Send + Sync>;

#[derive(Clone, Copy)]
pub struct SyncEngine {
    pub record: RwSignal<DraftRecord>,
    pub sync: RwSignal<SyncState>,
    pub storage_ok: RwSignal<bool>,
    /// The browser's idea of being online, kept current by its events.
    pub online: RwSignal<bool>,
    /// False until the island has hydrated and read this device's copy: fields are read-only
    /// until then, so nothing typed into the server-rendered page can be overwritten.
    pub ready: RwSignal<bool>,
    kind: RecordKind,
    id: StoredValue<String>,
    store_key: StoredValue<String>,
    server_version: i64,
    server_fields: StoredValue<Fields>,
    in_flight: StoredValue<bool>,
    backoff_ms: StoredValue<u64>,
    sendable: StoredValue<Sendable>,
    /// A preview (the organisers trying the form): edits live in the page only.
    local_only: bool,
}

impl SyncEngine {
    pub fn new(
        kind: RecordKind,
        user_id: i64,
        id: String,
        version: i64,
        fields: Fields,
        sendable: Sendable,
    ) -> SyncEngine {
        SyncEngine {
            record: RwSignal::new(DraftRecord::from_server(version, fields.clone())),
            sync: RwSignal::new(SyncState::Synced),
            storage_ok: RwSignal::new(true),
            online: RwSignal::new(true),
            ready: RwSignal::new(false),
            kind,
            store_key: StoredValue::new(draft_store::key(user_id, kind.store_name, &id)),
            id: StoredValue::new(id),
            server_version: version,
            server_fields: StoredValue::new(fields),
            in_flight: StoredValue::new(false),
            backoff_ms: StoredValue::new(1000),
            sendable: StoredValue::new(sendable),
            local_only: false,
        }
    }

    /// The same engine, but keeping nothing on the device and sending nothing: for previews.
    pub fn local_only(mut self) -> SyncEngine {
        self.local_only = true;
        self
    }

    pub fn is_local_only(&self) -> bool {
        self.local_only
    }

    pub fn id(&self) -> String {
        self.id.get_value()
    }

    pub fn store_key(&self) -> String {
        self.store_key.get_value()
    }

    /// After hydration: take this device's copy if it has one, and start syncing (and again
    /// whenever the browser comes back online). `then` runs once the copy is in place.
    pub fn start(self, then: impl FnOnce() + 'static) {
        let mut then = Some(then);
        Effect::new(move |prev: Option<()>| {
            if prev.is_some() {
                return;
            }
            if self.local_only {
                self.ready.set(true);
                return;
            }
            if let Some(mut local) = draft_store::load(&self.store_key.get_value()) {
                local.rebase(self.server_version, &self.server_fields.get_value());
                self.record.set(local);
            }
            if let Some(then) = then.take() {
                then();
            }
            self.settle_state();
            self.online.set(online::is_online());
            self.ready.set(true);
            self.kick();
            let online = window_event_listener(leptos::ev::online, move |_| {
                self.online.set(true);
                self.backoff_ms.set_value(1000);
                self.kick();
            });
            let offline = window_event_listener(leptos::ev::offline, move |_| {
                self.online.set(false);
                if !self.in_flight.get_value() {
                    self.settle_state();
                }
            });
            on_cleanup(move || {
                online.remove();
                offline.remove();
            });
        });
    }

    /// A person changed a field: keep it on the device now, send it soon.
    pub fn edit(self, field: &str, value: Value) {
        let now = js_now();
        self.record.update(|r| r.edit(field, value, now));
        self.persist();
        if self.local_only {
            return;
        }
        if !self.in_flight.get_value() && !self.locked() {
            self.settle_state();
        }
        // A short pause batches the keystrokes of a word into one save.
        set_timeout(move || self.kick(), Duration::from_millis(700));
    }

    pub fn value(self, field: &str) -> Value {
        self.record.with(|r| r.value(field))
    }

    pub fn locked(self) -> bool {
        matches!(self.sync.get_untracked(), SyncState::Locked(_))
    }

    /// Writes the record to local storage; remembers whether the device could keep it.
    pub fn persist(self) {
        if self.local_only {
            return;
        }
        let ok = self
            .record
            .with_untracked(|r| draft_store::save(&self.store_key.get_value(), r));
        if ok != self.storage_ok.get_untracked() {
            self.storage_ok.set(ok);
        }
    }

    /// The state to show when nothing is in flight.
    fn settle_state(self) {
        let state = self.record.with_untracked(|r| {
            if !r.conflicts.is_empty() {
                SyncState::Conflict
            } else if !r.is_dirty() {
                SyncState::Synced
            } else if online::is_online() {
                SyncState::SavedLocally
            } else {
                SyncState::Offline
            }
        });
        if !self.locked() {
            self.sync.set(state);
        }
    }

    /// Sends the next save if there is one and none is in flight.
    pub fn kick(self) {
        if self.local_only || self.in_flight.get_value() || self.locked() {
            return;
        }
        if !online::is_online() {
            self.settle_state();
            return;
        }
        let id = self.id.get_value();
        let sendable = self.sendable.get_value();
        let request = self.record.try_update(|r| {
            r.next_request(
                &id,
                |f, v| sendable(f, v),
                || uuid::Uuid::new_v4().to_string(),
            )
        });
        self.persist();
        let Some(Some(request)) = request else {
            self.settle_state();
            return;
        };
        self.in_flight.set_value(true);
        self.sync.set(SyncState::Syncing);
        leptos::task::spawn_local(async move {
            let result = (self.kind.save)(request).await;
            self.in_flight.set_value(false);
            match result {
                Ok(SaveOutcome::Saved { version, others }) => {
                    self.record.update(|r| r.on_saved(version, others));
                    self.persist();
                    self.backoff_ms.set_value(1000);
                    self.kick();
                }
                Ok(SaveOutcome::Conflict { theirs, others, .. }) => {
                    self.record.update(|r| r.on_conflict(theirs, others));
                    self.persist();
                    // The other fields of that save go out without waiting for the person.
                    self.kick();
                }
                Err(AppError::Unreachable) => {
                    self.sync.set(SyncState::Offline);
                    self.retry_later();
                }
                Err(
                    e @ (AppError::ReadOnly
                    | AppError::DeadlinePassed
                    | AppError::WrongPhase
                    | AppError::NotFound
                    | AppError::Forbidden
                    | AppError::ConflictOfInterest
                    | AppError::Unauthenticated),
                ) => {
                    self.record.update(|r| r.on_refused());
                    self.persist();
                    self.sync.set(SyncState::Locked(e));
                }
                Err(e) => {
                    // The server refused this save for a reason the browser did not foresee, or
                    // failed; the local copy stays and the save is tried again later.
                    if matches!(
                        e,
                        AppError::Invalid(_)
                            | AppError::BadRequest { .. }
                            | AppError::Incomplete { .. }
                    ) {
                        self.record.update(|r| r.on_refused());
                        self.persist();
                    }
                    self.sync.set(SyncState::Trouble(e));
                    self.retry_later();
                }
            }
        });
    }

    fn retry_later(self) {
        let wait = self.backoff_ms.get_value();
        self.backoff_ms.set_value((wait * 2).min(MAX_BACKOFF_MS));
        set_timeout(move || self.kick(), Duration::from_millis(wait));
    }

    pub fn resolve(self, field: &str, resolution: Resolution) {
        let now = js_now();
        self.record.update(|r| r.resolve(field, resolution, now));
        self.persist();
        self.settle_state();
        self.kick();
    }
}

pub fn js_now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}
