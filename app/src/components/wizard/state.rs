//! The wizard's state: the proposal's record in the shared sync engine (every change on the
//! device at once, saved in the background), plus the steps and what each still misses.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use crate::client::download;
pub use crate::client::sync_engine::SyncState;
use crate::client::sync_engine::{RecordKind, Sendable, SyncEngine};
use crate::error::FieldError;
use crate::i18n::{use_i18n, Key};
use crate::models::{
    question_field, AttachmentInfo, Fields, ProposalForm, ProposalStatus, Role, WizardData,
    CATEGORY_FIELD, TITLE_FIELD,
};
use crate::sync::draft::{DraftRecord, Resolution};
use crate::validation::answers::{check_field, completion_percent, missing_for_submission};

#[derive(Clone, Copy)]
pub struct WizardCtx {
    pub engine: SyncEngine,
    pub form: StoredValue<ProposalForm>,
    pub record: RwSignal<DraftRecord>,
    pub sync: RwSignal<SyncState>,
    pub storage_ok: RwSignal<bool>,
    pub step: RwSignal<usize>,
    /// Steps the person has left: their problems are shown from then on.
    pub visited: RwSignal<BTreeSet<usize>>,
    pub attachments: RwSignal<Vec<AttachmentInfo>>,
    pub online: RwSignal<bool>,
    pub ready: RwSignal<bool>,
    pub status: ProposalStatus,
    pub role: Role,
    pub head_note: StoredValue<Option<String>>,
    /// What still keeps the proposal from being handed in, worked out once per change: every
    /// field on every step asks it for its own problem.
    missing: Memo<Vec<FieldError>>,
    is_new: bool,
}

impl WizardCtx {
    pub fn new(mut data: WizardData) -> WizardCtx {
        if data.proposal.is_none() && !data.preview {
            // A draft the server has not seen: its address names it (reopened at its own
            // address, perhaps offline from the kept "new proposal" page), or it is new and gets
            // its id here, on the device (the page carries none; see `fetch_wizard`).
            if let Some(id) = id_in_address().or_else(minted_on_device) {
                data.proposal_id = id;
            }
        }
        let (version, fields, status, attachments, note) = match data.proposal {
            Some(p) => (p.version, p.fields, p.status, p.attachments, p.head_note),
            None => (0, Fields::new(), ProposalStatus::Draft, Vec::new(), None),
        };
        let form = StoredValue::new(data.form);
        let sendable: Sendable = Arc::new(move |field: &str, value: &Value| {
            form.with_value(|f| check_field(f, field, value).is_ok())
        });
        let engine = SyncEngine::new(
            RecordKind::PROPOSAL,
            data.user_id,
            data.proposal_id,
            version,
            fields,
            sendable,
        );
        let engine = if data.preview {
            engine.local_only()
        } else {
            engine
        };
        let attachments = RwSignal::new(attachments);
        let record = engine.record;
        let missing = Memo::new(move |_| {
            let files = files_in(attachments);
            form.with_value(|f| record.with(|r| missing_for_submission(f, &r.local, &files)))
        });
        WizardCtx {
            engine,
            form,
            record,
            sync: engine.sync,
            storage_ok: engine.storage_ok,
            step: RwSignal::new(0),
            visited: RwSignal::new(BTreeSet::new()),
            attachments,
            online: engine.online,
            ready: engine.ready,
            status,
            role: data.role,
            head_note: StoredValue::new(note),
            missing,
            // A preview has no address of its own to keep.
            is_new: version == 0 && !data.preview,
        }
    }

    pub fn proposal_id(&self) -> String {
        self.engine.id()
    }

    pub fn store_key(&self) -> String {
        self.engine.store_key()
    }

    /// After hydration: take this device's copy, keep the address stable for a new proposal,
    /// and start syncing.
    pub fn start(self) {
        let id = self.engine.id();
        let is_new = self.is_new;
        self.engine.start(move || {
            if is_new {
                keep_address(&id);
            }
        });
    }

    /// A person changed a field: keep it on the device now, send it soon.
    pub fn edit(self, field: &str, value: Value) {
        self.engine.edit(field, value);
    }

    pub fn value(self, field: &str) -> Value {
        self.engine.value(field)
    }

    pub fn resolve(self, field: &str, resolution: Resolution) {
        self.engine.resolve(field, resolution);
    }

    /// Marks the current step as visited, so its problems show.
    pub fn leave_step(self) {
        let step = self.step.get_untracked();
        self.visited.update(|v| {
            v.insert(step);
        });
    }

    /// Everything still keeping the proposal from being handed in.
    pub fn missing(self) -> Vec<FieldError> {
        self.missing.get()
    }

    pub fn completion(self) -> u32 {
        let files = files_in(self.attachments);
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
        crate::models::question_of_field(field)
            .and_then(|id| {
                self.form.with_value(|f| {
                    f.sections
                        .iter()
                        .position(|s| s.questions.iter().any(|q| q.id == id))
                })
            })
            .map_or(0, |section| section + 1)
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
        self.missing.with(|missing| {
            missing
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.problem.message(lang))
        })
    }

    pub fn step_has_problems(self, step: usize) -> bool {
        let sections = self.form.with_value(|f| f.sections.len());
        if step > sections || !self.visited.with(|v| v.contains(&step)) {
            return false;
        }
        let fields = self.step_fields(step);
        self.missing.with(|missing| {
            missing
                .iter()
                .any(|e| fields.iter().any(|f| e.field == f.as_str()))
        })
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
                let label = field_label(&self, field, lang);
                let shown = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                text.push_str(&format!("{label}\n{shown}\n\n"));
            }
        });
        download::offer(
            &format!("proposal-{}.txt", self.engine.id()),
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
                Some(&crate::routes::agency_proposal(id)),
            );
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
    }
}

/// A new proposal's id, minted in the browser (`sync::draft::new_record_id`).
fn minted_on_device() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        Some(crate::sync::draft::new_record_id())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// The proposal id in `/agency/proposals/<uuid>`, in the browser.
fn id_in_address() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let path = web_sys::window()?.location().pathname().ok()?;
        let id = path.strip_prefix(crate::routes::AGENCY_PROPOSALS)?;
        uuid::Uuid::parse_str(id).ok().map(|u| u.to_string())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Field names shown in messages: the question label, or the built-in title and category.
pub fn field_label(ctx: &WizardCtx, field: &str, lang: crate::i18n::Lang) -> String {
    match field {
        TITLE_FIELD => Key::FieldTitle.text(lang).to_string(),
        CATEGORY_FIELD => Key::ColCategory.text(lang).to_string(),
        other => crate::models::question_of_field(other)
            .and_then(|id| {
                ctx.form
                    .with_value(|f| f.question(id).map(|q| q.label.clone()))
            })
            .unwrap_or_else(|| other.to_string()),
    }
}

/// How many files each evidence question has.
fn files_in(attachments: RwSignal<Vec<AttachmentInfo>>) -> impl Fn(i64) -> usize {
    let attachments = attachments.get();
    move |q| attachments.iter().filter(|a| a.question_id == q).count()
}
