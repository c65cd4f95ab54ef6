use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::use_i18n;

/// The query parameter of a page sent back with a form's error (a form posted without script).
/// It holds only an id: the error itself waits in the person's session (see
/// `server::form_return`), so nothing typed into the address is ever shown as a message.
pub const ERROR_PARAM: &str = "error";

/// The error a form post brought back to this page, if any (server-rendered pages only).
pub fn error_from_query() -> Option<AppError> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::server::form_return::FlashedError>()
                    .cloned()
            })
            .map(|flashed| flashed.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Shows the error of the last form post on this page (posted without script), in the user's
/// language.
#[component]
pub fn QueryError() -> impl IntoView {
    let i18n = use_i18n();
    let error = error_from_query();
    view! {
        <p class="form-error" role="alert">
            {error.map(|e| e.message(i18n.lang.get_untracked()))}
        </p>
    }
}
