//! Signing in and out, and who is signed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::CurrentUser;

/// Signs in with email and password. On success the session is bound to the account and the
/// browser goes to the role's home page.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::server::{http::authz, people::login};
    use crate::validation::{Email, PasswordAttempt};

    let auth = authz::authorize::<Login>().await?;
    let email = Email::parse(&email)?;
    let password = PasswordAttempt::parse(&password)?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(crate::server::infra::db::internal)?;
    let user = login::sign_in(
        &auth.state,
        &session,
        authz::current_client_addr(),
        email,
        password,
    )
    .await?;
    // The language chosen on this device (before signing in) is the one their e-mails use.
    let chosen = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::COOKIE)?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .filter(|cookies| cookies.contains(crate::i18n::LANG_COOKIE))
        .map(|cookies| crate::i18n::Lang::from_cookie_header(&cookies));
    if let Some(lang) = chosen {
        crate::server::people::notice_prefs::set_language(&auth.state.db, user.id, lang).await?;
    }
    redirect_plain_form_post(user.role.home_path());
    Ok(user)
}

/// Ends the current session.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{http::authz, people::login};

    authz::authorize::<Logout>().await?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(crate::server::infra::db::internal)?;
    login::sign_out(&session).await?;
    redirect_plain_form_post(crate::routes::HOME);
    Ok(())
}

/// The signed-in user, or `None`.
#[server(prefix = "/api", endpoint = "fetch_current_user")]
pub async fn fetch_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::http::authz::{self, Principal};

    let auth = authz::authorize::<FetchCurrentUser>().await?;
    Ok(match auth.principal {
        Principal::User(u) => Some(u),
        Principal::Anonymous => None,
    })
}

/// A form posted before the page was hydrated expects a page back, not JSON: send it on to
/// `path`. Hydrated pages call through fetch and navigate themselves.
#[cfg(feature = "ssr")]
pub(crate) fn redirect_plain_form_post(path: &str) {
    let wants_html = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    if wants_html {
        leptos_axum::redirect(path);
    }
}
