//! The last step: what is still missing (each with a way back to its step), and the way forward
//! (to the agency head, or, for the head, submission).

use leptos::either::Either;
use leptos::prelude::*;

use super::state::{SyncState, WizardCtx};
use crate::api::{ApproveAndSubmit, RequestApproval};
use crate::components::go_to;
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

    let request = ServerAction::<RequestApproval>::new();
    let submit = ServerAction::<ApproveAndSubmit>::new();
    Effect::new(move || {
        if matches!(request.value().get(), Some(Ok(())))
            || matches!(submit.value().get(), Some(Ok(())))
        {
            // Safe on the server now: the device's copy is no longer needed.
            crate::client::draft_store::remove(&ctx.store_key());
            go_to(routes::AGENCY);
        }
    });
    let action_error = move || {
        request
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| submit.value().get().and_then(Result::err))
            .map(|e| e.message(i18n.lang.get()))
    };
    let pending = move || request.pending().get() || submit.pending().get();

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
                        on:click=move |_| {
                            submit.dispatch(ApproveAndSubmit { proposal_id: ctx.proposal_id() });
                        }
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
                        on:click=move |_| {
                            request.dispatch(RequestApproval { proposal_id: ctx.proposal_id() });
                        }
                    >
                        {t(Key::SendToHead)}
                    </button>
                })
            }}
        </div>
    }
}
