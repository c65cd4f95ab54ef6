//! The proposal form of a competition year, as the wizard renders it and validation reads it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A proposal's content: field name → JSON value. Fields are `title`, `category` and one
/// `q<question id>` per answered question (see `question_field`).
pub type Fields = BTreeMap<String, serde_json::Value>;

/// The proposal's title (also kept on the proposal row for lists).
pub const TITLE_FIELD: &str = "title";
/// The chosen category's id.
pub const CATEGORY_FIELD: &str = "category";

/// The field that holds the answer to a question.
pub fn question_field(question_id: i64) -> String {
    format!("q{question_id}")
}

/// The question id behind a field name, if it is an answer field.
pub fn question_of_field(field: &str) -> Option<i64> {
    field.strip_prefix('q')?.parse().ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    ShortText,
    LongText,
    Number,
    Date,
    SingleChoice,
    MultipleChoice,
    /// The people behind the innovation: a list of `{name, role}`.
    Team,
    /// Files attached as evidence; stored as attachments, not as a field.
    Evidence,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 8] = [
        QuestionKind::ShortText,
        QuestionKind::LongText,
        QuestionKind::Number,
        QuestionKind::Date,
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::Team,
        QuestionKind::Evidence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Number => "number",
            QuestionKind::Date => "date",
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::Team => "team",
            QuestionKind::Evidence => "evidence",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub label: String,
    pub help: String,
    pub required: bool,
    pub word_limit: Option<u32>,
    pub char_limit: Option<u32>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub options: Vec<String>,
    pub max_files: Option<u32>,
    /// This date question is when the innovation started (it must have run long enough).
    pub is_start_date: bool,
    /// The section of the province's proposal outline this answer goes into in a nomination
    /// dossier (none: it goes under "other answers").
    #[serde(default)]
    pub kipp_section: Option<super::KippSection>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormSection {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub id: i64,
    pub name: String,
}

/// Everything the wizard needs to know about the year's form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalForm {
    pub competition_id: i64,
    pub competition_name: String,
    pub categories: Vec<CategoryOption>,
    pub sections: Vec<FormSection>,
    /// The innovation must have run this many days by the deadline.
    pub min_running_days: i64,
    /// The submission deadline that binds the agency (extension included).
    pub deadline_at: Option<i64>,
}

impl ProposalForm {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: i64) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}

/// One file attached to an evidence slot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: String,
    pub question_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}
