//! The compliance register: every obligated agency against the *One Agency One Innovation* duty.

use serde::{Deserialize, Serialize};

use super::{AgencyKind, CompetitionSummary};

/// How far an agency has come this year, from nothing to a proposal that passed screening.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceLevel {
    None,
    Draft,
    AwaitingApproval,
    Submitted,
    PassedScreening,
}

impl ComplianceLevel {
    pub const ALL: [ComplianceLevel; 5] = [
        ComplianceLevel::None,
        ComplianceLevel::Draft,
        ComplianceLevel::AwaitingApproval,
        ComplianceLevel::Submitted,
        ComplianceLevel::PassedScreening,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplianceLevel::None => "none",
            ComplianceLevel::Draft => "draft",
            ComplianceLevel::AwaitingApproval => "awaiting_approval",
            ComplianceLevel::Submitted => "submitted",
            ComplianceLevel::PassedScreening => "passed_screening",
        }
    }

    pub fn parse(s: &str) -> Option<ComplianceLevel> {
        ComplianceLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// From the database's 0–4 ranking of an agency's furthest proposal.
    pub fn from_rank(rank: i64) -> ComplianceLevel {
        match rank {
            1 => ComplianceLevel::Draft,
            2 => ComplianceLevel::AwaitingApproval,
            3 => ComplianceLevel::Submitted,
            r if r >= 4 => ComplianceLevel::PassedScreening,
            _ => ComplianceLevel::None,
        }
    }

    /// The duty is met once a proposal has been submitted.
    pub fn complied(self) -> bool {
        self >= ComplianceLevel::Submitted
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRow {
    pub agency_id: i64,
    pub agency_name: String,
    pub kind: AgencyKind,
    pub head_name: Option<String>,
    pub level: ComplianceLevel,
    pub proposals: i64,
    /// When any of its proposals last changed.
    pub last_activity: Option<i64>,
}

/// Which rows to show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplianceFilter {
    pub level: Option<ComplianceLevel>,
    pub kind: Option<AgencyKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRegister {
    pub competition: CompetitionSummary,
    /// All obligated agencies, and how many of them have complied (regardless of the filter).
    pub total: i64,
    pub complied: i64,
    pub rows: Vec<ComplianceRow>,
    pub filter: ComplianceFilter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_rank_and_comply() {
        assert_eq!(ComplianceLevel::from_rank(0), ComplianceLevel::None);
        assert_eq!(ComplianceLevel::from_rank(3), ComplianceLevel::Submitted);
        assert_eq!(
            ComplianceLevel::from_rank(9),
            ComplianceLevel::PassedScreening
        );
        assert!(!ComplianceLevel::AwaitingApproval.complied());
        assert!(ComplianceLevel::Submitted.complied());
        for l in ComplianceLevel::ALL {
            assert_eq!(ComplianceLevel::parse(l.as_str()), Some(l));
        }
    }
}
