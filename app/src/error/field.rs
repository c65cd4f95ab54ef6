//! Which input a validation error is about, as a type. The pages put the message beside that
//! input and the dictionary names it; a misspelt field does not compile.
//!
//! On the wire, in a flashed form's address and as the form control's `name`, a field is its
//! text (`Display`): `email`, `criteria.2.weight`, `form.1.3.options`, `submission_open_to`,
//! `decisions.0.award`, `q12`. `Field::from(String)` reads that text back, once, here.

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::i18n::PageKey;
use crate::i18n::{Key, Lang};
use crate::models::Phase;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Field {
    /// One of the app's own form controls.
    Input(Input),
    /// Row `row` (from 1) of the criteria form.
    Criterion { row: usize, part: CriterionPart },
    /// A place in the form builder: section `section` (from 1), question `question` in it (from
    /// 1; none for the section's own inputs).
    Form {
        section: usize,
        question: Option<usize>,
        part: FormPart,
    },
    /// The first or last day of a phase, on the year page.
    PhaseDay { phase: Phase, last: bool },
    /// The award chosen on row `row` (from 0) of the results' decisions.
    Award { row: usize },
    /// Round `position` (from 1) of the rounds form: who goes on from it.
    Round { position: usize, part: RoundPart },
    /// The note on row `row` (from 1) of a proposal's administrative check.
    Check { row: usize },
    /// Row `row` (from 1) of the presentation schedule: one finalist's slot.
    Slot { row: usize, part: SlotPart },
    /// An entry of a proposal or of a score sheet, by its key in the draft (`title`, `q12`,
    /// `score.3`, `overall`): its data, whose names the form builder and the criteria define.
    Entry(String),
}

/// Declares the named inputs once: the variant, its control's `name`, and the words that name it
/// (none: the name itself is shown). The words are the server's: only organisers' and agencies'
/// server-rendered forms name these inputs, so the browser's wasm carries none of them (the size
/// budget, docs/architecture.md); the few an island can be refused on are `Field::island_key`.
macro_rules! inputs {
    ($($variant:ident = $name:literal $(=> $($key:ident)::+)?;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Input { $($variant),* }

        impl Input {
            pub const ALL: &'static [Input] = &[$(Input::$variant),*];

            /// The form control's `name`.
            pub fn name(self) -> &'static str {
                match self { $(Input::$variant => $name),* }
            }

            #[cfg(feature = "ssr")]
            fn label(self, lang: Lang) -> Option<&'static str> {
                match self { $(Input::$variant => inputs!(@label lang $($($key)::+)?)),* }
            }
        }
    };
    (@label $lang:ident $($key:ident)::+) => { Some($($key)::+.text($lang)) };
    (@label $lang:ident) => { None };
}

inputs! {
    Agency = "agency" => Key::ColAgency;
    Audience = "audience" => PageKey::BroadcastAudienceLabel;
    CertificateNext = "certificate_next" => PageKey::CertificateNextLabel;
    CertificatePattern = "certificate_pattern" => PageKey::CertificatePatternLabel;
    CertificateSignerName = "certificate_signer_name" => PageKey::SignerName;
    CertificateSignerNip = "certificate_signer_nip" => PageKey::SignerNip;
    CertificateSignerTitle = "certificate_signer_title" => PageKey::SignerTitle;
    Basis = "basis";
    Combination = "combination" => PageKey::CombinationLabel;
    Contact = "contact";
    Criteria = "criteria" => PageKey::CriteriaTitle;
    Deadline = "deadline" => PageKey::Deadline;
    DecreeNext = "decree_next" => PageKey::DecreeNextLabel;
    DecreePattern = "decree_pattern" => PageKey::DecreePatternLabel;
    DecreeSignerName = "decree_signer_name" => PageKey::SignerName;
    DecreeSignerNip = "decree_signer_nip" => PageKey::SignerNip;
    DecreeSignerTitle = "decree_signer_title" => PageKey::SignerTitle;
    Decision = "decision";
    Delivery = "delivery";
    Edit = "edit";
    Email = "email" => Key::Email;
    Expertise = "expertise";
    File = "file" => Key::File;
    FillDay = "fill_day" => PageKey::ScheduleDay;
    FillGap = "fill_gap" => PageKey::ScheduleGap;
    FillPresent = "fill_present" => PageKey::SchedulePresent;
    FillQuestions = "fill_questions" => PageKey::ScheduleQuestions;
    FillStart = "fill_start" => PageKey::ScheduleStart;
    FixBy = "fix_by" => PageKey::FixByLabel;
    Form = "form" => PageKey::FieldForm;
    GovernmentName = "government_name" => PageKey::GovernmentNameLabel;
    HeadName = "head_name" => PageKey::FieldHeadName;
    Judge = "judge" => Key::RoleJudge;
    JudgesPerProposal = "judges_per_proposal" => PageKey::JudgesPerProposal;
    Kind = "kind" => PageKey::FieldAgencyKind;
    Language = "language" => Key::Language;
    Level = "level";
    Message = "message";
    MessageEn = "message_en" => PageKey::BroadcastMessageEn;
    MessageId = "message_id" => PageKey::BroadcastMessageId;
    Name = "name" => Key::Name;
    Note = "note" => Key::NoteLabel;
    Organisation = "organisation";
    PassMark = "pass_mark";
    Phone = "phone" => PageKey::PhoneLabel;
    Password = "password" => Key::Password;
    PasswordAgain = "password_again" => Key::FieldPasswordAgain;
    Place = "place" => PageKey::PlaceLabel;
    Phase = "phase";
    Preset = "preset";
    Progress = "progress" => PageKey::ProgressLabel;
    Question = "question";
    RecapSignerName = "recap_signer_name" => PageKey::SignerName;
    RecapSignerNip = "recap_signer_nip" => PageKey::SignerNip;
    RecapSignerTitle = "recap_signer_title" => PageKey::SignerTitle;
    Reason = "reason" => Key::Reason;
    Role = "role" => PageKey::ColRole;
    RoundWeights = "round_weights" => PageKey::RoundWeightsLabel;
    ShortName = "short_name" => PageKey::FieldShortName;
    SignerName = "signer_name";
    SignerTitle = "signer_title";
    User = "user" => Key::User;
    Weights = "weights" => PageKey::Weights;
    Which = "which";
    Year = "year" => PageKey::FieldYear;
    Foreword = "foreword" => PageKey::ForewordLabel;
    Selection = "selection" => PageKey::CompendiumSelectionLabel;
}

/// Declares a part of a row (criteria form, form builder): its name in the field's text and
/// the words that name it (the server's, as for `inputs!`).
macro_rules! parts {
    ($ty:ident { $($variant:ident = $name:literal => $($key:ident)::+;)* }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $ty { $($variant),* }

        impl $ty {
            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }

            #[cfg(feature = "ssr")]
            fn parse(s: &str) -> Option<$ty> {
                match s { $($name => Some($ty::$variant),)* _ => None }
            }

            #[cfg(feature = "ssr")]
            fn label(self, lang: Lang) -> &'static str {
                match self { $($ty::$variant => $($key)::+.text(lang)),* }
            }
        }
    };
}

parts!(CriterionPart {
    Name = "name" => Key::Name;
    Weight = "weight" => PageKey::Weight;
    ScaleMin = "scale_min" => PageKey::ScaleMin;
    ScaleMax = "scale_max" => PageKey::ScaleMax;
    Rubric = "rubric" => PageKey::Rubric;
});

parts!(FormPart {
    Title = "title" => PageKey::FieldSectionTitle;
    Description = "description" => Key::Description;
    Questions = "questions" => PageKey::FieldQuestions;
    Kind = "kind" => PageKey::FieldQuestionKind;
    Label = "label" => PageKey::FieldQuestionLabel;
    Help = "help" => PageKey::FieldQuestionHelp;
    WordLimit = "word_limit" => PageKey::FieldWordLimit;
    CharLimit = "char_limit" => PageKey::FieldCharLimit;
    MinValue = "min_value" => PageKey::FieldNumberRange;
    MaxValue = "max_value" => PageKey::FieldNumberRange;
    Options = "options" => PageKey::FieldOptions;
    MaxFiles = "max_files" => PageKey::FieldMaxFiles;
    StartDate = "start_date" => PageKey::FieldStartDate;
    KippSection = "kipp_section" => PageKey::FieldKippSection;
});

parts!(SlotPart {
    Room = "room" => PageKey::ScheduleRoom;
    Day = "day" => PageKey::ScheduleDay;
    Start = "start" => PageKey::ScheduleStart;
    Present = "present" => PageKey::SchedulePresent;
    Questions = "questions" => PageKey::ScheduleQuestions;
});

parts!(RoundPart {
    Rule = "rule" => PageKey::RoundRuleLabel;
    Value = "value" => PageKey::RoundValueLabel;
    Weight = "weight" => PageKey::RoundWeightLabel;
    Claims = "claims" => PageKey::VisitClaimsLabel;
});

impl From<Input> for Field {
    fn from(input: Input) -> Self {
        Field::Input(input)
    }
}

impl Field {
    /// An entry of a proposal or score sheet, by its key in the draft.
    pub fn entry(key: impl Into<String>) -> Self {
        Field::Entry(key.into())
    }

    /// The draft's key, for an entry of a proposal or score sheet.
    pub fn entry_key(&self) -> Option<&str> {
        match self {
            Field::Entry(key) => Some(key),
            _ => None,
        }
    }

    /// What a person reads for this field, in their language.
    pub fn label(&self, lang: Lang) -> String {
        if let Some(key) = self.island_key() {
            return key.text(lang).to_string();
        }
        #[cfg(feature = "ssr")]
        {
            self.page_label(lang)
        }
        #[cfg(not(feature = "ssr"))]
        {
            self.to_string()
        }
    }

    /// The inputs an island can be refused on (the sign-in form, a wizard's file, a judge's
    /// reason): their words are in the dictionary the browser carries. A proposal's or sheet's
    /// own entries are named by the island itself, from the form.
    fn island_key(&self) -> Option<Key> {
        match self {
            Field::Input(Input::Email) => Some(Key::Email),
            Field::Input(Input::Password) => Some(Key::Password),
            Field::Input(Input::File) => Some(Key::File),
            Field::Input(Input::Reason) => Some(Key::Reason),
            _ => None,
        }
    }

    #[cfg(feature = "ssr")]
    fn page_label(&self, lang: Lang) -> String {
        match self {
            Field::Input(input) => input.label(lang).unwrap_or(input.name()).to_string(),
            Field::Criterion { row, part } => format!(
                "{} {row}: {}",
                PageKey::Criterion.text(lang),
                part.label(lang)
            ),
            Field::Form {
                section,
                question: None,
                part,
            } => format!(
                "{} {section}: {}",
                PageKey::FieldSection.text(lang),
                part.label(lang)
            ),
            Field::Form {
                section,
                question: Some(question),
                part,
            } => format!(
                "{} {section}, {} {question}: {}",
                PageKey::FieldSection.text(lang),
                PageKey::FieldQuestion.text(lang),
                part.label(lang)
            ),
            Field::PhaseDay { phase, last } => format!(
                "{} ({})",
                crate::i18n::labels::phase(*phase).text(lang),
                if *last {
                    PageKey::PhaseLastDay
                } else {
                    PageKey::PhaseFirstDay
                }
                .text(lang)
            ),
            Field::Check { row } => format!(
                "{} {row}: {}",
                PageKey::CheckRow.text(lang),
                PageKey::CheckNote.text(lang)
            ),
            Field::Round { position, part } => format!(
                "{} {position}: {}",
                PageKey::RoundLabel.text(lang),
                part.label(lang)
            ),
            Field::Slot { row, part } => format!(
                "{} {row}: {}",
                PageKey::ScheduleRowLabel.text(lang),
                part.label(lang)
            ),
            Field::Award { .. } | Field::Entry(_) => self.to_string(),
        }
    }

    fn parse(s: &str) -> Field {
        if let Some(input) = Input::ALL.iter().find(|i| i.name() == s) {
            return Field::Input(*input);
        }
        #[cfg(feature = "ssr")]
        if let Some(field) = Field::parse_place(s) {
            return field;
        }
        Field::Entry(s.to_string())
    }

    /// A place in one of the organisers' forms. Only the server reads these back: no island is
    /// refused on them, so in the browser's wasm such a text stays an `Entry` (same text, same
    /// comparisons) and the parsing is not carried.
    #[cfg(feature = "ssr")]
    fn parse_place(s: &str) -> Option<Field> {
        let parts: Vec<&str> = s.split('.').collect();
        let number = |p: &str| p.parse::<usize>().ok();
        match parts.as_slice() {
            ["criteria", row, part] => number(row)
                .zip(CriterionPart::parse(part))
                .map(|(row, part)| Field::Criterion { row, part }),
            ["form", section, part] => {
                number(section)
                    .zip(FormPart::parse(part))
                    .map(|(section, part)| Field::Form {
                        section,
                        question: None,
                        part,
                    })
            }
            ["form", section, question, part] => number(section)
                .zip(number(question))
                .zip(FormPart::parse(part))
                .map(|((section, question), part)| Field::Form {
                    section,
                    question: Some(question),
                    part,
                }),
            ["decisions", row, "award"] => number(row).map(|row| Field::Award { row }),
            ["rounds", position, part] => number(position)
                .zip(RoundPart::parse(part))
                .map(|(position, part)| Field::Round { position, part }),
            ["checks", row, "note"] => number(row).map(|row| Field::Check { row }),
            ["slots", row, part] => number(row)
                .zip(SlotPart::parse(part))
                .map(|(row, part)| Field::Slot { row, part }),
            [one] => one
                .strip_suffix("_from")
                .map(|p| (p, false))
                .or_else(|| one.strip_suffix("_to").map(|p| (p, true)))
                .and_then(|(p, last)| Phase::parse(p).map(|phase| Field::PhaseDay { phase, last })),
            _ => None,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Input(input) => f.write_str(input.name()),
            Field::Criterion { row, part } => write!(f, "criteria.{row}.{}", part.name()),
            Field::Form {
                section,
                question: None,
                part,
            } => write!(f, "form.{section}.{}", part.name()),
            Field::Form {
                section,
                question: Some(question),
                part,
            } => write!(f, "form.{section}.{question}.{}", part.name()),
            Field::PhaseDay { phase, last } => {
                write!(
                    f,
                    "{}_{}",
                    phase.as_str(),
                    if *last { "to" } else { "from" }
                )
            }
            Field::Award { row } => write!(f, "decisions.{row}.award"),
            Field::Round { position, part } => write!(f, "rounds.{position}.{}", part.name()),
            Field::Check { row } => write!(f, "checks.{row}.note"),
            Field::Slot { row, part } => write!(f, "slots.{row}.{}", part.name()),
            Field::Entry(key) => f.write_str(key),
        }
    }
}

impl From<Field> for String {
    fn from(field: Field) -> String {
        field.to_string()
    }
}

impl From<String> for Field {
    fn from(s: String) -> Field {
        Field::parse(&s)
    }
}

/// A field and its text: `field == "email"` reads as the control's name.
impl PartialEq<str> for Field {
    fn eq(&self, other: &str) -> bool {
        match self {
            Field::Input(input) => input.name() == other,
            Field::Entry(key) => key == other,
            _ => Field::parse(other) == *self,
        }
    }
}

impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for Field {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_from_its_text() {
        let fields = Input::ALL.iter().map(|i| Field::from(*i)).chain([
            Field::Criterion {
                row: 2,
                part: CriterionPart::Weight,
            },
            Field::Form {
                section: 1,
                question: None,
                part: FormPart::Title,
            },
            Field::Form {
                section: 2,
                question: Some(3),
                part: FormPart::Options,
            },
            Field::PhaseDay {
                phase: Phase::SubmissionOpen,
                last: true,
            },
            Field::Award { row: 0 },
            Field::Round {
                position: 2,
                part: RoundPart::Value,
            },
            Field::Check { row: 3 },
            Field::entry("q12"),
            Field::entry("score.3"),
        ]);
        for field in fields {
            let text = field.to_string();
            assert_eq!(Field::from(text.clone()), field, "{text}");
            let json = serde_json::to_string(&field).expect("serialises");
            assert_eq!(json, format!("\"{text}\""));
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = Input::ALL.iter().map(|i| i.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Input::ALL.len());
    }

    #[test]
    fn labels_name_the_place() {
        let f = Field::Form {
            section: 2,
            question: Some(3),
            part: FormPart::Options,
        };
        assert!(f.label(Lang::En).contains('2') && f.label(Lang::En).contains('3'));
        assert_ne!(Field::from(Input::Email).label(Lang::Id), "email");
        assert_eq!(Field::Check { row: 2 }.label(Lang::En), "Item 2: Note");
    }
}
