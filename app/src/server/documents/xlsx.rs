//! The ranking as an Excel workbook: three sheets, each a header row over plain data, ready to
//! sort and filter.

use rust_xlsxwriter::{
    Color, Format, FormatBorder, Workbook as XlsxWorkbook, Worksheet, XlsxError,
};

use super::{Cell, Workbook};

/// Excel's limit on a sheet name, in UTF-16 units.
const SHEET_NAME_MAX: usize = 31;
/// Autofit stops here (pixels) so that a long proposal title does not make a column screen-wide.
const MAX_COLUMN_PIXELS: u32 = 420;
/// Excel's limit on the text of one cell.
const CELL_TEXT_MAX: usize = 32_767;

/// The workbook as `.xlsx` bytes.
pub fn workbook(w: &Workbook) -> Result<Vec<u8>, String> {
    let mut book = XlsxWorkbook::new();
    let sheets = [
        (&w.ranking_header, &w.ranking),
        (&w.criteria_header, &w.criteria),
        (&w.judges_header, &w.judges),
    ];
    let names = sheet_names(&w.sheet_names);
    for (name, (header, rows)) in names.iter().zip(sheets) {
        let sheet = book.add_worksheet();
        fill_sheet(sheet, name, header, rows)
            .map_err(|e| format!("could not write the sheet {name:?}: {e}"))?;
    }
    book.save_to_buffer()
        .map_err(|e| format!("could not assemble the workbook: {e}"))
}

fn fill_sheet(
    sheet: &mut Worksheet,
    name: &str,
    header: &[String],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00E6_EBF2))
        .set_border_bottom(FormatBorder::Thin);
    let two_decimals = Format::new().set_num_format("0.00");
    for (col, title) in (0..).zip(header) {
        sheet.write_string_with_format(0, col, clip(title), &bold)?;
    }
    for (row, cells) in (1..).zip(rows) {
        for (col, cell) in (0..).zip(cells) {
            write_cell(sheet, row, col, cell, &two_decimals)?;
        }
    }
    // Frozen and filtered on the header, so it stays in view and every column sorts.
    sheet.set_freeze_panes(1, 0)?;
    let widest = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if let Some(last_col) = u16::try_from(widest).ok().and_then(|n| n.checked_sub(1)) {
        let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
    sheet.autofit();
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    two_decimals: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) => {
            sheet.write_string(row, col, clip(text))?;
        }
        // Excel has no NaN or infinity; an empty cell is the honest rendering.
        Cell::Number(n) if n.is_finite() => {
            sheet.write_number_with_format(row, col, *n, two_decimals)?;
        }
        // Excel stores every number as a double; beyond 2^53 an id would lose digits, so it
        // goes in as text.
        Cell::Int(i) if i.unsigned_abs() <= 1 << 53 => {
            sheet.write_number(row, col, *i as f64)?;
        }
        Cell::Int(i) => {
            sheet.write_string(row, col, i.to_string())?;
        }
        Cell::Number(_) | Cell::Empty => {}
    }
    Ok(())
}

/// Excel refuses text longer than a cell holds; the end is dropped rather than the whole file.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(CELL_TEXT_MAX) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Sheet names as Excel accepts them: the dictionary's words could contain a character Excel
/// forbids, be too long, or (in some translation) repeat, and any of these would fail the whole
/// export.
fn sheet_names(wanted: &[String; 3]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(wanted.len());
    for (i, name) in wanted.iter().enumerate() {
        let mut name = clean_sheet_name(name, i + 1);
        let mut n = 2;
        while names
            .iter()
            .any(|taken| taken.to_lowercase() == name.to_lowercase())
        {
            let suffix = format!(" ({n})");
            name = format!(
                "{}{suffix}",
                truncate_utf16(&name, SHEET_NAME_MAX - suffix.len())
            );
            n += 1;
        }
        names.push(name);
    }
    names
}

fn clean_sheet_name(name: &str, position: usize) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '*' | '?' | ':' | '[' | ']' | '\\' | '/' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = truncate_utf16(replaced.trim().trim_matches('\''), SHEET_NAME_MAX);
    let trimmed = trimmed.trim().trim_matches('\'');
    if trimmed.is_empty() {
        // "Sheet" is what Excel itself calls an unnamed sheet, in any language.
        format!("Sheet{position}")
    } else {
        trimmed.to_string()
    }
}

fn truncate_utf16(text: &str, max_units: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max_units {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Cursor;

    fn sample() -> Workbook {
        Workbook {
            sheet_names: ["Peringkat".into(), "Per kriteria".into(), "Per juri".into()],
            ranking_header: vec!["Peringkat".into(), "Judul".into(), "Nilai".into()],
            ranking: vec![
                vec![
                    Cell::Int(1),
                    Cell::Text("Posyandu Digital".into()),
                    Cell::Number(87.345),
                ],
                vec![Cell::Int(2), Cell::Text("Café – “x”".into()), Cell::Empty],
            ],
            criteria_header: vec!["Judul".into(), "Kebaruan".into(), "Dampak".into()],
            criteria: vec![vec![
                Cell::Text("Posyandu Digital".into()),
                Cell::Number(30.5),
                Cell::Number(f64::NAN),
            ]],
            judges_header: vec!["Juri".into(), "Judul".into(), "Nilai".into()],
            judges: vec![],
        }
    }

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens")
    }

    #[test]
    fn three_named_sheets_with_headers_and_typed_cells() {
        let w = sample();
        let mut book = open(workbook(&w).expect("written"));
        assert_eq!(book.sheet_names(), w.sheet_names.to_vec());

        let ranking = book.worksheet_range("Peringkat").expect("sheet 1");
        assert_eq!(ranking.get((0, 0)), Some(&Data::String("Peringkat".into())));
        assert_eq!(ranking.get((0, 2)), Some(&Data::String("Nilai".into())));
        assert_eq!(ranking.get((1, 2)), Some(&Data::Float(87.345)));
        assert_eq!(ranking.get((1, 0)), Some(&Data::Float(1.0)));
        assert_eq!(
            ranking.get((1, 1)),
            Some(&Data::String("Posyandu Digital".into()))
        );
        assert_eq!(
            ranking.get((2, 1)),
            Some(&Data::String("Café – “x”".into()))
        );
        assert!(matches!(ranking.get((2, 2)), None | Some(Data::Empty)));

        let criteria = book.worksheet_range("Per kriteria").expect("sheet 2");
        assert_eq!(criteria.get((0, 1)), Some(&Data::String("Kebaruan".into())));
        assert_eq!(criteria.get((1, 1)), Some(&Data::Float(30.5)));
        assert!(matches!(criteria.get((1, 2)), None | Some(Data::Empty)));

        let judges = book.worksheet_range("Per juri").expect("sheet 3");
        assert_eq!(judges.get((0, 0)), Some(&Data::String("Juri".into())));
        assert_eq!(judges.height(), 1);
    }

    /// calamine reads neither frozen panes nor filters, but the filter shows up as the workbook's
    /// hidden `_FilterDatabase` name; the styles it does read.
    #[test]
    fn header_is_bold_and_filtered_and_scores_show_two_decimals() {
        let mut book = open(workbook(&sample()).expect("written"));
        let names = book.defined_names().to_vec();
        assert!(
            names
                .iter()
                .any(|(n, v)| n == "_xlnm._FilterDatabase" && v.ends_with("$A$1:$C$3")),
            "{names:?}"
        );
        let styles = book.worksheet_style("Peringkat").expect("styles");
        let bold = |pos| {
            styles
                .get(pos)
                .and_then(|s| s.font.as_ref())
                .is_some_and(|f| f.is_bold())
        };
        assert!(bold((0, 0)) && bold((0, 2)));
        assert!(!bold((1, 1)));
        let format = |pos| {
            styles
                .get(pos)
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.clone())
        };
        assert_eq!(format((1, 2)).as_deref(), Some("0.00"));
        assert_ne!(format((1, 0)).as_deref(), Some("0.00"));
    }

    #[test]
    fn big_integers_stay_exact_as_text() {
        let mut w = sample();
        w.ranking = vec![vec![Cell::Int(i64::MAX)]];
        let mut book = open(workbook(&w).expect("written"));
        let ranking = book.worksheet_range("Peringkat").expect("sheet 1");
        assert_eq!(
            ranking.get((1, 0)),
            Some(&Data::String(i64::MAX.to_string()))
        );
    }

    #[test]
    fn awkward_sheet_names_are_made_acceptable() {
        let mut w = sample();
        w.sheet_names = [
            "Peringkat: akhir [2026]".into(),
            "peringkat: AKHIR [2026]".into(),
            "'Nama yang sangat panjang sekali untuk sebuah lembar kerja'".into(),
        ];
        let book = open(workbook(&w).expect("written"));
        let names = book.sheet_names();
        assert_eq!(names[0], "Peringkat- akhir -2026-");
        assert_eq!(names[1], "peringkat- AKHIR -2026- (2)");
        assert!(names[2].encode_utf16().count() <= SHEET_NAME_MAX);
        assert!(!names[2].starts_with('\''));

        w.sheet_names = [String::new(), " ".into(), "???".into()];
        let book = open(workbook(&w).expect("written"));
        assert_eq!(book.sheet_names(), vec!["Sheet1", "Sheet2", "---"]);
    }
}
