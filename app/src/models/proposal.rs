use serde::{Deserialize, Serialize};

/// Where a proposal stands. After `Submitted` the agency can no longer edit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Draft,
    AwaitingApproval,
    Submitted,
    ScreenedIn,
    ScreenedOut,
    Scored,
    Finalist,
    Winner,
    NotSelected,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 9] = [
        ProposalStatus::Draft,
        ProposalStatus::AwaitingApproval,
        ProposalStatus::Submitted,
        ProposalStatus::ScreenedIn,
        ProposalStatus::ScreenedOut,
        ProposalStatus::Scored,
        ProposalStatus::Finalist,
        ProposalStatus::Winner,
        ProposalStatus::NotSelected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::AwaitingApproval => "awaiting_approval",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::ScreenedIn => "screened_in",
            ProposalStatus::ScreenedOut => "screened_out",
            ProposalStatus::Scored => "scored",
            ProposalStatus::Finalist => "finalist",
            ProposalStatus::Winner => "winner",
            ProposalStatus::NotSelected => "not_selected",
        }
    }

    pub fn parse(s: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// True once the agency has handed the proposal in (read-only to the agency from then on).
    pub fn is_submitted(self) -> bool {
        !matches!(
            self,
            ProposalStatus::Draft | ProposalStatus::AwaitingApproval
        )
    }
}

/// One line of an agency's proposal list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalListItem {
    pub id: String,
    pub title: String,
    pub category_name: Option<String>,
    pub status: ProposalStatus,
    pub updated_at: i64,
    /// The organisers' reason at screening, which the agency reads beside a pass or a fail.
    pub screening_note: Option<String>,
    /// Sent back by the organisers and not handed in again: the end of the day to fix it by.
    pub fix_by: Option<i64>,
}
