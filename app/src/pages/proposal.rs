use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{
    fetch_fix_request, fetch_proposal_print, fetch_wizard, ApproveAndSubmit, ReturnToDraft,
};
use crate::components::wizard::ProposalWizard;
use crate::components::{
    loaded, FixRequestNotice, PageTitle, ProposalAnswers, QueryError, StatusBadge,
};
use crate::i18n::{format_date, t, use_i18n, Key, PageKey};
use crate::models::{ProposalPrint, ProposalStatus, Role, SendBackRecord, WizardData};

/// `/agency/proposals/new` and `/agency/proposals/:id`: the wizard for a draft; a proposal that
/// can no longer change is shown for reading instead.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").filter(|id| id != "new");
    // A sent-back proposal comes with what to fix, shown above the wizard.
    let data = Resource::new(
        move || id.clone(),
        |id| async move {
            let fix = match &id {
                Some(id) => fetch_fix_request(id.clone()).await?,
                None => None,
            };
            Ok((fetch_wizard(id).await?, fix))
        },
    );
    loaded(data, |(data, fix)| view! { <WizardOrView data fix /> })
}

#[component]
fn WizardOrView(data: WizardData, fix: Option<SendBackRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let status = data
        .proposal
        .as_ref()
        .map_or(ProposalStatus::Draft, |p| p.status);
    let deadline = data.form.deadline_at;
    let title = data
        .proposal
        .as_ref()
        .and_then(|p| p.title())
        .map(str::to_string);
    let header = view! {
        <div class="page-head">
            <PageTitle page=PageKey::WizardTitle text=title />
            <h1>{t(PageKey::WizardTitle)}</h1>
            <p class="muted">
                {data.form.competition_name.clone()}
                {deadline
                    .map(|d| {
                        view! {
                            " · " {t(PageKey::Deadline)} ": " {move || format_date(d, i18n.lang.get())}
                        }
                    })}
            </p>
            <StatusBadge status />
        </div>
    };
    match data.proposal {
        // Handed in (or waiting for the head): for reading only.
        Some(state) if state.status != ProposalStatus::Draft => {
            let role = data.role;
            let print = ProposalPrint {
                form: data.form,
                state,
            };
            Either::Right(view! {
                {header}
                <ReadOnly print role />
            })
        }
        _ => Either::Left(view! {
            {header}
            {fix.map(|record| view! { <FixRequestNotice record /> })}
            <ProposalWizard data />
        }),
    }
}

/// `/proposals/:id`: a proposal laid out for reading and printing, with the agency head's
/// actions while it waits for approval.
#[component]
pub fn ProposalViewPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let data = Resource::new(move || id.clone(), fetch_proposal_print);
    loaded(data, |print| {
        let title = print.state.title().map(str::to_string);
        view! {
            <PageTitle page=PageKey::WizardTitle text=title />
            <ReadOnly print role=None />
        }
    })
}

#[component]
fn ReadOnly(print: ProposalPrint, #[prop(into)] role: Option<Role>) -> impl IntoView {
    let user_role = role.or_else(|| {
        use_context::<crate::components::UserContext>()
            .and_then(|u| u.0.get_untracked())
            .and_then(|r| r.ok().flatten())
            .map(|u| u.role)
    });
    let status = print.state.status;
    let id = print.state.id.clone();
    let notice = match status {
        ProposalStatus::AwaitingApproval => EitherOf3::A(view! {
            <p class="card notice-info">{t(PageKey::AwaitingApprovalNotice)}</p>
        }),
        ProposalStatus::Draft => EitherOf3::B(view! {
            <p>
                <a class="button" href=crate::routes::agency_proposal(&id)>{t(PageKey::EditAction)}</a>
            </p>
        }),
        _ => EitherOf3::C(view! { <p class="card notice-info">{t(PageKey::ReadOnlyNotice)}</p> }),
    };
    let head_actions = (user_role == Some(Role::AgencyHead)
        && status == ProposalStatus::AwaitingApproval)
        .then(|| view! { <HeadActions id=print.state.id.clone() /> });
    view! {
        <div class="no-print">
            {notice}
            <QueryError />
            {head_actions}
            <p>
                <button type="button" class="button" data-print="">{t(PageKey::Print)}</button>
                <script src="/print.js" defer></script>
            </p>
        </div>
        <ProposalAnswers form=print.form state=print.state />
    }
}

/// Approve and submit, or send back with a note. Plain forms: they work without script.
#[component]
fn HeadActions(id: String) -> impl IntoView {
    let approve = ServerAction::<ApproveAndSubmit>::new();
    let send_back = ServerAction::<ReturnToDraft>::new();
    let id_again = id.clone();
    view! {
        <section class="card head-actions" aria-labelledby="head-actions-title">
            <h2 id="head-actions-title">{t(Key::RoleAgencyHead)}</h2>
            <ActionForm action=approve>
                <input type="hidden" name="proposal_id" value=id />
                <p class="muted">{t(Key::ApproveSubmitHint)}</p>
                <button type="submit" class="button primary">{t(Key::ApproveSubmit)}</button>
            </ActionForm>
            <ActionForm action=send_back>
                <input type="hidden" name="proposal_id" value=id_again />
                <div class="field">
                    <label for="note">{t(Key::NoteLabel)}</label>
                    <textarea id="note" name="note" rows="3" required></textarea>
                </div>
                <button type="submit" class="button">{t(PageKey::ReturnToDraft)}</button>
            </ActionForm>
        </section>
    }
}
