//! How the browser reads a refusal off the wire. The derived decoders are a visitor per struct
//! variant, repeated for each way serde_json reads; the browser's build reads the JSON value it
//! already knows how to read and picks the variant from it instead (docs/architecture.md
//! "Size"). The server keeps the derived decoders; the tests below hold both to the one wire
//! format.

use serde_json::Value;

use super::{AppError, Field, FieldError, Problem};
use crate::models::PhaseBlock;

impl AppError {
    /// The refusal a serialized `AppError` names; `None` for anything else, and for the refusals
    /// only server-rendered pages show (an import's, a template's). A phase block's reason is
    /// not read: an island only says that the step is not possible now.
    pub fn from_json(value: &Value) -> Option<AppError> {
        if let Some(name) = value.as_str() {
            return Some(match name {
                "unauthenticated" => AppError::Unauthenticated,
                "forbidden" => AppError::Forbidden,
                "not_found" => AppError::NotFound,
                "bad_credentials" => AppError::BadCredentials,
                "wrong_phase" => AppError::WrongPhase,
                "read_only" => AppError::ReadOnly,
                "conflict_of_interest" => AppError::ConflictOfInterest,
                "deadline_passed" => AppError::DeadlinePassed,
                "cross_site" => AppError::CrossSite,
                "unreachable" => AppError::Unreachable,
                _ => return None,
            });
        }
        let (name, body) = value.as_object()?.iter().next()?;
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_string);
        Some(match name.as_str() {
            "invalid" => AppError::Invalid(FieldError {
                field: Field::from(text("field")?),
                problem: Problem::from_json(body.get("problem")?)?,
            }),
            "throttled" => AppError::Throttled {
                retry_after_secs: body.get("retry_after_secs")?.as_u64()?,
            },
            "phase_blocked" => AppError::PhaseBlocked(PhaseBlock::NotAllowed),
            "incomplete" => AppError::Incomplete {
                fields: body
                    .get("fields")?
                    .as_array()?
                    .iter()
                    .map(|f| f.as_str().map(str::to_string))
                    .collect::<Option<_>>()?,
            },
            "conflict" => AppError::Conflict {
                what: text("what")?,
            },
            "bad_request" => AppError::BadRequest {
                detail: text("detail")?,
            },
            "internal" => AppError::Internal {
                reference: text("reference")?,
            },
            _ => return None,
        })
    }
}

#[cfg(not(feature = "ssr"))]
impl<'de> serde::Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(reader)?;
        AppError::from_json(&value).ok_or_else(|| serde::de::Error::custom("unknown refusal"))
    }
}

impl Problem {
    /// The problem a serialized `Problem` names; `None` for anything else, and for the
    /// server-only problems, which no island reads.
    pub fn from_json(value: &Value) -> Option<Problem> {
        if let Some(name) = value.as_str() {
            return Some(match name {
                "required" => Problem::Required,
                "not_an_email" => Problem::NotAnEmail,
                "not_allowed" => Problem::NotAllowed,
                "not_a_number" => Problem::NotANumber,
                "not_a_date" => Problem::NotADate,
                "file_type" => Problem::FileType,
                "not_a_photo" => Problem::NotAPhoto,
                "file_unreadable" => Problem::FileUnreadable,
                "own_agency" => Problem::OwnAgency,
                "conflict_declared" => Problem::ConflictDeclared,
                "ends_before_start" => Problem::EndsBeforeStart,
                "overlaps_previous" => Problem::OverlapsPrevious,
                "in_the_past" => Problem::InThePast,
                "not_in_pool" => Problem::NotInPool,
                "not_utf8" => Problem::NotUtf8,
                "already_exists" => Problem::AlreadyExists,
                "mismatch" => Problem::Mismatch,
                _ => return None,
            });
        }
        let (name, body) = value.as_object()?.iter().next()?;
        let number = |key: &str| {
            body.get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        Some(match name.as_str() {
            "too_long" => Problem::TooLong {
                max: number("max")?,
            },
            "too_short" => Problem::TooShort {
                min: number("min")?,
            },
            "too_many_words" => Problem::TooManyWords {
                max: number("max")?,
            },
            "out_of_range" => Problem::OutOfRange {
                min: body.get("min").and_then(Value::as_i64),
                max: body.get("max").and_then(Value::as_i64),
            },
            "too_recent" => Problem::TooRecent {
                days: number("days")?,
            },
            "too_many" => Problem::TooMany {
                max: number("max")?,
            },
            "file_too_large" => Problem::FileTooLarge {
                max_mb: number("max_mb")?,
            },
            "weights_total" => Problem::WeightsTotal {
                total: number("total")?,
            },
            _ => return None,
        })
    }
}

#[cfg(not(feature = "ssr"))]
impl<'de> serde::Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(reader)?;
        Problem::from_json(&value).ok_or_else(|| serde::de::Error::custom("unknown problem"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ImportRowError, Input, ServerProblem};

    /// Every problem an island may be refused with, one of each variant.
    fn every_problem() -> Vec<Problem> {
        vec![
            Problem::Required,
            Problem::TooLong { max: 200 },
            Problem::TooShort { min: 8 },
            Problem::NotAnEmail,
            Problem::NotAllowed,
            Problem::TooManyWords { max: 500 },
            Problem::OutOfRange {
                min: Some(-3),
                max: None,
            },
            Problem::OutOfRange {
                min: None,
                max: Some(10),
            },
            Problem::NotANumber,
            Problem::NotADate,
            Problem::TooRecent { days: 90 },
            Problem::TooMany { max: 5 },
            Problem::FileTooLarge { max_mb: 10 },
            Problem::FileType,
            Problem::NotAPhoto,
            Problem::FileUnreadable,
            Problem::OwnAgency,
            Problem::ConflictDeclared,
            Problem::EndsBeforeStart,
            Problem::OverlapsPrevious,
            Problem::InThePast,
            Problem::WeightsTotal { total: 90 },
            Problem::NotInPool,
            Problem::NotUtf8,
            Problem::AlreadyExists,
            Problem::Mismatch,
        ]
    }

    #[test]
    fn every_problem_reads_back() {
        let all = every_problem();
        for problem in &all {
            // A new variant fails to compile here: add it to `every_problem` and `from_json`.
            match problem {
                Problem::Required
                | Problem::TooLong { .. }
                | Problem::TooShort { .. }
                | Problem::NotAnEmail
                | Problem::NotAllowed
                | Problem::TooManyWords { .. }
                | Problem::OutOfRange { .. }
                | Problem::NotANumber
                | Problem::NotADate
                | Problem::TooRecent { .. }
                | Problem::TooMany { .. }
                | Problem::FileTooLarge { .. }
                | Problem::FileType
                | Problem::NotAPhoto
                | Problem::FileUnreadable
                | Problem::OwnAgency
                | Problem::ConflictDeclared
                | Problem::EndsBeforeStart
                | Problem::OverlapsPrevious
                | Problem::InThePast
                | Problem::WeightsTotal { .. }
                | Problem::NotInPool
                | Problem::NotUtf8
                | Problem::AlreadyExists
                | Problem::Mismatch
                | Problem::Server(_) => {}
            }
            let wire = serde_json::to_value(problem).expect("serialize");
            assert_eq!(Problem::from_json(&wire).as_ref(), Some(problem), "{wire}");
        }
        assert_eq!(all.len(), 26);
    }

    #[test]
    fn what_no_island_reads_is_refused() {
        let server = serde_json::to_value(Problem::Server(ServerProblem::Markup)).expect("ser");
        assert_eq!(Problem::from_json(&server), None);
        assert_eq!(
            Problem::from_json(&serde_json::json!("no_such_problem")),
            None
        );
        assert_eq!(
            Problem::from_json(&serde_json::json!({ "too_long": {} })),
            None
        );
    }

    #[test]
    fn every_refusal_an_island_meets_reads_back() {
        let all = vec![
            AppError::Invalid(FieldError::new(Input::Email, Problem::TooLong { max: 9 })),
            AppError::Invalid(FieldError::new(
                Field::from("q12".to_string()),
                Problem::Required,
            )),
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::BadCredentials,
            AppError::Throttled {
                retry_after_secs: 30,
            },
            AppError::WrongPhase,
            AppError::ReadOnly,
            AppError::ConflictOfInterest,
            AppError::DeadlinePassed,
            AppError::Incomplete {
                fields: vec!["title".into(), "q3".into()],
            },
            AppError::CrossSite,
            AppError::Conflict {
                what: "version".into(),
            },
            AppError::BadRequest {
                detail: "bad".into(),
            },
            AppError::Unreachable,
            AppError::Internal {
                reference: "ab12".into(),
            },
        ];
        for error in &all {
            // A new variant fails to compile here: add it to the list and to `from_json`.
            match error {
                AppError::Invalid(_)
                | AppError::Unauthenticated
                | AppError::Forbidden
                | AppError::NotFound
                | AppError::BadCredentials
                | AppError::Throttled { .. }
                | AppError::WrongPhase
                | AppError::ReadOnly
                | AppError::ConflictOfInterest
                | AppError::PhaseBlocked(_)
                | AppError::DeadlinePassed
                | AppError::Incomplete { .. }
                | AppError::CrossSite
                | AppError::Conflict { .. }
                | AppError::BadRequest { .. }
                | AppError::Unreachable
                | AppError::ImportRejected { .. }
                | AppError::TemplateFailed { .. }
                | AppError::Internal { .. } => {}
            }
            let wire = serde_json::to_value(error).expect("serialize");
            assert_eq!(AppError::from_json(&wire).as_ref(), Some(error), "{wire}");
        }
        let blocked = AppError::PhaseBlocked(PhaseBlock::SendBacksOpen { count: 2 });
        let wire = serde_json::to_value(&blocked).expect("serialize");
        assert!(matches!(
            AppError::from_json(&wire),
            Some(AppError::PhaseBlocked(_))
        ));
        let import = AppError::ImportRejected {
            rows: vec![ImportRowError {
                line: 2,
                column: "email".into(),
                problem: Problem::NotAnEmail,
            }],
            total: 1,
        };
        let wire = serde_json::to_value(&import).expect("serialize");
        assert_eq!(AppError::from_json(&wire), None);
    }
}
