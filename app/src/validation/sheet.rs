//! The rules of a score sheet. The sheet island runs them as a judge scores; the server runs them
//! again on every save and when the sheet is handed in.

use serde_json::Value;

use crate::error::{Field, FieldError, Problem};
use crate::models::{
    comment_field, score_field, CriterionInfo, Fields, OVERALL_FIELD, SUBMITTED_FIELD,
};

/// A comment on one criterion.
pub const COMMENT_MAX_CHARS: u32 = 2_000;
/// The overall comment.
pub const OVERALL_MAX_CHARS: u32 = 5_000;

/// A free-text field of an offline record: none, or a string within `max` characters.
pub(crate) fn text(value: &Value, max: u32) -> Result<(), Problem> {
    match value {
        Value::Null => Ok(()),
        Value::String(s) if s.chars().count() as u32 > max => Err(Problem::TooLong { max }),
        Value::String(_) => Ok(()),
        _ => Err(Problem::NotAllowed),
    }
}

/// What a sheet may hold in one field: a whole score on the criterion's scale (or none yet), a
/// comment within its length, `submitted` only as `true`. Unknown fields are refused.
pub fn check_sheet_field(
    criteria: &[CriterionInfo],
    field: &str,
    value: &Value,
) -> Result<(), FieldError> {
    let fail = |problem| Err(FieldError::new(Field::entry(field), problem));
    if field == OVERALL_FIELD {
        return text(value, OVERALL_MAX_CHARS).or_else(fail);
    }
    if field == SUBMITTED_FIELD {
        return match value {
            Value::Bool(true) => Ok(()),
            _ => fail(Problem::NotAllowed),
        };
    }
    for c in criteria {
        if field == score_field(c.id) {
            return match value {
                Value::Null => Ok(()),
                v => match v.as_i64() {
                    Some(n) if (c.scale_min..=c.scale_max).contains(&n) => Ok(()),
                    Some(_) => fail(Problem::OutOfRange {
                        min: Some(c.scale_min),
                        max: Some(c.scale_max),
                    }),
                    None => fail(Problem::NotANumber),
                },
            };
        }
        if field == comment_field(c.id) {
            return text(value, COMMENT_MAX_CHARS).or_else(fail);
        }
    }
    fail(Problem::NotAllowed)
}

/// The score given on a criterion, if any.
pub fn score_of(fields: &Fields, criterion: &CriterionInfo) -> Option<i64> {
    fields
        .get(&score_field(criterion.id))
        .and_then(Value::as_i64)
}

/// The criteria still without a score (a sheet is handed in only with all of them).
pub fn missing_scores(criteria: &[CriterionInfo], fields: &Fields) -> Vec<FieldError> {
    criteria
        .iter()
        .filter(|c| score_of(fields, c).is_none())
        .map(|c| FieldError::new(Field::entry(score_field(c.id)), Problem::Required))
        .collect()
}

/// The sheet's weighted total on 0–100: each counted criterion contributes its weight times the
/// share of the scale its score reaches ((score − min) / (max − min)), over the weights of the
/// criteria scored so far. None until something is scored. (The ranking averages judges per
/// criterion first; this is one judge's running view of the same formula.)
pub fn weighted_total(criteria: &[CriterionInfo], fields: &Fields) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for c in criteria.iter().filter(|c| c.counts_toward_ranking) {
        let Some(score) = score_of(fields, c) else {
            continue;
        };
        let span = (c.scale_max - c.scale_min) as f64;
        let share = if span > 0.0 {
            (score - c.scale_min) as f64 / span
        } else {
            1.0
        };
        sum += c.weight as f64 * share;
        weights += c.weight as f64;
    }
    (weights > 0.0).then(|| 100.0 * sum / weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn criterion(id: i64, weight: i64, counts: bool) -> CriterionInfo {
        CriterionInfo {
            id,
            code: format!("k{id}"),
            name: format!("Kriteria {id}"),
            description: String::new(),
            weight,
            scale_min: 1,
            scale_max: 10,
            counts_toward_ranking: counts,
            levels: Vec::new(),
        }
    }

    #[test]
    fn scores_must_be_whole_and_on_the_scale() {
        let cs = [criterion(1, 100, true)];
        assert!(check_sheet_field(&cs, "s1", &json!(10)).is_ok());
        assert!(check_sheet_field(&cs, "s1", &Value::Null).is_ok());
        let e = check_sheet_field(&cs, "s1", &json!(11)).expect_err("above the scale");
        assert_eq!(
            e.problem,
            Problem::OutOfRange {
                min: Some(1),
                max: Some(10)
            }
        );
        assert!(check_sheet_field(&cs, "s1", &json!(0)).is_err());
        assert!(check_sheet_field(&cs, "s1", &json!(7.5)).is_err());
        assert!(check_sheet_field(&cs, "s1", &json!("7")).is_err());
        assert!(
            check_sheet_field(&cs, "s2", &json!(5)).is_err(),
            "unknown criterion"
        );
        assert!(check_sheet_field(&cs, "submitted", &json!(false)).is_err());
        assert!(check_sheet_field(&cs, "c1", &json!("x".repeat(2_001))).is_err());
    }

    #[test]
    fn the_total_weighs_the_counted_criteria() {
        // Hand computed: (40 × 9/9 + 60 × 0/9) / 100 × 100 = 40.
        let cs = [
            criterion(1, 40, true),
            criterion(2, 60, true),
            criterion(3, 0, false),
        ];
        let mut f = Fields::new();
        assert_eq!(weighted_total(&cs, &f), None);
        f.insert("s1".into(), json!(10));
        assert_eq!(weighted_total(&cs, &f), Some(100.0));
        f.insert("s2".into(), json!(1));
        f.insert("s3".into(), json!(10));
        let total = weighted_total(&cs, &f).expect("total");
        assert!((total - 40.0).abs() < 1e-9, "{total}");
        assert_eq!(missing_scores(&cs, &f), Vec::new());
        f.remove("s3");
        assert_eq!(
            missing_scores(&cs, &f).len(),
            1,
            "every criterion is required"
        );
    }
}
