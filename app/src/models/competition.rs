use serde::{Deserialize, Serialize};

/// The phases a competition year moves through, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Setup,
    SubmissionOpen,
    Screening,
    Judging,
    Deliberation,
    Published,
    Archived,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Setup,
        Phase::SubmissionOpen,
        Phase::Screening,
        Phase::Judging,
        Phase::Deliberation,
        Phase::Published,
        Phase::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Setup => "setup",
            Phase::SubmissionOpen => "submission_open",
            Phase::Screening => "screening",
            Phase::Judging => "judging",
            Phase::Deliberation => "deliberation",
            Phase::Published => "published",
            Phase::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// One phase's dates, as milliseconds since the Unix epoch (UTC).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhaseDates {
    pub phase: Phase,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// The competition year in short, as every home page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetitionSummary {
    pub id: i64,
    pub year: i32,
    pub name: String,
    pub phase: Phase,
    pub phases: Vec<PhaseDates>,
}

impl CompetitionSummary {
    /// When the current phase ends, if its dates are set.
    pub fn current_phase_ends_at(&self) -> Option<i64> {
        self.phases
            .iter()
            .find(|p| p.phase == self.phase)
            .map(|p| p.ends_at)
    }
}
