use leptos::either::Either;
use leptos::prelude::*;

use crate::api::Logout;
use crate::app::UserContext;
use crate::i18n::{labels, t, Key};
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
                {t(Key::AppName)}
            </a>
            <nav aria-label=t(Key::MainNavigation)>
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
                    <a href="/login">{t(Key::SignIn)}</a>
                </li>
            </ul>
        });
    };
    let home = user.role.home_path();
    let admin_links = (user.role == Role::Admin).then(|| {
        view! {
            <li>
                <a href="/admin/year">{t(Key::YearNav)}</a>
            </li>
            <li>
                <a href="/admin/compliance">{t(Key::ComplianceNav)}</a>
            </li>
            <li>
                <a href="/admin/criteria">{t(Key::CriteriaNav)}</a>
            </li>
            <li>
                <a href="/admin/screening">{t(Key::ScreeningNav)}</a>
            </li>
            <li>
                <a href="/admin/assignments">{t(Key::AssignmentsNav)}</a>
            </li>
            <li>
                <a href="/admin/judging">{t(Key::JudgingNav)}</a>
            </li>
            <li>
                <a href="/admin/users">{t(Key::UsersTitle)}</a>
            </li>
            <li>
                <a href="/admin/audit">{t(Key::AuditNav)}</a>
            </li>
        }
    });
    Either::Right(view! {
        <ul class="nav">
            <li>
                <a href=home>{t(Key::Home)}</a>
            </li>
            {admin_links}
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
                {t(Key::SignOut)}
            </button>
        </ActionForm>
    })
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
