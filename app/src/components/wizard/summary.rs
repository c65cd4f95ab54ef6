//! The last step: what is still missing (each with a way back to its step), and the way forward
//! (to the agency head, or, for the head, submission).

use leptos::either::Either;
use leptos::prelude::*;

use super::state::{SyncState, WizardCtx};
use crate::api::{approve_and_submit, request_approval};
use crate::components::go_to;
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key};
use crate::models::Role;
use crate::routes;

#[component]
pub fn Summary(go: impl Fn(usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = expect_context::<WizardCtx>();
    let i18n = use_i18n();
    let missing = Memo::new(move |_| ctx.missing());
    let synced = move || ctx.sync.get() == SyncState::Synced;
    // A preview never sends: the buttons show as the agency sees them, but stay shut.
    let preview = ctx.engine.is_local_only();
    let ready = move || !preview && missing.with(Vec::is_empty) && synced();
    let is_head = ctx.role == Role::AgencyHead;

    // The handing-in is one call and its answer, so plain signals hold it: a `ServerAction`
    // would also bring the code that reads a refusal back from the address, which only a
    // form without script needs (docs/architecture.md "Size").
    let refusal = RwSignal::new(None::<AppError>);
    let sending = RwSignal::new(false);
    let hand_in = move || {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        let proposal_id = ctx.proposal_id();
        leptos::task::spawn_local(async move {
            let answer = if is_head {
                approve_and_submit(proposal_id).await
            } else {
                request_approval(proposal_id).await
            };
            match answer {
                Ok(()) => {
                    // Safe on the server now: the device's copy is no longer needed.
                    crate::client::draft_store::remove(&ctx.store_key());
                    go_to(routes::AGENCY);
                }
                Err(e) => {
                    refusal.try_set(Some(e));
                    sending.try_set(false);
                }
            }
        });
    };
    let action_error = move || refusal.get().map(|e| e.message(i18n.lang.get()));
    let pending = move || sending.get();

    view! {
        <p>{t(Key::SummaryIntro)}</p>
        {move || {
            let list = missing.get();
            if list.is_empty() {
                Either::Left(view! { <p class="ok-line">{t(Key::SummaryComplete)}</p> })
            } else {
                Either::Right(view! {
                    <p>{t(Key::SummaryMissing)}</p>
                    <ul class="missing">
                        {list
                            .into_iter()
                            .map(|e| {
                                let field = e.field.to_string();
                                let step = ctx.step_of(&field);
                                let lang = i18n.lang.get();
                                let label = super::state::field_label(&ctx, &field, lang);
                                view! {
                                    <li>
                                        <span>{label} ": " {e.problem.message(lang)}</span>
                                        " "
                                        <button type="button" class="link-button" on:click=move |_| go(step)>
                                            {t(Key::GoToStep)} " " {move || ctx.step_title(step)}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                })
            }
        }}
        <Show when=move || !synced()>
            <p class="muted">{t(Key::WaitForSync)}</p>
        </Show>
        <p class="form-error" role="alert">{action_error}</p>
        <div class="submit-actions">
            {if is_head {
                Either::Left(view! {
                    <p class="muted">{t(Key::ApproveSubmitHint)}</p>
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || !ready() || pending()
                        on:click=move |_| hand_in()
                    >
                        {t(Key::ApproveSubmit)}
                    </button>
                })
            } else {
                Either::Right(view! {
                    <p class="muted">{t(Key::SendToHeadHint)}</p>
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || !ready() || pending()
                        on:click=move |_| hand_in()
                    >
                        {t(Key::SendToHead)}
                    </button>
                })
            }}
        </div>
    }
}
