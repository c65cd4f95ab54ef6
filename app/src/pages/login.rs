use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

use crate::api::Login;
use crate::components::UserContext;
use crate::components::{error_from_query, go_to, PageTitle};
use crate::error::AppError;
use crate::i18n::{provide_i18n, t, Key, PageKey};
use crate::validation::{Email, PasswordAttempt};

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

/// The sign-in form. Without script it is a plain form post (the server redirects to the role's
/// home, or back here with the error). Hydrated, it checks the email with the same parser the
/// server uses before sending, shows errors in place, and keeps the typed email on failure.
#[island]
fn LoginForm(
    /// An error carried back from a sign-in posted without script.
    server_error: Option<AppError>,
) -> impl IntoView {
    let i18n = provide_i18n();
    let login = ServerAction::<Login>::new();
    let local_error = RwSignal::new(server_error);
    let email_input = NodeRef::<Input>::new();
    let password_input = NodeRef::<Input>::new();

    Effect::new(move || match login.value().get() {
        Some(Ok(user)) => go_to(user.role.home_path()),
        Some(Err(e)) => local_error.set(Some(e)),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let email = email_input.get().map(|i| i.value()).unwrap_or_default();
        let password = password_input.get().map(|i| i.value()).unwrap_or_default();
        // The same parsers run again in the server function; here they spare a round trip.
        if let Err(e) = Email::parse(&email).and_then(|_| PasswordAttempt::parse(&password)) {
            local_error.set(Some(e.into()));
            return;
        }
        local_error.set(None);
        login.dispatch(Login { email, password });
    };

    // A message about one field sits under that field; anything else above the button.
    let field_error = move |field: &'static str| {
        move || match local_error.get() {
            Some(AppError::Invalid(fe)) if fe.field == field => {
                Some(fe.problem.message(i18n.lang.get()))
            }
            _ => None,
        }
    };
    let form_error = move || match local_error.get() {
        Some(AppError::Invalid(_)) | None => None,
        Some(e) => Some(e.message(i18n.lang.get())),
    };
    view! {
        <form method="post" action="/api/login" on:submit=on_submit novalidate>
            <div class="field">
                <label for="email">{t(Key::Email)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    node_ref=email_input
                />
                <p class="field-error" id="email-error">
                    {field_error("email")}
                </p>
            </div>
            <div class="field">
                <label for="password">{t(Key::Password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    node_ref=password_input
                />
                <p class="field-error" id="password-error">
                    {field_error("password")}
                </p>
            </div>
            <p class="form-error" role="alert">
                {form_error}
            </p>
            <button type="submit" class="button primary" disabled=move || login.pending().get()>
                {t(Key::LoginSubmit)}
            </button>
        </form>
    }
}
