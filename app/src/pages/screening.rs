use leptos::either::Either;
use leptos::prelude::*;

use crate::api::{fetch_screening, ScreenProposal};
use crate::components::{
    field_error, kept_form, loaded, FieldProblem, PageTitle, QueryError, StatusBadge,
};
use crate::i18n::{format_day, t, use_i18n, Key, PageKey};
use crate::models::{ScreeningItem, ScreeningList};

/// `/admin/screening`: every handed-in proposal with the server's checklist, and a pass or fail
/// with the reason (plain forms).
#[component]
pub fn ScreeningPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_screening());
    view! {
        <PageTitle page=PageKey::ScreeningNav />
        <h1>{t(PageKey::ScreeningNav)}</h1>
        <QueryError />
        {loaded(data, |list| view! { <List list /> })}
    }
}

#[component]
fn List(list: ScreeningList) -> impl IntoView {
    let open = list.open;
    view! {
        {(!open).then(|| view! { <p class="card notice-info">{t(PageKey::ScreeningClosed)}</p> })}
        {if list.items.is_empty() {
            Either::Left(view! { <p class="muted">{t(PageKey::NothingToScreen)}</p> })
        } else {
            Either::Right(view! {
                <ul class="list">
                    {list.items.into_iter().map(|item| view! { <Item item open /> }).collect_view()}
                </ul>
            })
        }}
    }
}

#[component]
fn Item(item: ScreeningItem, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ScreenProposal>::new();
    let checks = item.checks.clone();
    let reason_id = format!("reason-{}", item.proposal_id);
    let reason_for = reason_id.clone();
    let error_id = format!("{reason_id}-error");
    // This item's decision was refused (a fail without its reason): what was typed, and why.
    let kept = kept_form::<ScreenProposal>().filter(|k| k.proposal_id == item.proposal_id);
    let reason_err = kept.as_ref().and_then(|_| field_error("reason"));
    let typed = kept.map(|k| k.reason).unwrap_or_default();
    let invalid = reason_err.is_some();
    let missing = checks.missing;
    let (fix_by, send_backs) = (item.fix_by, item.send_backs);
    // Sent back and not handed in again: the agency has it; a decision waits for its return.
    let handed_in = fix_by.is_none();
    let check = move |ok: bool, yes: PageKey, no: PageKey| {
        view! {
            <li class=if ok { "check-ok" } else { "check-bad" }>
                <span aria-hidden="true">{if ok { "✓ " } else { "✗ " }}</span>
                {t(if ok { yes } else { no })}
            </li>
        }
    };
    view! {
        <li class="list-item screening-item">
            <div class="screening-head">
                <a class="list-title" href=crate::routes::proposal(&item.proposal_id)>{item.title.clone()}</a>
                <span class="muted">{item.agency_name.clone()}</span>
                <StatusBadge status=item.status />
            </div>
            <ul class="checklist" aria-label=t(PageKey::ChecklistLabel)>
                {check(checks.complete, PageKey::CheckComplete, PageKey::CheckIncomplete)}
                {(!checks.complete).then(|| view! {
                    <li class="muted">{move || PageKey::CheckMissing.text(i18n.lang.get()).replace("{n}", &missing.to_string())}</li>
                })}
                {match checks.running_long_enough {
                    Some(ok) => Either::Left(check(ok, PageKey::CheckRunning, PageKey::CheckTooRecent)),
                    None => Either::Right(view! { <li class="check-bad">"✗ " {t(PageKey::CheckNoStart)}</li> }),
                }}
                {check(checks.duplicates.is_empty(), PageKey::CheckUnique, PageKey::CheckDuplicate)}
                {checks.duplicates.into_iter().map(|d| view! { <li class="muted">{d}</li> }).collect_view()}
            </ul>
            {item.note.clone().map(|n| view! { <p class="muted">{t(Key::Reason)} ": " {n}</p> })}
            {fix_by.map(|at| view! {
                <p class="fix-by">
                    {t(PageKey::SentBackFixBy)} " "
                    <strong>{move || format_day(at, i18n.lang.get())}</strong>
                </p>
            })}
            {(send_backs > 0).then(|| view! {
                <p class="muted">
                    {move || PageKey::SentBackCount.text(i18n.lang.get()).replace("{n}", &send_backs.to_string())}
                </p>
            })}
            <p><a href=crate::routes::screening_check(&item.proposal_id)>{t(PageKey::CheckItemsLink)}</a></p>
            {(open && handed_in).then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="proposal_id" value=item.proposal_id.clone() />
                    <label for=reason_for>{t(Key::Reason)}</label>
                    <input type="text" id=reason_id name="reason" maxlength="1000" value=typed
                        aria-invalid=invalid.then_some("true") aria-describedby=error_id.clone() autofocus=invalid />
                    <button type="submit" name="decision" value="pass" class="button small">{t(PageKey::ScreenPass)}</button>
                    <button type="submit" name="decision" value="fail" class="button small danger">{t(PageKey::ScreenFail)}</button>
                    <FieldProblem id=error_id message=reason_err />
                </ActionForm>
            })}
        </li>
    }
}
