use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{fetch_account_link, SetPasswordWithLink};
use crate::components::{PageTitle, QueryError};
use crate::error::AppError;
use crate::i18n::{t, use_i18n, Key, PageKey};
use crate::models::{LinkInfo, LinkPurpose};
use crate::routes;
use crate::validation::NewPassword;

/// `/account/setup?token=…`: where an invitation or reset link leads. The person sees whose
/// account it is and chooses a password (twice); a used or expired link says so, and what to do.
#[component]
pub fn AccountSetupPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let for_fetch = token.clone();
    let data = Resource::new(
        || (),
        move |_| {
            let token = for_fetch.clone();
            async move { fetch_account_link(token).await }
        },
    );
    let body = move || {
        let token = token.clone();
        Suspend::new(async move {
            match data.await {
                Ok(info) => Either::Left(view! { <ChoosePassword info token /> }),
                Err(error) => Either::Right(view! {
                    <PageTitle page=PageKey::LinkInvalidTitle />
                    <h1>{t(PageKey::LinkInvalidTitle)}</h1>
                    {if error == AppError::NotFound {
                        Either::Left(view! { <p>{t(PageKey::LinkInvalid)}</p> })
                    } else {
                        Either::Right(view! { <crate::components::ErrorPanel error /> })
                    }}
                    <a class="button" href=routes::LOGIN>{t(Key::SignIn)}</a>
                }),
            }
        })
    };
    view! {
        <section class="card narrow">
            <Transition fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>{body}</Transition>
        </section>
    }
}

#[component]
fn ChoosePassword(info: LinkInfo, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetPasswordWithLink>::new();
    let title = match info.purpose {
        LinkPurpose::Invite => PageKey::WelcomeTitle,
        LinkPurpose::Reset => PageKey::ResetTitle,
    };
    let min = NewPassword::MIN_LEN;
    view! {
        <h1>{t(title)}</h1>
        <p>{info.name} " · " {info.email.clone()}</p>
        <QueryError />
        <ActionForm action=set>
            <input type="hidden" name="token" value=token />
            // Lets password managers file the new password under the right account.
            <input type="hidden" name="username" autocomplete="username" value=info.email />
            <div class="field">
                <label for="new-password">{t(PageKey::NewPassword)}</label>
                <input type="password" id="new-password" name="password" required minlength=min.to_string() maxlength="256" autocomplete="new-password" aria-describedby="new-password-hint" />
                <p class="muted" id="new-password-hint">
                    {move || PageKey::PasswordRule.text(i18n.lang.get()).replace("{min}", &min.to_string())}
                </p>
            </div>
            <div class="field">
                <label for="password-again">{t(PageKey::PasswordAgain)}</label>
                <input type="password" id="password-again" name="password_again" required maxlength="256" autocomplete="new-password" />
            </div>
            <button type="submit" class="button primary">{t(PageKey::SavePassword)}</button>
        </ActionForm>
    }
}
