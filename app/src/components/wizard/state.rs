//! The wizard's state and its sync engine. Every change is written to local storage at once;
//! saves go to the server in the background, one at a time, retried with backoff while offline.

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use serde_json::Value;

use crate::api::save_draft;
use crate::client::{download, draft_store, online};
use crate::error::{AppError, FieldError};
use crate::i18n::{use_i18n, Key};
use crate::models::{
    question_field, AttachmentInfo, Fields, ProposalForm, ProposalStatus, Role, SaveOutcome,
    WizardData, CATEGORY_FIELD, TITLE_FIELD,
};
use crate::sync::draft::{DraftRecord, Resolution};
use crate::validation::answers::{check_field, completion_percent, missing_for_submission};

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

const MAX_BACKOFF_MS: u64 = 60_000;

#[derive(Clone, Copy)]
pub struct WizardCtx {
    pub form: StoredValue<ProposalForm>,
    pub record: RwSignal<DraftRecord>,
    pub sync: RwSignal<SyncState>,
    pub storage_ok: RwSignal<bool>,
    pub step: RwSignal<usize>,
    /// Steps the person has left: their problems are shown from then on.
    pub visited: RwSignal<BTreeSet<usize>>,
    pub attachments: RwSignal<Vec<AttachmentInfo>>,
    /// The browser's idea of being online, kept current by its events.
    pub online: RwSignal<bool>,
    /// False until the wizard has hydrated and read this device's copy: fields are read-only
    /// until then, so nothing typed into the server-rendered page can be overwritten.
    pub ready: RwSignal<bool>,
    pub status: ProposalStatus,
    pub role: Role,
    pub head_note: StoredValue<Option<String>>,
    id: StoredValue<String>,
    store_key: StoredValue<String>,
    server_version: i64,
    server_fields: StoredValue<Fields>,
    in_flight: StoredValue<bool>,
    backoff_ms: StoredValue<u64>,
    is_new: bool,
}

impl WizardCtx {
    pub fn new(mut data: WizardData) -> WizardCtx {
        if data.proposal.is_none() {
            // Opened offline from the cached "new proposal" page: the address names the draft.
            if let Some(id) = id_in_address() {
                data.proposal_id = id;
            }
        }
        let (version, fields, status, attachments, note) = match data.proposal {
            Some(p) => (p.version, p.fields, p.status, p.attachments, p.head_note),
            None => (0, Fields::new(), ProposalStatus::Draft, Vec::new(), None),
        };
        let record = DraftRecord::from_server(version, fields.clone());
        WizardCtx {
            store_key: StoredValue::new(draft_store::key(
                data.user_id,
                "proposal",
                &data.proposal_id,
            )),
            id: StoredValue::new(data.proposal_id),
            form: StoredValue::new(data.form),
            record: RwSignal::new(record),
            sync: RwSignal::new(SyncState::Synced),
            storage_ok: RwSignal::new(true),
            step: RwSignal::new(0),
            visited: RwSignal::new(BTreeSet::new()),
            attachments: RwSignal::new(attachments),
            online: RwSignal::new(true),
            ready: RwSignal::new(false),
            status,
            role: data.role,
            head_note: StoredValue::new(note),
            server_version: version,
            server_fields: StoredValue::new(fields),
            in_flight: StoredValue::new(false),
            backoff_ms: StoredValue::new(1000),
            is_new: version == 0,
        }
    }

    pub fn proposal_id(&self) -> String {
        self.id.get_value()
    }

    pub fn store_key(&self) -> String {
        self.store_key.get_value()
    }

    /// After hydration: take this device's copy if it has one, keep the address stable for a new
    /// proposal, and start syncing (and again whenever the browser comes back online).
    pub fn start(self) {
        Effect::new(move |prev: Option<()>| {
            if prev.is_some() {
                return;
            }
            let key = self.store_key.get_value();
            if let Some(mut local) = draft_store::load(&key) {
                local.rebase(self.server_version, &self.server_fields.get_value());
                self.record.set(local);
            }
            if self.is_new {
                keep_address(&self.id.get_value());
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
        if !self.in_flight.get_value() && !matches!(self.sync.get_untracked(), SyncState::Locked(_))
        {
            self.settle_state();
        }
        // A short pause batches the keystrokes of a word into one save.
        set_timeout(move || self.kick(), Duration::from_millis(700));
    }

    pub fn value(self, field: &str) -> Value {
        self.record.with(|r| r.value(field))
    }

    fn persist(self) {
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
        if !matches!(self.sync.get_untracked(), SyncState::Locked(_)) {
            self.sync.set(state);
        }
    }

    /// Sends the next save if there is one and none is in flight.
    pub fn kick(self) {
        if self.in_flight.get_value() || matches!(self.sync.get_untracked(), SyncState::Locked(_)) {
            return;
        }
        if !online::is_online() {
            self.settle_state();
            return;
        }
        let id = self.id.get_value();
        let request = self.form.with_value(|form| {
            self.record.try_update(|r| {
                r.next_request(
                    &id,
                    |field, value| check_field(form, field, value).is_ok(),
                    || uuid::Uuid::new_v4().to_string(),
                )
            })
        });
        self.persist();
        let Some(Some(request)) = request else {
            self.settle_state();
            return;
        };
        self.in_flight.set_value(true);
        self.sync.set(SyncState::Syncing);
        leptos::task::spawn_local(async move {
            let result = save_draft(request).await;
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
                    | AppError::Unauthenticated),
                ) => {
                    self.record.update(|r| r.on_refused());
                    self.persist();
                    self.sync.set(SyncState::Locked(e));
                }
                Err(e) => {
                    // The server refused this save for a reason the browser did not foresee, or
                    // failed; the local copy stays and the save is tried again later.
                    if matches!(e, AppError::Invalid(_) | AppError::BadRequest { .. }) {
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

    /// Marks the current step as visited, so its problems show.
    pub fn leave_step(self) {
        let step = self.step.get_untracked();
        self.visited.update(|v| {
            v.insert(step);
        });
    }

    fn files(self) -> impl Fn(i64) -> usize {
        let attachments = self.attachments.get();
        move |q| attachments.iter().filter(|a| a.question_id == q).count()
    }

    /// Everything still keeping the proposal from being handed in.
    pub fn missing(self) -> Vec<FieldError> {
        let files = self.files();
        self.form.with_value(|f| {
            self.record
                .with(|r| missing_for_submission(f, &r.local, &files))
        })
    }

    pub fn completion(self) -> u32 {
        let files = self.files();
        self.form.with_value(|f| {
            self.record
                .with(|r| completion_percent(f, &r.local, &files))
        })
    }

    /// The fields shown on a step.
    pub fn step_fields(self, step: usize) -> Vec<String> {
        if step == 0 {
            return vec![TITLE_FIELD.to_string(), CATEGORY_FIELD.to_string()];
        }
        self.form.with_value(|f| {
            f.sections
                .get(step - 1)
                .map(|s| s.questions.iter().map(|q| question_field(q.id)).collect())
                .unwrap_or_default()
        })
    }

    /// Which step a field is on.
    pub fn step_of(self, field: &str) -> usize {
        let sections = self.form.with_value(|f| f.sections.len());
        (0..=sections)
            .find(|s| self.step_fields(*s).iter().any(|f| f == field))
            .unwrap_or(0)
    }

    /// The problem to show beside a field: a broken rule always, a missing required answer once
    /// the person has left that step (or reached the summary).
    pub fn field_problem(self, field: &str) -> Option<String> {
        let lang = use_i18n().lang.get();
        let value = self.value(field);
        if let Err(e) = self.form.with_value(|f| check_field(f, field, &value)) {
            return Some(e.problem.message(lang));
        }
        let step = self.step_of(field);
        let summary = self.form.with_value(|f| f.sections.len()) + 1;
        let shown = self
            .visited
            .with(|v| v.contains(&step) || v.contains(&summary));
        if !shown {
            return None;
        }
        self.missing()
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.message(lang))
    }

    pub fn step_has_problems(self, step: usize) -> bool {
        let sections = self.form.with_value(|f| f.sections.len());
        if step > sections || !self.visited.with(|v| v.contains(&step)) {
            return false;
        }
        let fields = self.step_fields(step);
        self.missing().iter().any(|e| fields.contains(&e.field))
    }

    pub fn step_title(self, step: usize) -> String {
        let lang = use_i18n().lang.get();
        let sections = self.form.with_value(|f| f.sections.len());
        match step {
            0 => Key::StepIdentity.text(lang).to_string(),
            s if s <= sections => self.form.with_value(|f| f.sections[s - 1].title.clone()),
            _ => Key::StepSummary.text(lang).to_string(),
        }
    }

    /// Gives the person their local copy as a text file (when the server will not take it).
    pub fn download_copy(self) {
        let lang = use_i18n().lang.get_untracked();
        let mut text = String::new();
        self.record.with_untracked(|r| {
            for (field, value) in &r.local {
                let label = super::field_label(&self, field, lang);
                let shown = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                text.push_str(&format!("{label}\n{shown}\n\n"));
            }
        });
        download::offer(
            &format!("proposal-{}.txt", self.id.get_value()),
            "text/plain",
            &text,
        );
    }
}

/// Replaces `/agency/proposals/new` by the proposal's own address, so a reload (even offline)
/// opens the same draft.
fn keep_address(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &leptos::wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("/agency/proposals/{id}")),
            );
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
    }
}

/// The proposal id in `/agency/proposals/<uuid>`, in the browser.
fn id_in_address() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let path = web_sys::window()?.location().pathname().ok()?;
        let id = path.strip_prefix("/agency/proposals/")?;
        uuid::Uuid::parse_str(id).ok().map(|u| u.to_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

fn js_now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}
