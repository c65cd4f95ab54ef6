//! What each role's home page shows.
use serde::{Deserialize, Serialize};

use super::{CompetitionSummary, ProposalListItem, ProposalStatus};

/// The organising team's overview of the current year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub competition: Option<CompetitionSummary>,
    /// Active agencies that the year obliges to take part.
    pub agencies_total: i64,
    /// Of those, how many have at least a draft this year.
    pub agencies_started: i64,
    /// Of those, how many have submitted.
    pub agencies_submitted: i64,
    pub proposals_by_status: Vec<(ProposalStatus, i64)>,
    pub judges_total: i64,
    pub users_total: i64,
}

/// A judge's list of assigned proposals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeOverview {
    pub competition: Option<CompetitionSummary>,
    pub assignments: Vec<JudgeAssignmentItem>,
    /// The signed-in judge, whose sheets on this device the page looks for.
    pub user_id: i64,
    /// The presentation room the judge sits in, while its round is the current one.
    pub room: Option<crate::models::RoomFollow>,
}

/// The state of a judge's score sheet for one assigned proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetState {
    NotStarted,
    Draft,
    Submitted,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgeAssignmentItem {
    pub proposal_id: String,
    pub title: String,
    pub category_name: Option<String>,
    pub sheet: SheetState,
}

/// An agency's own view: its proposals this year and the deadline that binds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyOverview {
    pub competition: Option<CompetitionSummary>,
    pub agency_name: String,
    /// The submission deadline for this agency, extension included.
    pub deadline_at: Option<i64>,
    pub proposals: Vec<ProposalListItem>,
    /// When and where its finalists present, in the presentation round under way.
    pub slots: Vec<crate::models::AgencySlot>,
    /// The signed-in user, whose drafts on this device the page looks for.
    pub user_id: i64,
    /// The server's clock when the page was made.
    pub now: i64,
}

/// What anyone may see on the landing page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicOverview {
    pub competition: Option<CompetitionSummary>,
    pub agencies_total: i64,
    pub categories: Vec<String>,
    pub criteria: Vec<(String, i64)>,
}
