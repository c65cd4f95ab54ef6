use leptos::either::Either;
use leptos::prelude::*;

use crate::api::Login;
use crate::components::UserContext;
use crate::components::{error_from_query, kept_field, FieldProblem, PageTitle};
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key, PageKey};

/// Sign-in with email and password. A signed-in visitor is pointed to their own page instead.
#[component]
pub fn LoginPage() -> impl IntoView {
    let user = expect_context::<UserContext>().0;
    // Back from choosing a password through an invitation or reset link.
    let ready = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("ready")
        .is_some();
    let body = move || {
        Suspend::new(async move {
            match user.await.ok().flatten() {
                Some(u) => Either::Left(view! {
                    <section class="card narrow">
                        <PageTitle page=Key::LoginTitle />
                        <h1>{t(Key::LoginTitle)}</h1>
                        <p>{t(Key::AlreadySignedIn)}</p>
                        <a class="button" href=u.role.home_path()>
                            {t(Key::GoToMyHome)}
                        </a>
                    </section>
                }),
                None => Either::Right(view! {
                    <section class="card narrow">
                        <PageTitle page=Key::LoginTitle />
                        <h1>{t(Key::LoginTitle)}</h1>
                        {ready.then(|| view! { <p class="notice-info" role="status">{t(PageKey::PasswordReady)}</p> })}
                        <p class="muted">{t(Key::LoginIntro)}</p>
                        <LoginForm server_error=error_from_query() />
                        <p class="muted">{t(PageKey::ForgotPassword)}</p>
                    </section>
                }),
            }
        })
    };
    view! { <Transition fallback=|| ()>{body}</Transition> }
}

/// The sign-in form: a plain form post. The server redirects to the role's home, or back here
/// with the error beside the field it is about and the typed email kept (never the password).
/// Not an island: the sign-in page is the first page of every working day, often on a slow
/// line, and a round trip to the server's own check costs less than the islands' runtime
/// (docs/architecture.md "Size").
#[component]
fn LoginForm(
    /// The error of the sign-in this page was sent back with.
    server_error: Option<AppError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let email = kept_field::<Login>("email").unwrap_or_default();
    let (email_error, password_error, form_error) = match &server_error {
        Some(AppError::Invalid(fe)) if fe.field == "email" => {
            (Some(fe.problem.message(lang)), None, None)
        }
        Some(AppError::Invalid(fe)) if fe.field == "password" => {
            (None, Some(fe.problem.message(lang)), None)
        }
        Some(e) => (None, None, Some(e.message(lang))),
        None => (None, None, None),
    };
    let (bad_email, bad_password) = (email_error.is_some(), password_error.is_some());
    view! {
        <form method="post" action="/api/login" novalidate>
            <div class="field">
                <label for="email">{t(Key::Email)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    value=email
                    aria-invalid=bad_email.then_some("true")
                    aria-describedby="email-error"
                    autofocus=bad_email
                />
                <FieldProblem id="email-error".to_string() message=email_error />
            </div>
            <div class="field">
                <label for="password">{t(Key::Password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=bad_password.then_some("true")
                    aria-describedby="password-error"
                    autofocus=bad_password
                />
                <FieldProblem id="password-error".to_string() message=password_error />
            </div>
            <p class="form-error" role="alert">
                {form_error}
            </p>
            <button type="submit" class="button primary">
                {t(Key::LoginSubmit)}
            </button>
        </form>
    }
}
