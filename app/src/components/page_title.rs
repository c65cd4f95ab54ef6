//! The one place a page's `<title>` is set.
//!
//! leptos_meta writes the title text into the head as it is, without escaping it (checked in
//! leptos_meta 0.8's `title.rs`), and a title often holds what a person typed (a proposal's
//! title in the gallery). So every page title goes through here, escaped for HTML text.

use leptos::prelude::*;
use leptos_meta::Title;

use super::escape_html;
use crate::i18n::{use_i18n, AnyKey, PageKey, Text};

/// The document title: "<object> · <page> — Inovasi" (a tab, the history and a screen reader
/// can tell pages apart), or just "Inovasi". The object is user text until proven otherwise: the
/// whole title is escaped here, once, for the `<title>` element.
#[component]
pub fn PageTitle(
    /// The page's name (usually the key of its heading).
    #[prop(optional, into)]
    page: Option<AnyKey>,
    /// What the page shows, when it shows one thing (a proposal's title, an agency's name);
    /// a text or an `Option` of one.
    #[prop(default = None, into)]
    text: Option<String>,
) -> impl IntoView {
    let lang = use_i18n().lang.get_untracked();
    let app = PageKey::AppName.text(lang);
    // A plain string, built now: leptos_axum reads the title after the page has rendered, when a
    // signal behind it may already be gone (a panic under concurrent requests).
    let parts: Vec<&str> = [text.as_deref().map(str::trim), page.map(|k| k.text(lang))]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    let full = if parts.is_empty() {
        app.to_string()
    } else {
        format!("{} — {app}", parts.join(" · "))
    };
    view! { <Title text=escape_html(&full) /> }
}
