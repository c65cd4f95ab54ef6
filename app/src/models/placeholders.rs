//! Placeholders in text people write (a broadcast, a notice's template): `{name}` marks a
//! value filled in for each reader. Checked before saving, filled in one pass.

/// What is wrong with a text's placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceholderError {
    /// `{…}` naming none of the known placeholders.
    Unknown(String),
    /// A `{` without its `}`, or a `}` without its `{`.
    Unmatched,
}

/// Checks that every `{…}` of `text` is one of `known` and every brace is paired.
pub fn check_placeholders_in(text: &str, known: &[&str]) -> Result<(), PlaceholderError> {
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        if rest[i..].starts_with('}') {
            return Err(PlaceholderError::Unmatched);
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find(['{', '}']) else {
            return Err(PlaceholderError::Unmatched);
        };
        if after[end..].starts_with('{') {
            return Err(PlaceholderError::Unmatched);
        }
        let name = &after[..end];
        if !known.contains(&name) {
            return Err(PlaceholderError::Unknown(name.to_string()));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

/// The `{…}` names `text` uses, in order, each once.
pub fn placeholders_of(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.contains('{') && !names.contains(&name) {
            names.push(name);
        }
        rest = &after[end + 1..];
    }
    names
}

/// `text` with each `{name}` that `value` knows replaced, in one pass: a value that itself
/// holds `{…}` (a title someone typed) is not filled in again. Unknown names stay as written.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find('}')
            .and_then(|end| value(&after[..end]).map(|v| (v, end)))
        {
            Some((v, end)) => {
                out.push_str(&v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_listed_checked_and_filled_in_one_pass() {
        assert_eq!(placeholders_of("{a} {b} {a} {c"), vec!["a", "b"]);
        assert_eq!(
            check_placeholders_in("{title}: {note}", &["title"]),
            Err(PlaceholderError::Unknown("note".into()))
        );
        assert_eq!(
            check_placeholders_in("}{", &["title"]),
            Err(PlaceholderError::Unmatched)
        );
        let filled = fill("«{title}» {note} {other}", |name| match name {
            "title" => Some("A {note}".to_string()),
            "note" => Some("B".to_string()),
            _ => None,
        });
        assert_eq!(filled, "«A {note}» B {other}");
    }
}
