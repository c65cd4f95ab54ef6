//! The rules of a year's criteria: a name, a whole weight 0–100 with all weights totalling 100,
//! a scale with its lowest below its highest (within 0–100), and rubric bands (`from-to: text`)
//! that lie on the scale and do not overlap. Errors name the row (`Field::Criterion`).

use crate::error::{CriterionPart, Field, FieldError, Input, Problem};
use crate::models::{CriterionDraft, RubricLevel};

/// A criterion that passed every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCriterion {
    pub code: String,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    pub counts: bool,
    pub levels: Vec<RubricLevel>,
}

/// Row `i` (counted from 0) as the page counts it.
fn field(i: usize, part: CriterionPart) -> Field {
    Field::Criterion { row: i + 1, part }
}

fn number(raw: &str, f: Field, min: i64, max: i64) -> Result<i64, FieldError> {
    let n: i64 = raw
        .trim()
        .parse()
        .map_err(|_| FieldError::new(f.clone(), Problem::NotANumber))?;
    if !(min..=max).contains(&n) {
        return Err(FieldError::new(
            f,
            Problem::OutOfRange {
                min: Some(min),
                max: Some(max),
            },
        ));
    }
    Ok(n)
}

/// A code for a name: lower-case letters and digits joined by `_`.
pub fn code_of(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn rubric(raw: &str, f: &Field, min: i64, max: i64) -> Result<Vec<RubricLevel>, FieldError> {
    let mut levels: Vec<RubricLevel> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bad = || FieldError::new(f.clone(), Problem::NotAllowed);
        let (range, text) = line.split_once(':').ok_or_else(bad)?;
        let (a, b) = match range.split_once(['-', '–']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (range.trim(), range.trim()),
        };
        let from: i64 = a.parse().map_err(|_| bad())?;
        let to: i64 = b.parse().map_err(|_| bad())?;
        if from > to || from < min || to > max {
            return Err(FieldError::new(
                f.clone(),
                Problem::OutOfRange {
                    min: Some(min),
                    max: Some(max),
                },
            ));
        }
        if levels.iter().any(|l| from <= l.to && l.from <= to) {
            return Err(FieldError::new(f.clone(), Problem::OverlapsPrevious));
        }
        if text.trim().is_empty() {
            return Err(FieldError::new(f.clone(), Problem::Required));
        }
        levels.push(RubricLevel {
            from,
            to,
            descriptor: text.trim().chars().take(500).collect(),
        });
    }
    levels.sort_by_key(|l| l.from);
    Ok(levels)
}

/// An error about row `n` of the rows checked, renamed for the row it was in the form
/// (`positions[n - 1]`, counted from 0), when empty rows were left out before checking.
pub fn renumber(error: crate::error::AppError, positions: &[usize]) -> crate::error::AppError {
    use crate::error::AppError;
    let AppError::Invalid(fe) = error else {
        return error;
    };
    let Field::Criterion { row, part } = fe.field else {
        return AppError::Invalid(fe);
    };
    match positions.get(row.wrapping_sub(1)) {
        Some(at) => AppError::Invalid(FieldError::new(field(*at, part), fe.problem)),
        None => AppError::Invalid(fe),
    }
}

/// Every rule over the whole set; the first broken one names its row and field.
pub fn parse(drafts: &[CriterionDraft]) -> Result<Vec<NewCriterion>, FieldError> {
    if drafts.is_empty() {
        return Err(FieldError::new(Input::Criteria, Problem::Required));
    }
    if drafts.len() > 20 {
        return Err(FieldError::new(
            Input::Criteria,
            Problem::TooMany { max: 20 },
        ));
    }
    let mut out: Vec<NewCriterion> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let name = d.name.trim();
        if name.is_empty() {
            return Err(FieldError::new(
                field(i, CriterionPart::Name),
                Problem::Required,
            ));
        }
        if name.chars().count() > 120 {
            return Err(FieldError::new(
                field(i, CriterionPart::Name),
                Problem::TooLong { max: 120 },
            ));
        }
        let weight = number(&d.weight, field(i, CriterionPart::Weight), 0, 100)?;
        let scale_min = number(&d.scale_min, field(i, CriterionPart::ScaleMin), 0, 99)?;
        let scale_max = number(
            &d.scale_max,
            field(i, CriterionPart::ScaleMax),
            scale_min + 1,
            100,
        )?;
        let mut code = code_of(name);
        if code.is_empty() {
            code = format!("k{}", i + 1);
        }
        if out.iter().any(|c| c.code == code) {
            return Err(FieldError::new(
                field(i, CriterionPart::Name),
                Problem::NotAllowed,
            ));
        }
        out.push(NewCriterion {
            code,
            name: name.to_string(),
            description: d.description.trim().chars().take(2_000).collect(),
            weight,
            scale_min,
            scale_max,
            counts: d
                .counts
                .as_deref()
                .is_some_and(|v| v == "on" || v == "true"),
            levels: rubric(
                &d.rubric,
                &field(i, CriterionPart::Rubric),
                scale_min,
                scale_max,
            )?,
        });
    }
    let total: i64 = out.iter().map(|c| c.weight).sum();
    if total != 100 {
        return Err(FieldError::new(
            Input::Weights,
            Problem::WeightsTotal {
                total: total as u32,
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CriteriaPreset;

    fn draft(name: &str, weight: &str) -> CriterionDraft {
        CriterionDraft {
            name: name.into(),
            weight: weight.into(),
            scale_min: "1".into(),
            scale_max: "10".into(),
            counts: Some("on".into()),
            ..CriterionDraft::default()
        }
    }

    #[test]
    fn an_error_names_the_row_where_the_form_showed_it() {
        use crate::error::AppError;
        // Form rows 1 and 3 were filled, row 2 left empty: the second checked row is row 3.
        let weight = |row| Field::Criterion {
            row,
            part: CriterionPart::Weight,
        };
        let error = AppError::Invalid(FieldError::new(weight(2), Problem::NotANumber));
        assert_eq!(
            renumber(error, &[0, 2]),
            AppError::Invalid(FieldError::new(weight(3), Problem::NotANumber))
        );
        let total = AppError::Invalid(FieldError::new(
            Input::Weights,
            Problem::WeightsTotal { total: 105 },
        ));
        assert_eq!(renumber(total.clone(), &[0, 2]), total);
    }

    #[test]
    fn both_presets_pass_and_total_100() {
        for preset in [CriteriaPreset::Regency, CriteriaPreset::Kipp2023] {
            let parsed = parse(&preset.criteria()).expect("preset");
            assert_eq!(parsed.iter().map(|c| c.weight).sum::<i64>(), 100);
        }
        let kipp: Vec<i64> = parse(&CriteriaPreset::Kipp2023.criteria())
            .expect("kipp")
            .iter()
            .map(|c| c.weight)
            .collect();
        assert_eq!(kipp, vec![10, 15, 5, 30, 20, 5, 15]);
        let regency = parse(&CriteriaPreset::Regency.criteria()).expect("regency");
        assert_eq!(regency[0].levels.len(), 4);
        assert_eq!(regency[0].code, "kebaruan");
    }

    #[test]
    fn weights_must_total_100() {
        let e = parse(&[draft("A", "60"), draft("B", "30")]).expect_err("90");
        assert_eq!(e.field, "weights");
        assert_eq!(e.problem, Problem::WeightsTotal { total: 90 });
        assert!(parse(&[draft("A", "60"), draft("B", "40")]).is_ok());
        let e = parse(&[draft("A", "enam puluh"), draft("B", "40")]).expect_err("nan");
        assert_eq!(e.field, "criteria.1.weight");
    }

    #[test]
    fn scales_and_rubrics_are_checked() {
        let mut d = draft("A", "100");
        d.scale_min = "10".into();
        d.scale_max = "5".into();
        assert_eq!(
            parse(&[d.clone()]).expect_err("scale").field,
            "criteria.1.scale_max"
        );
        d.scale_min = "1".into();
        d.scale_max = "10".into();
        d.rubric = "1-3: rendah\n3-6: sedang".into();
        assert_eq!(
            parse(&[d.clone()]).expect_err("overlap").problem,
            Problem::OverlapsPrevious
        );
        d.rubric = "1-3: rendah\n8-12: tinggi".into();
        assert!(matches!(
            parse(&[d.clone()]).expect_err("off scale").problem,
            Problem::OutOfRange { .. }
        ));
        d.rubric = "tinggi sekali".into();
        assert_eq!(
            parse(&[d.clone()]).expect_err("form").field,
            "criteria.1.rubric"
        );
        d.rubric = "9–10: luar biasa\n1-3: rendah".into();
        let ok = parse(&[d]).expect("en dash and any order");
        assert_eq!(ok[0].levels[0].from, 1);
        assert_eq!(
            code_of("Dapat ditransfer / direplikasi"),
            "dapat_ditransfer_direplikasi"
        );
    }
}
