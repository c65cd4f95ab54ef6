use leptos::prelude::*;

use crate::components::PageTitle;
use crate::i18n::{t, Key, PageKey};

/// Any address the route table does not know. Answers 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card notice">
            <PageTitle page=PageKey::NotFoundTitle />
            <h1>{t(PageKey::NotFoundTitle)}</h1>
            <p>{t(PageKey::NotFoundBody)}</p>
            <a class="button" href="/">
                {t(Key::BackHome)}
            </a>
        </section>
    }
}
