//! The organisers' proposal form, checked whole before it replaces the stored one. Errors name
//! their place (`Field::Form`: section and question counted from 1, as the page shows them).

use crate::error::{Field, FieldError, FormPart, Input, Problem};
use crate::models::{
    KippSection, QuestionDraft, QuestionInput, QuestionKind, SectionDraft, SectionInput,
};

pub const TITLE_MAX: u32 = 200;
pub const LABEL_MAX: u32 = 500;
pub const TEXT_MAX: u32 = 2000;
pub const OPTION_MAX: u32 = 200;
pub const MAX_OPTIONS: u32 = 50;
pub const MAX_FILES: i64 = 20;
pub const MAX_WORDS: i64 = 20_000;

/// An edit the builder's buttons ask for, applied before the form is checked and saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    QuestionUp(usize, usize),
    QuestionDown(usize, usize),
    QuestionRemove(usize, usize),
    SectionUp(usize),
    SectionDown(usize),
    SectionRemove(usize),
}

impl Edit {
    /// `question_up:1:2`, `section_remove:0`, … (indices from 0, as in the field names).
    pub fn parse(s: &str) -> Option<Edit> {
        let mut parts = s.trim().split(':');
        let what = parts.next()?;
        let a: usize = parts.next()?.parse().ok()?;
        let b: Option<usize> = parts.next().and_then(|b| b.parse().ok());
        Some(match (what, b) {
            ("question_up", Some(b)) => Edit::QuestionUp(a, b),
            ("question_down", Some(b)) => Edit::QuestionDown(a, b),
            ("question_remove", Some(b)) => Edit::QuestionRemove(a, b),
            ("section_up", None) => Edit::SectionUp(a),
            ("section_down", None) => Edit::SectionDown(a),
            ("section_remove", None) => Edit::SectionRemove(a),
            _ => return None,
        })
    }

    pub fn value(self) -> String {
        match self {
            Edit::QuestionUp(a, b) => format!("question_up:{a}:{b}"),
            Edit::QuestionDown(a, b) => format!("question_down:{a}:{b}"),
            Edit::QuestionRemove(a, b) => format!("question_remove:{a}:{b}"),
            Edit::SectionUp(a) => format!("section_up:{a}"),
            Edit::SectionDown(a) => format!("section_down:{a}"),
            Edit::SectionRemove(a) => format!("section_remove:{a}"),
        }
    }

    /// Applies the edit; one that points past the ends changes nothing.
    pub fn apply(self, sections: &mut Vec<SectionDraft>) {
        fn swap<T>(list: &mut [T], a: usize, b: usize) {
            if a < list.len() && b < list.len() {
                list.swap(a, b);
            }
        }
        match self {
            Edit::SectionUp(s) if s > 0 => swap(sections, s, s - 1),
            Edit::SectionDown(s) => swap(sections, s, s + 1),
            Edit::SectionRemove(s) if s < sections.len() => {
                sections.remove(s);
            }
            Edit::QuestionUp(s, q) if q > 0 => {
                if let Some(sec) = sections.get_mut(s) {
                    swap(&mut sec.questions, q, q - 1)
                }
            }
            Edit::QuestionDown(s, q) => {
                if let Some(sec) = sections.get_mut(s) {
                    swap(&mut sec.questions, q, q + 1)
                }
            }
            Edit::QuestionRemove(s, q) => {
                if let Some(sec) = sections.get_mut(s).filter(|sec| q < sec.questions.len()) {
                    sec.questions.remove(q);
                }
            }
            _ => {}
        }
    }
}

fn text(field: Field, input: &str, max: u32, required: bool) -> Result<String, FieldError> {
    let s = input.trim();
    if required && s.is_empty() {
        return Err(FieldError {
            field,
            problem: Problem::Required,
        });
    }
    if s.chars().count() > max as usize {
        return Err(FieldError {
            field,
            problem: Problem::TooLong { max },
        });
    }
    Ok(s.to_string())
}

fn number(field: Field, input: &str, min: i64, max: i64) -> Result<Option<i64>, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let v: i64 = s
        .parse()
        .map_err(|_| FieldError::new(field.clone(), Problem::NotANumber))?;
    if v < min || v > max {
        return Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: Some(min),
                max: Some(max),
            },
        ));
    }
    Ok(Some(v))
}

fn question(section: usize, at: usize, d: &QuestionDraft) -> Result<QuestionInput, FieldError> {
    let f = |part| Field::Form {
        section,
        question: Some(at),
        part,
    };
    let kind = QuestionKind::parse(d.kind.trim())
        .ok_or_else(|| FieldError::new(f(FormPart::Kind), Problem::NotAllowed))?;
    let label = text(f(FormPart::Label), &d.label, LABEL_MAX, true)?;
    let help = text(f(FormPart::Help), &d.help, TEXT_MAX, false)?;
    let texty = matches!(kind, QuestionKind::ShortText | QuestionKind::LongText);
    let word_limit = if texty {
        number(f(FormPart::WordLimit), &d.word_limit, 1, MAX_WORDS)?.map(|v| v as u32)
    } else {
        None
    };
    let char_limit = if texty {
        number(f(FormPart::CharLimit), &d.char_limit, 1, MAX_WORDS * 10)?.map(|v| v as u32)
    } else {
        None
    };
    let (min_value, max_value) = if kind == QuestionKind::Number {
        let min = number(
            f(FormPart::MinValue),
            &d.min_value,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
        )?;
        let max = number(
            f(FormPart::MaxValue),
            &d.max_value,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
        )?;
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                return Err(FieldError::new(
                    f(FormPart::MaxValue),
                    Problem::OutOfRange {
                        min: Some(a),
                        max: None,
                    },
                ));
            }
        }
        (min, max)
    } else {
        (None, None)
    };
    let options = if matches!(
        kind,
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice
    ) {
        let mut options: Vec<String> = Vec::new();
        for line in d.options.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if line.chars().count() > OPTION_MAX as usize {
                return Err(FieldError::new(
                    f(FormPart::Options),
                    Problem::TooLong { max: OPTION_MAX },
                ));
            }
            if options
                .iter()
                .any(|o| o.to_lowercase() == line.to_lowercase())
            {
                return Err(FieldError::new(
                    f(FormPart::Options),
                    Problem::AlreadyExists,
                ));
            }
            options.push(line.to_string());
        }
        if options.len() < 2 {
            return Err(FieldError::new(
                f(FormPart::Options),
                Problem::TooShort { min: 2 },
            ));
        }
        if options.len() > MAX_OPTIONS as usize {
            return Err(FieldError::new(
                f(FormPart::Options),
                Problem::TooMany { max: MAX_OPTIONS },
            ));
        }
        options
    } else {
        Vec::new()
    };
    let max_files = if kind == QuestionKind::Evidence {
        Some(number(f(FormPart::MaxFiles), &d.max_files, 1, MAX_FILES)?.unwrap_or(5) as u32)
    } else {
        None
    };
    let is_start_date = d.start_date.is_some() && kind == QuestionKind::Date;
    let kipp_section = match d.kipp_section.trim() {
        "" => None,
        name => Some(
            KippSection::parse(name)
                .ok_or_else(|| FieldError::new(f(FormPart::KippSection), Problem::NotAllowed))?,
        ),
    };
    Ok(QuestionInput {
        kind,
        label,
        help,
        required: d.required.is_some(),
        word_limit,
        char_limit,
        min_value,
        max_value,
        options,
        max_files,
        is_start_date,
        kipp_section,
    })
}

/// The form as it will be stored: spare rows left empty are dropped; every rule is checked.
pub fn parse(drafts: &[SectionDraft]) -> Result<Vec<SectionInput>, FieldError> {
    let mut sections = Vec::new();
    let mut start_dates = 0;
    for draft in drafts.iter().filter(|s| !s.is_blank()) {
        let n = sections.len() + 1;
        let place = |part| Field::Form {
            section: n,
            question: None,
            part,
        };
        let title = text(place(FormPart::Title), &draft.title, TITLE_MAX, true)?;
        let description = text(
            place(FormPart::Description),
            &draft.description,
            TEXT_MAX,
            false,
        )?;
        let mut questions = Vec::new();
        for q in draft.questions.iter().filter(|q| !q.is_blank()) {
            let input = question(n, questions.len() + 1, q)?;
            if input.is_start_date {
                start_dates += 1;
                if start_dates > 1 {
                    return Err(FieldError::new(
                        Field::Form {
                            section: n,
                            question: Some(questions.len() + 1),
                            part: FormPart::StartDate,
                        },
                        Problem::TooMany { max: 1 },
                    ));
                }
            }
            questions.push(input);
        }
        if questions.is_empty() {
            return Err(FieldError::new(
                place(FormPart::Questions),
                Problem::Required,
            ));
        }
        sections.push(SectionInput {
            title,
            description,
            questions,
        });
    }
    if sections.is_empty() {
        return Err(FieldError::new(Input::Form, Problem::Required));
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: &str, label: &str) -> QuestionDraft {
        QuestionDraft {
            kind: kind.into(),
            label: label.into(),
            ..QuestionDraft::default()
        }
    }

    fn section(title: &str, questions: Vec<QuestionDraft>) -> SectionDraft {
        SectionDraft {
            title: title.into(),
            description: String::new(),
            questions,
        }
    }

    #[test]
    fn spare_rows_are_dropped_and_kinds_keep_only_their_settings() {
        let mut long = q("long_text", "Latar belakang");
        long.word_limit = "300".into();
        long.max_files = "3".into();
        let mut files = q("evidence", "Bukti dukung");
        files.word_limit = "50".into();
        let form = parse(&[
            section("Profil", vec![long, q("", ""), files]),
            section("", vec![q("short_text", "")]),
        ])
        .expect("valid");
        assert_eq!(form.len(), 1);
        let qs = &form[0].questions;
        assert_eq!(qs.len(), 2);
        assert_eq!((qs[0].word_limit, qs[0].max_files), (Some(300), None));
        assert_eq!((qs[1].word_limit, qs[1].max_files), (None, Some(5)));
    }

    #[test]
    fn errors_name_the_section_and_question() {
        let mut choice = q("single_choice", "Jenis inovasi");
        choice.options = "Digital\n".into();
        let e = parse(&[
            section("A", vec![q("short_text", "Nama")]),
            section("B", vec![choice]),
        ])
        .expect_err("one option");
        assert_eq!(e.field, "form.2.1.options");
        assert_eq!(e.problem, Problem::TooShort { min: 2 });

        let e = parse(&[section("", vec![q("short_text", "Nama")])]).expect_err("no title");
        assert_eq!(e.field, "form.1.title");
        let e = parse(&[section("A", vec![q("colour", "Warna")])]).expect_err("kind");
        assert_eq!(e.field, "form.1.1.kind");
        let mut n = q("number", "Jumlah");
        n.min_value = "10".into();
        n.max_value = "5".into();
        assert_eq!(
            parse(&[section("A", vec![n])]).expect_err("min>max").field,
            "form.1.1.max_value"
        );
        assert_eq!(parse(&[]).expect_err("empty").field, "form");
        assert_eq!(
            parse(&[section("A", vec![])])
                .expect_err("no questions")
                .field,
            "form.1.questions"
        );
    }

    #[test]
    fn a_question_goes_into_a_section_of_the_outline_or_none() {
        let mut a = q("long_text", "Masalah");
        a.kipp_section = "background".into();
        let b = q("short_text", "Nama");
        let form = parse(&[section("A", vec![a.clone(), b])]).expect("valid");
        assert_eq!(
            form[0].questions[0].kipp_section,
            Some(KippSection::Background)
        );
        assert_eq!(form[0].questions[1].kipp_section, None);
        // A tampered value names the question's own select.
        a.kipp_section = "latar_belakang".into();
        let e = parse(&[section("A", vec![a])]).expect_err("unknown section");
        assert_eq!(e.field, "form.1.1.kipp_section");
    }

    #[test]
    fn only_one_start_date() {
        let mut a = q("date", "Mulai");
        a.start_date = Some("on".into());
        let b = a.clone();
        let e = parse(&[section("A", vec![a.clone(), b])]).expect_err("two");
        assert_eq!(e.field, "form.1.2.start_date");
        let mut not_a_date = q("short_text", "Mulai");
        not_a_date.start_date = Some("on".into());
        let form = parse(&[section("A", vec![a, not_a_date])]).expect("valid");
        assert!(form[0].questions[0].is_start_date);
        assert!(!form[0].questions[1].is_start_date);
    }

    #[test]
    fn edits_move_and_remove_within_bounds() {
        let mut form = vec![
            section("A", vec![q("short_text", "1"), q("short_text", "2")]),
            section("B", vec![]),
        ];
        Edit::parse("question_down:0:0")
            .expect("edit")
            .apply(&mut form);
        assert_eq!(form[0].questions[0].label, "2");
        Edit::QuestionUp(0, 0).apply(&mut form); // already first: nothing
        assert_eq!(form[0].questions[0].label, "2");
        Edit::SectionDown(0).apply(&mut form);
        assert_eq!(form[0].title, "B");
        Edit::SectionDown(1).apply(&mut form); // already last
        Edit::parse("section_remove:0")
            .expect("edit")
            .apply(&mut form);
        assert_eq!(form.len(), 1);
        Edit::QuestionRemove(0, 9).apply(&mut form);
        assert_eq!(form[0].questions.len(), 2);
        assert_eq!(
            Edit::parse(&Edit::QuestionRemove(3, 4).value()),
            Some(Edit::QuestionRemove(3, 4))
        );
        assert_eq!(Edit::parse("question_up:1"), None);
        assert_eq!(Edit::parse("drop_table:1"), None);
    }
}
