//! Result documents of a competition: the winners' certificates and the score recap as PDF
//! (typeset from the templates in `templates/`), and the ranking as an Excel workbook.
//!
//! The module is self-contained: it knows nothing of the database or the dictionary. The caller
//! fills the structs below with data and with every label already translated, so the only text
//! produced here is number formatting (Indonesian style, `87,35`) and page numbers. Everything is
//! synchronous and CPU-bound: a route runs it in `spawn_blocking`.

use serde::Serialize;

pub mod crest;
pub mod csv_file;
pub mod pdf;
pub mod photo;
pub mod typeset;
pub mod xlsx;

/// A certificate for one awarded innovation.
#[derive(Clone, Debug, Serialize)]
pub struct Certificate {
    /// The issuing government, e.g. "PEMERINTAH KABUPATEN WONOSOBO" (empty: not set).
    pub government: String,
    /// The regency's crest (the stored PNG), above the government's name.
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    /// e.g. "PIAGAM PENGHARGAAN".
    pub heading: String,
    /// e.g. "diberikan kepada".
    pub given_to_label: String,
    pub agency_name: String,
    /// e.g. "atas inovasi".
    pub for_label: String,
    pub proposal_title: String,
    /// e.g. "sebagai Pemenang Kategori Kesehatan".
    pub award_line: String,
    /// e.g. "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".
    pub competition_line: String,
    /// e.g. "Sukamaju, 30 November 2026".
    pub place_and_date: String,
    /// e.g. "Ketua Panitia".
    pub signer_title: String,
    pub signer_name: String,
    /// e.g. "NIP. 19700101 199503 1 001" (empty: none printed).
    pub signer_nip: String,
    /// e.g. "Nomor: 12/PIAGAM/INOVASI/2026".
    pub number: String,
    /// e.g. "Periksa keaslian piagam ini di:".
    pub verify_label: String,
    /// The verification address, printed under the QR code that holds it.
    pub verify_address: String,
}

/// The score recap ("berita acara") with the panel's names for signatures.
#[derive(Clone, Debug, Serialize)]
pub struct Recap {
    /// The issuing government above the title, e.g. "PEMERINTAH KABUPATEN WONOSOBO" (empty:
    /// none).
    pub government: String,
    /// The regency's crest (the stored PNG), above the government's name.
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    /// e.g. "BERITA ACARA REKAPITULASI PENILAIAN".
    pub title: String,
    /// The competition's name and year.
    pub subtitle: String,
    /// One paragraph, wrapped to the page width.
    pub intro: String,
    pub columns: RecapColumns,
    pub rows: Vec<RecapRow>,
    /// e.g. "Tim Penilai".
    pub panel_heading: String,
    /// The judges' names; each gets a numbered signature line.
    pub panel: Vec<String>,
    pub place_and_date: String,
    /// e.g. "Dicetak dari Inovasi pada …", printed at the foot of every page.
    pub footer: String,
    /// e.g. "Halaman", printed as "Halaman 2 / 3".
    pub page_label: String,
    /// The audit trail's newest seal when printed, in words (e.g. "Segel jejak audit saat
    /// dicetak: 3f9c…"): kept on paper, it anchors the trail outside the database
    /// (`inovasi verify-audit --anchor`). Empty prints nothing.
    pub seal: String,
    /// Who acknowledges the recap under the panel's signatures (the identity's signatory for
    /// recaps), if one is set.
    pub signatory: Option<SignatureBlock>,
}

/// A signature block: "Mengetahui," / title / the signature's space / name / NIP.
#[derive(Clone, Debug, Serialize)]
pub struct SignatureBlock {
    pub label: String,
    pub title: String,
    pub name: String,
    /// e.g. "NIP. 19700101 199503 1 001" (empty: none printed).
    pub nip: String,
}

/// The recap table's column headings.
#[derive(Clone, Debug, Serialize)]
pub struct RecapColumns {
    pub rank: String,
    pub title: String,
    pub agency: String,
    pub category: String,
    pub score: String,
    pub award: String,
}

/// One proposal in the recap; `None` prints as "–".
#[derive(Clone, Debug, Serialize)]
pub struct RecapRow {
    pub rank: Option<u32>,
    pub title: String,
    pub agency: String,
    pub category: String,
    /// Already written for the reader's language (`87,35` / `87.35`); `None` when unscored.
    pub score: Option<String>,
    pub award: String,
}

/// The draft of the regional head's decree naming the nominees (written in Indonesian: it is a
/// legal document; its considerations live in `templates/decree.typ`).
#[derive(Clone, Debug, Serialize)]
pub struct Decree {
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    /// Who decrees, e.g. "Bupati Sukamaju".
    pub head: String,
    /// e.g. "…/SK/INOVASI/2026": the running number is written in when it is signed.
    pub number: String,
    /// The competition's name and year.
    pub competition: String,
    /// The day the results were locked, e.g. "30 November 2026".
    pub locked_on: String,
    /// Where it is decreed, e.g. "Sukamaju".
    pub place: String,
    pub signer_name: String,
    /// e.g. "NIP. 19700101 199503 1 001" (empty: none printed).
    pub signer_nip: String,
    pub nominees: Vec<Nominee>,
}

/// One innovation in the decree's appendix.
#[derive(Clone, Debug, Serialize)]
pub struct Nominee {
    pub title: String,
    pub agency: String,
    pub category: String,
    /// As written in Indonesian (`87,35`), or "–".
    pub score: String,
    pub award: String,
}

/// The ranking as a workbook: a summary sheet, a per-criterion sheet and a per-judge sheet.
/// A nominee's proposal laid out in the next level's outline (templates/proposal.typ). Written
/// in Indonesian, like the decree: it goes to the province.
#[derive(Clone, Debug, Serialize)]
pub struct OutlinedProposal {
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    pub government: String,
    pub competition: String,
    pub title: String,
    /// Agency, category, award: label and value.
    pub facts: Vec<Labelled>,
    pub sections: Vec<OutlineSection>,
    /// Answers to questions tagged with no section.
    pub other: Vec<Labelled>,
    /// The evidence files' names, as they are in the dossier's `bukti/` folder.
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutlineSection {
    pub number: usize,
    pub title: String,
    /// Empty: the section is a gap, printed as such.
    pub answers: Vec<Labelled>,
}

/// A label and its text; the text may hold several paragraphs (blank lines) and lines.
#[derive(Clone, Debug, Serialize)]
pub struct Labelled {
    pub label: String,
    pub text: String,
}

/// One nominee's scores in the year's round (templates/scores.typ).
#[derive(Clone, Debug, Serialize)]
pub struct ScoreSummary {
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    pub government: String,
    pub competition: String,
    pub title: String,
    pub facts: Vec<Labelled>,
    pub criteria: Vec<ScoreLine>,
    /// How the final score was reached (basis, judges, pass mark).
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScoreLine {
    pub name: String,
    pub weight: String,
    pub scale: String,
    pub mean: String,
}

/// The table of contents of a dossier (templates/contents.typ): one group per nominee, each
/// with the files and the outline's gaps.
#[derive(Clone, Debug, Serialize)]
pub struct Contents {
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    pub government: String,
    pub competition: String,
    pub groups: Vec<ContentsGroup>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContentsGroup {
    pub heading: String,
    pub files: Vec<Labelled>,
    /// The outline's sections still empty ("3. Kebaruan / nilai tambah").
    pub gaps: Vec<String>,
}

/// The year's compendium (templates/compendium.typ), in Indonesian: a public book of the year.
#[derive(Clone, Debug, Serialize)]
pub struct Book {
    #[serde(skip)]
    pub crest: Option<bytes::Bytes>,
    pub government: String,
    pub competition: String,
    pub year: i32,
    pub foreword: String,
    /// In the book's order: by category, then title.
    pub entries: Vec<BookEntry>,
    pub agencies: Vec<IndexLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BookEntry {
    pub number: u32,
    /// Empty: no category.
    pub category: String,
    pub title: String,
    pub agency: String,
    /// The award and nomination in words; empty: none.
    pub award: String,
    pub summary: String,
    pub problem: String,
    pub novelty: String,
    pub results: String,
    pub contact: String,
    /// The name the template reads the photo under (`photo_file`); "" without one.
    pub photo_file: String,
    /// A PNG or JPEG.
    #[serde(skip)]
    pub photo: Option<bytes::Bytes>,
}

/// The name entry `number`'s photo is given under: `photo-<number>.png` or `.jpg` ("" without).
pub fn photo_file(number: u32, photo: Option<&bytes::Bytes>) -> String {
    match photo {
        Some(b) if b.starts_with(b"\x89PNG") => format!("photo-{number}.png"),
        Some(_) => format!("photo-{number}.jpg"),
        None => String::new(),
    }
}

/// The index of agencies: an agency and the numbers of its innovations.
#[derive(Clone, Debug, Serialize)]
pub struct IndexLine {
    pub agency: String,
    pub numbers: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct Workbook {
    /// e.g. `["Peringkat", "Per kriteria", "Per juri"]`.
    pub sheet_names: [String; 3],
    /// Header row of the first sheet.
    pub ranking_header: Vec<String>,
    /// One row per proposal.
    pub ranking: Vec<Vec<Cell>>,
    pub criteria_header: Vec<String>,
    pub criteria: Vec<Vec<Cell>>,
    pub judges_header: Vec<String>,
    pub judges: Vec<Vec<Cell>>,
}

/// One spreadsheet cell. `Number` is shown with two decimals, `Int` as is.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(f64),
    Int(i64),
    Empty,
}
