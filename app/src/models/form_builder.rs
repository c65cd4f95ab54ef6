//! The proposal form as the organisers edit it: sections and questions, sent as one form and
//! saved whole.

use serde::{Deserialize, Serialize};

use super::{FormSection, Question, QuestionKind};

/// One section as the builder's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SectionDraft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub questions: Vec<QuestionDraft>,
}

/// One question as the builder's form sends it: every value as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionDraft {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub help: String,
    /// "on" when ticked (a checkbox: absent otherwise).
    #[serde(default)]
    pub required: Option<String>,
    #[serde(default)]
    pub word_limit: String,
    #[serde(default)]
    pub char_limit: String,
    #[serde(default)]
    pub min_value: String,
    #[serde(default)]
    pub max_value: String,
    /// The choices, one per line.
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub max_files: String,
    /// "on" when this date is when the innovation started.
    #[serde(default)]
    pub start_date: Option<String>,
    /// The outline section's name (`KippSection::as_str`); empty: none.
    #[serde(default)]
    pub kipp_section: String,
}

impl QuestionDraft {
    pub fn from_question(q: &Question) -> QuestionDraft {
        let num = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        QuestionDraft {
            kind: q.kind.as_str().to_string(),
            label: q.label.clone(),
            help: q.help.clone(),
            required: q.required.then(|| "on".to_string()),
            word_limit: num(q.word_limit.map(i64::from)),
            char_limit: num(q.char_limit.map(i64::from)),
            min_value: num(q.min_value),
            max_value: num(q.max_value),
            options: q.options.join("\n"),
            max_files: num(q.max_files.map(i64::from)),
            start_date: q.is_start_date.then(|| "on".to_string()),
            kipp_section: q
                .kipp_section
                .map(|k| k.as_str().to_string())
                .unwrap_or_default(),
        }
    }

    /// Nothing typed: a spare row left empty.
    pub fn is_blank(&self) -> bool {
        self.label.trim().is_empty()
            && self.help.trim().is_empty()
            && self.options.trim().is_empty()
    }
}

impl SectionDraft {
    pub fn from_section(s: &FormSection) -> SectionDraft {
        SectionDraft {
            title: s.title.clone(),
            description: s.description.clone(),
            questions: s
                .questions
                .iter()
                .map(QuestionDraft::from_question)
                .collect(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.description.trim().is_empty()
            && self.questions.iter().all(QuestionDraft::is_blank)
    }
}

/// One question's section of the province's outline, as the outline form sends it: the
/// question's id and the section's name (`KippSection::as_str`; empty: none), as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutlineTag {
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub section: String,
}

/// A validated question, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionInput {
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
    pub is_start_date: bool,
    pub kipp_section: Option<super::KippSection>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionInput {
    pub title: String,
    pub description: String,
    pub questions: Vec<QuestionInput>,
}

/// The builder page: the form as stored, and whether it can still change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormBuilderData {
    pub sections: Vec<FormSection>,
    /// Proposals written against this form: while there are any, it is fixed.
    pub proposals: i64,
}
