//! CSV files for people who open them in a spreadsheet program: UTF-8 with a byte-order mark (so
//! Excel reads the encoding right), and every cell that a spreadsheet would take for a formula
//! neutralised, the way OWASP's "CSV injection" page recommends. A proposal titled
//! `=HYPERLINK("http://…","klik")` or `-2+3+cmd|' /C calc'!A0` must arrive as text in the
//! organiser's Excel, never as something it runs. Every CSV the app writes goes through here.

use std::borrow::Cow;

use crate::error::AppError;
use crate::server::infra::db::internal;

/// A CSV being written, row by row.
pub struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvFile {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvFile {
    pub fn new() -> Self {
        CsvFile {
            writer: csv::Writer::from_writer(Vec::from(&b"\xEF\xBB\xBF"[..])),
        }
    }

    /// One row; each cell is made safe for spreadsheets (see `safe_cell`).
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let record: Vec<String> = cells
            .into_iter()
            .map(|c| safe_cell(c.as_ref()).into_owned())
            .collect();
        self.writer.write_record(&record).map_err(internal)
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.writer.into_inner().map_err(internal)
    }
}

/// The cell as a spreadsheet should show it: a text that begins like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return, or their full-width forms) gets a leading apostrophe, which
/// spreadsheets read as "this is text". A plain number (`-3`, `87,35`) stays a number.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    let formula_leader = text.chars().next().is_some_and(|c| {
        matches!(
            c,
            '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
        )
    });
    if formula_leader && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// An optional minus, digits, and at most one decimal separator between digits.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, [',', '.']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_leaders_become_text() {
        for hostile in [
            "=HYPERLINK(\"http://evil.example\",\"klik\")",
            "+1+1",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            "＝1+1",
            "-",
        ] {
            assert_eq!(safe_cell(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for harmless in ["Layanan Adminduk", "87,35", "-3", "-1.5", "", "a=b", " =x"] {
            assert_eq!(safe_cell(harmless), harmless, "{harmless:?}");
        }
    }

    #[test]
    fn the_file_has_a_bom_and_quotes_what_it_must() {
        let mut f = CsvFile::new();
        f.row(["judul", "ringkasan"]).expect("row");
        f.row(["=1+1", "a,\"b\"\nc"]).expect("row");
        let bytes = f.finish().expect("csv");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(text, "\u{feff}judul,ringkasan\n'=1+1,\"a,\"\"b\"\"\nc\"\n");
    }
}
