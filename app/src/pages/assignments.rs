use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    fetch_assignment_board, AssignJudge, CommitAssignment, SetJudgePool, UnassignJudge,
};
use crate::components::{loaded, PageTitle, QueryError};
use crate::i18n::{t, use_i18n, Key, PageKey};
use crate::models::{AssignmentBoard, BoardProposal, CategoryOption, PlanPreview, PoolJudge};
use crate::routes;

/// `/admin/assignments`: the year's judge pool, the automatic plan (previewed with
/// `?preview=1`, then committed), and each screened proposal's judges, changed by hand. Every
/// action is a plain form.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let query = use_query_map();
    let preview = query.read_untracked().get("preview").is_some();
    let data = Resource::new(move || preview, fetch_assignment_board);
    view! {
        <PageTitle page=PageKey::AssignmentsNav />
        <h1>{t(PageKey::AssignmentsNav)}</h1>
        <QueryError />
        {loaded(data, |board| view! { <Board board /> })}
    }
}

#[component]
fn Board(board: AssignmentBoard) -> impl IntoView {
    let i18n = use_i18n();
    let per = board.per_proposal;
    let missing: usize = board.proposals.iter().map(|p| p.missing).sum();
    let pool: Vec<(i64, String)> = board
        .judges
        .iter()
        .filter(|j| j.in_pool)
        .map(|j| (j.user_id, j.name.clone()))
        .collect();
    let categories = board.categories.clone();
    view! {
        <section class="card" aria-labelledby="auto-title">
            <h2 id="auto-title">{t(PageKey::AutoAssignTitle)}</h2>
            <p>
                {move || {
                    PageKey::AutoAssignIntro
                        .text(i18n.lang.get())
                        .replace("{n}", &per.to_string())
                        .replace("{missing}", &missing.to_string())
                }}
            </p>
            {match board.preview {
                None => Either::Left(view! {
                    <a class="button primary" href=format!("{}?preview=1", routes::ADMIN_ASSIGNMENTS)>{t(PageKey::PreviewAssignment)}</a>
                }),
                Some(preview) => Either::Right(view! { <Preview preview /> }),
            }}
        </section>
        <section class="card" aria-labelledby="pool-title">
            <h2 id="pool-title">{t(PageKey::JudgePoolTitle)}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::RoleJudge)}</th>
                            <th scope="col">{t(PageKey::JudgePoolTitle)}</th>
                            <th scope="col" class="num">{t(PageKey::JudgeLoad)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {board
                            .judges
                            .into_iter()
                            .map(|j| view! { <PoolRow judge=j categories=categories.clone() /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="proposals-title">
            <h2 id="proposals-title">{t(PageKey::ScreenedProposals)}</h2>
            {if board.proposals.is_empty() {
                Either::Left(view! { <p class="muted">{t(PageKey::NoScreenedProposals)}</p> })
            } else {
                Either::Right(view! {
                    <ul class="list">
                        {board
                            .proposals
                            .into_iter()
                            .map(|p| view! { <ProposalRow proposal=p pool=pool.clone() /> })
                            .collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn Preview(preview: PlanPreview) -> impl IntoView {
    let i18n = use_i18n();
    let commit = ServerAction::<CommitAssignment>::new();
    let count = preview.new.len();
    view! {
        <p>
            <strong>
                {move || PageKey::PlanCount.text(i18n.lang.get()).replace("{n}", &count.to_string())}
            </strong>
        </p>
        {(!preview.short.is_empty()).then(|| view! {
            <div class="notice-warning card" role="note">
                <p>{t(PageKey::PlanShort)}</p>
                <ul class="plain">
                    {preview.short.into_iter().map(|(title, n)| view! { <li>{title} " (−" {n} ")"</li> }).collect_view()}
                </ul>
            </div>
        })}
        <div class="grid two">
            <div>
                <h3>{t(PageKey::PlanNew)}</h3>
                <ul class="plain plan-new">
                    {preview.new.into_iter().map(|(title, judge)| view! { <li>{title} " → " {judge}</li> }).collect_view()}
                </ul>
            </div>
            <div>
                <h3>{t(PageKey::JudgeLoad)}</h3>
                <ul class="plain">
                    {preview.load.into_iter().map(|(judge, n)| view! { <li>{judge} ": " {n}</li> }).collect_view()}
                </ul>
            </div>
        </div>
        <ActionForm action=commit>
            <input type="hidden" name="fingerprint" value=preview.fingerprint />
            <button type="submit" class="button primary" disabled=count == 0>{t(PageKey::CommitAssignment)}</button>
            " "
            <a class="button" href=routes::ADMIN_ASSIGNMENTS>{t(PageKey::Cancel)}</a>
        </ActionForm>
    }
}

#[component]
fn PoolRow(judge: PoolJudge, categories: Vec<CategoryOption>) -> impl IntoView {
    let action = ServerAction::<SetJudgePool>::new();
    let pool_id = format!("pool-{}", judge.user_id);
    let pool_for = pool_id.clone();
    let expertise_id = format!("expertise-{}", judge.user_id);
    let expertise_for = expertise_id.clone();
    let expertise = judge.expertise;
    view! {
        <tr>
            <td>
                {judge.name.clone()}
                {judge.agency_name.map(|a| view! { <br /><span class="muted">{a}</span> })}
            </td>
            <td>
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="judge_id" value=judge.user_id.to_string() />
                    <label class="check" for=pool_for>
                        <input type="checkbox" id=pool_id name="in_pool" value="on" checked=judge.in_pool />
                        {t(PageKey::InPool)}
                    </label>
                    <label for=expertise_for>{t(PageKey::Expertise)}</label>
                    <select id=expertise_id name="expertise">
                        <option value="" selected=expertise.is_none()>{t(PageKey::NoExpertise)}</option>
                        {categories
                            .into_iter()
                            .map(|c| view! { <option value=c.id.to_string() selected=expertise == Some(c.id)>{c.name}</option> })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button small">{t(PageKey::Save)}</button>
                </ActionForm>
            </td>
            <td class="num">{judge.load}</td>
        </tr>
    }
}

#[component]
fn ProposalRow(proposal: BoardProposal, pool: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AssignJudge>::new();
    let select_id = format!("add-{}", proposal.proposal_id);
    let select_for = select_id.clone();
    let missing = proposal.missing;
    let id = proposal.proposal_id.clone();
    view! {
        <li class="list-item judging-item">
            <div>
                <span class="list-title">{proposal.title.clone()}</span>
                <br />
                <span class="muted">
                    {proposal.agency_name.clone()}
                    {proposal.category_name.clone().map(|c| format!(" · {c}"))}
                </span>
                {(missing > 0).then(|| view! {
                    <p class="badge off">
                        {move || PageKey::JudgesMissing.text(i18n.lang.get()).replace("{n}", &missing.to_string())}
                    </p>
                })}
            </div>
            <ul class="sheets">
                {proposal
                    .judges
                    .into_iter()
                    .map(|j| {
                        let remove = ServerAction::<UnassignJudge>::new();
                        let id = id.clone();
                        view! {
                            <li>
                                {j.name}
                                {j.conflict.then(|| view! { " " <span class="badge sheet-conflict">{t(PageKey::ConflictDeclared)}</span> })}
                                {(!j.submitted).then(|| view! {
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="proposal_id" value=id />
                                        <input type="hidden" name="judge_id" value=j.user_id.to_string() />
                                        <button type="submit" class="link-button">{t(PageKey::RemoveJudge)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
                <li>
                    <ActionForm action=add attr:class="inline-form">
                        <input type="hidden" name="proposal_id" value=id.clone() />
                        <label class="visually-hidden" for=select_for>{t(PageKey::AddJudge)}</label>
                        <select id=select_id name="judge_id">
                            {pool.into_iter().map(|(jid, name)| view! { <option value=jid.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="button small">{t(PageKey::AddJudge)}</button>
                    </ActionForm>
                </li>
            </ul>
        </li>
    }
}
