use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::fetch_judge_overview;
use crate::components::{loaded, CompetitionCard, EmptyState, PageTitle, UnsyncedNotice};
use crate::i18n::{labels, t, use_i18n, Key, PageKey};
use crate::models::{JudgeAssignmentItem, JudgeOverview, SheetState};
use crate::routes;

/// A judge's home: the proposals assigned to them by category, each sheet's state, progress,
/// filters (a plain GET form), and a button to the next one to score.
#[component]
pub fn JudgeHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_judge_overview());
    loaded(data, |overview| view! { <Overview overview /> })
}

/// Which sheets the list shows.
fn shown(item: &JudgeAssignmentItem, category: &str, state: &str) -> bool {
    let category_ok = category.is_empty() || item.category_name.as_deref() == Some(category);
    let state_ok = match state {
        "todo" => item.sheet != SheetState::Submitted,
        "done" => item.sheet == SheetState::Submitted,
        _ => true,
    };
    category_ok && state_ok
}

#[component]
fn Overview(overview: JudgeOverview) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let category = query.read_untracked().get("category").unwrap_or_default();
    let state = query.read_untracked().get("state").unwrap_or_default();
    let total = overview.assignments.len();
    let done = overview
        .assignments
        .iter()
        .filter(|a| a.sheet == SheetState::Submitted)
        .count();
    let pct = (done * 100).checked_div(total).unwrap_or(0);
    let progress = move || {
        PageKey::JudgeProgress
            .text(i18n.lang.get())
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string())
    };
    let next = overview
        .assignments
        .iter()
        .find(|a| a.sheet != SheetState::Submitted)
        .map(|a| routes::judge_sheet(&a.proposal_id));
    let mut categories: Vec<String> = overview
        .assignments
        .iter()
        .filter_map(|a| a.category_name.clone())
        .collect();
    categories.dedup();
    let items: Vec<JudgeAssignmentItem> = overview
        .assignments
        .into_iter()
        .filter(|a| shown(a, &category, &state))
        .collect();

    let body = if total == 0 {
        Either::Left(
            view! { <EmptyState title=PageKey::NoAssignments hint=PageKey::NoAssignmentsHint /> },
        )
    } else {
        Either::Right(view! {
            <section class="card">
                <p class="stat-line"><strong>{progress}</strong></p>
                <div class="progress" role="img" aria-label=progress>
                    <div class="progress-fill" style=format!("width: {pct}%")></div>
                </div>
                {next.map(|href| view! {
                    <p><a class="button primary" href=href>{t(PageKey::NextUnscored)}</a></p>
                })}
            </section>
            <form class="card filters" method="get" action=routes::JUDGE>
                <div class="field">
                    <label for="filter-category">{t(Key::ColCategory)}</label>
                    <select id="filter-category" name="category">
                        <option value="">{t(PageKey::AllCategories)}</option>
                        {categories.into_iter().map(|c| {
                            let selected = c == category;
                            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-state">{t(PageKey::ColStatus)}</label>
                    <select id="filter-state" name="state">
                        <option value="">{t(PageKey::AllStates)}</option>
                        <option value="todo" selected=state == "todo">{t(PageKey::FilterNotSubmitted)}</option>
                        <option value="done" selected=state == "done">{t(Key::SheetSubmitted)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{t(PageKey::ApplyFilter)}</button>
            </form>
            <section class="card">
                <ul class="list assignments">
                    {items
                        .into_iter()
                        .map(|a| {
                            view! {
                                <li class="list-item">
                                    <a class="list-title" href=routes::judge_sheet(&a.proposal_id)>
                                        {a.title}
                                    </a>
                                    <span class="muted">{a.category_name}</span>
                                    <span class=format!("badge sheet-{:?}", a.sheet)>
                                        {t(labels::sheet(a.sheet))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        })
    };
    view! {
        <PageTitle page=PageKey::JudgeHomeTitle />
        <h1>{t(PageKey::JudgeHomeTitle)}</h1>
        <UnsyncedNotice user_id=overview.user_id kind="sheet".to_string() path=routes::JUDGE_SHEETS.to_string() />
        // A field visit's report opens on the same page as its score sheet.
        <UnsyncedNotice user_id=overview.user_id kind="visit".to_string() path=routes::JUDGE_SHEETS.to_string() />
        {overview.competition.map(|competition| view! { <CompetitionCard competition /> })}
        {overview.room.map(|room| view! {
            <section class="card notice-info">
                <p>{move || PageKey::JudgeRoomSeat.text(i18n.lang.get()).replace("{room}", &room.room)}</p>
                <p><a class="button primary" href=routes::JUDGE_ROOM>{t(PageKey::JudgeRoomFollow)}</a></p>
            </section>
        })}
        {body}
    }
}
