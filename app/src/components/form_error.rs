use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::i18n::use_i18n;

/// The query parameter that carries the error of a form posted without script: the server sends
/// the browser back to the form's page with the `AppError` as JSON in it (see
/// `server::authz::principal_layer`).
pub const ERROR_PARAM: &str = "error";

/// The error a form post brought back in the page address, if any.
pub fn error_from_query() -> Option<AppError> {
    let query = use_query_map();
    let raw = query.read_untracked().get(ERROR_PARAM)?;
    serde_json::from_str(&raw).ok()
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
