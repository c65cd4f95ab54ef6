//! The rules of a proposal's fields. The wizard runs them while a person types and before a step
//! is left; the server runs them again on every save and at submission.
//!
//! Two levels: `check_value` is what a draft may hold at all (types, word and character limits,
//! ranges, known options; an empty value is always fine), and a save with a value that breaks it
//! is refused. `missing_for_submission` adds what a finished proposal needs (required answers,
//! the innovation having run long enough by the deadline).

use serde_json::Value;

use super::dates::{parse_date, wib_day};
use crate::error::{Field, FieldError, Problem};
use crate::models::{
    question_field, question_of_field, Fields, ProposalForm, Question, QuestionKind,
    CATEGORY_FIELD, TITLE_FIELD,
};

pub const TITLE_MAX_CHARS: u32 = 200;
/// Short answers without a limit of their own.
pub const SHORT_TEXT_MAX_CHARS: u32 = 500;
/// A hard cap on long answers, whatever their word limit (keeps one field from being megabytes).
pub const LONG_TEXT_MAX_CHARS: u32 = 20_000;
pub const TEAM_MAX_MEMBERS: u32 = 30;
/// Files per evidence slot when the form sets no limit.
pub const DEFAULT_MAX_FILES: u32 = 5;
pub const TEAM_TEXT_MAX_CHARS: u32 = 120;

/// Whether a value counts as "not answered".
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

pub fn word_count(s: &str) -> u32 {
    s.split_whitespace().count() as u32
}

fn text(value: &Value, max_chars: u32) -> Result<&str, Problem> {
    let s = value.as_str().ok_or(Problem::NotAllowed)?;
    if s.chars().count() as u32 > max_chars {
        return Err(Problem::TooLong { max: max_chars });
    }
    Ok(s)
}

/// What a draft may hold for one question. Empty is always allowed here.
pub fn check_answer(q: &Question, value: &Value) -> Result<(), Problem> {
    if is_empty(value) {
        return Ok(());
    }
    match q.kind {
        QuestionKind::ShortText => {
            text(value, q.char_limit.unwrap_or(SHORT_TEXT_MAX_CHARS))?;
        }
        QuestionKind::LongText => {
            let s = text(value, q.char_limit.unwrap_or(LONG_TEXT_MAX_CHARS))?;
            if let Some(max) = q.word_limit {
                if word_count(s) > max {
                    return Err(Problem::TooManyWords { max });
                }
            }
        }
        QuestionKind::Number => {
            let n = match value {
                Value::Number(n) => n.as_f64().ok_or(Problem::NotANumber)?,
                _ => return Err(Problem::NotANumber),
            };
            let too_low = q.min_value.is_some_and(|min| n < min as f64);
            let too_high = q.max_value.is_some_and(|max| n > max as f64);
            if too_low || too_high || !n.is_finite() {
                return Err(Problem::OutOfRange {
                    min: q.min_value,
                    max: q.max_value,
                });
            }
        }
        QuestionKind::Date => {
            value
                .as_str()
                .and_then(parse_date)
                .ok_or(Problem::NotADate)?;
        }
        QuestionKind::SingleChoice => {
            let s = value.as_str().ok_or(Problem::NotAllowed)?;
            if !q.options.iter().any(|o| o == s) {
                return Err(Problem::NotAllowed);
            }
        }
        QuestionKind::MultipleChoice => {
            let items = value.as_array().ok_or(Problem::NotAllowed)?;
            let mut seen = Vec::new();
            for item in items {
                let s = item.as_str().ok_or(Problem::NotAllowed)?;
                if !q.options.iter().any(|o| o == s) || seen.contains(&s) {
                    return Err(Problem::NotAllowed);
                }
                seen.push(s);
            }
        }
        QuestionKind::Team => {
            let members = value.as_array().ok_or(Problem::NotAllowed)?;
            if members.len() as u32 > TEAM_MAX_MEMBERS {
                return Err(Problem::TooMany {
                    max: TEAM_MAX_MEMBERS,
                });
            }
            for m in members {
                let obj = m.as_object().ok_or(Problem::NotAllowed)?;
                if obj.keys().any(|k| k != "name" && k != "role") {
                    return Err(Problem::NotAllowed);
                }
                for key in ["name", "role"] {
                    if let Some(v) = obj.get(key) {
                        text(v, TEAM_TEXT_MAX_CHARS)?;
                    }
                }
            }
        }
        // Files are attachments, never a field value.
        QuestionKind::Evidence => return Err(Problem::NotAllowed),
    }
    Ok(())
}

/// What a draft may hold for any field of this form. Unknown fields are refused.
pub fn check_field(form: &ProposalForm, field: &str, value: &Value) -> Result<(), FieldError> {
    let problem = match field {
        TITLE_FIELD if is_empty(value) => None,
        TITLE_FIELD => text(value, TITLE_MAX_CHARS).err(),
        CATEGORY_FIELD if is_empty(value) => None,
        CATEGORY_FIELD => match value.as_i64() {
            Some(id) if form.categories.iter().any(|c| c.id == id) => None,
            _ => Some(Problem::NotAllowed),
        },
        _ => match question_of_field(field).and_then(|id| form.question(id)) {
            Some(q) => check_answer(q, value).err(),
            None => Some(Problem::NotAllowed),
        },
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(FieldError::new(Field::entry(field), problem)),
    }
}

/// Whether a started-on date leaves the innovation running long enough by the deadline.
pub fn check_running_long_enough(
    started_on: &str,
    deadline_at: Option<i64>,
    min_days: i64,
) -> Result<(), Problem> {
    let start = parse_date(started_on).ok_or(Problem::NotADate)?;
    match deadline_at {
        Some(deadline) if wib_day(deadline) - start < min_days => Err(Problem::TooRecent {
            days: min_days as u32,
        }),
        _ => Ok(()),
    }
}

/// Everything that keeps this proposal from being submitted, in form order. `files` counts the
/// attachments per evidence question.
pub fn missing_for_submission(
    form: &ProposalForm,
    fields: &Fields,
    files: &dyn Fn(i64) -> usize,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    let get = |f: &str| fields.get(f).cloned().unwrap_or(Value::Null);
    for f in [TITLE_FIELD, CATEGORY_FIELD] {
        let v = get(f);
        if is_empty(&v) {
            out.push(FieldError::new(Field::entry(f), Problem::Required));
        } else if let Err(e) = check_field(form, f, &v) {
            out.push(e);
        }
    }
    for q in form.questions() {
        let field = question_field(q.id);
        if q.kind == QuestionKind::Evidence {
            if q.required && files(q.id) == 0 {
                out.push(FieldError::new(Field::entry(&field), Problem::Required));
            }
            continue;
        }
        let v = get(&field);
        if is_empty(&v) {
            if q.required {
                out.push(FieldError::new(Field::entry(&field), Problem::Required));
            }
            continue;
        }
        if let Err(problem) = check_answer(q, &v) {
            out.push(FieldError::new(Field::entry(&field), problem));
            continue;
        }
        if q.kind == QuestionKind::Team {
            let incomplete = v.as_array().is_some_and(|members| {
                members.iter().any(|m| {
                    m.get("name")
                        .and_then(Value::as_str)
                        .is_none_or(|n| n.trim().is_empty())
                })
            });
            if incomplete {
                out.push(FieldError::new(Field::entry(&field), Problem::Required));
                continue;
            }
        }
        if q.is_start_date {
            if let Some(s) = v.as_str() {
                if let Err(problem) =
                    check_running_long_enough(s, form.deadline_at, form.min_running_days)
                {
                    out.push(FieldError::new(Field::entry(&field), problem));
                }
            }
        }
    }
    out
}

/// How far the proposal is: answered required items over all required items, in percent.
pub fn completion_percent(
    form: &ProposalForm,
    fields: &Fields,
    files: &dyn Fn(i64) -> usize,
) -> u32 {
    let required = 2 + form.questions().filter(|q| q.required).count();
    let missing = missing_for_submission(form, fields, files)
        .iter()
        .filter(|e| {
            e.field == TITLE_FIELD
                || e.field == CATEGORY_FIELD
                || e.field
                    .entry_key()
                    .and_then(question_of_field)
                    .and_then(|id| form.question(id))
                    .is_some_and(|q| q.required)
        })
        .count();
    (((required - missing.min(required)) * 100) / required) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{CategoryOption, FormSection};
    use serde_json::json;

    fn q(id: i64, kind: QuestionKind) -> Question {
        Question {
            id,
            kind,
            label: format!("Q{id}"),
            help: String::new(),
            required: true,
            word_limit: None,
            char_limit: None,
            min_value: None,
            max_value: None,
            options: vec![],
            max_files: None,
            is_start_date: false,
            kipp_section: None,
        }
    }

    fn form() -> ProposalForm {
        let mut summary = q(1, QuestionKind::LongText);
        summary.word_limit = Some(5);
        let mut started = q(2, QuestionKind::Date);
        started.is_start_date = true;
        let mut people = q(3, QuestionKind::Number);
        people.min_value = Some(0);
        people.max_value = Some(1000);
        people.required = false;
        let mut form_of = q(4, QuestionKind::SingleChoice);
        form_of.options = vec!["A".into(), "B".into()];
        let mut sdgs = q(5, QuestionKind::MultipleChoice);
        sdgs.options = vec!["1".into(), "2".into()];
        sdgs.required = false;
        let team = q(6, QuestionKind::Team);
        let evidence = q(7, QuestionKind::Evidence);
        ProposalForm {
            competition_id: 1,
            competition_name: "Lomba".into(),
            categories: vec![CategoryOption {
                id: 10,
                name: "Kesehatan".into(),
            }],
            sections: vec![FormSection {
                id: 1,
                title: "S".into(),
                description: String::new(),
                questions: vec![summary, started, people, form_of, sdgs, team, evidence],
            }],
            min_running_days: 365,
            // 2026-03-31 23.59 WIB
            deadline_at: Some(1_774_976_340_000),
        }
    }

    #[test]
    fn drafts_may_be_empty_but_not_wrong() {
        let f = form();
        assert!(check_field(&f, "q1", &json!("")).is_ok());
        assert!(check_field(&f, "q1", &json!("satu dua tiga empat lima")).is_ok());
        assert_eq!(
            check_field(&f, "q1", &json!("satu dua tiga empat lima enam")).map_err(|e| e.problem),
            Err(Problem::TooManyWords { max: 5 })
        );
        assert_eq!(
            check_answer(&f.sections[0].questions[2], &json!(1001)),
            Err(Problem::OutOfRange {
                min: Some(0),
                max: Some(1000)
            })
        );
        assert_eq!(
            check_answer(&f.sections[0].questions[2], &json!("12")),
            Err(Problem::NotANumber)
        );
        assert_eq!(
            check_answer(&f.sections[0].questions[1], &json!("2025-02-30")),
            Err(Problem::NotADate)
        );
        assert_eq!(
            check_answer(&f.sections[0].questions[3], &json!("C")),
            Err(Problem::NotAllowed)
        );
        assert_eq!(
            check_answer(&f.sections[0].questions[4], &json!(["1", "1"])),
            Err(Problem::NotAllowed)
        );
        assert!(check_answer(&f.sections[0].questions[4], &json!(["1", "2"])).is_ok());
        assert_eq!(
            check_answer(
                &f.sections[0].questions[5],
                &json!([{"name": "A", "nip": "1"}])
            ),
            Err(Problem::NotAllowed)
        );
        assert!(
            check_field(&f, "q7", &json!("file")).is_err(),
            "files are not fields"
        );
        assert!(
            check_field(&f, "q99", &json!("x")).is_err(),
            "unknown question"
        );
        assert!(
            check_field(&f, "category", &json!(11)).is_err(),
            "unknown category"
        );
        assert!(check_field(&f, "title", &json!("x".repeat(201))).is_err());
    }

    #[test]
    fn submission_needs_required_answers_and_a_year_of_running() {
        let f = form();
        let mut fields = Fields::new();
        let none = |_| 0;
        let missing: Vec<String> = missing_for_submission(&f, &fields, &none)
            .into_iter()
            .map(|e| e.field.to_string())
            .collect();
        assert_eq!(missing, ["title", "category", "q1", "q2", "q4", "q6", "q7"]);
        assert_eq!(completion_percent(&f, &fields, &none), 0);

        fields.insert("title".into(), json!("Posyandu Digital"));
        fields.insert("category".into(), json!(10));
        fields.insert("q1".into(), json!("ringkas saja"));
        fields.insert("q2".into(), json!("2025-06-01"));
        fields.insert("q4".into(), json!("A"));
        fields.insert(
            "q6".into(),
            json!([{"name": "Bidan Yuliana", "role": "Ketua"}]),
        );
        let one_file = |id| usize::from(id == 7);
        let errors = missing_for_submission(&f, &fields, &one_file);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "q2");
        assert_eq!(errors[0].problem, Problem::TooRecent { days: 365 });

        fields.insert("q2".into(), json!("2025-03-31"));
        assert!(
            missing_for_submission(&f, &fields, &one_file).is_empty(),
            "exactly one year is enough"
        );
        assert_eq!(completion_percent(&f, &fields, &one_file), 100);

        fields.insert("q6".into(), json!([{"name": " ", "role": "Anggota"}]));
        assert_eq!(
            missing_for_submission(&f, &fields, &one_file)[0].field,
            "q6"
        );
    }
}
