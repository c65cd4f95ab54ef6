use leptos::either::Either;
use leptos::prelude::*;

use crate::api::Logout;
use crate::components::UserContext;
use crate::i18n::{labels, t, use_i18n, Key, PageKey};
use crate::models::{CurrentUser, Role};
use crate::routes;

use super::LanguageSwitch;

/// The top bar, one row on a 768 px tablet for every role: the app's name, the links the
/// signed-in role can use (the organisers' groups by a short name on narrow screens), and the
/// person's menu (who is signed in, the language switch, sign-out) — a `<details>`, so it opens
/// without script. Nobody signed in: the language switch sits in the bar. Rendered on the server;
/// sign-out is a plain form post the server answers with a redirect home.
#[component]
pub fn Header() -> impl IntoView {
    let user = expect_context::<UserContext>().0;
    let logout = ServerAction::<Logout>::new();
    let nav = move || {
        Suspend::new(async move {
            let user = user.await.ok().flatten();
            // The bell's count, for a signed-in person only (a visitor's page asks nothing).
            let unread = match user {
                Some(_) => crate::api::fetch_unread_count().await.unwrap_or(0),
                None => 0,
            };
            view! { <NavLinks user logout unread /> }
        })
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                {t(PageKey::AppName)}
            </a>
            <Transition fallback=|| ()>{nav}</Transition>
        </header>
    }
}

#[component]
fn NavLinks(
    user: Option<CurrentUser>,
    logout: ServerAction<Logout>,
    /// The person's unread notifications (the bell's count).
    unread: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(user) = user else {
        return Either::Left(view! {
            <nav aria-label=t(PageKey::MainNavigation)>
                <ul class="nav">
                    <li>
                        <a href=routes::GALLERY>{t(PageKey::GalleryNav)}</a>
                    </li>
                    <li>
                        <a href=routes::LOGIN>{t(Key::SignIn)}</a>
                    </li>
                </ul>
            </nav>
            <LanguageSwitch />
        });
    };
    let home = user.role.home_path();
    let admin_links = (user.role == Role::Admin).then(|| {
        ADMIN_GROUPS
            .iter()
            .map(|(label, short, pages)| {
                let first = pages[0].0;
                let current = move || in_group(pages).then_some("true");
                // The accessible name is the whole label (it begins with the short one, so a
                // person who says what they see is understood).
                view! {
                    <li>
                        <a href=first aria-current=current aria-label=t(*label)>
                            <span class="label-long">{t(*label)}</span>
                            <span class="label-short">{t(*short)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    });
    Either::Right(view! {
        <nav aria-label=t(PageKey::MainNavigation)>
            <ul class="nav">
                <li>
                    <a href=home>{t(PageKey::Home)}</a>
                </li>
                {admin_links}
                <li>
                    <a href=routes::GALLERY>{t(PageKey::GalleryNav)}</a>
                </li>
                <li>
                    <a
                        href=routes::NOTIFICATIONS
                        class="bell"
                        aria-current=(current_path() == routes::NOTIFICATIONS).then_some("page")
                        aria-label=move || PageKey::BellLabel.text(i18n.lang.get()).replace("{n}", &unread.to_string())
                    >
                        <span aria-hidden="true">"🔔"</span>
                        {(unread > 0).then(|| view! { <span class="bell-count" aria-hidden="true">{unread}</span> })}
                    </a>
                </li>
            </ul>
        </nav>
        <details class="account">
            <summary>
                <span class="who-name">{user.name.clone()}</span>
                <span class="who-role">{t(labels::role(user.role))}</span>
            </summary>
            <div class="account-panel">
                <p class="who-full">
                    <strong>{user.name.clone()}</strong>
                    <br />
                    {t(labels::role(user.role))}
                    {user.agency_name.clone().map(|a| format!(" · {a}"))}
                </p>
                <LanguageSwitch />
                <ActionForm action=logout>
                    <button type="submit" class="button small">
                        {t(PageKey::SignOut)}
                    </button>
                </ActionForm>
            </div>
        </details>
    })
}

/// The organisers' pages in four groups (with a short name for narrow screens): the header
/// links each group, and the group's pages appear as a second row while one of them is open
/// (ten links in one row would not fit a tablet).
type NavGroup = (PageKey, PageKey, &'static [(&'static str, PageKey)]);

const ADMIN_GROUPS: &[NavGroup] = &[
    (
        PageKey::NavGroupYear,
        PageKey::NavGroupYearShort,
        &[
            (routes::ADMIN_YEAR, PageKey::YearNav),
            (routes::ADMIN_ROUNDS, PageKey::RoundsNav),
            (routes::ADMIN_CRITERIA, PageKey::CriteriaNav),
            (routes::ADMIN_FORM, PageKey::FormTitle),
            (routes::ADMIN_IDENTITY, PageKey::IdentityNav),
        ],
    ),
    (
        PageKey::NavGroupPeople,
        PageKey::NavGroupPeopleShort,
        &[
            (routes::ADMIN_AGENCIES, PageKey::AgenciesTitle),
            (routes::ADMIN_USERS, PageKey::UsersTitle),
            (routes::ADMIN_COMPLIANCE, PageKey::ComplianceNav),
            (routes::ADMIN_BROADCASTS, PageKey::BroadcastsNav),
            (routes::ADMIN_OUTBOX, PageKey::OutboxNav),
            (routes::ADMIN_TEMPLATES, PageKey::TemplatesNav),
        ],
    ),
    (
        PageKey::NavGroupJudging,
        PageKey::NavGroupJudgingShort,
        &[
            (routes::ADMIN_SCREENING, PageKey::ScreeningNav),
            (routes::ADMIN_ASSIGNMENTS, PageKey::AssignmentsNav),
            (routes::ADMIN_SCHEDULE, PageKey::ScheduleNav),
            (routes::ADMIN_JUDGING, PageKey::JudgingNav),
            (routes::ADMIN_RESULTS, PageKey::ResultsTitle),
            (routes::ADMIN_NOMINATION, PageKey::NominationNav),
            (routes::ADMIN_COMPENDIUM, PageKey::CompendiumNav),
        ],
    ),
    (
        PageKey::NavGroupAudit,
        PageKey::NavGroupAuditShort,
        &[(routes::ADMIN_AUDIT, PageKey::AuditNav)],
    ),
];

fn current_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}

fn in_group(pages: &[(&str, PageKey)]) -> bool {
    let path = current_path();
    pages
        .iter()
        .any(|(p, _)| path == *p || path.starts_with(&format!("{p}/")))
}

/// The open group's pages, under the header (organisers only).
#[component]
pub fn AdminSubNav() -> impl IntoView {
    let user = expect_context::<UserContext>().0;
    let body = move || {
        Suspend::new(async move {
            let is_admin = user
                .await
                .ok()
                .flatten()
                .is_some_and(|u| u.role == Role::Admin);
            let group = ADMIN_GROUPS
                .iter()
                .find(|(_, _, pages)| pages.len() > 1 && in_group(pages))
                .filter(|_| is_admin);
            group.map(|(label, _, pages)| {
                let path = current_path();
                view! {
                    <nav class="subnav" aria-label=t(*label)>
                        <ul>
                            {pages.iter().map(|(href, text)| {
                                let here = (path == *href || path.starts_with(&format!("{href}/"))).then_some("page");
                                view! { <li><a href=*href aria-current=here>{t(*text)}</a></li> }
                            }).collect_view()}
                        </ul>
                    </nav>
                }
            })
        })
    };
    view! { <Transition fallback=|| ()>{body}</Transition> }
}

/// A full page load: after signing in every part of the page must change with the session, and
/// the server renders it fresh.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(path);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = path;
    }
}
