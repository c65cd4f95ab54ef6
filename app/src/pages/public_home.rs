use leptos::either::Either;
use leptos::prelude::*;

use crate::api::fetch_public_overview;
use crate::components::UserContext;
use crate::components::{loaded, CompetitionCard, EmptyState, PageTitle};
use crate::i18n::{t, Key, PageKey};
use crate::models::PublicOverview;
use crate::routes;

/// The landing page: what the competition is, where the current year stands, how it is judged.
#[component]
pub fn PublicHome() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_public_overview());
    let user = expect_context::<UserContext>().0;
    let call_to_action = move || {
        Suspend::new(async move {
            match user.await.ok().flatten() {
                Some(u) => Either::Left(view! {
                    <a class="button primary" href=u.role.home_path()>
                        {t(Key::GoToMyHome)}
                    </a>
                }),
                None => Either::Right(view! {
                    <a class="button primary" href=routes::LOGIN>
                        {t(Key::SignIn)}
                    </a>
                }),
            }
        })
    };

    view! {
        <section class="hero">
            <PageTitle page=PageKey::AppTagline />
            <h1>{t(PageKey::AppTagline)}</h1>
            <p>{t(PageKey::PublicIntro)}</p>
            <Transition fallback=|| ()>{call_to_action}</Transition>
        </section>
        {loaded(data, |overview| view! { <Overview overview /> })}
    }
}

#[component]
fn Overview(overview: PublicOverview) -> impl IntoView {
    let Some(competition) = overview.competition else {
        return Either::Left(view! {
            <EmptyState title=PageKey::NoCompetitionYet hint=PageKey::NoCompetitionHint />
        });
    };
    Either::Right(view! {
        <CompetitionCard competition />
        <div class="grid two">
            <section class="card" aria-labelledby="categories-title">
                <h2 id="categories-title">{t(PageKey::Categories)}</h2>
                <ul class="plain">
                    {overview.categories.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
                <p class="muted">
                    {t(PageKey::AgenciesInvited)} ": " {overview.agencies_total}
                </p>
            </section>
            <section class="card" aria-labelledby="criteria-title">
                <h2 id="criteria-title">{t(PageKey::Criteria)}</h2>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t(PageKey::Criteria)}</th>
                            <th scope="col" class="num">{t(PageKey::Weight)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {overview
                            .criteria
                            .into_iter()
                            .map(|(name, weight)| {
                                view! {
                                    <tr>
                                        <td>{name}</td>
                                        <td class="num">{weight} "%"</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        </div>
    })
}
