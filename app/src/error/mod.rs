//! The one error type that crosses the wire. It carries what the user needs to act on (which
//! field, what rule) and never a database message; the server logs those with a reference.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::{Key, Lang};

mod decode;
mod field;
pub use field::{CriterionPart, Field, FormPart, Input, RoundPart, SlotPart};

/// What is wrong with one field. Rendered through the dictionary in the user's language.
// The browser's build reads it with `Problem::from_json` (decode.rs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ssr", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    TooShort {
        min: u32,
    },
    NotAnEmail,
    NotAllowed,
    TooManyWords {
        max: u32,
    },
    OutOfRange {
        min: Option<i64>,
        max: Option<i64>,
    },
    NotANumber,
    NotADate,
    /// The innovation has not run `days` days by the deadline.
    TooRecent {
        days: u32,
    },
    TooMany {
        max: u32,
    },
    FileTooLarge {
        max_mb: u32,
    },
    /// Not one of the accepted file types (judged by content).
    FileType,
    /// Not a photo (JPEG, PNG or WebP, judged by content).
    NotAPhoto,
    /// Of an accepted type by its first bytes, but damaged or unreadable as that type.
    FileUnreadable,
    /// The judge works for the proposal's agency.
    OwnAgency,
    /// The judge declared a conflict of interest with the proposal.
    ConflictDeclared,
    /// A phase's last day comes before its first.
    EndsBeforeStart,
    /// A phase starts before the previous one has ended.
    OverlapsPrevious,
    /// A date that must lie ahead has passed.
    InThePast,
    /// The criteria's weights add up to this instead of 100.
    WeightsTotal {
        total: u32,
    },
    /// The judge is not in the year's judge pool.
    NotInPool,
    /// The file is not UTF-8 text (saved as another encoding, or not text at all).
    NotUtf8,
    /// Something with this name or address exists already.
    AlreadyExists,
    /// The two copies typed do not match.
    Mismatch,
    /// A problem only the organisers' and people's server-rendered forms meet. No island ever
    /// reads one back, so the browser's build leaves out decoding it (the size budget).
    Server(ServerProblem),
}

/// Problems met only on server-rendered forms (a broadcast, a telephone number, an agency
/// import): worded by the server's page dictionary, so the browser's wasm carries none of the
/// words (the size budget, docs/architecture.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ssr", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum ServerProblem {
    /// `{name}` is not a placeholder this text may use; `known` are those it may.
    UnknownPlaceholder { name: String, known: Vec<String> },
    /// Markup in text that is plain everywhere it goes.
    Markup,
    /// A `{` without its `}` (or the other way round).
    UnmatchedBrace,
    /// The choice picks nobody.
    NoRecipients,
    /// Not a telephone number.
    NotAPhone,
    /// The CSV header names a column this import does not know.
    UnknownColumn { column: String },
    /// The CSV header lacks a column the import needs (named as in `field_label`).
    MissingColumn { column: String },
    /// The CSV header names the same column twice.
    DuplicateColumn { column: String },
    /// The same value as on an earlier line of the file.
    DuplicateOf { line: u32 },
    /// Not a civil servant's number (18 digits).
    NotANip,
    /// A number pattern without `{n}`: every document would get the same number.
    NoRunningNumber,
    /// The number this would give is already on an issued certificate.
    NumberTaken { number: String },
    /// Not a time of day (`09:30`).
    NotAClock,
    /// The slot overlaps `other`'s in the same room.
    SlotOverlaps { other: String },
    /// `judge` sits in two rooms at once: here and where `other` presents.
    JudgeInTwoRooms { judge: String, other: String },
    /// Not slides this app takes (a PDF or a PowerPoint file, by content).
    NotSlides,
}

impl ServerProblem {
    #[cfg(feature = "ssr")]
    fn message(&self, lang: Lang) -> String {
        use crate::i18n::PageKey;
        match self {
            ServerProblem::UnknownPlaceholder { name, known } => {
                let known = if known.is_empty() {
                    PageKey::NoPlaceholders.text(lang).to_string()
                } else {
                    known.join(", ")
                };
                crate::models::fill(PageKey::ErrUnknownPlaceholder.text(lang), |p| match p {
                    "name" => Some(format!("{{{name}}}")),
                    "known" => Some(known.clone()),
                    _ => None,
                })
            }
            ServerProblem::Markup => PageKey::ErrMarkup.text(lang).to_string(),
            ServerProblem::UnmatchedBrace => PageKey::ErrUnmatchedBrace.text(lang).to_string(),
            ServerProblem::NoRecipients => PageKey::ErrNoRecipients.text(lang).to_string(),
            ServerProblem::NotAPhone => PageKey::ErrNotAPhone.text(lang).to_string(),
            ServerProblem::UnknownColumn { column } => PageKey::ErrUnknownColumn
                .text(lang)
                .replace("{column}", column),
            ServerProblem::MissingColumn { column } => PageKey::ErrMissingColumn
                .text(lang)
                .replace("{column}", &field_label(column, lang)),
            ServerProblem::DuplicateColumn { column } => PageKey::ErrDuplicateColumn
                .text(lang)
                .replace("{column}", column),
            ServerProblem::DuplicateOf { line } => PageKey::ErrDuplicateOf
                .text(lang)
                .replace("{line}", &line.to_string()),
            ServerProblem::NotANip => PageKey::ErrNotANip.text(lang).to_string(),
            ServerProblem::NoRunningNumber => PageKey::ErrNoRunningNumber.text(lang).to_string(),
            ServerProblem::NumberTaken { number } => PageKey::ErrNumberTaken
                .text(lang)
                .replace("{number}", number),
            ServerProblem::NotAClock => PageKey::ErrNotAClock.text(lang).to_string(),
            ServerProblem::SlotOverlaps { other } => PageKey::ErrSlotOverlaps
                .text(lang)
                .replace("{other}", other),
            ServerProblem::NotSlides => PageKey::ErrNotSlides.text(lang).to_string(),
            ServerProblem::JudgeInTwoRooms { judge, other } => PageKey::ErrJudgeInTwoRooms
                .text(lang)
                .replace("{judge}", judge)
                .replace("{other}", other),
        }
    }

    #[cfg(not(feature = "ssr"))]
    fn message(&self, lang: Lang) -> String {
        Key::ErrNotAllowed.text(lang).to_string()
    }
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => Key::ErrRequired.text(lang).to_string(),
            Problem::TooLong { max } => Key::ErrTooLong
                .text(lang)
                .replace("{max}", &max.to_string()),
            Problem::TooShort { min } => Key::ErrTooShort
                .text(lang)
                .replace("{min}", &min.to_string()),
            Problem::NotAnEmail => Key::ErrNotAnEmail.text(lang).to_string(),
            Problem::NotAllowed => Key::ErrNotAllowed.text(lang).to_string(),
            Problem::TooManyWords { max } => Key::ErrTooManyWords
                .text(lang)
                .replace("{max}", &max.to_string()),
            Problem::OutOfRange { min, max } => {
                let (key, a, b) = match (min, max) {
                    (Some(a), Some(b)) => (Key::ErrOutOfRange, *a, *b),
                    (Some(a), None) => (Key::ErrTooSmall, *a, 0),
                    (None, Some(b)) => (Key::ErrTooLarge, 0, *b),
                    (None, None) => (Key::ErrNotANumber, 0, 0),
                };
                key.text(lang)
                    .replace("{min}", &a.to_string())
                    .replace("{max}", &b.to_string())
            }
            Problem::NotANumber => Key::ErrNotANumber.text(lang).to_string(),
            Problem::NotADate => Key::ErrNotADate.text(lang).to_string(),
            Problem::TooRecent { days } => Key::ErrTooRecent
                .text(lang)
                .replace("{days}", &days.to_string()),
            Problem::TooMany { max } => Key::ErrTooMany
                .text(lang)
                .replace("{max}", &max.to_string()),
            Problem::FileTooLarge { max_mb } => Key::ErrFileTooLarge
                .text(lang)
                .replace("{max}", &max_mb.to_string()),
            Problem::FileType => Key::ErrFileType.text(lang).to_string(),
            Problem::NotAPhoto => Key::ErrNotAPhoto.text(lang).to_string(),
            Problem::FileUnreadable => Key::ErrFileUnreadable.text(lang).to_string(),
            Problem::OwnAgency => Key::ErrOwnAgency.text(lang).to_string(),
            Problem::ConflictDeclared => Key::ErrConflictDeclared.text(lang).to_string(),
            Problem::NotInPool => Key::ErrNotInPool.text(lang).to_string(),
            Problem::EndsBeforeStart => Key::ErrEndsBeforeStart.text(lang).to_string(),
            Problem::OverlapsPrevious => Key::ErrOverlapsPrevious.text(lang).to_string(),
            Problem::InThePast => Key::ErrInThePast.text(lang).to_string(),
            Problem::WeightsTotal { total } => Key::ErrWeightsTotal
                .text(lang)
                .replace("{total}", &total.to_string()),
            Problem::NotUtf8 => Key::ErrNotUtf8.text(lang).to_string(),
            Problem::AlreadyExists => Key::ErrAlreadyExists.text(lang).to_string(),
            Problem::Mismatch => Key::ErrMismatch.text(lang).to_string(),
            Problem::Server(problem) => problem.message(lang),
        }
    }
}

/// The import's refusal, in the server's words (only its page shows it).
#[cfg(feature = "ssr")]
fn import_rejected(total: u32, lang: Lang) -> String {
    crate::i18n::PageKey::ErrImportRejected
        .text(lang)
        .replace("{n}", &total.to_string())
}

/// A template's failure, in the server's words (only the organisers' pages show it).
#[cfg(feature = "ssr")]
fn template_failed(template: &str, line: Option<u32>, detail: &str, lang: Lang) -> String {
    use crate::i18n::PageKey;
    let place = match line {
        Some(n) => PageKey::ErrTemplateLine
            .text(lang)
            .replace("{template}", template)
            .replace("{line}", &n.to_string()),
        None => template.to_string(),
    };
    PageKey::ErrTemplateFailed
        .text(lang)
        .replace("{place}", &place)
        .replace("{detail}", detail)
}

#[cfg(not(feature = "ssr"))]
fn template_failed(_: &str, _: Option<u32>, _: &str, lang: Lang) -> String {
    Key::ErrBadRequest.text(lang).to_string()
}

#[cfg(not(feature = "ssr"))]
fn import_rejected(_total: u32, lang: Lang) -> String {
    Key::ErrBadRequest.text(lang).to_string()
}

/// A validation failure that names its field, so the UI can put the message beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<Field>, problem: Problem) -> Self {
        FieldError {
            field: field.into(),
            problem,
        }
    }
}

/// One broken row of an agency CSV: its line in the file, the column, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowError {
    pub line: u32,
    pub column: String,
    pub problem: Problem,
}

// The browser's build reads it with `AppError::from_json` (decode.rs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ssr", derive(Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum AppError {
    /// Input broke a rule; `field` says which input.
    #[error("invalid input: {0}")]
    Invalid(FieldError),
    /// Nobody is signed in, and the call needs someone.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in, but this role or this person may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The object does not exist, or the caller may not know that it does.
    #[error("not found")]
    NotFound,
    /// Email and password do not match an active account (never says which of the two).
    #[error("wrong email or password")]
    BadCredentials,
    /// Too many failed sign-ins from this account or address.
    #[error("too many attempts, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    /// The competition year is not in a phase that allows this.
    #[error("not allowed in this phase")]
    WrongPhase,
    /// The proposal has been handed in (or waits for the head's approval) and cannot change.
    #[error("read-only")]
    ReadOnly,
    /// The judge declared a conflict of interest with this proposal: they may not score it.
    #[error("conflict of interest declared")]
    ConflictOfInterest,
    /// The year cannot move to that phase (or its settings cannot change), for this reason.
    #[error("phase change blocked: {0:?}")]
    PhaseBlocked(crate::models::PhaseBlock),
    /// The submission deadline (with any extension) has passed.
    #[error("deadline passed")]
    DeadlinePassed,
    /// Submission needs these fields (field names, in form order) to be complete and valid.
    #[error("incomplete: {fields:?}")]
    Incomplete { fields: Vec<String> },
    /// A mutating request came from another site.
    #[error("cross-site request refused")]
    CrossSite,
    /// Something already exists or changed meanwhile.
    #[error("conflict: {what}")]
    Conflict { what: String },
    /// The request itself could not be read (malformed, wrong encoding).
    #[error("bad request: {detail}")]
    BadRequest { detail: String },
    /// The server could not be reached (offline, or the connection dropped). Made by the
    /// browser's server-function client, never sent by the server.
    #[error("server unreachable")]
    Unreachable,
    /// An imported file was refused whole: the first rows' problems, and how many there were.
    #[error("import refused: {total} problems")]
    // Only the organisers' import page (server-rendered) reads it; the browser does not decode it.
    ImportRejected {
        rows: Vec<ImportRowError>,
        total: u32,
    },
    /// A document's template (one the deployment replaced, `INOVASI_TEMPLATES_DIR`) did not lay
    /// out: its file, the line of the first error, and Typst's words, which name the value it
    /// could not find. Nothing was issued or kept.
    #[error("template {template} failed: {detail}")]
    // Only the organisers' download refusals (server-rendered) show it.
    TemplateFailed {
        template: String,
        line: Option<u32>,
        detail: String,
    },
    /// Something failed on the server; the detail is in the server log under `reference`.
    #[error("internal error (ref {reference})")]
    Internal { reference: String },
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::Deserialization(m)
            | ServerFnErrorErr::MissingArg(m) => AppError::BadRequest { detail: m },
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unreachable,
            other => AppError::BadRequest {
                detail: other.to_string(),
            },
        }
    }
}

/// Refusals only the organisers' server-rendered pages show (results, screening, the year's phases):
/// their words live in the page dictionary, which the browser's wasm does not carry (size
/// budget, docs/architecture.md). The wasm can only say that the step is not possible now.
#[cfg(feature = "ssr")]
fn page_block(block: &crate::models::PhaseBlock, lang: Lang) -> String {
    use crate::i18n::PageKey;
    use crate::models::PhaseBlock;
    match block {
        PhaseBlock::SheetsMissing { count, examples } => PageKey::ErrSheetsMissing
            .text(lang)
            .replace("{n}", &count.to_string())
            .replace("{examples}", &examples.join("; ")),
        PhaseBlock::ResultsNotLocked => PageKey::ErrResultsNotLocked.text(lang).to_string(),
        PhaseBlock::ResultsLocked => PageKey::ErrResultsLocked.text(lang).to_string(),
        PhaseBlock::NothingToFix => PageKey::ErrNothingToFix.text(lang).to_string(),
        PhaseBlock::NoNominees => PageKey::ErrNoNominees.text(lang).to_string(),
        PhaseBlock::EmptyCompendium => PageKey::ErrEmptyCompendium.text(lang).to_string(),
        PhaseBlock::RoundsFixed => PageKey::ErrRoundsFixed.text(lang).to_string(),
        PhaseBlock::RoundsFollow => PageKey::ErrRoundsFollow.text(lang).to_string(),
        PhaseBlock::LastRound => PageKey::ErrLastRound.text(lang).to_string(),
        PhaseBlock::NobodyAdvances => PageKey::ErrNobodyAdvances.text(lang).to_string(),
        PhaseBlock::NoPresentationUnderWay => {
            PageKey::ErrNoPresentationUnderWay.text(lang).to_string()
        }
        PhaseBlock::RoomDayOver => PageKey::ErrRoomDayOver.text(lang).to_string(),
        PhaseBlock::SendBacksOpen { count } => PageKey::ErrSendBacksOpen
            .text(lang)
            .replace("{n}", &count.to_string()),
        _ => PageKey::ErrNoScores.text(lang).to_string(),
    }
}

#[cfg(not(feature = "ssr"))]
fn page_block(_: &crate::models::PhaseBlock, lang: Lang) -> String {
    Key::ErrPhaseMove.text(lang).to_string()
}

impl AppError {
    /// The HTTP status a refusal carries, so that non-browser clients see it too.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_)
            | AppError::BadRequest { .. }
            | AppError::Incomplete { .. }
            | AppError::ImportRejected { .. } => 400,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden
            | AppError::CrossSite
            | AppError::WrongPhase
            | AppError::ConflictOfInterest
            | AppError::DeadlinePassed => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } | AppError::ReadOnly | AppError::PhaseBlocked(_) => 409,
            AppError::Throttled { .. } => 429,
            AppError::Internal { .. } | AppError::TemplateFailed { .. } => 500,
            AppError::Unreachable => 503,
        }
    }

    /// The sentence a person reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Invalid(fe) => {
                format!("{}: {}", fe.field.label(lang), fe.problem.message(lang))
            }
            AppError::Unauthenticated => Key::ErrUnauthenticated.text(lang).to_string(),
            AppError::Forbidden => Key::ErrForbidden.text(lang).to_string(),
            AppError::NotFound => Key::ErrNotFound.text(lang).to_string(),
            AppError::BadCredentials => Key::ErrBadCredentials.text(lang).to_string(),
            AppError::Throttled { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                Key::ErrThrottled
                    .text(lang)
                    .replace("{minutes}", &minutes.to_string())
            }
            AppError::WrongPhase => Key::ErrWrongPhase.text(lang).to_string(),
            AppError::ReadOnly => Key::ErrReadOnly.text(lang).to_string(),
            AppError::DeadlinePassed => Key::ErrDeadlinePassed.text(lang).to_string(),
            AppError::ConflictOfInterest => Key::ErrConflictOfInterest.text(lang).to_string(),
            AppError::PhaseBlocked(block) => {
                use crate::models::PhaseBlock;
                match block {
                    PhaseBlock::NotAllowed => Key::ErrPhaseMove.text(lang).to_string(),
                    PhaseBlock::UnscreenedProposals { count } => Key::ErrUnscreened
                        .text(lang)
                        .replace("{n}", &count.to_string()),
                    PhaseBlock::JudgesMissing { count } => Key::ErrJudgesMissing
                        .text(lang)
                        .replace("{n}", &count.to_string()),
                    PhaseBlock::NothingToJudge => Key::ErrNothingToJudge.text(lang).to_string(),
                    PhaseBlock::SettingsLocked => Key::ErrSettingsLocked.text(lang).to_string(),
                    PhaseBlock::CriteriaInUse => Key::ErrCriteriaInUse.text(lang).to_string(),
                    PhaseBlock::CategoryInUse => Key::ErrCategoryInUse.text(lang).to_string(),
                    PhaseBlock::FormInUse { count } => Key::ErrFormInUse
                        .text(lang)
                        .replace("{n}", &count.to_string()),
                    PhaseBlock::YearRunning => Key::ErrYearRunning.text(lang).to_string(),
                    PhaseBlock::SheetsMissing { .. }
                    | PhaseBlock::ResultsNotLocked
                    | PhaseBlock::ResultsLocked
                    | PhaseBlock::NoScores
                    | PhaseBlock::NothingToFix
                    | PhaseBlock::SendBacksOpen { .. }
                    | PhaseBlock::NoNominees
                    | PhaseBlock::EmptyCompendium
                    | PhaseBlock::RoundsFixed
                    | PhaseBlock::RoundsFollow
                    | PhaseBlock::LastRound
                    | PhaseBlock::NobodyAdvances
                    | PhaseBlock::NoPresentationUnderWay
                    | PhaseBlock::RoomDayOver => page_block(block, lang),
                }
            }
            AppError::Incomplete { fields } => Key::ErrIncomplete
                .text(lang)
                .replace("{n}", &fields.len().to_string()),
            AppError::ImportRejected { total, .. } => import_rejected(*total, lang),
            AppError::TemplateFailed {
                template,
                line,
                detail,
            } => template_failed(template, *line, detail, lang),
            AppError::CrossSite => Key::ErrCrossSite.text(lang).to_string(),
            AppError::Conflict { .. } => Key::ErrConflict.text(lang).to_string(),
            AppError::BadRequest { .. } => Key::ErrBadRequest.text(lang).to_string(),
            AppError::Unreachable => Key::ErrUnreachable.text(lang).to_string(),
            AppError::Internal { reference } => Key::ErrInternal
                .text(lang)
                .replace("{reference}", reference),
        }
    }
}

/// The label of a field named by its text: a column of an agency CSV (`ImportRowError`).
pub fn field_label(field: &str, lang: Lang) -> String {
    Field::from(field.to_string()).label(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_names_field_in_both_languages() {
        let e = AppError::from(FieldError::new(Input::Email, Problem::NotAnEmail));
        assert!(e.message(Lang::Id).starts_with("Email"));
        assert!(e.message(Lang::En).contains("email address"));
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn errors_survive_the_wire_as_json() {
        let e = AppError::Throttled {
            retry_after_secs: 90,
        };
        let s = serde_json::to_string(&e).expect("serialize");
        let back: AppError = serde_json::from_str(&s).expect("deserialize");
        assert_eq!(back, e);
        assert!(back.message(Lang::En).contains("2 minutes"));
    }

    #[test]
    fn every_variant_serializes() {
        for e in [
            AppError::Conflict { what: "x".into() },
            AppError::BadRequest { detail: "y".into() },
            AppError::Invalid(FieldError::new(Input::Email, Problem::TooLong { max: 3 })),
            AppError::Unauthenticated,
        ] {
            let s = serde_json::to_string(&e).expect("serialize");
            assert_eq!(
                serde_json::from_str::<AppError>(&s).expect("deserialize"),
                e
            );
        }
    }

    #[test]
    fn builder_and_import_errors_name_their_place() {
        let e = AppError::from(FieldError::new(
            Field::Form {
                section: 2,
                question: Some(3),
                part: FormPart::Options,
            },
            Problem::TooShort { min: 2 },
        ));
        let m = e.message(Lang::En);
        assert!(m.starts_with("Section 2, question 3: Choices"), "{m}");
        let e = AppError::from(FieldError::new(
            Input::File,
            Problem::Server(ServerProblem::MissingColumn {
                column: "kind".into(),
            }),
        ));
        assert!(
            e.message(Lang::Id).contains("Jenis instansi"),
            "{}",
            e.message(Lang::Id)
        );
        let e = AppError::ImportRejected {
            rows: vec![],
            total: 7,
        };
        assert!(e.message(Lang::En).contains('7'));
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn internal_error_shows_only_the_reference() {
        let e = AppError::Internal {
            reference: "abc123".into(),
        };
        let m = e.message(Lang::Id);
        assert!(m.contains("abc123"));
    }
}
