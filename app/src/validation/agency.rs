//! An agency as the admin types it or as one row of an imported CSV gives it.

use crate::error::Input;
use crate::error::{FieldError, Problem};
use crate::models::{AgencyDraft, AgencyInput, AgencyKind};

pub const NAME_MAX: u32 = 150;
pub const SHORT_NAME_MAX: u32 = 40;

/// The kind as written in the form or in a spreadsheet: the stored word, or the words people
/// use for it ("Perangkat Daerah", "OPD", "Puskesmas", "Sekolah"), in any case.
pub fn parse_kind(input: &str) -> Option<AgencyKind> {
    let s = input.trim().to_lowercase().replace(['-', '_'], " ");
    match s.as_str() {
        "perangkat daerah" | "opd" | "dinas" | "badan" | "kecamatan" | "government agency" => {
            Some(AgencyKind::PerangkatDaerah)
        }
        "kesehatan" | "puskesmas" | "rsud" | "health" => Some(AgencyKind::Kesehatan),
        "pendidikan" | "sekolah" | "education" | "school" => Some(AgencyKind::Pendidikan),
        _ => None,
    }
}

fn bounded(
    field: Input,
    input: &str,
    max: u32,
    required: bool,
) -> Result<Option<String>, FieldError> {
    let s = super::text(field, input, max, required)?;
    Ok((!s.is_empty()).then_some(s))
}

/// Every problem of one draft, field by field (a CSV row reports all of them at once).
pub fn check_agency(draft: &AgencyDraft) -> Result<AgencyInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = bounded(Input::Name, &draft.name, NAME_MAX, true)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let short_name = bounded(Input::ShortName, &draft.short_name, SHORT_NAME_MAX, false)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let head_name = bounded(
        Input::HeadName,
        &draft.head_name,
        crate::validation::PersonName::MAX_LEN,
        false,
    )
    .map_err(|e| errors.push(e))
    .ok()
    .flatten();
    let kind = if draft.kind.trim().is_empty() {
        errors.push(FieldError::new(Input::Kind, Problem::Required));
        None
    } else {
        let kind = parse_kind(&draft.kind);
        if kind.is_none() {
            errors.push(FieldError::new(Input::Kind, Problem::NotAllowed));
        }
        kind
    };
    match (name, kind) {
        (Some(name), Some(kind)) if errors.is_empty() => Ok(AgencyInput {
            name,
            short_name,
            kind,
            head_name,
        }),
        _ => Err(errors),
    }
}

/// The same check for the one-agency form: the first problem, as one error.
pub fn parse_agency(draft: &AgencyDraft) -> Result<AgencyInput, FieldError> {
    check_agency(draft).map_err(|mut e| e.remove(0))
}

/// Names compare without case or extra spaces: "Dinas  Kesehatan" and "dinas kesehatan" are
/// the same agency.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, kind: &str) -> AgencyDraft {
        AgencyDraft {
            name: name.into(),
            kind: kind.into(),
            ..AgencyDraft::default()
        }
    }

    #[test]
    fn kinds_are_read_the_way_people_write_them() {
        assert_eq!(
            parse_kind("Perangkat Daerah"),
            Some(AgencyKind::PerangkatDaerah)
        );
        assert_eq!(
            parse_kind("perangkat_daerah"),
            Some(AgencyKind::PerangkatDaerah)
        );
        assert_eq!(parse_kind(" PUSKESMAS "), Some(AgencyKind::Kesehatan));
        assert_eq!(parse_kind("Sekolah"), Some(AgencyKind::Pendidikan));
        assert_eq!(parse_kind("koperasi"), None);
    }

    #[test]
    fn every_problem_of_a_row_is_reported() {
        let errors = check_agency(&AgencyDraft {
            name: " ".into(),
            short_name: "x".repeat(41),
            kind: "koperasi".into(),
            head_name: String::new(),
        })
        .expect_err("broken");
        let fields: Vec<String> = errors.iter().map(|e| e.field.to_string()).collect();
        assert_eq!(fields, ["name", "short_name", "kind"]);
    }

    #[test]
    fn a_good_row_is_trimmed() {
        let a = check_agency(&draft("  Dinas Sosial ", "OPD")).expect("valid");
        assert_eq!(a.name, "Dinas Sosial");
        assert_eq!(a.short_name, None);
        assert_eq!(a.kind, AgencyKind::PerangkatDaerah);
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(name_key("Dinas  Kesehatan "), name_key("dinas kesehatan"));
    }
}
