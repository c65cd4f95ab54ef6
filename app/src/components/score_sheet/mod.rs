//! The score sheet: an island beside the proposal a judge reads. Same promise as the proposal
//! wizard (docs/sync.md): every choice is kept on the device at once and synced in the
//! background; a sheet handed in offline goes in with the save that brings its last scores.

mod criterion;
mod ctx;

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use crate::client::draft_store;
use crate::client::sync_engine::{RecordKind, Sendable, SyncEngine, SyncState};
use crate::components::SyncStateLine;
use crate::i18n::{one_decimal, provide_i18n, t, use_i18n, Key};
use crate::models::{SheetData, SheetStatus, OVERALL_FIELD, SUBMITTED_FIELD};
use crate::routes;
use crate::validation::sheet::{
    check_sheet_field, missing_scores, weighted_total, OVERALL_MAX_CHARS,
};

use criterion::CriterionScore;
use ctx::SheetCtx;

// An island in the score sheet's and the visit's bundles, the only ones a page with it is served
// when the lighter bundles are built (server/http/page_scripts.rs): the full bundle of a release
// build, which then serves only the wizard's pages, leaves it out. A development build, which has
// only the full bundle, keeps it (docs/architecture.md "Size").
#[cfg_attr(
    any(
        not(feature = "hydrate"),
        feature = "bundle-sheet",
        feature = "bundle-visit",
        all(debug_assertions, not(feature = "bundle-home"))
    ),
    island
)]
#[cfg_attr(
    not(any(
        not(feature = "hydrate"),
        feature = "bundle-sheet",
        feature = "bundle-visit",
        all(debug_assertions, not(feature = "bundle-home"))
    )),
    component
)]
pub fn ScoreSheet(
    /// The criteria, the server's copy of this judge's sheet, and the judge's queue.
    data: SheetData,
) -> impl IntoView {
    provide_i18n();
    let i18n = use_i18n();
    let criteria = StoredValue::new(data.criteria.clone());
    let sendable: Sendable = Arc::new(move |field: &str, value: &Value| {
        criteria.with_value(|c| check_sheet_field(c, field, value).is_ok())
    });
    let engine = SyncEngine::new(
        RecordKind::SCORE_SHEET,
        data.user_id,
        data.proposal_id.clone(),
        data.version,
        data.fields.clone(),
        sendable,
    );
    engine.start(|| {});

    let judging_open = data.judging_open;
    let handed_in = move || engine.value(SUBMITTED_FIELD) == Value::Bool(true);
    let read_only = Signal::derive(move || {
        !engine.ready.get()
            || !judging_open
            || handed_in()
            || matches!(engine.sync.get(), SyncState::Locked(_))
    });
    let ctx = SheetCtx { engine, read_only };
    provide_context(ctx);

    let total = move || {
        engine
            .record
            .with(|r| criteria.with_value(|c| weighted_total(c, &r.local)))
    };
    let missing = move || {
        engine
            .record
            .with(|r| criteria.with_value(|c| missing_scores(c, &r.local).len()))
    };
    let synced = move || engine.sync.get() == SyncState::Synced;
    let submit = move |_| {
        if missing() == 0 && !read_only.get_untracked() {
            engine.edit(SUBMITTED_FIELD, Value::Bool(true));
            engine.kick();
        }
    };

    let user_id = data.user_id;
    let here = data.proposal_id.clone();
    let queue = StoredValue::new(data.queue.clone());
    let done_on_server = StoredValue::new(data.submitted.clone());
    // "Save and next": everything is already kept on this device; go to the next proposal in the
    // judge's list that is handed in neither on the server nor here, or back to the list.
    let next = move |_| {
        engine.persist();
        engine.kick();
        let target = queue.with_value(|q| {
            let start = q.iter().position(|id| *id == here).map_or(0, |i| i + 1);
            q.iter()
                .cycle()
                .skip(start)
                .take(q.len())
                .find(|id| {
                    **id != here
                        && !done_on_server.with_value(|d| d.contains(id))
                        && !draft_store::load(&draft_store::key(user_id, "sheet", id))
                            .is_some_and(|r| r.value(SUBMITTED_FIELD) == Value::Bool(true))
                })
                .map(|id| routes::judge_sheet(id))
        });
        crate::components::go_to(&target.unwrap_or_else(|| routes::JUDGE.to_string()));
    };

    let status_note = move || {
        let lang = i18n.lang.get();
        if !judging_open {
            Some(Key::JudgingClosed.text(lang).to_string())
        } else if handed_in() && synced() {
            Some(Key::SheetSubmittedNotice.text(lang).to_string())
        } else if handed_in() {
            Some(Key::SheetSubmittedPending.text(lang).to_string())
        } else {
            None
        }
    };
    let reopened = data.status == SheetStatus::Reopened;

    view! {
        <section class="card score-sheet" aria-labelledby="sheet-title" data-ready=move || engine.ready.get().to_string()>
            <h2 id="sheet-title">{t(Key::ScoreSheetTitle)}</h2>
            <SyncStateLine engine />
            {reopened.then(|| view! { <p class="notice-info">{t(Key::SheetReopenedNotice)}</p> })}
            {move || status_note().map(|note| view! { <p class="notice-info sheet-status">{note}</p> })}
            <p class="sheet-total">
                <span>{t(Key::WeightedTotal)} ": "</span>
                <strong data-total="">
                    {move || total().map_or_else(|| "–".to_string(), |v| one_decimal(v, i18n.lang.get()))}
                </strong>
                <span class="muted">" / 100"</span>
            </p>
            {criteria
                .get_value()
                .into_iter()
                .map(|criterion| view! { <CriterionScore criterion /> })
                .collect_view()}
            <div class="field">
                <label for="overall-comment">{t(Key::OverallComment)}</label>
                <textarea
                    id="overall-comment"
                    rows="4"
                    maxlength=OVERALL_MAX_CHARS.to_string()
                    prop:value=move || engine.value(OVERALL_FIELD).as_str().unwrap_or_default().to_string()
                    readonly=move || read_only.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        engine.edit(OVERALL_FIELD, if v.is_empty() { Value::Null } else { Value::String(v) });
                    }
                ></textarea>
            </div>
            <Show when=move || { missing() > 0 && !read_only.get() }>
                <p class="muted" id="sheet-missing">
                    {move || Key::ScoresMissing.text(i18n.lang.get()).replace("{n}", &missing().to_string())}
                </p>
            </Show>
            <div class="sheet-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || { read_only.get() || missing() > 0 }
                    aria-describedby="sheet-missing"
                    on:click=submit
                >
                    {t(Key::SubmitSheet)}
                </button>
                <button type="button" class="button" on:click=next>
                    {t(Key::SaveAndNext)}
                </button>
            </div>
            <Show when=move || !engine.storage_ok.get()>
                <p class="banner-warning" role="alert">{t(Key::StorageUnavailable)}</p>
            </Show>
        </section>
    }
}
