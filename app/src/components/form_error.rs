use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::use_i18n;

/// The query parameter of a page sent back with a form's error (a form posted without script).
/// It holds only an id: the error itself waits in the person's session (see
/// `server::http::form_return`), so nothing typed into the address is ever shown as a message.
pub const ERROR_PARAM: &str = "error";

/// What a person typed into a form posted without script that was refused: kept with the error
/// (`server::http::form_return`) so the page shows it again rather than the stored values. Secrets
/// (any field named like a password) are never kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptForm {
    /// The server function the form posted to (`/api/save_criteria`).
    pub action: String,
    /// The form's fields as posted, in order.
    pub fields: Vec<(String, String)>,
}

/// The error a page was sent back with, found by the authorization layer in the session and
/// handed to the page through the request (`error_from_query` reads it).
#[derive(Clone, Debug)]
pub struct FlashedError(pub AppError);

/// The error a form post brought back to this page, if any (server-rendered pages only).
pub fn error_from_query() -> Option<AppError> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<FlashedError>().cloned())
            .map(|flashed| flashed.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// What was typed into the form of action `A` when it was refused and sent back to this page,
/// read as `A`'s own arguments (the way the server function read them). `None` when this page
/// was not sent back from that form.
pub fn kept_form<A>() -> Option<A>
where
    A: leptos::server_fn::ServerFn + serde::de::DeserializeOwned,
{
    #[cfg(feature = "ssr")]
    {
        let kept = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<KeptForm>().cloned())?;
        if kept.action != A::PATH {
            return None;
        }
        let query = form_urlencoded_pairs(&kept.fields);
        // The same decoder, with the same depth, as server functions' plain-form posts.
        serde_qs::Config::new(5, false).deserialize_str(&query).ok()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// One field of the form this page was sent back with, as typed, when it was posted to `A`: for
/// a form that cannot be read back whole because a secret in it was not kept (the sign-in).
pub fn kept_field<A: leptos::server_fn::ServerFn>(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let kept = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<KeptForm>().cloned())?;
        (kept.action == A::PATH)
            .then(|| kept.fields.into_iter().find(|(k, _)| k == name))
            .flatten()
            .map(|(_, v)| v)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

#[cfg(feature = "ssr")]
fn form_urlencoded_pairs(fields: &[(String, String)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        out.append_pair(k, v);
    }
    out.finish()
}

/// Shows the error of the last form post on this page (posted without script), in the user's
/// language. With `anchor`, an error about one field links to it (the field's element id), so
/// the summary at the top leads to the field, where the message is repeated.
#[component]
pub fn QueryError(
    /// The id of the input a field error is about (`criteria.2.weight` → `criteria-1-weight`).
    #[prop(optional)]
    anchor: Option<fn(&crate::error::Field) -> Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error_from_query();
    let target = error.as_ref().and_then(|e| match e {
        AppError::Invalid(fe) => anchor.and_then(|a| a(&fe.field)),
        _ => None,
    });
    let message = error.map(|e| e.message(i18n.lang.get_untracked()));
    view! {
        <p class="form-error" role="alert">
            {match (target, message) {
                (Some(id), Some(message)) => {
                    leptos::either::EitherOf3::A(view! { <a href=format!("#{id}")>{message}</a> })
                }
                (None, Some(message)) => leptos::either::EitherOf3::B(message),
                _ => leptos::either::EitherOf3::C(()),
            }}
        </p>
    }
}

/// The message of the flashed error when it is about `field`, for showing beside that field
/// (whole, naming the field: it is also what a screen reader reads for the input).
pub fn field_error(field: &str) -> Option<String> {
    let error = error_from_query()?;
    matches!(&error, AppError::Invalid(fe) if fe.field == field)
        .then(|| error.message(use_i18n().lang.get_untracked()))
}

/// The message under a field that a refused post was about (empty when it was not). The field's
/// input names it in `aria-describedby` and carries `autofocus` itself, so the page sent back
/// opens with the cursor in the field to mend.
#[component]
pub fn FieldProblem(
    /// The element id of this message.
    id: String,
    message: Option<String>,
) -> impl IntoView {
    view! { <p class="field-error" id=id>{message}</p> }
}
