//! The one place a page's `<title>` is set.
//!
//! leptos_meta writes the title text into the head as it is, without escaping it (checked in
//! leptos_meta 0.8's `title.rs`), and a title often holds what a person typed (a proposal's
//! title in the gallery). So every page title goes through here, escaped for HTML text.

use leptos::prelude::*;
use leptos_meta::Title;

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
    view! { <Title text=escape_title(&full) /> }
}

/// HTML-escapes text for the inside of `<title>` (where `</title>` would end the element).
/// Control characters other than whitespace are dropped: they have no business in a tab's name.
pub fn escape_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_title;

    #[test]
    fn a_hostile_title_cannot_leave_the_title_element() {
        let e = escape_title("X</title><script>alert(1)</script> & \"q\" 'a'");
        assert_eq!(
            e,
            "X&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
        assert!(!e.contains('<'));
        assert_eq!(escape_title("a\u{0}b\nc"), "a b c");
        assert_eq!(
            escape_title("Layanan \u{1F600} \u{202E}x"),
            "Layanan \u{1F600} \u{202E}x"
        );
    }
}
