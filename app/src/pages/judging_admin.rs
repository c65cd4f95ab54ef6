use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{fetch_judging_overview, ReopenScoreSheet};
use crate::components::{loaded, PageTitle, QueryError};
use crate::i18n::{format_date, t, use_i18n, AnyKey, Key, PageKey};
use crate::models::{JudgingOverview, SheetProgress, SheetStatus};

/// `/admin/judging`: how far each proposal's judges are (never their scores), reopening a
/// submitted sheet with a reason, and every declared conflict of interest.
#[component]
pub fn JudgingAdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_judging_overview());
    view! {
        <PageTitle page=PageKey::JudgingNav />
        <h1>{t(PageKey::JudgingNav)}</h1>
        <QueryError />
        {loaded(data, |overview| view! { <Overview overview /> })}
    }
}

#[component]
fn Overview(overview: JudgingOverview) -> impl IntoView {
    let i18n = use_i18n();
    let conflicts = if overview.conflicts.is_empty() {
        Either::Left(view! { <p class="muted">{t(PageKey::NoConflicts)}</p> })
    } else {
        Either::Right(view! {
            <div class="table-scroll" tabindex="0">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t(PageKey::ColProposal)}</th>
                            <th scope="col">{t(Key::RoleJudge)}</th>
                            <th scope="col">{t(Key::Reason)}</th>
                            <th scope="col">{t(PageKey::ColUpdated)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {overview.conflicts.into_iter().map(|c| {
                            let at = c.declared_at;
                            view! {
                                <tr>
                                    <td>{c.proposal_title}<br /><span class="muted">{c.agency_name}</span></td>
                                    <td>{c.judge_name}</td>
                                    <td>{c.reason}</td>
                                    <td>{move || format_date(at, i18n.lang.get())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    let proposals = if overview.proposals.is_empty() {
        Either::Left(view! { <p class="muted">{t(PageKey::NoAssignmentsYet)}</p> })
    } else {
        Either::Right(view! {
            <ul class="list judging-list">
                {overview.proposals.into_iter().map(|p| view! {
                    <li class="list-item judging-item">
                        <div>
                            <a class="list-title" href=crate::routes::proposal(&p.proposal_id)>{p.title}</a>
                            <span class="muted">{p.agency_name} {p.category_name.map(|c| format!(" · {c}"))}</span>
                        </div>
                        <ul class="sheets">
                            {p.sheets.into_iter().map(|s| view! { <SheetRow sheet=s /> }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <section class="card" aria-labelledby="sheets-title">
            <h2 id="sheets-title">{t(PageKey::SheetsTitle)}</h2>
            {proposals}
        </section>
        <section class="card" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{t(PageKey::ConflictsTitle)}</h2>
            {conflicts}
        </section>
    }
}

#[component]
fn SheetRow(sheet: SheetProgress) -> impl IntoView {
    let (label, class) = match (sheet.conflict, sheet.status) {
        (true, _) => (AnyKey::from(PageKey::ConflictDeclared), "conflict"),
        (false, None) => (Key::SheetNotStarted.into(), "not-started"),
        (false, Some(SheetStatus::Draft)) => (Key::SheetDraft.into(), "draft"),
        (false, Some(SheetStatus::Reopened)) => (PageKey::SheetReopened.into(), "reopened"),
        (false, Some(SheetStatus::Submitted)) => (Key::SheetSubmitted.into(), "submitted"),
    };
    let reopen = (sheet.status == Some(SheetStatus::Submitted) && !sheet.conflict)
        .then_some(sheet.sheet_id)
        .flatten()
        .map(|id| {
            let action = ServerAction::<ReopenScoreSheet>::new();
            let field_id = format!("reason-{id}");
            view! {
                <details class="reopen">
                    <summary>{t(PageKey::ReopenSheet)}</summary>
                    <ActionForm action>
                        <input type="hidden" name="sheet_id" value=id />
                        <label for=field_id.clone()>{t(Key::Reason)}</label>
                        <input type="text" id=field_id name="reason" required maxlength="1000" />
                        <button type="submit" class="button small">{t(PageKey::ReopenSheet)}</button>
                    </ActionForm>
                </details>
            }
        });
    view! {
        <li>
            <span>{sheet.judge_name}</span>
            " "
            <span class=format!("badge sheet-{class}")>{t(label)}</span>
            {reopen}
        </li>
    }
}
