//! A device's copy of one draft record (a proposal or, later, a score sheet).
//!
//! `base` is what the server had at `base_version`; `local` is what the person sees. Keeping the
//! base is what makes a three-way merge possible without the server keeping history. A save in
//! flight is `pending` and keeps its idempotency key until answered, so a retry (after a lost
//! response, a reload, a restart) is the same save and is stored once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::models::{FieldChange, Fields, SaveRequest};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub key: String,
    pub changes: Vec<FieldChange>,
}

/// How a person settles one conflicting field.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
    /// A new text, written with both versions in view.
    Edited(Value),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftRecord {
    pub base_version: i64,
    pub base: Fields,
    pub local: Fields,
    #[serde(default)]
    pub pending: Option<Pending>,
    /// Fields someone else changed too: field → their value. Not sent until resolved.
    #[serde(default)]
    pub conflicts: BTreeMap<String, Value>,
    /// When the person last changed something (ms since epoch).
    #[serde(default)]
    pub updated_at: i64,
}

/// The id of a record begun on this device (a new proposal): a random uuid v4, minted where the
/// work begins, so that records begun offline, on any device and from any kept page, never share
/// one. (In the browser the randomness comes from `crypto.getRandomValues`.)
pub fn new_record_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn get(fields: &Fields, field: &str) -> Value {
    fields.get(field).cloned().unwrap_or(Value::Null)
}

fn set(fields: &mut Fields, field: &str, value: Value) {
    if value.is_null() {
        fields.remove(field);
    } else {
        fields.insert(field.to_string(), value);
    }
}

impl DraftRecord {
    /// A record that starts from the server's copy.
    pub fn from_server(version: i64, fields: Fields) -> DraftRecord {
        DraftRecord {
            base_version: version,
            base: fields.clone(),
            local: fields,
            ..DraftRecord::default()
        }
    }

    pub fn value(&self, field: &str) -> Value {
        get(&self.local, field)
    }

    /// A person changed a field.
    pub fn edit(&mut self, field: &str, value: Value, now: i64) {
        set(&mut self.local, field, value);
        self.updated_at = now;
    }

    /// Fields whose local value differs from the base, in field order.
    pub fn changed_fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self
            .local
            .keys()
            .chain(self.base.keys())
            .filter(|f| get(&self.local, f) != get(&self.base, f))
            .cloned()
            .collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// Something on this device has not reached the server yet.
    pub fn is_dirty(&self) -> bool {
        self.pending.is_some() || !self.changed_fields().is_empty()
    }

    /// The next save to send, if any: the pending one again (same key), or a new one with every
    /// changed field that is neither in conflict nor refused by `sendable` (a value over its limit
    /// stays on the device, shown with its error, until it is fixed).
    pub fn next_request(
        &mut self,
        record_id: &str,
        sendable: impl Fn(&str, &Value) -> bool,
        new_key: impl FnOnce() -> String,
    ) -> Option<SaveRequest> {
        if self.pending.is_none() {
            let changes: Vec<FieldChange> = self
                .changed_fields()
                .into_iter()
                .filter(|f| !self.conflicts.contains_key(f))
                .filter(|f| sendable(f, &get(&self.local, f)))
                .map(|f| FieldChange {
                    base: get(&self.base, &f),
                    value: get(&self.local, &f),
                    field: f,
                })
                .collect();
            if changes.is_empty() {
                return None;
            }
            self.pending = Some(Pending {
                key: new_key(),
                changes,
            });
        }
        let pending = self.pending.as_ref()?;
        Some(SaveRequest {
            proposal_id: record_id.to_string(),
            base_version: self.base_version,
            changes: pending.changes.clone(),
            key: pending.key.clone(),
        })
    }

    /// The server took the pending save. Its values become the base; what others changed
    /// meanwhile comes in too, except where this person has edited the field since (their edit
    /// then meets the new base at the next save, as a conflict if it must).
    pub fn on_saved(&mut self, version: i64, others: Vec<(String, Value)>) {
        if let Some(p) = self.pending.take() {
            for c in p.changes {
                set(&mut self.base, &c.field, c.value);
            }
        }
        self.take_others(others);
        self.base_version = self.base_version.max(version);
    }

    /// The server refused the pending save because these fields changed on both sides. Nothing
    /// was written; the other changes of that save go out again with the next one. Fields that
    /// changed elsewhere only come in at once (the base version stays: the next `Saved` repeats
    /// them, harmlessly).
    pub fn on_conflict(&mut self, theirs: Vec<(String, Value)>, others: Vec<(String, Value)>) {
        self.pending = None;
        for (field, value) in theirs {
            self.conflicts.insert(field, value);
        }
        self.take_others(others);
    }

    fn take_others(&mut self, others: Vec<(String, Value)>) {
        for (field, value) in others {
            if self.conflicts.contains_key(&field) {
                continue;
            }
            let untouched = get(&self.local, &field) == get(&self.base, &field);
            if untouched {
                set(&mut self.local, &field, value.clone());
            }
            set(&mut self.base, &field, value);
        }
    }

    /// The save was refused for good (deadline, submitted, no permission): drop the pending save
    /// but keep every local value, so nothing typed is lost.
    pub fn on_refused(&mut self) {
        self.pending = None;
    }

    /// A person settled one conflict. Their value is now based on the server's, so the next save
    /// writes it unless the field changes again meanwhile.
    pub fn resolve(&mut self, field: &str, resolution: Resolution, now: i64) {
        let Some(theirs) = self.conflicts.remove(field) else {
            return;
        };
        set(&mut self.base, field, theirs.clone());
        match resolution {
            Resolution::KeepMine => {}
            Resolution::TakeTheirs => set(&mut self.local, field, theirs),
            Resolution::Edited(v) => set(&mut self.local, field, v),
        }
        self.updated_at = now;
    }

    /// The page brought a newer server copy than this device's base (someone saved elsewhere
    /// while this device was away). Fields this person has not touched follow the server; edited
    /// ones keep the edit and meet the server's value at the next save.
    pub fn rebase(&mut self, version: i64, server: &Fields) {
        if version <= self.base_version || self.pending.is_some() {
            return;
        }
        let fields: Vec<String> = server.keys().chain(self.base.keys()).cloned().collect();
        for field in fields {
            if get(&self.local, &field) == get(&self.base, &field) {
                set(&mut self.local, &field, get(server, &field));
                set(&mut self.base, &field, get(server, &field));
            }
        }
        self.base_version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::merge;
    use serde_json::json;

    fn keys() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("k{n}")
        }
    }

    #[test]
    fn edits_go_out_once_and_come_back_as_base() {
        let mut d = DraftRecord::from_server(0, Fields::new());
        d.edit("title", json!("Posyandu"), 1);
        let mut next = keys();
        let req = d
            .next_request("p1", |_, _| true, &mut next)
            .expect("a save");
        assert_eq!(req.key, "k1");
        assert_eq!(req.changes[0].base, Value::Null);
        // A retry before the answer is the same save, with the same key.
        let again = d
            .next_request("p1", |_, _| true, &mut next)
            .expect("the same save");
        assert_eq!(again, req);
        d.edit("title", json!("Posyandu Digital"), 2);
        d.on_saved(1, vec![("q1".into(), json!("dari rekan"))]);
        assert_eq!(d.base_version, 1);
        assert_eq!(d.value("q1"), json!("dari rekan"));
        // The edit made while the save was in flight is still to be sent.
        let req = d
            .next_request("p1", |_, _| true, &mut next)
            .expect("the newer title");
        assert_eq!(req.key, "k2");
        assert_eq!(req.changes[0].base, json!("Posyandu"));
        assert_eq!(req.changes[0].value, json!("Posyandu Digital"));
    }

    #[test]
    fn values_that_break_a_rule_stay_on_the_device() {
        let mut d = DraftRecord::from_server(3, Fields::new());
        d.edit("q1", json!("terlalu panjang"), 1);
        assert!(d
            .next_request("p", |_, v| v != &json!("terlalu panjang"), || "k".into())
            .is_none());
        assert!(d.is_dirty());
        assert_eq!(d.value("q1"), json!("terlalu panjang"));
    }

    #[test]
    fn conflicts_keep_both_and_wait_for_a_person() {
        let mut server = Fields::new();
        server.insert("q1".into(), json!("asli"));
        let mut a = DraftRecord::from_server(1, server.clone());
        a.edit("q1", json!("versi A"), 1);
        a.edit("q2", json!("hanya A"), 1);
        // Someone else already changed q1 on the server.
        server.insert("q1".into(), json!("versi B"));
        let req = a
            .next_request("p", |_, _| true, || "k".into())
            .expect("save");
        let plan = merge::plan(&server, &req.changes);
        assert_eq!(plan.conflicts, vec![("q1".into(), json!("versi B"))]);
        a.on_conflict(plan.conflicts, vec![("q3".into(), json!("dari rekan"))]);
        assert_eq!(
            a.value("q3"),
            json!("dari rekan"),
            "one-sided changes merge at once"
        );
        assert_eq!(a.value("q1"), json!("versi A"), "mine is kept");
        assert_eq!(
            a.conflicts.get("q1"),
            Some(&json!("versi B")),
            "theirs is kept"
        );
        // The other field goes out without waiting for the conflict.
        let req = a
            .next_request("p", |_, _| true, || "k2".into())
            .expect("save");
        assert_eq!(req.changes.len(), 1);
        assert_eq!(req.changes[0].field, "q2");
        a.on_saved(2, vec![]);
        a.resolve("q1", Resolution::Edited(json!("A dan B")), 5);
        let req = a
            .next_request("p", |_, _| true, || "k3".into())
            .expect("save");
        assert_eq!(req.changes[0].base, json!("versi B"));
        assert!(merge::plan(&server, &req.changes).conflicts.is_empty());
    }

    #[test]
    fn a_newer_server_copy_fills_untouched_fields_only() {
        let mut d = DraftRecord::from_server(1, Fields::new());
        d.edit("q1", json!("ketikan saya"), 1);
        let mut server = Fields::new();
        server.insert("q1".into(), json!("dari server"));
        server.insert("q2".into(), json!("baru"));
        d.rebase(4, &server);
        assert_eq!(d.value("q1"), json!("ketikan saya"));
        assert_eq!(d.value("q2"), json!("baru"));
        assert_eq!(d.base_version, 4);
    }

    #[test]
    fn records_survive_local_storage() {
        let mut d = DraftRecord::from_server(2, Fields::new());
        d.edit("q1", json!(["1", "2"]), 9);
        let _ = d.next_request("p", |_, _| true, || "k".into());
        let s = serde_json::to_string(&d).expect("json");
        assert_eq!(serde_json::from_str::<DraftRecord>(&s).expect("back"), d);
    }
}
