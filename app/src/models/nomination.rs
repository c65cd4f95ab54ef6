//! The nomination to the province: what the organisers' nomination page shows of each nominee
//! (docs/documents.md, "Nomination dossier").

use serde::{Deserialize, Serialize};

use super::{Award, KippSection};

/// What the nomination page shows of one nominee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NomineeCoverage {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub award: Option<Award>,
    /// The outline's sections without any answer, in the outline's order: the dossier still
    /// downloads, with these listed as gaps.
    pub missing: Vec<KippSection>,
    /// Evidence files the dossier carries.
    pub evidence_files: u32,
}

/// `/admin/nominasi`: the nominees of the current year with what their dossier lacks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominationData {
    pub competition_name: String,
    pub year: i32,
    /// The results are locked: nominations are final and the dossiers can be made.
    pub locked: bool,
    pub nominees: Vec<NomineeCoverage>,
    /// Questions of the form tagged with a section of the outline (none: every section of
    /// every dossier is empty, so the page says to tag the form first).
    pub tagged_questions: u32,
}
