//! The interface language.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Lang;

/// Remembers the chosen language in a cookie, so the server renders the next page in it (and,
/// for a signed-in person, with their account, for their e-mails).
/// (After hydration the switch also sets the cookie itself and works offline; this endpoint is
/// what the switch posts to before the page is hydrated.)
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<Lang, AppError> {
    use crate::error::{FieldError, Problem};
    use crate::i18n::LANG_COOKIE;
    use crate::server::http::authz;

    let auth = authz::authorize::<SetLanguage>().await?;
    let lang = Lang::parse(&lang)
        .ok_or_else(|| FieldError::new(crate::error::Input::Language, Problem::NotAllowed))?;
    // A signed-in person's e-mails come in the language they read the app in.
    if let Some(user_id) = auth.principal.user_id() {
        crate::server::people::notice_prefs::set_language(&auth.state.db, user_id, lang).await?;
    }
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            res.append_header(http::header::SET_COOKIE, value);
        }
    }
    Ok(lang)
}
