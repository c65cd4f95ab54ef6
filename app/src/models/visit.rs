//! Field verification (docs/rounds.md "Field verification"): a judge's visit report on a
//! finalist, an offline record like a score sheet (docs/sync.md), and its photos.

use serde::{Deserialize, Serialize};

use crate::models::Fields;

/// The day of the visit (`2026-12-07`).
pub const VISITED_ON_FIELD: &str = "visited_on";
/// Who went, as the visitor writes it (the judge's account is recorded besides).
pub const VISITORS_FIELD: &str = "visitors";
/// Notes on the visit as a whole.
pub const VISIT_NOTES_FIELD: &str = "notes";

/// The field holding what the visitor found of the `n`-th claim (1-based).
pub fn claim_status_field(n: usize) -> String {
    format!("k{n}")
}

/// The field holding what the visitor saw of the `n`-th claim.
pub fn claim_seen_field(n: usize) -> String {
    format!("w{n}")
}

/// What the visitor found of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimFinding {
    /// Seen as the proposal says.
    Confirmed,
    /// Seen in part, or not quite as claimed.
    Partly,
    /// Not seen.
    NotSeen,
}

impl ClaimFinding {
    pub const ALL: [ClaimFinding; 3] = [
        ClaimFinding::Confirmed,
        ClaimFinding::Partly,
        ClaimFinding::NotSeen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimFinding::Confirmed => "confirmed",
            ClaimFinding::Partly => "partly",
            ClaimFinding::NotSeen => "not_seen",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimFinding> {
        ClaimFinding::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A photo of a visit as the server keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitPhoto {
    /// Minted on the tablet when the photo was taken.
    pub id: String,
    /// The claim it shows (1-based), if the visitor took it for one.
    pub claim: Option<i64>,
    pub taken_at: i64,
    pub size_bytes: i64,
}

/// Everything the visit checklist island needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitData {
    pub proposal_id: String,
    pub user_id: i64,
    /// The round's claims to verify, in order.
    pub claims: Vec<String>,
    pub version: i64,
    pub fields: Fields,
    pub submitted: bool,
    /// The organisers opened it again after it was handed in (and it is not handed in again).
    pub reopened: bool,
    /// Whether the round is judged now (a report is written only then).
    pub open: bool,
    pub photos: Vec<VisitPhoto>,
}

/// One claim of a report, as the organisers read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimReport {
    pub claim: String,
    pub finding: Option<ClaimFinding>,
    pub seen: String,
}

/// A judge's visit report on a finalist, as the organisers read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitReport {
    pub id: String,
    pub judge: String,
    pub visited_on: String,
    pub visitors: String,
    pub notes: String,
    /// When it was handed in (none: still being written).
    pub submitted_at: Option<i64>,
    /// Handed in, in the round being judged now: the organisers may open it again.
    pub reopenable: bool,
    pub claims: Vec<ClaimReport>,
    pub photos: Vec<VisitPhoto>,
}

/// The checklist a field round starts with (the organisers change it on the rounds page): what
/// a verification team looks for wherever the innovation runs.
pub const DEFAULT_VISIT_CLAIMS: &str = "Inovasi berjalan di lokasi seperti diuraikan dalam proposal
Pengguna layanan memakai dan merasakan manfaatnya (tanya langsung paling sedikit dua orang)
Data hasil dalam proposal sesuai dengan catatan di lokasi
Ada dasar hukum, SOP dan anggaran yang menjamin keberlanjutan
Petugas di lokasi memahami dan menjalankan inovasi";

/// The claims of a checklist as typed, one per line: trimmed, blank lines dropped.
pub fn claims_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
