use leptos::prelude::*;

use crate::i18n::{t, Key};

/// An honest "nothing here yet", with what will change that.
#[component]
pub fn EmptyState(
    /// What is missing.
    title: Key,
    /// When or how it will appear.
    hint: Key,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-title">{t(title)}</p>
            <p class="muted">{t(hint)}</p>
        </div>
    }
}
