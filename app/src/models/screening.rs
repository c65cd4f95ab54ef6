//! Screening: per submitted proposal, the checks the server can make, and the organisers'
//! pass or fail with a reason.

use serde::{Deserialize, Serialize};

use super::ProposalStatus;

/// What the server checked for the organisers (they decide; these are the facts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    /// Every required item answered and valid.
    pub complete: bool,
    /// How many items are missing or invalid.
    pub missing: u32,
    /// Running at least the year's minimum by the deadline; None when no start date is given.
    pub running_long_enough: Option<bool>,
    /// Proposals with the same title, this year or earlier ("title (year)").
    pub duplicates: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningItem {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub status: ProposalStatus,
    pub note: Option<String>,
    pub checks: Checklist,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningList {
    /// Decisions can be made (the year is in its screening phase).
    pub open: bool,
    pub items: Vec<ScreeningItem>,
}
