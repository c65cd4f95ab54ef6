//! Escaping for the few places where the app writes markup as text itself (the page title, the
//! SVG charts) instead of letting leptos build the elements.

/// `text` made safe as HTML/XML text or as a quoted attribute value: `& < > " '` escaped, and
/// control characters (tabs and newlines included) turned into spaces: they have no business in
/// a title or a chart label, and XML forbids most of them.
pub fn escape_html(text: &str) -> String {
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
    use super::escape_html;

    #[test]
    fn hostile_text_cannot_leave_its_element() {
        let e = escape_html("X</title><script>alert(1)</script> & \"q\" 'a'");
        assert_eq!(
            e,
            "X&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
        assert!(!e.contains('<'));
        assert_eq!(escape_html("a\u{0}b\nc"), "a b c");
        assert_eq!(
            escape_html("Layanan \u{1F600} \u{202E}x"),
            "Layanan \u{1F600} \u{202E}x"
        );
    }
}
