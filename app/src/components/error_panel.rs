use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key};
use crate::routes;

/// What a page shows when its data was refused or failed: a sign-in prompt, an access-denied
/// notice, or the error's message, always in the user's language.
#[component]
pub fn ErrorPanel(
    /// The error to explain.
    error: AppError,
) -> impl IntoView {
    let i18n = use_i18n();
    // The page's HTTP status says the same (404 for "not found", 403 …), so a refused page never
    // looks like a success to a client or a cache.
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(error.status()),
    ) {
        res.set_status(code);
    }
    match error {
        AppError::Unauthenticated => EitherOf3::A(view! {
            <section class="card notice" role="alert">
                <h1>{t(Key::SignInRequiredTitle)}</h1>
                <p>{t(Key::SignInRequiredBody)}</p>
                <a class="button" href=routes::LOGIN>{t(Key::SignIn)}</a>
            </section>
        }),
        AppError::Forbidden => EitherOf3::B(view! {
            <section class="card notice" role="alert">
                <h1>{t(Key::ForbiddenTitle)}</h1>
                <p>{t(Key::ForbiddenBody)}</p>
                <a class="button" href="/">{t(Key::BackHome)}</a>
            </section>
        }),
        other => EitherOf3::C(view! {
            <section class="card notice" role="alert">
                <p>{move || other.message(i18n.lang.get())}</p>
            </section>
        }),
    }
}
