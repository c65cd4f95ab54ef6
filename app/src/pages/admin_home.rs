use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_admin_overview;
use crate::components::{loaded, CompetitionCard, EmptyState, PageTitle, StatusBadge};
use crate::i18n::{t, PageKey};
use crate::models::AdminOverview;
use crate::routes;

/// The organising team's home: the year, the One Agency One Innovation compliance at a glance,
/// proposals by status, and the people.
#[component]
pub fn AdminHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_admin_overview());
    loaded(data, |overview| view! { <Overview overview /> })
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

#[component]
fn Overview(overview: AdminOverview) -> impl IntoView {
    let people = view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">{t(PageKey::UsersTitle)}</h2>
            <dl class="facts">
                <div>
                    <dt>{t(PageKey::UsersCount)}</dt>
                    <dd>{overview.users_total}</dd>
                </div>
                <div>
                    <dt>{t(PageKey::JudgesCount)}</dt>
                    <dd>{overview.judges_total}</dd>
                </div>
            </dl>
            <a class="button" href=routes::ADMIN_USERS>
                {t(PageKey::ManageUsers)}
            </a>
        </section>
    };
    let Some(competition) = overview.competition else {
        return Either::Left(view! {
            <PageTitle page=PageKey::AdminHomeTitle />
            <h1>{t(PageKey::AdminHomeTitle)}</h1>
            <EmptyState title=PageKey::NoCompetitionYet hint=PageKey::NoCompetitionHint />
            {people}
        });
    };
    let total = overview.agencies_total;
    let stat = move |label: PageKey, n: i64| {
        view! {
            <div class="stat">
                <span class="stat-number">{n}</span>
                <span class="stat-label">{t(label)}</span>
                <span class="muted">{format!("{}%", percent(n, total))}</span>
            </div>
        }
    };
    let by_status = if overview.proposals_by_status.is_empty() {
        Either::Left(view! { <p class="muted">{t(PageKey::NoProposalsYet)}</p> })
    } else {
        Either::Right(view! {
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{t(PageKey::ColStatus)}</th>
                        <th scope="col" class="num">{t(PageKey::Count)}</th>
                    </tr>
                </thead>
                <tbody>
                    {overview
                        .proposals_by_status
                        .into_iter()
                        .map(|(status, n)| {
                            view! {
                                <tr>
                                    <td>
                                        <StatusBadge status />
                                    </td>
                                    <td class="num">{n}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        })
    };
    Either::Right(view! {
        <PageTitle page=PageKey::AdminHomeTitle />
        <h1>{t(PageKey::AdminHomeTitle)}</h1>
        <CompetitionCard competition />
        <section class="card" aria-labelledby="compliance-title">
            <h2 id="compliance-title">{t(PageKey::ComplianceTitle)}</h2>
            <div class="stats">
                <div class="stat">
                    <span class="stat-number">{total}</span>
                    <span class="stat-label">{t(PageKey::AgenciesObligated)}</span>
                </div>
                {stat(PageKey::AgenciesStarted, overview.agencies_started)}
                {stat(PageKey::AgenciesSubmitted, overview.agencies_submitted)}
            </div>
        </section>
        <div class="grid two">
            <section class="card" aria-labelledby="status-title">
                <h2 id="status-title">{t(PageKey::ProposalsByStatus)}</h2>
                {by_status}
            </section>
            {people}
        </div>
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_rounds_and_survives_zero() {
        assert_eq!(super::percent(1, 3), 33);
        assert_eq!(super::percent(2, 3), 67);
        assert_eq!(super::percent(0, 0), 0);
    }
}
