//! The rules of a year's phase dates: each phase ends after it starts, and none starts before
//! the one before it has ended. Each phase is given as its first and last calendar day (WIB).

use crate::error::{Field, FieldError, Problem};
use crate::models::Phase;

/// One phase's first and last day, days since the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhaseDays {
    pub phase: Phase,
    pub first: i64,
    pub last: i64,
}

/// The form field of a phase's first (`<phase>_from`) or last (`<phase>_to`) day.
pub fn field(phase: Phase, last: bool) -> Field {
    Field::PhaseDay { phase, last }
}

/// Phases in their order; the first broken rule names its field.
pub fn check(days: &[PhaseDays]) -> Result<(), FieldError> {
    for (i, d) in days.iter().enumerate() {
        if d.last < d.first {
            return Err(FieldError::new(
                field(d.phase, true),
                Problem::EndsBeforeStart,
            ));
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| days.get(j)) {
            if d.first <= prev.last {
                return Err(FieldError::new(
                    field(d.phase, false),
                    Problem::OverlapsPrevious,
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(phase: Phase, first: i64, last: i64) -> PhaseDays {
        PhaseDays { phase, first, last }
    }

    #[test]
    fn backwards_and_overlapping_phases_are_named() {
        assert!(check(&[d(Phase::Setup, 0, 10), d(Phase::SubmissionOpen, 11, 40)]).is_ok());
        let e = check(&[d(Phase::Setup, 10, 5)]).expect_err("backwards");
        assert_eq!(e.field, "setup_to");
        assert_eq!(e.problem, Problem::EndsBeforeStart);
        let e = check(&[d(Phase::Setup, 0, 10), d(Phase::SubmissionOpen, 10, 40)])
            .expect_err("overlap");
        assert_eq!(e.field, "submission_open_from");
        assert_eq!(e.problem, Problem::OverlapsPrevious);
        // A one-day phase is fine.
        assert!(check(&[d(Phase::Setup, 3, 3)]).is_ok());
    }

    #[test]
    fn moves_go_one_step_on_or_back_to_submission() {
        assert_eq!(Phase::Setup.moves(), vec![Phase::SubmissionOpen]);
        assert_eq!(
            Phase::Screening.moves(),
            vec![Phase::Judging, Phase::SubmissionOpen]
        );
        assert!(Phase::Archived.moves().is_empty());
    }
}
