use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_judge_overview;
use crate::components::{loaded, CompetitionCard, EmptyState};
use crate::i18n::{labels, t, use_i18n, Key};
use crate::models::{JudgeOverview, SheetState};

/// A judge's home: the proposals assigned to them and how far they are.
#[component]
pub fn JudgeHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_judge_overview());
    loaded(data, |overview| view! { <Overview overview /> })
}

#[component]
fn Overview(overview: JudgeOverview) -> impl IntoView {
    let i18n = use_i18n();
    let total = overview.assignments.len();
    let done = overview
        .assignments
        .iter()
        .filter(|a| a.sheet == SheetState::Submitted)
        .count();
    let progress = move || {
        Key::JudgeProgress
            .text(i18n.lang.get())
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string())
    };
    let list = if overview.assignments.is_empty() {
        Either::Left(view! { <EmptyState title=Key::NoAssignments hint=Key::NoAssignmentsHint /> })
    } else {
        Either::Right(view! {
            <p>{progress}</p>
            <ul class="list">
                {overview
                    .assignments
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li class="list-item">
                                <span class="list-title">{a.title}</span>
                                <span class="muted">{a.category_name}</span>
                                <span class=format!(
                                    "badge sheet-{:?}",
                                    a.sheet,
                                )>{t(labels::sheet(a.sheet))}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })
    };
    view! {
        <h1>{t(Key::JudgeHomeTitle)}</h1>
        {overview.competition.map(|competition| view! { <CompetitionCard competition /> })}
        <section class="card">{list}</section>
    }
}
