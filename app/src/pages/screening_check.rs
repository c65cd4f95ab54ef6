use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{fetch_screening_detail, SaveScreeningChecks};
use crate::components::{
    field_error, kept_form, loaded, FieldProblem, FixItemLabel, PageTitle, QueryError, StatusBadge,
};
use crate::error::{Field, Input};
use crate::i18n::{format_date, format_day, iso_day, t, use_i18n, PageKey};
use crate::models::{CheckDraft, CheckItem, ScreeningDetail, SendBackRecord, Verdict};
use crate::routes;

/// The fix-by day offered first: a week from today.
const DEFAULT_FIX_DAYS: i64 = 7;

/// `/admin/screening/:id`: one proposal's administrative check. Each item (title, category,
/// every question) with the agency's answer, accepted or needing a fix with a note; the
/// proposal can be sent back to its agency with those notes and a day to fix it by. Plain forms.
#[component]
pub fn ScreeningCheckPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        fetch_screening_detail,
    );
    view! {
        <p><a href=routes::ADMIN_SCREENING>{t(PageKey::BackToScreening)}</a></p>
        {loaded(data, |detail| view! { <Check detail /> })}
    }
}

/// The input a field error is about, for the summary's link.
fn check_input(field: &Field) -> Option<String> {
    match field {
        Field::Check { row } => Some(format!("check-{}-note", row.checked_sub(1)?)),
        Field::Input(Input::FixBy) => Some("fix-by".into()),
        _ => None,
    }
}

#[component]
fn Check(detail: ScreeningDetail) -> impl IntoView {
    let action = ServerAction::<SaveScreeningChecks>::new();
    let open = detail.open;
    // Sent back refused: the verdicts and notes as the organiser left them, not as stored.
    let kept = kept_form::<SaveScreeningChecks>().filter(|k| k.proposal_id == detail.proposal_id);
    let typed_day = kept.as_ref().map(|k| k.fix_by.clone());
    let typed: Vec<CheckDraft> = kept.map(|k| k.checks).unwrap_or_default();
    let rows: Vec<(CheckItem, CheckDraft)> = detail
        .items
        .into_iter()
        .map(|item| {
            let draft = typed
                .iter()
                .find(|d| d.item == item.item)
                .cloned()
                .unwrap_or_else(|| CheckDraft {
                    item: item.item.clone(),
                    verdict: item
                        .verdict
                        .map(|v| v.as_str().to_string())
                        .unwrap_or_default(),
                    note: item.note.clone(),
                });
            (item, draft)
        })
        .collect();
    let day = typed_day.unwrap_or_else(|| iso_day(detail.now + DEFAULT_FIX_DAYS * 86_400_000));
    let today = iso_day(detail.now);
    let day_err = field_error(Input::FixBy.name());
    let title = (!detail.title.trim().is_empty()).then(|| detail.title.clone());
    let table = view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t(PageKey::CheckTitle)>
            <table class="table check-table">
                <thead>
                    <tr>
                        <th scope="col">{t(PageKey::CheckItemCol)}</th>
                        <th scope="col">{t(PageKey::CheckAnswerCol)}</th>
                        <th scope="col">{t(PageKey::CheckVerdictCol)}</th>
                        <th scope="col">{t(PageKey::CheckNote)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, (item, draft))| view! { <Row i item draft open /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    };
    let form = if open {
        Either::Left(view! {
            <ActionForm action>
                <input type="hidden" name="proposal_id" value=detail.proposal_id.clone() />
                {table}
                <div class="send-back card">
                    <div class="field">
                        <label for="fix-by">{t(PageKey::FixByLabel)}</label>
                        <input type="date" id="fix-by" name="fix_by" value=day min=today
                            aria-invalid=day_err.is_some().then_some("true") aria-describedby="fix-by-error fix-by-hint"
                            autofocus=day_err.is_some() />
                        <p class="muted" id="fix-by-hint">{t(PageKey::SendBackHint)}</p>
                        <FieldProblem id="fix-by-error".to_string() message=day_err />
                    </div>
                    <p class="actions">
                        <button type="submit" class="button primary">{t(PageKey::SaveChecks)}</button>
                        <button type="submit" name="send_back" value="1" class="button danger">
                            {t(PageKey::SendBack)}
                        </button>
                    </p>
                </div>
            </ActionForm>
        })
    } else {
        Either::Right(view! {
            <p class="card notice-info">{t(PageKey::CheckClosed)}</p>
            {table}
        })
    };
    view! {
        <PageTitle page=PageKey::CheckTitle text=title.clone() />
        <h1>{t(PageKey::CheckTitle)}</h1>
        <p class="check-head">
            <strong>{title.unwrap_or_default()}</strong>
            " · " <span class="muted">{detail.agency_name}</span> " "
            <StatusBadge status=detail.status />
        </p>
        <QueryError anchor=check_input />
        {form}
        <section class="card" aria-labelledby="send-back-history">
            <h2 id="send-back-history">{t(PageKey::SendBackHistory)}</h2>
            {if detail.history.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoSendBacks)}</p> })
            } else {
                Either::Right(view! {
                    <ol class="list">
                        {detail.history.into_iter().map(|record| view! { <History record /> }).collect_view()}
                    </ol>
                })
            }}
        </section>
    }
}

#[component]
fn Row(i: usize, item: CheckItem, draft: CheckDraft, open: bool) -> impl IntoView {
    let id = move |what: &str| format!("check-{i}-{what}");
    let name = move |what: &str| format!("checks[{i}][{what}]");
    let note_err = field_error(&Field::Check { row: i + 1 }.to_string());
    let invalid = note_err.is_some();
    let verdict = Verdict::parse(&draft.verdict);
    let empty = item.answer.trim().is_empty();
    let radio = move |value: Verdict, label: PageKey| {
        view! {
            <label class="choice" for=id(value.as_str())>
                <input type="radio" id=id(value.as_str()) name=name("verdict") value=value.as_str()
                    checked={verdict == Some(value)} disabled={!open} />
                {t(label)}
            </label>
        }
    };
    view! {
        <tr class:needs-fixing={verdict == Some(Verdict::NeedsFixing)}>
            <th scope="row">
                {i + 1} ". " <FixItemLabel item=item.item.clone() label=item.label.clone() />
                <input type="hidden" name=name("item") value=item.item.clone() />
            </th>
            <td class="check-answer">
                {if empty { Either::Left(view! { <span class="muted">"—"</span> }) } else { Either::Right(item.answer) }}
                {item.missing.then(|| view! {
                    <p class="check-bad"><span aria-hidden="true">"✗ "</span>{t(PageKey::CheckItemMissing)}</p>
                })}
            </td>
            <td>
                <fieldset class="verdict">
                    <legend class="visually-hidden">{t(PageKey::CheckVerdictCol)} " " {i + 1}</legend>
                    {radio(Verdict::Accepted, PageKey::VerdictAccepted)}
                    {radio(Verdict::NeedsFixing, PageKey::VerdictNeedsFixing)}
                </fieldset>
            </td>
            <td>
                <label class="visually-hidden" for=id("note")>{t(PageKey::CheckNote)} " " {i + 1}</label>
                <input type="text" id=id("note") name=name("note") value=draft.note maxlength="1000" disabled={!open}
                    aria-invalid=invalid.then_some("true") aria-describedby=id("note-error") autofocus=invalid />
                <FieldProblem id=id("note-error") message=note_err />
            </td>
        </tr>
    }
}

#[component]
fn History(record: SendBackRecord) -> impl IntoView {
    let i18n = use_i18n();
    let (sent_at, fix_by, back) = (record.sent_at, record.fix_by, record.resubmitted_at);
    view! {
        <li class="list-item">
            <p>
                <strong>{move || format_date(sent_at, i18n.lang.get())}</strong>
                " · " {record.sent_by} " · " {t(PageKey::FixByLabel)} ": "
                {move || format_day(fix_by, i18n.lang.get())}
            </p>
            <p class="muted">
                {match back {
                    Some(at) => Either::Left(view! {
                        {t(PageKey::Resubmitted)} " " {move || format_date(at, i18n.lang.get())}
                    }),
                    None => Either::Right(t(PageKey::NotResubmitted)),
                }}
            </p>
            <ul>
                {record.items.into_iter().map(|f| view! {
                    <li><FixItemLabel item=f.item label=f.label /> ": " {f.note}</li>
                }).collect_view()}
            </ul>
        </li>
    }
}
