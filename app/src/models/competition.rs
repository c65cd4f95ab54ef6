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

    /// The phase after this one.
    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }

    /// Where the organisers may move the year from here: one step on, or from screening back to
    /// submission (to let agencies fix what screening found). Never further back: scores and
    /// results would lose their ground.
    pub fn moves(self) -> Vec<Phase> {
        let mut out: Vec<Phase> = self.next().into_iter().collect();
        if self == Phase::Screening {
            out.push(Phase::SubmissionOpen);
        }
        out
    }
}

/// Why the year cannot move to the phase asked for, or its settings cannot change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseBlock {
    /// Not a move the organisers may make from the current phase.
    NotAllowed,
    /// Submitted proposals have not been screened yet.
    UnscreenedProposals { count: u32 },
    /// Screened proposals have fewer judges than the year asks for.
    JudgesMissing { count: u32 },
    /// No proposal has passed screening, so there is nothing to judge.
    NothingToJudge,
    /// Blind judging and judges per proposal are fixed once judging has begun.
    SettingsLocked,
    /// Judges have scored against the criteria: they are fixed.
    CriteriaInUse,
    /// A proposal uses the category: it stays.
    CategoryInUse,
    /// Proposals have been written against the form: it stays as it is.
    FormInUse { count: u32 },
    /// The current year has not published its results: a new year would run beside it.
    YearRunning,
    /// Judges have not handed in these sheets yet ("title (judge)", the first few).
    SheetsMissing { count: u32, examples: Vec<String> },
    /// The results must be locked before they are published.
    ResultsNotLocked,
    /// The results are locked: nothing that feeds the ranking changes any more.
    ResultsLocked,
    /// No judge has handed in a score this year: there is nothing to rank or export.
    NoScores,
    /// A send-back needs at least one item marked "needs fixing".
    NothingToFix,
    /// Proposals sent back to their agencies may still be handed in again (their fix-by day has
    /// not passed): judging waits for them.
    SendBacksOpen { count: u32 },
    /// The decree names the nominees: none is nominated to the province.
    NoNominees,
    /// The compendium's selection holds no innovation (only the awarded, and none is).
    EmptyCompendium,
    /// The rounds are fixed once judging has begun.
    RoundsFixed,
    /// Another round follows this one: it is locked by sending proposals on, not by locking the
    /// year's results.
    RoundsFollow,
    /// This is the year's last round: nobody goes on from it; its results are locked instead.
    LastRound,
    /// Sending proposals on needs at least one.
    NobodyAdvances,
    /// The schedule belongs to a presentation round while it is judged.
    NoPresentationUnderWay,
    /// Every finalist scheduled in the room has presented: there is nobody to put on the stage.
    RoomDayOver,
}

/// The year's settings and what the organisers can do with them (`/admin/year`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearSetup {
    pub competition: CompetitionSummary,
    pub blind_judging: bool,
    pub judges_per_proposal: i64,
    /// Blind judging and judges per proposal can still change.
    pub settings_open: bool,
    pub moves: Vec<Phase>,
    pub agencies: Vec<(i64, String)>,
    pub extensions: Vec<ExtensionItem>,
}

/// Whether a new year can begin, and what the form suggests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewYearInfo {
    /// There is no year yet, or the current one has published its results.
    pub may_start: bool,
    pub suggested_year: i64,
    /// There is a year whose setup can be copied.
    pub can_copy: bool,
}

/// The admin's year page: the current year (if there is one) and the new-year form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearPageData {
    pub setup: Option<YearSetup>,
    pub new_year: NewYearInfo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtensionItem {
    pub agency_id: i64,
    pub agency_name: String,
    pub deadline_at: i64,
    pub reason: String,
}

/// A competition's name with its year, the year written once: organisers usually name the year
/// in the name already ("Lomba Inovasi Pelayanan Publik 2026"), and then it is not added again.
pub fn name_with_year(name: &str, year: i32) -> String {
    let year = year.to_string();
    let named = name
        .split(|c: char| !c.is_ascii_digit())
        .any(|word| word == year);
    if named {
        name.trim().to_string()
    } else {
        format!("{} {year}", name.trim())
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

#[cfg(test)]
mod tests {
    use super::name_with_year;

    #[test]
    fn the_year_is_written_once() {
        assert_eq!(
            name_with_year("Lomba Inovasi Pelayanan Publik 2026", 2026),
            "Lomba Inovasi Pelayanan Publik 2026"
        );
        assert_eq!(name_with_year("Lomba Inovasi", 2026), "Lomba Inovasi 2026");
        // Another year in the name, or the year inside a longer number, is not this year.
        assert_eq!(
            name_with_year("Lomba Inovasi 2025", 2026),
            "Lomba Inovasi 2025 2026"
        );
        assert_eq!(name_with_year("Lomba 20261", 2026), "Lomba 20261 2026");
    }
}
