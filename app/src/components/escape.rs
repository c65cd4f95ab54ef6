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

/// `text` as the content of a `<textarea>` rendered on the server. tachys writes a textarea's
/// children as they are — it counts `textarea` with `script` and `style` among the elements
/// whose children it does not escape — so a message holding `</textarea>` would end the
/// element and the rest would be markup. Escaped here (`& < >`, which the browser decodes back
/// inside a textarea); line breaks kept, and a leading one doubled, as the parser drops the
/// first newline after `<textarea>`.
pub fn textarea_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if text.starts_with('\n') || text.starts_with("\r\n") {
        out.push('\n');
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as HTML text with its line breaks kept as `<br>` (an e-mail's body: a broadcast has
/// paragraphs), everything else as `escape_html`.
pub fn escape_lines(text: &str) -> String {
    text.lines()
        .map(escape_html)
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::{escape_html, escape_lines, textarea_text};

    #[test]
    fn a_textarea_cannot_be_ended_by_its_text() {
        let t = textarea_text("a</textarea><script>alert(1)</script>\nb & c");
        assert_eq!(
            t,
            "a&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;\nb &amp; c"
        );
        assert_eq!(textarea_text("\nx"), "\n\nx");
        assert_eq!(
            escape_lines("Yth. <b>Ani</b>,\n\nSalam"),
            "Yth. &lt;b&gt;Ani&lt;/b&gt;,<br><br>Salam"
        );
    }

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
