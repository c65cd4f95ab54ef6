//! The visit checklist: an island on a field round's scoring page, filled in where the
//! innovation runs — often a village with no signal. Same promise as the score sheet
//! (docs/sync.md): every entry is kept on the device at once and synced in the background; the
//! photos wait on the device (IndexedDB, `client/photo_store.rs`) until the network returns,
//! each with its state in view.

mod ctx;
mod photos;

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;

use crate::client::sync_engine::{RecordKind, Sendable, SyncEngine, SyncState};
use crate::components::SyncStateLine;
use crate::i18n::{provide_i18n, t, use_i18n, Key};
use crate::models::{
    claim_seen_field, claim_status_field, ClaimFinding, VisitData, SUBMITTED_FIELD,
    VISITED_ON_FIELD, VISITORS_FIELD, VISIT_NOTES_FIELD,
};
use crate::validation::visit::{
    check_visit_field, missing_findings, NOTES_MAX_CHARS, SEEN_MAX_CHARS, VISITORS_MAX_CHARS,
};

use ctx::VisitCtx;
use photos::{PhotoList, PhotoShelf, TakePhoto, WaitingLine};

// An island only in the visit's own bundle (and the development build's full one): the full
// bundle of a release build leaves it out, as it does the room's screen (docs/architecture.md
// "Size").
#[cfg_attr(
    any(
        not(feature = "hydrate"),
        feature = "bundle-visit",
        all(
            debug_assertions,
            not(any(feature = "bundle-home", feature = "bundle-sheet"))
        )
    ),
    island
)]
#[cfg_attr(
    not(any(
        not(feature = "hydrate"),
        feature = "bundle-visit",
        all(
            debug_assertions,
            not(any(feature = "bundle-home", feature = "bundle-sheet"))
        )
    )),
    component
)]
pub fn VisitChecklist(
    /// The round's claims, the server's copy of this judge's report, and its photos.
    data: VisitData,
) -> impl IntoView {
    provide_i18n();
    let i18n = use_i18n();
    let claims = data.claims.len();
    let sendable: Sendable =
        Arc::new(move |field: &str, value: &Value| check_visit_field(claims, field, value).is_ok());
    let engine = SyncEngine::new(
        RecordKind::VISIT,
        data.user_id,
        data.proposal_id.clone(),
        data.version,
        data.fields.clone(),
        sendable,
    );
    engine.start(|| {});
    let open = data.open;
    let handed_in = move || engine.value(SUBMITTED_FIELD) == Value::Bool(true);
    let read_only = Signal::derive(move || {
        !engine.ready.get()
            || !open
            || handed_in()
            || matches!(engine.sync.get(), SyncState::Locked(_))
    });
    provide_context(VisitCtx { engine, read_only });
    let shelf = PhotoShelf::new(data.user_id, &data.proposal_id, &data.photos);
    provide_context(shelf);
    shelf.start();

    let missing = move || {
        engine
            .record
            .with(|r| missing_findings(claims, &r.local).len())
    };
    let synced = move || engine.sync.get() == SyncState::Synced;
    let submit = move |_| {
        if missing() == 0 && !read_only.get_untracked() {
            engine.edit(SUBMITTED_FIELD, Value::Bool(true));
            engine.kick();
        }
    };
    let status_note = move || {
        let lang = i18n.lang.get();
        if !open {
            Some(Key::JudgingClosed.text(lang))
        } else if handed_in() && synced() {
            Some(Key::VisitSubmittedNotice.text(lang))
        } else if handed_in() {
            Some(Key::VisitSubmittedPending.text(lang))
        } else {
            None
        }
    };
    let no_claims = data.claims.is_empty();
    // Opened again by the organisers: said until the judge hands it in once more.
    let reopened = data.reopened;

    view! {
        <section class="card visit" aria-labelledby="visit-title" data-ready=move || engine.ready.get().to_string()>
            <h2 id="visit-title">{t(Key::VisitTitle)}</h2>
            <p class="muted">{t(Key::VisitHint)}</p>
            <SyncStateLine engine />
            <WaitingLine />
            {move || (reopened && !handed_in()).then(|| view! { <p class="notice-info">{t(Key::VisitReopenedNotice)}</p> })}
            {move || status_note().map(|note| view! { <p class="notice-info visit-status">{note}</p> })}
            <div class="visit-who">
                <TextField field=VISITED_ON_FIELD label=Key::VisitedOn kind="date" max=10 />
                <TextField field=VISITORS_FIELD label=Key::Visitors kind="text" max=VISITORS_MAX_CHARS />
            </div>
            <h3>{t(Key::VisitClaimsTitle)}</h3>
            {no_claims.then(|| view! { <p class="muted">{t(Key::NoClaims)}</p> })}
            <ol class="claims">
                {data
                    .claims
                    .into_iter()
                    .enumerate()
                    .map(|(i, claim)| view! { <Claim n=i + 1 claim /> })
                    .collect_view()}
            </ol>
            <section class="visit-other" aria-labelledby="visit-other-title">
                <h3 id="visit-other-title">{t(Key::OtherPhotos)}</h3>
                <PhotoList claim=None />
                <TakePhoto claim=None />
            </section>
            <div class="field">
                <label for="visit-notes">{t(Key::VisitNotes)}</label>
                <textarea
                    id="visit-notes"
                    rows="4"
                    maxlength=NOTES_MAX_CHARS.to_string()
                    prop:value=move || engine.value(VISIT_NOTES_FIELD).as_str().unwrap_or_default().to_string()
                    readonly=move || read_only.get()
                    on:input=move |ev| edit_text(engine, VISIT_NOTES_FIELD, event_target_value(&ev))
                ></textarea>
            </div>
            <Show when=move || { missing() > 0 && !read_only.get() }>
                <p class="muted" id="visit-missing">
                    {move || Key::VisitMissing.text(i18n.lang.get()).replace("{n}", &missing().to_string())}
                </p>
            </Show>
            <div class="sheet-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || { read_only.get() || missing() > 0 }
                    aria-describedby="visit-missing"
                    on:click=submit
                >
                    {t(Key::SubmitVisit)}
                </button>
            </div>
            <Show when=move || !engine.storage_ok.get()>
                <p class="banner-warning" role="alert">{t(Key::StorageUnavailable)}</p>
            </Show>
        </section>
    }
}

/// An emptied text is no value.
fn edit_text(engine: SyncEngine, field: &str, v: String) {
    engine.edit(
        field,
        if v.is_empty() {
            Value::Null
        } else {
            Value::String(v)
        },
    );
}

/// A one-line entry of the report (the day, who went).
#[component]
fn TextField(field: &'static str, label: Key, kind: &'static str, max: u32) -> impl IntoView {
    let ctx = expect_context::<VisitCtx>();
    let engine = ctx.engine;
    let id = format!("visit-{field}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input
                id=id
                type=kind
                maxlength=max.to_string()
                prop:value=move || engine.value(field).as_str().unwrap_or_default().to_string()
                readonly=move || ctx.read_only.get()
                on:input=move |ev| edit_text(engine, field, event_target_value(&ev))
            />
        </div>
    }
}

/// One claim: what the visitor found (three large choices), what they saw, and its photos.
#[component]
fn Claim(n: usize, claim: String) -> impl IntoView {
    let ctx = expect_context::<VisitCtx>();
    let engine = ctx.engine;
    let status_key = claim_status_field(n);
    let seen_key = claim_seen_field(n);
    let found = {
        let key = status_key.clone();
        move || engine.value(&key).as_str().and_then(ClaimFinding::parse)
    };
    let legend_id = format!("claim-{n}");
    let labelled_by = legend_id.clone();
    view! {
        <li class="claim" data-claim=n.to_string()>
            <fieldset class="finding" aria-labelledby=labelled_by>
                <legend id=legend_id>{claim}</legend>
                <div class="scale">
                    {ClaimFinding::ALL
                        .into_iter()
                        .map(|finding| {
                            let key = status_key.clone();
                            let id = format!("{status_key}-{}", finding.as_str());
                            let found = found.clone();
                            let chosen = move || found() == Some(finding);
                            let marked = chosen.clone();
                            let label_for = id.clone();
                            let label = match finding {
                                ClaimFinding::Confirmed => Key::FindingConfirmed,
                                ClaimFinding::Partly => Key::FindingPartly,
                                ClaimFinding::NotSeen => Key::FindingNotSeen,
                            };
                            view! {
                                <label class="scale-option finding-option" class:chosen=marked for=label_for>
                                    <input
                                        type="radio"
                                        id=id
                                        name=status_key.clone()
                                        value=finding.as_str()
                                        prop:checked=chosen
                                        disabled=move || ctx.read_only.get()
                                        on:change=move |_| engine.edit(&key, Value::from(finding.as_str()))
                                    />
                                    <span>{t(label)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for=seen_key.clone()>{t(Key::WhatWasSeen)}</label>
                <textarea
                    id=seen_key.clone()
                    rows="2"
                    maxlength=SEEN_MAX_CHARS.to_string()
                    prop:value={
                        let key = seen_key.clone();
                        move || engine.value(&key).as_str().unwrap_or_default().to_string()
                    }
                    readonly=move || ctx.read_only.get()
                    on:input={
                        let key = seen_key.clone();
                        move |ev| edit_text(engine, &key, event_target_value(&ev))
                    }
                ></textarea>
            </div>
            <PhotoList claim=Some(n as i64) />
            <TakePhoto claim=Some(n as i64) />
        </li>
    }
}
