//! The rules of a visit report. The checklist island runs them as the visitor writes; the server
//! runs them again on every save and when the report is handed in.

use serde_json::Value;

use crate::error::{Field, FieldError, Problem};
use crate::models::{
    claim_status_field, ClaimFinding, Fields, SUBMITTED_FIELD, VISITED_ON_FIELD, VISITORS_FIELD,
    VISIT_NOTES_FIELD,
};
use crate::validation::dates::parse_date;
use crate::validation::sheet::text;

/// What was seen of one claim.
pub const SEEN_MAX_CHARS: u32 = 2_000;
/// Who went.
pub const VISITORS_MAX_CHARS: u32 = 500;
/// Notes on the whole visit.
pub const NOTES_MAX_CHARS: u32 = 5_000;
/// The longest checklist a round may have.
pub const MAX_CLAIMS: usize = 40;
/// One claim's wording.
pub const CLAIM_MAX_CHARS: u32 = 300;

/// The claim a `k<n>` or `w<n>` field is about, when `n` is one of the `claims` claims.
fn claim_no(field: &str, prefix: char, claims: usize) -> Option<usize> {
    let n: usize = field.strip_prefix(prefix)?.parse().ok()?;
    // `k01` is not `k1`: only the spelling the island writes is a field.
    (field == format!("{prefix}{n}") && (1..=claims).contains(&n)).then_some(n)
}

/// What a report may hold in one field: a date of the visit, texts within their lengths, one of
/// the findings for each claim, `submitted` only as `true`. Unknown fields are refused.
pub fn check_visit_field(claims: usize, field: &str, value: &Value) -> Result<(), FieldError> {
    let fail = |problem| Err(FieldError::new(Field::entry(field), problem));
    match field {
        VISITED_ON_FIELD => match value {
            Value::Null => Ok(()),
            Value::String(s) if parse_date(s).is_some() => Ok(()),
            _ => fail(Problem::NotADate),
        },
        VISITORS_FIELD => text(value, VISITORS_MAX_CHARS).or_else(fail),
        VISIT_NOTES_FIELD => text(value, NOTES_MAX_CHARS).or_else(fail),
        SUBMITTED_FIELD => match value {
            Value::Bool(true) => Ok(()),
            _ => fail(Problem::NotAllowed),
        },
        _ if claim_no(field, 'k', claims).is_some() => match value {
            Value::Null => Ok(()),
            Value::String(s) if ClaimFinding::parse(s).is_some() => Ok(()),
            _ => fail(Problem::NotAllowed),
        },
        _ if claim_no(field, 'w', claims).is_some() => text(value, SEEN_MAX_CHARS).or_else(fail),
        _ => fail(Problem::NotAllowed),
    }
}

/// What a report still lacks before it can be handed in: the day of the visit and a finding for
/// every claim.
pub fn missing_findings(claims: usize, fields: &Fields) -> Vec<FieldError> {
    let absent = |f: &str| fields.get(f).is_none_or(Value::is_null);
    std::iter::once(VISITED_ON_FIELD.to_string())
        .chain((1..=claims).map(claim_status_field))
        .filter(|f| absent(f))
        .map(|f| FieldError::new(Field::entry(f), Problem::Required))
        .collect()
}

/// How many fields a report has (the most one save may carry).
pub fn field_count(claims: usize) -> usize {
    4 + 2 * claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_holds_only_its_own_fields_within_their_rules() {
        assert!(check_visit_field(2, "visited_on", &json!("2026-12-07")).is_ok());
        assert!(check_visit_field(2, "visited_on", &json!("7 Des")).is_err());
        assert!(check_visit_field(2, "k2", &json!("partly")).is_ok());
        assert!(check_visit_field(2, "k2", &json!("maybe")).is_err());
        assert!(check_visit_field(2, "k3", &json!("confirmed")).is_err());
        assert!(check_visit_field(2, "k0", &json!("confirmed")).is_err());
        assert!(check_visit_field(2, "k01", &json!("confirmed")).is_err());
        assert!(check_visit_field(2, "w1", &json!("Loket antrean dipakai")).is_ok());
        let long = "a".repeat(SEEN_MAX_CHARS as usize + 1);
        assert!(check_visit_field(2, "w1", &json!(long)).is_err());
        assert!(check_visit_field(2, "submitted", &json!(false)).is_err());
        assert!(check_visit_field(2, "s1", &json!(3)).is_err());
    }

    #[test]
    fn hand_in_needs_the_day_and_every_finding() {
        let mut fields = Fields::new();
        fields.insert("k1".into(), json!("confirmed"));
        let missing: Vec<String> = missing_findings(2, &fields)
            .into_iter()
            .map(|e| e.field.to_string())
            .collect();
        assert_eq!(missing, ["visited_on", "k2"]);
        fields.insert("visited_on".into(), json!("2026-12-07"));
        fields.insert("k2".into(), json!("not_seen"));
        assert!(missing_findings(2, &fields).is_empty());
    }
}
