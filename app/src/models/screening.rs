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
    /// Sent back and not handed in again: the day it must be fixed by.
    pub fix_by: Option<i64>,
    /// How often it has been sent back.
    pub send_backs: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningList {
    /// Decisions can be made (the year is in its screening phase).
    pub open: bool,
    pub items: Vec<ScreeningItem>,
}

/// The organisers' verdict on one item of a proposal at the administrative check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    NeedsFixing,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::NeedsFixing => "needs_fixing",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "accepted" => Some(Verdict::Accepted),
            "needs_fixing" => Some(Verdict::NeedsFixing),
            _ => None,
        }
    }
}

/// One item of the administrative check: the title, the category, or a question of the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckItem {
    /// The draft's key (`title`, `category`, `q12`).
    pub item: String,
    /// The item's name as the form gives it.
    pub label: String,
    /// What the agency answered, shortened for the table (file names for evidence).
    pub answer: String,
    /// The server finds it missing or invalid.
    pub missing: bool,
    /// The organisers' verdict so far, with its note.
    pub verdict: Option<Verdict>,
    pub note: String,
}

/// One thing the agency is asked to fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixItem {
    pub item: String,
    pub label: String,
    pub note: String,
}

/// A send-back: what to fix, by when, and whether the agency has handed the proposal in again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendBackRecord {
    pub items: Vec<FixItem>,
    /// The last moment the agency may hand the fixed proposal in (end of the day chosen).
    pub fix_by: i64,
    pub sent_at: i64,
    /// Who sent it back (the organisers' own page only; empty for the agency).
    pub sent_by: String,
    pub resubmitted_at: Option<i64>,
}

/// `/admin/screening/:id`: one proposal's administrative check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreeningDetail {
    pub proposal_id: String,
    pub title: String,
    pub agency_name: String,
    pub status: ProposalStatus,
    /// Verdicts can be saved and a send-back made (screening phase, proposal handed in).
    pub open: bool,
    pub items: Vec<CheckItem>,
    /// Earlier send-backs, newest first.
    pub history: Vec<SendBackRecord>,
    /// The server's clock, for the fix-by date's default and its minimum.
    pub now: i64,
}

/// A verdict as the check page posts it (`checks[i][item|verdict|note]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckDraft {
    pub item: String,
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub note: String,
}
