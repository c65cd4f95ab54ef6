use leptos::prelude::*;

use crate::api::Login;
use crate::app::UserContext;
use crate::components::go_to;
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key};

/// Sign-in with email and password. A signed-in visitor is pointed to their own page instead.
#[component]
pub fn LoginPage() -> impl IntoView {
    let user = expect_context::<UserContext>().0;
    let body = move || {
        Suspend::new(async move {
            match user.await.ok().flatten() {
                Some(u) => view! {
                    <section class="card narrow">
                        <h1>{t(Key::LoginTitle)}</h1>
                        <p>{t(Key::AlreadySignedIn)}</p>
                        <a class="button" href=u.role.home_path()>
                            {t(Key::GoToMyHome)}
                        </a>
                    </section>
                }
                .into_any(),
                None => view! { <LoginForm /> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=|| ()>{body}</Transition> }
}

#[component]
fn LoginForm() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    Effect::new(move || {
        if let Some(Ok(user)) = login.value().get() {
            go_to(user.role.home_path());
        }
    });
    let error = move || login.value().get().and_then(|r| r.err());
    // A message about one field sits under that field; anything else above the button.
    let field_error = move |field: &'static str| {
        move || match error() {
            Some(AppError::Invalid(fe)) if fe.field == field => {
                Some(fe.problem.message(i18n.lang.get()))
            }
            _ => None,
        }
    };
    let form_error = move || match error() {
        Some(AppError::Invalid(_)) | None => None,
        Some(e) => Some(e.message(i18n.lang.get())),
    };
    view! {
        <section class="card narrow">
            <h1>{t(Key::LoginTitle)}</h1>
            <p class="muted">{t(Key::LoginIntro)}</p>
            <ActionForm action=login>
                <div class="field">
                    <label for="email">{t(Key::Email)}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required />
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
            </ActionForm>
        </section>
    }
}
