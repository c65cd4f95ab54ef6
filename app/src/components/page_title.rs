//! The one place a page's `<title>` is set.
//!
//! leptos_meta writes the title text into the head as it is, without escaping it (checked in
//! leptos_meta 0.8's `title.rs`), and a title often holds what a person typed (a proposal's
//! title in the gallery). So every page title goes through here, escaped for HTML text.

use leptos::prelude::*;
use leptos_meta::Title;

use super::escape_html;
use crate::i18n::{use_i18n, PageKey};

/// The document title: "<what the page shows> — Inovasi", or just "Inovasi". The text is user
/// text until proven otherwise: it is escaped here, once, for the `<title>` element.
#[component]
pub fn PageTitle(
    /// What the page shows (a page name, or an object and its page); `None` for the app's name.
    #[prop(optional, into)]
    text: Option<String>,
) -> impl IntoView {
    let app = PageKey::AppName.text(use_i18n().lang.get_untracked());
    // A plain string, built now: leptos_axum reads the title after the page has rendered, when a
    // signal behind it may already be gone (a panic under concurrent requests).
    let full = match text {
        Some(text) if !text.trim().is_empty() => format!("{} — {app}", text.trim()),
        _ => app.to_string(),
    };
    view! { <Title text=escape_html(&full) /> }
}
