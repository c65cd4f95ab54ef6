//! Results: the ranking as the organisers deliberate on it, an agency's feedback, and the public
//! gallery of published innovations.

use serde::{Deserialize, Serialize};

use super::CompetitionSummary;

/// What the deliberation gave a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Award {
    Finalist,
    Winner,
}

impl Award {
    pub fn as_str(self) -> &'static str {
        match self {
            Award::Finalist => "finalist",
            Award::Winner => "winner",
        }
    }

    pub fn parse(s: &str) -> Option<Award> {
        match s {
            "finalist" => Some(Award::Finalist),
            "winner" => Some(Award::Winner),
            _ => None,
        }
    }
}

/// Which ranking is the official one: the judges' scores as given, or normalised per judge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    #[default]
    Raw,
    Normalised,
}

/// A proposal's place in one of the two rankings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// 0–100; `None` when no counted sheet scored it.
    pub score: Option<f64>,
    pub rank: Option<u32>,
    pub rank_in_category: Option<u32>,
    pub passes: bool,
}

/// One row of the results board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    /// Sheets that counted.
    pub judges: u32,
    pub raw: Standing,
    pub normalised: Standing,
    /// Per criterion, in the criteria's order: the judges' mean and the spread (standard
    /// deviation) of their scores, on the criterion's own scale.
    pub criteria: Vec<CriterionResult>,
    /// The judges disagree strongly on at least one criterion.
    pub disagreement: bool,
    pub award: Option<Award>,
    pub nominated: bool,
    /// Its score and rank in each earlier round, first round first, as frozen when proposals
    /// were sent on (empty in the first round).
    pub earlier: Vec<Standing>,
    /// After the first round: the rounds so far combined as the organisers set them, with this
    /// round's raw or normalised score (docs/ranking.md, "A year in rounds").
    pub combined: Option<Combined>,
}

/// The rounds combined, with the current round's score on each basis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    pub raw: Standing,
    pub normalised: Standing,
}

impl ResultRow {
    /// The official standing on `basis`: the rounds combined once there are several, else this
    /// round's own.
    pub fn standing(&self, basis: Basis) -> &Standing {
        match (&self.combined, basis) {
            (Some(c), Basis::Raw) => &c.raw,
            (Some(c), Basis::Normalised) => &c.normalised,
            (None, _) => self.own(basis),
        }
    }

    /// This round's own standing on `basis`, whatever came before.
    pub fn own(&self, basis: Basis) -> &Standing {
        match basis {
            Basis::Raw => &self.raw,
            Basis::Normalised => &self.normalised,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub mean: Option<f64>,
    pub spread: Option<f64>,
}

/// A criterion as the results show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionHead {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub counts: bool,
}

impl CriterionHead {
    /// What the ranking needs of it.
    pub fn spec(&self) -> crate::ranking::CriterionSpec {
        crate::ranking::CriterionSpec {
            id: self.id,
            weight: self.weight,
            scale_min: self.scale_min,
            scale_max: self.scale_max,
            counts: self.counts,
        }
    }
}

/// How one judge scores compared with the rest of the panel on the same proposals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeAgreement {
    pub judge_id: i64,
    pub name: String,
    /// Handed-in sheets that counted.
    pub sheets: u32,
    /// Mean of (this judge's total − the other judges' mean total) over shared proposals, in
    /// points of 0–100; `None` when the judge shares no proposal with another judge.
    pub offset: Option<f64>,
    /// Far from the panel (|offset| beyond the threshold in docs/ranking.md).
    pub far: bool,
}

/// A sheet the ranking still waits for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingSheet {
    pub proposal_title: String,
    pub judge_name: String,
    /// `None`: not started.
    pub status: Option<super::SheetStatus>,
}

/// `/admin/results`: both rankings side by side and the deliberation's decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsBoard {
    pub competition: CompetitionSummary,
    pub signer: CertificateSigner,
    pub criteria: Vec<CriterionHead>,
    pub categories: Vec<(i64, String)>,
    pub pass_mark: f64,
    pub basis: Basis,
    /// In the official ranking's order.
    pub rows: Vec<ResultRow>,
    pub judges: Vec<JudgeAgreement>,
    pub missing: Vec<MissingSheet>,
    /// When the results were locked; nothing that feeds the ranking changes after.
    pub locked_at: Option<i64>,
    /// Decisions and settings may change now (deliberation, not locked).
    pub editable: bool,
    /// The year's rounds in order; the board is the current one's.
    pub rounds: Vec<crate::models::RoundInfo>,
    /// Whom the current round's rule sends on to the next, in ranking order (none when it is
    /// the last round, or the organisers choose).
    pub advancing: Vec<String>,
    /// How the rounds make one result.
    pub combination: crate::models::Combination,
}

impl ResultsBoard {
    /// The round the board ranks.
    pub fn current_round(&self) -> Option<&crate::models::RoundInfo> {
        self.rounds.iter().find(|r| r.current)
    }

    /// The round after the current one, if one follows.
    pub fn next_round(&self) -> Option<&crate::models::RoundInfo> {
        let current = self.current_round()?;
        self.rounds
            .iter()
            .find(|r| r.position == current.position + 1)
    }
}

/// Who signs the year's certificates, as the organisers set it (empty: not set).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CertificateSigner {
    pub name: String,
    pub title: String,
    /// The admin who locked the results: the name used while none is set.
    pub locked_by: Option<String>,
}

impl CertificateSigner {
    /// The name printed under the signature line.
    pub fn name_on_certificate(&self) -> &str {
        match self.name.trim() {
            "" => self.locked_by.as_deref().unwrap_or_default(),
            name => name,
        }
    }
}

/// One judge's scores on a proposal, for the organisers' detail view (never shown to judges or
/// agencies with the name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeScores {
    pub judge_name: String,
    /// Per criterion in order.
    pub values: Vec<Option<i64>>,
    pub total: Option<f64>,
}

/// `/admin/results/:id`: one proposal's scores in detail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultDetail {
    pub competition: CompetitionSummary,
    pub criteria: Vec<CriterionHead>,
    pub row: ResultRow,
    pub judges: Vec<JudgeScores>,
    pub basis: Basis,
    pub pass_mark: f64,
    /// The field visits' reports on it (none before a field round).
    pub visits: Vec<crate::models::VisitReport>,
}

/// One row of the deliberation form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionInput {
    pub proposal_id: String,
    /// "", "finalist" or "winner".
    #[serde(default)]
    pub award: String,
    /// "on" when ticked.
    #[serde(default)]
    pub nominated: Option<String>,
}

/// What an agency learns after publication: per proposal its score per criterion and the judges'
/// comments, the judges anonymous.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub competition_name: String,
    pub year: i32,
    pub proposal_id: String,
    pub title: String,
    pub category_name: Option<String>,
    pub score: Option<f64>,
    pub rank_in_category: Option<u32>,
    pub award: Option<Award>,
    pub passes: bool,
    pub pass_mark: f64,
    /// Each round the proposal was judged in, first round first (one in a year of one round).
    pub rounds: Vec<FeedbackRound>,
    /// How many rounds the year has.
    pub of: usize,
    /// People who asked to replicate the innovation.
    pub interests: Vec<Interest>,
}

/// What the judges of one round made of the proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackRound {
    pub position: i64,
    pub kind: crate::models::RoundKind,
    /// The round's own score (0–100), as frozen when proposals went on; none for the last round
    /// (its score is the result above).
    pub score: Option<f64>,
    /// Whether it went on to the next round; none for the round the year ended with.
    pub went_on: Option<bool>,
    pub criteria: Vec<FeedbackCriterion>,
    /// Each judge's overall comment ("Juri 1", "Juri 2", … in a fixed but meaningless order).
    pub overall_comments: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackCriterion {
    pub name: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub mean: Option<f64>,
    pub comments: Vec<String>,
}

/// Someone who wants to replicate an innovation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interest {
    pub name: String,
    pub organisation: String,
    pub contact: String,
    pub message: String,
    pub created_at: i64,
}

/// Innovations per gallery page.
pub const GALLERY_PAGE_SIZE: u32 = 24;

/// A published innovation as the public gallery lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryItem {
    pub proposal_id: String,
    pub title: String,
    pub summary: String,
    pub agency_name: String,
    pub category_name: Option<String>,
    pub year: i32,
    pub award: Option<Award>,
}

/// The gallery's filters, as the query string gives them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GalleryFilter {
    pub q: Option<String>,
    /// Text, not a number: a query string's `year=` (empty or odd) must not fail the page.
    pub year: Option<String>,
    pub category: Option<String>,
    /// "winner", "finalist" or empty for all.
    pub award: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryPage {
    pub items: Vec<GalleryItem>,
    pub years: Vec<i32>,
    /// Category names across published years (filtering is by name: codes differ by year).
    pub categories: Vec<String>,
    pub total: u32,
}

/// One innovation's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryDetail {
    pub item: GalleryItem,
    /// The proposal as the form lays it out, without its files and internal notes.
    pub print: super::ProposalPrint,
    pub interests: u32,
}
