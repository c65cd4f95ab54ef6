//! The regency's identity on its documents (who issues them, where, who signs, how they are
//! numbered) and the certificates anyone can verify (docs/documents.md).

use serde::{Deserialize, Serialize};

use super::Award;

/// A kind of document that has a signatory of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The piagam given to winners and finalists.
    Certificate,
    /// The score recap (berita acara).
    Recap,
    /// The regent's decree (SK) naming the nominees.
    Decree,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Certificate,
        DocumentKind::Recap,
        DocumentKind::Decree,
    ];
    /// The kinds that are numbered from a series.
    pub const NUMBERED: [DocumentKind; 2] = [DocumentKind::Certificate, DocumentKind::Decree];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Certificate => "certificate",
            DocumentKind::Recap => "recap",
            DocumentKind::Decree => "decree",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who signs a kind of document. Empty strings: not set (the document falls back).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub document: DocumentKind,
    pub name: String,
    pub title: String,
    /// The civil servant's number (NIP), digits as typed with their spaces; may be empty.
    pub nip: String,
}

/// How a kind of document is numbered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberSeries {
    pub document: DocumentKind,
    /// With `{n}` (the running number) and optionally `{year}`.
    pub pattern: String,
    pub next_number: i64,
}

/// The placeholders a number pattern may use.
pub const NUMBER_PLACEHOLDERS: [&str; 2] = ["n", "year"];

/// The series of `document` before an admin sets one: `{n}/PIAGAM/INOVASI/{year}` from 1.
pub fn default_series(document: DocumentKind) -> NumberSeries {
    let pattern = match document {
        DocumentKind::Decree => "{n}/SK/INOVASI/{year}",
        DocumentKind::Recap => "{n}/BA/INOVASI/{year}",
        DocumentKind::Certificate => "{n}/PIAGAM/INOVASI/{year}",
    };
    NumberSeries {
        document,
        pattern: pattern.to_string(),
        next_number: 1,
    }
}

impl NumberSeries {
    /// The number `n` of year `year`, as printed.
    pub fn number(&self, n: i64, year: i64) -> String {
        self.filled(&n.to_string(), year)
    }

    /// The number of a draft of year `year`: the running number left open ("…/SK/…/2026"),
    /// for whoever registers the signed document to write in.
    pub fn draft_number(&self, year: i64) -> String {
        self.filled("\u{2026}", year)
    }

    fn filled(&self, n: &str, year: i64) -> String {
        super::fill(&self.pattern, |p| match p {
            "n" => Some(n.to_string()),
            "year" => Some(year.to_string()),
            _ => None,
        })
    }
}

/// The crest as stored: a PNG scaled to fit the documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crest {
    pub width: i64,
    pub height: i64,
    /// Changes with the image, so its address changes too (browsers may keep the old one).
    pub version: String,
}

/// The issuing government as its documents name it, set once by an admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegencyIdentity {
    /// e.g. "Pemerintah Kabupaten Wonosobo".
    pub government_name: String,
    /// Where documents are dated: "Wonosobo" in "Wonosobo, 5 Desember 2026".
    pub place: String,
    pub crest: Option<Crest>,
    /// One per `DocumentKind::ALL`, in that order.
    pub signatories: Vec<Signatory>,
    /// One per `DocumentKind::NUMBERED`, in that order.
    pub series: Vec<NumberSeries>,
    /// The current competition's year, which the next numbers are given in.
    pub numbering_year: Option<i64>,
}

impl RegencyIdentity {
    pub fn signatory(&self, document: DocumentKind) -> Option<&Signatory> {
        self.signatories
            .iter()
            .find(|s| s.document == document && !s.name.trim().is_empty())
    }
}

/// A certificate as the organisers' list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    pub id: i64,
    pub number: String,
    /// The verification address's code.
    pub code: String,
    pub proposal_id: String,
    pub agency_name: String,
    pub proposal_title: String,
    pub award: Award,
    pub issued_at: i64,
    pub withdrawn_at: Option<i64>,
    pub withdrawal_reason: Option<String>,
    /// Purged: only its number is left (the code no longer answers).
    pub purged_at: Option<i64>,
}

/// What the public verification page says of a certificate it knows: what was printed on it,
/// and whether it was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedCertificate {
    pub number: String,
    pub agency_name: String,
    pub proposal_title: String,
    pub award: Award,
    pub category_name: Option<String>,
    pub competition_name: String,
    pub competition_year: i64,
    pub government_name: String,
    pub issued_at: i64,
    pub withdrawn_at: Option<i64>,
    pub withdrawal_reason: Option<String>,
}

/// The verification code as people type it: spaces and dashes dropped, upper case, and the
/// letters Crockford's base 32 never uses read as the digits they look like (O→0, I/L→1).
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// The code in groups of four, as printed and shown (easier to read out and type).
pub fn grouped_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_fills_the_running_number_and_the_year() {
        let series = NumberSeries {
            document: DocumentKind::Certificate,
            pattern: "{n}/PIAGAM/{year}".into(),
            next_number: 7,
        };
        assert_eq!(series.number(7, 2026), "7/PIAGAM/2026");
    }

    #[test]
    fn a_typed_code_reads_as_printed() {
        assert_eq!(normalise_code(" k7m2-xq9d oIl1 "), "K7M2XQ9D0111");
        assert_eq!(grouped_code("K7M2XQ9D4RTBWZ8H"), "K7M2-XQ9D-4RTB-WZ8H");
        assert_eq!(
            normalise_code(&grouped_code("K7M2XQ9D4RTBWZ8H")),
            "K7M2XQ9D4RTBWZ8H"
        );
    }
}
