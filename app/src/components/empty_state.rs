use leptos::prelude::*;

use crate::i18n::{t, PageKey};

/// An honest "nothing here yet", with what will change that.
#[component]
pub fn EmptyState(
    /// What is missing.
    title: PageKey,
    /// When or how it will appear.
    hint: PageKey,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-title">{t(title)}</p>
            <p class="muted">{t(hint)}</p>
        </div>
    }
}
