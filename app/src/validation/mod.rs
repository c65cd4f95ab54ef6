//! Parse, don't validate: each newtype can only hold a value that passed its rules. The same code
//! runs in the browser before a form is sent and in the server function, always.

mod account;
pub mod agency;
pub mod answers;
pub mod criteria;
pub mod dates;
pub mod form_builder;
pub mod phases;
pub mod sheet;
pub mod visit;

pub use account::*;

use crate::error::{Field, FieldError, Problem};

/// A free-text field as typed: trimmed, refused when `required` and empty or when longer than
/// `max` characters (an empty optional field is `""`).
pub fn text(
    field: impl Into<Field>,
    input: &str,
    max: u32,
    required: bool,
) -> Result<String, FieldError> {
    let s = input.trim();
    if required && s.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if s.chars().count() > max as usize {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Input;

    #[test]
    fn text_is_trimmed_required_and_bounded_by_characters() {
        assert_eq!(text(Input::Name, "  Dinas  ", 5, true), Ok("Dinas".into()));
        assert_eq!(text(Input::Name, "   ", 5, false), Ok(String::new()));
        assert_eq!(
            text(Input::Name, " ", 5, true).map_err(|e| e.problem),
            Err(Problem::Required)
        );
        // Characters, not bytes: five accented letters fit in five.
        assert_eq!(text(Input::Name, "ééééé", 5, true), Ok("ééééé".into()));
        assert_eq!(
            text(Input::Name, "abcdef", 5, false),
            Err(FieldError::new(Input::Name, Problem::TooLong { max: 5 }))
        );
    }
}
