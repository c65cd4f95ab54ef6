//! The server's decision for one save: per field, compare the server's current value with the
//! value the client started from.

use serde_json::Value;

use crate::models::{FieldChange, Fields};

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
    fn a_change_the_server_already_has_is_no_conflict() {
        let mut current = Fields::new();
        current.insert("q1".into(), json!("sama"));
        let p = plan(&current, &[change("q1", json!("lama"), json!("sama"))]);
        assert_eq!(p, MergePlan::default());
    }
}
