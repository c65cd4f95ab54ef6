//! The proposal wizard: an island that keeps every keystroke on the device at once and syncs it
//! to the server in the background (docs/sync.md). Steps are the form's sections, framed by an
//! identity step (title, category) and a summary step that lists what is still missing.

mod conflicts;
mod fields;
mod state;
mod summary;

use leptos::either::Either;
use leptos::html::H2;
use leptos::prelude::*;

use crate::i18n::{provide_i18n, t, use_i18n, Key};
use crate::models::{ProposalStatus, WizardData};

use crate::components::SyncStateLine;
use conflicts::ConflictPanel;
pub use fields::format_size;
use fields::{CategoryField, QuestionField, TitleField};
use state::{SyncState, WizardCtx};
use summary::Summary;

/// The multi-step proposal form, generated from the year's form definition.
// An island in the full bundle only (docs/architecture.md "Size").
#[cfg_attr(
    not(any(
        feature = "bundle-home",
        feature = "bundle-sheet",
        feature = "bundle-visit"
    )),
    island
)]
#[cfg_attr(
    any(
        feature = "bundle-home",
        feature = "bundle-sheet",
        feature = "bundle-visit"
    ),
    component
)]
pub fn ProposalWizard(
    /// The form, the server's copy of the proposal (if any), and who is writing.
    data: WizardData,
) -> impl IntoView {
    provide_i18n();
    let ctx = WizardCtx::new(data);
    provide_context(ctx);
    ctx.start();

    let sections = ctx.form.with_value(|f| f.sections.len());
    let last = sections + 1;
    let heading = NodeRef::<H2>::new();
    // Moving between steps puts the keyboard and screen reader at the new step's heading.
    let go = move |to: usize| {
        ctx.leave_step();
        ctx.step.set(to.min(last));
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    };

    let head_note = ctx
        .head_note
        .get_value()
        .filter(|n| !n.trim().is_empty() && ctx.status == ProposalStatus::Draft);

    view! {
        <div class="wizard">
            <StatusBar />
            {head_note
                .map(|note| {
                    view! {
                        <div class="card notice-info" role="note">
                            <strong>{t(Key::HeadNote)} ": "</strong>
                            {note}
                        </div>
                    }
                })}
            <ConflictPanel />
            <StepNav go last />
            <section class="card step" aria-labelledby="step-heading">
                <p class="muted step-count">
                    {move || {
                        let i18n = use_i18n();
                        Key::StepOf
                            .text(i18n.lang.get())
                            .replace("{n}", &(ctx.step.get() + 1).to_string())
                            .replace("{total}", &(last + 1).to_string())
                    }}
                </p>
                <h2 id="step-heading" tabindex="-1" node_ref=heading>
                    {move || ctx.step_title(ctx.step.get())}
                </h2>
                // Every step's fields are on the page from the start, the others hidden: moving
                // between steps shows and hides them, so the browser's code only ever takes
                // over the server's fields and never builds one (docs/architecture.md "Size").
                <div hidden=move || ctx.step.get() != 0>
                    <p class="muted">{t(Key::StepIdentityIntro)}</p>
                    <TitleField />
                    <CategoryField />
                </div>
                {ctx
                    .form
                    .with_value(|f| f.sections.clone())
                    .into_iter()
                    .enumerate()
                    .map(|(i, section)| {
                        view! {
                            <div hidden=move || ctx.step.get() != i + 1>
                                <p class="muted">{section.description}</p>
                                {section
                                    .questions
                                    .into_iter()
                                    .map(|question| view! { <QuestionField question /> })
                                    .collect_view()}
                            </div>
                        }
                    })
                    .collect_view()}
                {move || (ctx.step.get() == last).then(|| view! { <Summary go /> })}
            </section>
            <div class="step-buttons">
                <button
                    type="button"
                    class="button"
                    disabled=move || ctx.step.get() == 0
                    on:click=move |_| go(ctx.step.get_untracked().saturating_sub(1))
                >
                    {t(Key::Previous)}
                </button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || { ctx.step.get() >= last }
                    on:click=move |_| go(ctx.step.get_untracked() + 1)
                >
                    {t(Key::Next)}
                </button>
            </div>
        </div>
    }
}

/// Where the work stands: the sync state, the completion bar, and a warning when this device
/// cannot keep the draft.
#[component]
fn StatusBar() -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let percent = move || ctx.completion();
    let completion = move || {
        Key::Completion
            .text(i18n.lang.get())
            .replace("{n}", &percent().to_string())
    };
    let locked = move || matches!(ctx.sync.get(), SyncState::Locked(_));
    view! {
        <div class="status-bar">
            {if ctx.engine.is_local_only() {
                Either::Left(view! { <p class="notice-info" role="note">{t(Key::PreviewNotice)}</p> })
            } else {
                Either::Right(view! { <SyncStateLine engine=ctx.engine /> })
            }}
            <div class="completion">
                <div
                    class="progress"
                    role="progressbar"
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || percent().to_string()
                    aria-valuetext=completion
                    aria-label=t(Key::CompletionLabel)
                >
                    <div class="progress-fill" style=move || format!("width: {}%", percent())></div>
                </div>
                <span class="muted" aria-hidden="true">{completion}</span>
            </div>
            <Show when=locked>
                <button type="button" class="button small" on:click=move |_| ctx.download_copy()>
                    {t(Key::DownloadCopy)}
                </button>
            </Show>
            <Show when=move || !ctx.storage_ok.get()>
                <p class="banner-warning" role="alert">
                    {t(Key::StorageUnavailable)}
                </p>
            </Show>
        </div>
    }
}

/// The list of steps; any step can be opened in any order. Steps with problems are marked once
/// they have been visited.
#[component]
fn StepNav(go: impl Fn(usize) + Copy + Send + Sync + 'static, last: usize) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    view! {
        <nav class="steps" aria-label=t(Key::StepsLabel)>
            <ol>
                {(0..=last)
                    .map(|i| {
                        let current = move || ctx.step.get() == i;
                        let flagged = move || ctx.step_has_problems(i);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="step-link"
                                    class:current=current
                                    class:flagged=flagged
                                    aria-current=move || current().then_some("step")
                                    on:click=move |_| go(i)
                                >
                                    <span class="step-number">{i + 1}</span>
                                    <span>{move || ctx.step_title(i)}</span>
                                    <Show when=flagged>
                                        <span class="visually-hidden">
                                            {move || format!(" ({})", Key::StepHasProblems.text(i18n.lang.get()))}
                                        </span>
                                    </Show>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
