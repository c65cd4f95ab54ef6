//! Judging: a judge's score sheet and what the scoring page is made of.

use serde::{Deserialize, Serialize};

use super::{Fields, ProposalPrint};

/// A sheet's score for a criterion: `s<criterion id>`, an integer on the year's scale.
pub fn score_field(criterion_id: i64) -> String {
    format!("s{criterion_id}")
}

/// A sheet's comment on a criterion: `c<criterion id>`.
pub fn comment_field(criterion_id: i64) -> String {
    format!("c{criterion_id}")
}

/// The judge's overall comment.
pub const OVERALL_FIELD: &str = "overall";

/// `true` once the judge hands the sheet in. It travels with the other fields, so a sheet
/// submitted offline is handed in by the same save that brings its last scores.
pub const SUBMITTED_FIELD: &str = "submitted";

/// What a score band means on one criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RubricLevel {
    pub from: i64,
    pub to: i64,
    pub descriptor: String,
}

/// One criterion as a judge scores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionInfo {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub counts_toward_ranking: bool,
    pub levels: Vec<RubricLevel>,
}

impl CriterionInfo {
    /// The rubric descriptor for a score, if a band covers it.
    pub fn descriptor(&self, score: i64) -> Option<&str> {
        self.levels
            .iter()
            .find(|l| (l.from..=l.to).contains(&score))
            .map(|l| l.descriptor.as_str())
    }
}

/// Where a score sheet stands on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    Draft,
    Submitted,
    /// An admin opened a submitted sheet again; the judge may change and resubmit it.
    Reopened,
}

impl SheetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<SheetStatus> {
        [
            SheetStatus::Draft,
            SheetStatus::Submitted,
            SheetStatus::Reopened,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// The scoring page: the proposal to read (anonymised when judging is blind), the criteria, and
/// the server's copy of this judge's sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoringData {
    pub proposal: ProposalPrint,
    pub sheet: SheetData,
    pub blind: bool,
    /// The presentation room the judge sits in: the tablet follows it to the next finalist.
    pub room: Option<crate::models::RoomFollow>,
    /// In a field round: the judge's visit report on this finalist.
    pub visit: Option<crate::models::VisitData>,
}

/// Everything the score sheet island needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetData {
    pub proposal_id: String,
    pub user_id: i64,
    pub criteria: Vec<CriterionInfo>,
    /// The server's copy: version 0 and no fields when the judge has not saved anything yet.
    pub version: i64,
    pub fields: Fields,
    pub status: SheetStatus,
    /// Whether scores may still change (the year is in its judging phase).
    pub judging_open: bool,
    /// The judge's assigned proposals in dashboard order, so "save and next" can find the next
    /// unscored one even offline.
    pub queue: Vec<String>,
    /// Of those, the ones already submitted on the server.
    pub submitted: Vec<String>,
}

/// A conflict of interest declared by a judge, as admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictItem {
    pub proposal_id: String,
    pub proposal_title: String,
    pub agency_name: String,
    pub judge_name: String,
    pub reason: String,
    pub declared_at: i64,
}

/// One judge's sheet on one proposal, as admins follow the judging (no scores: those stay
/// between the judge and the ranking until deliberation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetProgress {
    pub sheet_id: Option<String>,
    pub judge_name: String,
    pub status: Option<SheetStatus>,
    pub conflict: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgingProposal {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub category_name: Option<String>,
    pub sheets: Vec<SheetProgress>,
}

/// The organisers' view of the judging: every proposal's sheets, and every declared conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgingOverview {
    pub proposals: Vec<JudgingProposal>,
    pub conflicts: Vec<ConflictItem>,
}
