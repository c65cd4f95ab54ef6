//! The server's decision for one save: per field, compare the server's current value with the
//! value the client started from.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::models::{FieldChange, Fields};

/// One field of a record as the server stores it, with the record version that last wrote it.
/// A cleared field keeps its version (value null), so others learn that it changed.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredField {
    pub field: String,
    pub value: Value,
    pub version: i64,
}

/// The record's current values: the stored fields that hold one.
pub fn current(stored: &[StoredField]) -> Fields {
    stored
        .iter()
        .filter(|s| !s.value.is_null())
        .map(|s| (s.field.clone(), s.value.clone()))
        .collect()
}

/// What others wrote after the client's `base_version` that this save does not carry: sent
/// back with the answer (null for a cleared field), so the client catches up.
pub fn others(
    stored: &[StoredField],
    base_version: i64,
    changes: &[FieldChange],
) -> Vec<(String, Value)> {
    let sent: BTreeSet<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    stored
        .iter()
        .filter(|s| s.version > base_version && !sent.contains(s.field.as_str()))
        .map(|s| (s.field.clone(), s.value.clone()))
        .collect()
}

/// What a save will do.
#[derive(Debug, Default, PartialEq)]
pub struct MergePlan {
    /// Fields to write, with their new values.
    pub writes: Vec<(String, Value)>,
    /// Fields someone else changed meanwhile, with the server's current value. When this is not
    /// empty the save writes nothing.
    pub conflicts: Vec<(String, Value)>,
}

/// For each change: server value equal to the client's base → take the new value; already equal
/// to the new value → nothing to do; anything else → a conflict a person must resolve. So two
/// people editing different fields merge by themselves, and two edits of one field are never
/// resolved by the machine.
pub fn plan(current: &Fields, changes: &[FieldChange]) -> MergePlan {
    let mut plan = MergePlan::default();
    for change in changes {
        let now = current.get(&change.field).cloned().unwrap_or(Value::Null);
        if now == change.value {
            continue;
        }
        if now == change.base {
            plan.writes
                .push((change.field.clone(), change.value.clone()));
        } else {
            plan.conflicts.push((change.field.clone(), now));
        }
    }
    plan
}

impl MergePlan {
    /// The record's values once the plan's writes are made (a null write clears the field).
    pub fn applied(&self, current: &Fields) -> Fields {
        let mut merged = current.clone();
        for (field, value) in &self.writes {
            if value.is_null() {
                merged.remove(field);
            } else {
                merged.insert(field.clone(), value.clone());
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(field: &str, base: Value, value: Value) -> FieldChange {
        FieldChange {
            field: field.into(),
            base,
            value,
        }
    }

    #[test]
    fn one_sided_changes_merge_and_two_sided_ones_conflict() {
        let mut current = Fields::new();
        current.insert("title".into(), json!("Judul lama"));
        current.insert("q1".into(), json!("diubah orang lain"));
        let p = plan(
            &current,
            &[
                change("title", json!("Judul lama"), json!("Judul baru")),
                change("q2", Value::Null, json!("jawaban baru")),
                change("q1", json!("asli"), json!("versi saya")),
            ],
        );
        assert_eq!(
            p.writes,
            vec![
                ("title".to_string(), json!("Judul baru")),
                ("q2".to_string(), json!("jawaban baru"))
            ]
        );
        assert_eq!(
            p.conflicts,
            vec![("q1".to_string(), json!("diubah orang lain"))]
        );
    }

    #[test]
    fn the_answer_carries_what_others_wrote_since_the_base_and_cleared_fields_go() {
        let stored = |field: &str, value: Value, version: i64| StoredField {
            field: field.into(),
            value,
            version,
        };
        let record = [
            stored("k1", json!("confirmed"), 1),
            stored("w1", json!("dilihat orang lain"), 3),
            stored("notes", Value::Null, 4),
            stored("k2", json!("partly"), 4),
        ];
        let current = current(&record);
        assert_eq!(current.len(), 3, "a cleared field holds no value");
        let changes = [change("k2", json!("partly"), json!("not_seen"))];
        // Since version 2: the text and the clearing by others, not the field this save sends.
        assert_eq!(
            others(&record, 2, &changes),
            vec![
                ("w1".to_string(), json!("dilihat orang lain")),
                ("notes".to_string(), Value::Null)
            ]
        );
        let p = plan(
            &current,
            &[
                changes[0].clone(),
                change("w1", json!("dilihat orang lain"), Value::Null),
            ],
        );
        let merged = p.applied(&current);
        assert_eq!(merged.get("k2"), Some(&json!("not_seen")));
        assert_eq!(merged.get("w1"), None, "a null write clears");
        assert_eq!(merged.get("k1"), Some(&json!("confirmed")));
    }

    #[test]
    fn a_change_the_server_already_has_is_no_conflict() {
        let mut current = Fields::new();
        current.insert("q1".into(), json!("sama"));
        let p = plan(&current, &[change("q1", json!("lama"), json!("sama"))]);
        assert_eq!(p, MergePlan::default());
    }
}
