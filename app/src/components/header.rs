use leptos::either::Either;
use leptos::prelude::*;

use crate::api::Logout;
use crate::app::UserContext;
use crate::i18n::{labels, t, Key, PageKey};
use crate::models::{CurrentUser, Role};

use super::LanguageSwitch;

/// The top bar: the app's name, the links the signed-in role can use, the language switch and
/// sign-out. Rendered on the server; sign-out is a plain form post the server answers with a
/// redirect home.
#[component]
pub fn Header() -> impl IntoView {
    let user = expect_context::<UserContext>().0;
    let logout = ServerAction::<Logout>::new();
    let nav = move || {
        Suspend::new(async move {
            let user = user.await.ok().flatten();
            view! { <NavLinks user logout /> }
        })
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                {t(PageKey::AppName)}
            </a>
            <nav aria-label=t(PageKey::MainNavigation)>
                <Transition fallback=|| ()>{nav}</Transition>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

#[component]
fn NavLinks(user: Option<CurrentUser>, logout: ServerAction<Logout>) -> impl IntoView {
    let Some(user) = user else {
        return Either::Left(view! {
            <ul class="nav">
                <li>
                    <a href="/galeri">{t(PageKey::GalleryNav)}</a>
                </li>
                <li>
                    <a href="/login">{t(Key::SignIn)}</a>
                </li>
            </ul>
        });
    };
    let home = user.role.home_path();
    let admin_links = (user.role == Role::Admin).then(|| {
        ADMIN_GROUPS
            .iter()
            .map(|(label, pages)| {
                let first = pages[0].0;
                let current = move || in_group(pages).then_some("true");
                view! {
                    <li>
                        <a href=first aria-current=current>{t(*label)}</a>
                    </li>
                }
            })
            .collect_view()
    });
    Either::Right(view! {
        <ul class="nav">
            <li>
                <a href=home>{t(PageKey::Home)}</a>
            </li>
            {admin_links}
            <li>
                <a href="/galeri">{t(PageKey::GalleryNav)}</a>
            </li>
        </ul>
        <div class="who">
            <span class="who-name">{user.name.clone()}</span>
            <span class="muted">
                {t(labels::role(user.role))}
                {user.agency_name.clone().map(|a| format!(" · {a}"))}
            </span>
        </div>
        <ActionForm action=logout>
            <button type="submit" class="link-button">
                {t(PageKey::SignOut)}
            </button>
        </ActionForm>
    })
}

/// The organisers' pages in four groups: the header links each group, and the group's pages
/// appear as a second row while one of them is open (ten links in one row would not fit a
/// tablet).
const ADMIN_GROUPS: &[(PageKey, &[(&str, PageKey)])] = &[
    (
        PageKey::NavGroupYear,
        &[
            ("/admin/year", PageKey::YearNav),
            ("/admin/criteria", PageKey::CriteriaNav),
            ("/admin/form", PageKey::FormTitle),
        ],
    ),
    (
        PageKey::NavGroupPeople,
        &[
            ("/admin/agencies", PageKey::AgenciesTitle),
            ("/admin/users", PageKey::UsersTitle),
            ("/admin/compliance", PageKey::ComplianceNav),
        ],
    ),
    (
        PageKey::NavGroupJudging,
        &[
            ("/admin/screening", PageKey::ScreeningNav),
            ("/admin/assignments", PageKey::AssignmentsNav),
            ("/admin/judging", PageKey::JudgingNav),
            ("/admin/results", PageKey::ResultsTitle),
        ],
    ),
    (
        PageKey::NavGroupAudit,
        &[("/admin/audit", PageKey::AuditNav)],
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
                .find(|(_, pages)| pages.len() > 1 && in_group(pages))
                .filter(|_| is_admin);
            group.map(|(label, pages)| {
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
