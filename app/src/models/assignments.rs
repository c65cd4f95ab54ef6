//! The organisers' assignment board: the year's judge pool, who judges which proposal, and an
//! automatic plan to preview before it is committed.

use serde::{Deserialize, Serialize};

use super::CategoryOption;

/// A judge account, in the year's pool or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolJudge {
    pub user_id: i64,
    pub name: String,
    pub agency_name: Option<String>,
    pub in_pool: bool,
    /// The category the judge knows best, if given.
    pub expertise: Option<i64>,
    /// Proposals assigned this year (conflicts not counted).
    pub load: usize,
}

/// One judge on one proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardJudge {
    pub user_id: i64,
    pub name: String,
    /// The judge declared a conflict: this assignment no longer counts.
    pub conflict: bool,
    /// The judge has handed in a sheet (the assignment can no longer be removed).
    pub submitted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardProposal {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub category_name: Option<String>,
    pub judges: Vec<BoardJudge>,
    /// Judges still needed to reach the year's number per proposal.
    pub missing: usize,
}

/// An automatic plan as the page previews it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPreview {
    /// (proposal title, judge name) for every new assignment.
    pub new: Vec<(String, String)>,
    /// (proposal title, judges it still lacks): fewer eligible judges than needed.
    pub short: Vec<(String, usize)>,
    /// (judge name, load once committed).
    pub load: Vec<(String, usize)>,
    /// Names exactly this plan: a commit with another fingerprint is refused (the board changed).
    pub fingerprint: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignmentBoard {
    pub per_proposal: usize,
    pub categories: Vec<CategoryOption>,
    pub judges: Vec<PoolJudge>,
    /// Proposals that passed screening.
    pub proposals: Vec<BoardProposal>,
    pub preview: Option<PlanPreview>,
}
