//! Reading an agency list from a CSV file: the header names the columns (in Indonesian or
//! English, in any order), every row is checked, and the file is refused whole with a report of
//! each broken row, so nothing is ever half-imported.

use crate::error::{AppError, FieldError, ImportRowError, Input, Problem, ServerProblem};
use crate::models::{AgencyDraft, AgencyInput};
use crate::validation::agency::{check_agency, name_key};

/// More rows than any regency has agencies: a file this long is a mistake.
pub const MAX_ROWS: usize = 2000;
/// The most row errors one report carries (it travels back in the page address).
pub const REPORT_ROWS: usize = 30;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Name,
    ShortName,
    Kind,
    Head,
}

impl Column {
    /// The name the report uses for the column.
    fn field(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::ShortName => "short_name",
            Column::Kind => "kind",
            Column::Head => "head_name",
        }
    }

    fn from_header(header: &str) -> Option<Column> {
        match name_key(header).replace(['_', '-'], " ").as_str() {
            "nama" | "name" | "nama instansi" | "instansi" | "agency" => Some(Column::Name),
            "singkatan" | "short name" | "nama singkat" | "abbreviation" => Some(Column::ShortName),
            "jenis" | "kind" | "type" | "jenis instansi" => Some(Column::Kind),
            "kepala" | "head" | "head name" | "nama kepala" | "kepala instansi" => {
                Some(Column::Head)
            }
            _ => None,
        }
    }
}

/// Text of the file, or why it cannot be read. Excel's "CSV UTF-8" starts with a byte-order
/// mark, which is dropped; "Unicode text" (UTF-16) and the old ANSI code pages are refused with
/// advice rather than guessed at.
fn text_of(bytes: &[u8]) -> Result<&str, AppError> {
    let file_error = |problem| AppError::from(FieldError::new(Input::File, problem));
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_error(Problem::Required));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(Problem::NotUtf8));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| file_error(Problem::NotUtf8))
}

/// Spreadsheets set to Indonesian write `;` between fields (the comma is the decimal sign).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// The agencies in the file, each with its line number, or every problem found.
pub fn parse(bytes: &[u8]) -> Result<Vec<(u32, AgencyInput)>, AppError> {
    let text = text_of(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| FieldError::new(Input::File, Problem::NotUtf8))?
        .clone();
    let mut columns = Vec::new();
    for h in headers.iter() {
        if h.is_empty() {
            columns.push(None);
            continue;
        }
        match Column::from_header(h) {
            Some(c) if columns.contains(&Some(c)) => {
                return Err(FieldError::new(
                    Input::File,
                    Problem::Server(ServerProblem::DuplicateColumn {
                        column: h.to_string(),
                    }),
                )
                .into())
            }
            Some(c) => columns.push(Some(c)),
            None => {
                return Err(FieldError::new(
                    Input::File,
                    Problem::Server(ServerProblem::UnknownColumn {
                        column: h.to_string(),
                    }),
                )
                .into())
            }
        }
    }
    for needed in [Column::Name, Column::Kind] {
        if !columns.contains(&Some(needed)) {
            return Err(FieldError::new(
                Input::File,
                Problem::Server(ServerProblem::MissingColumn {
                    column: needed.field().to_string(),
                }),
            )
            .into());
        }
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|_| FieldError::new(Input::File, Problem::NotUtf8))?;
        // Counted from the byte offset: the reader's own line count skips blank lines, and the
        // admin looks the row up in a spreadsheet by its real line.
        // (The reader's position may sit before blank lines it skipped: step over them.)
        let bytes = text.as_bytes();
        let mut byte = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while byte < bytes.len() && matches!(bytes[byte], b'\n' | b'\r') {
            byte += 1;
        }
        let line = 1 + bytes[..byte].iter().filter(|b| **b == b'\n').count() as u32;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() + errors.len() >= MAX_ROWS {
            return Err(FieldError::new(
                Input::File,
                Problem::TooMany {
                    max: MAX_ROWS as u32,
                },
            )
            .into());
        }
        let mut draft = AgencyDraft::default();
        for (value, column) in record.iter().zip(&columns) {
            match column {
                Some(Column::Name) => draft.name = value.to_string(),
                Some(Column::ShortName) => draft.short_name = value.to_string(),
                Some(Column::Kind) => draft.kind = value.to_string(),
                Some(Column::Head) => draft.head_name = value.to_string(),
                None => {}
            }
        }
        match check_agency(&draft) {
            Ok(agency) => {
                if let Some(first) = seen.insert(name_key(&agency.name), line) {
                    errors.push(ImportRowError {
                        line,
                        column: "name".into(),
                        problem: Problem::Server(ServerProblem::DuplicateOf { line: first }),
                    });
                } else {
                    rows.push((line, agency));
                }
            }
            Err(problems) => errors.extend(problems.into_iter().map(|e| ImportRowError {
                line,
                column: e.field.to_string(),
                problem: e.problem,
            })),
        }
    }
    if !errors.is_empty() {
        return Err(rejected(errors));
    }
    if rows.is_empty() {
        return Err(FieldError::new(Input::File, Problem::Required).into());
    }
    Ok(rows)
}

/// The refusal that carries the report: the first rows' problems and how many there were.
pub fn rejected(mut errors: Vec<ImportRowError>) -> AppError {
    let total = errors.len() as u32;
    errors.truncate(REPORT_ROWS);
    AppError::ImportRejected {
        rows: errors,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::AgencyKind;

    fn report(e: AppError) -> Vec<(u32, String, Problem)> {
        match e {
            AppError::ImportRejected { rows, .. } => rows
                .into_iter()
                .map(|r| (r.line, r.column, r.problem))
                .collect(),
            other => panic!("expected a row report, got {other:?}"),
        }
    }

    #[test]
    fn a_clean_file_in_either_language_and_separator_is_read() {
        let rows = parse(
            "\u{feff}Nama;Singkatan;Jenis;Kepala\nDinas Sosial;Dinsos;Perangkat Daerah;Ibu Ani\nPuskesmas Kota;;Puskesmas;\n"
                .as_bytes(),
        )
        .expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1.short_name.as_deref(), Some("Dinsos"));
        assert_eq!(rows[1].1.kind, AgencyKind::Kesehatan);
        let rows = parse(b"name,kind\nSMP Negeri 2,pendidikan\n").expect("valid");
        assert_eq!(rows[0].1.kind, AgencyKind::Pendidikan);
    }

    #[test]
    fn every_broken_row_is_named_with_its_line_and_column() {
        let e = parse(b"nama,jenis\nDinas A,opd\n,opd\nDinas B,koperasi\n\ndinas a,opd\n")
            .expect_err("broken rows");
        assert_eq!(
            report(e),
            vec![
                (3, "name".to_string(), Problem::Required),
                (4, "kind".to_string(), Problem::NotAllowed),
                (
                    6,
                    "name".to_string(),
                    Problem::Server(ServerProblem::DuplicateOf { line: 2 })
                ),
            ]
        );
    }

    #[test]
    fn another_encoding_is_refused_with_advice() {
        // "Dinas Pekerjaan Umum" with a Windows-1252 é: not UTF-8.
        let e = parse(b"nama,jenis\nDinas Caf\xe9,opd\n").expect_err("latin-1");
        assert_eq!(e, FieldError::new(Input::File, Problem::NotUtf8).into());
        let e = parse(&[0xFF, 0xFE, b'n', 0]).expect_err("utf-16");
        assert_eq!(e, FieldError::new(Input::File, Problem::NotUtf8).into());
    }

    #[test]
    fn headers_must_name_known_columns() {
        let e = parse(b"nama,warna\nDinas A,merah\n").expect_err("unknown");
        assert_eq!(
            e,
            FieldError::new(
                Input::File,
                Problem::Server(ServerProblem::UnknownColumn {
                    column: "warna".into()
                })
            )
            .into()
        );
        let e = parse(b"nama\nDinas A\n").expect_err("no kind column");
        assert_eq!(
            e,
            FieldError::new(
                Input::File,
                Problem::Server(ServerProblem::MissingColumn {
                    column: "kind".into()
                })
            )
            .into()
        );
        assert!(parse(b"").is_err());
        assert!(parse(b"nama,jenis\n").is_err());
    }

    #[test]
    fn the_report_is_bounded() {
        let mut file = String::from("nama,jenis\n");
        for i in 0..100 {
            file.push_str(&format!("Dinas {i},koperasi\n"));
        }
        match parse(file.as_bytes()).expect_err("all broken") {
            AppError::ImportRejected { rows, total } => {
                assert_eq!(total, 100);
                assert_eq!(rows.len(), REPORT_ROWS);
            }
            other => panic!("{other:?}"),
        }
    }
}
