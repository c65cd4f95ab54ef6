use leptos::either::Either;
use leptos::prelude::*;

use super::ErrorPanel;
use crate::error::AppError;
use crate::i18n::{t, Key};

/// A page's data from the server: once loaded, shown by `show`; refused or failed, explained by
/// the error panel; meanwhile a loading line.
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(value) => Either::Left(show(value)),
                Err(error) => Either::Right(view! { <ErrorPanel error /> }),
            }
        })
    };
    view! { <Transition fallback=|| view! { <p class="muted">{t(Key::Loading)}</p> }>{body}</Transition> }
}
