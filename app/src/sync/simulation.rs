//! A model-based test of the whole protocol: two devices edit one record at random, saves and
//! answers get lost and retried, conflicts are settled at random, and a model server applies
//! the rules of `merge`. Whatever happens, the promise must hold: a retried save is stored once,
//! the server never takes a write that was not based on its current value, and once everyone
//! has synced, every device and the server agree on every field, and each field holds a value a
//! person chose.
//!
//! A second model covers records begun on the devices themselves (new proposals, often begun
//! offline from a kept page that carries no id): however they interleave, each stays its own
//! record on the server, holding only what was typed into it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::draft::{new_record_id, DraftRecord, Resolution};
use super::merge;
use crate::models::{Fields, SaveOutcome, SaveRequest};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Default)]
struct Server {
    version: i64,
    fields: Fields,
    field_version: BTreeMap<String, i64>,
    receipts: BTreeMap<String, SaveOutcome>,
    accepted_keys: Vec<String>,
    /// Every value ever written, per field.
    history: BTreeMap<String, Vec<Value>>,
}

impl Server {
    fn others(&self, req: &SaveRequest) -> Vec<(String, Value)> {
        self.field_version
            .iter()
            .filter(|(f, v)| **v > req.base_version && !req.changes.iter().any(|c| &c.field == *f))
            .map(|(f, _)| {
                (
                    f.clone(),
                    self.fields.get(f).cloned().unwrap_or(Value::Null),
                )
            })
            .collect()
    }

    fn save(&mut self, req: &SaveRequest) -> SaveOutcome {
        if let Some(done) = self.receipts.get(&req.key) {
            return done.clone();
        }
        let plan = merge::plan(&self.fields, &req.changes);
        if !plan.conflicts.is_empty() {
            let others = self.others(req);
            return SaveOutcome::Conflict {
                version: self.version,
                theirs: plan.conflicts,
                others,
            };
        }
        let mut written = BTreeSet::new();
        if !plan.writes.is_empty() {
            self.version += 1;
            for (field, value) in plan.writes {
                // The rule the whole design rests on: nobody's value is silently overwritten.
                let change = req.changes.iter().find(|c| c.field == field);
                let now = self.fields.get(&field).cloned().unwrap_or(Value::Null);
                assert_eq!(
                    change.map(|c| &c.base),
                    Some(&now),
                    "write not based on current value"
                );
                if value.is_null() {
                    self.fields.remove(&field);
                } else {
                    self.fields.insert(field.clone(), value.clone());
                }
                self.field_version.insert(field.clone(), self.version);
                self.history
                    .entry(field.clone())
                    .or_default()
                    .push(value.clone());
                written.insert(field);
            }
        }
        let others = self.others(req);
        let outcome = SaveOutcome::Saved {
            version: self.version,
            others,
        };
        self.accepted_keys.push(req.key.clone());
        self.receipts.insert(req.key.clone(), outcome.clone());
        outcome
    }
}

fn deliver(d: &mut DraftRecord, outcome: SaveOutcome) {
    match outcome {
        SaveOutcome::Saved { version, others } => d.on_saved(version, others),
        SaveOutcome::Conflict { theirs, others, .. } => d.on_conflict(theirs, others),
    }
}

const FIELDS: [&str; 4] = ["title", "q1", "q2", "q3"];

fn run(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut server = Server::default();
    let mut devices = [DraftRecord::default(), DraftRecord::default()];
    let mut key_counter = 0u64;
    // Every value any person ever chose (typed, kept or took), per field.
    let mut chosen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Each device's latest choice per field: what that person expects to end up saved.
    let mut last_choice: [BTreeMap<String, Value>; 2] = [BTreeMap::new(), BTreeMap::new()];

    for step in 0..120 {
        let d = rng.below(2) as usize;
        match rng.below(10) {
            0..=4 => {
                let field = FIELDS[rng.below(4) as usize];
                let text = format!("d{d}-s{step}");
                chosen.entry(field.into()).or_default().insert(text.clone());
                devices[d].edit(field, json!(text), step);
                last_choice[d].insert(field.into(), json!(text));
            }
            5..=7 => {
                let mut new_key = || {
                    key_counter += 1;
                    format!("key{key_counter}")
                };
                if let Some(req) = devices[d].next_request("r", |_, _| true, &mut new_key) {
                    let outcome = server.save(&req);
                    // The answer is lost 30% of the time; the device retries later.
                    if !rng.chance(30) {
                        deliver(&mut devices[d], outcome);
                    }
                }
            }
            _ => {
                let pending: Vec<String> = devices[d].conflicts.keys().cloned().collect();
                for field in pending {
                    let resolution = match rng.below(3) {
                        0 => Resolution::KeepMine,
                        1 => Resolution::TakeTheirs,
                        _ => {
                            let text = format!("d{d}-merged{step}");
                            chosen
                                .entry(field.clone())
                                .or_default()
                                .insert(text.clone());
                            Resolution::Edited(json!(text))
                        }
                    };
                    devices[d].resolve(&field, resolution, step);
                    last_choice[d].insert(field.clone(), devices[d].value(&field));
                }
            }
        }
    }

    // Everyone comes online for good: answers arrive, conflicts are settled (keeping their own
    // value), saves repeat until nothing is left to send.
    for _ in 0..50 {
        for device in &mut devices {
            let fields: Vec<String> = device.conflicts.keys().cloned().collect();
            for f in fields {
                device.resolve(&f, Resolution::KeepMine, 1000);
            }
            let mut new_key = || {
                key_counter += 1;
                format!("key{key_counter}")
            };
            if let Some(req) = device.next_request("r", |_, _| true, &mut new_key) {
                let outcome = server.save(&req);
                deliver(device, outcome);
            }
        }
    }
    for d in &devices {
        assert!(
            !d.is_dirty(),
            "seed {seed}: a device still has unsent changes: {d:?}"
        );
    }
    // Stored once: every accepted key exactly once.
    let distinct: BTreeSet<&String> = server.accepted_keys.iter().collect();
    assert_eq!(
        distinct.len(),
        server.accepted_keys.len(),
        "seed {seed}: a save was applied twice"
    );
    // Nothing typed is lost: each person's latest choice for a field reached the server at some
    // point (it may since have been replaced by someone who saw it, through a conflict).
    for (d, choices) in last_choice.iter().enumerate() {
        for (field, value) in choices {
            assert!(
                server.history.get(field).is_some_and(|h| h.contains(value)),
                "seed {seed}: device {d}'s {field} = {value} never reached the server"
            );
        }
    }
    // Every field on the server holds a value a person chose.
    for (field, value) in &server.fields {
        let text = value.as_str().unwrap_or_default();
        assert!(
            chosen.get(field).is_some_and(|c| c.contains(text)),
            "seed {seed}: {field} = {text} was never chosen by anyone"
        );
    }
    // After a reload (the page brings the server's copy), every device shows the server's values.
    for d in &mut devices {
        d.rebase(server.version + 1, &server.fields);
        for field in FIELDS {
            assert_eq!(
                d.value(field),
                server.fields.get(field).cloned().unwrap_or(Value::Null),
                "seed {seed}: {field} differs after sync"
            );
        }
    }
}

#[test]
fn two_devices_lossy_network_random_conflicts() {
    for seed in 1..=400 {
        run(seed);
    }
}

/// Two devices begin new records at random (offline or not, any number in a row), type into
/// them, and save over a lossy line; every record's id is minted by the device that begins it.
fn run_new_records(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut server: BTreeMap<String, Server> = BTreeMap::new();
    let mut devices: [Vec<(String, DraftRecord)>; 2] = [Vec::new(), Vec::new()];
    let mut key_counter = 0u64;
    let mut new_key = || {
        key_counter += 1;
        format!("key{key_counter}")
    };
    // What was typed into each record, per field, in order.
    let mut typed: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();

    for step in 0..80 {
        let d = rng.below(2) as usize;
        let records = devices[d].len() as u64;
        match rng.below(10) {
            0..=1 => devices[d].push((new_record_id(), DraftRecord::default())),
            2..=6 if records > 0 => {
                let (id, record) = &mut devices[d][rng.below(records) as usize];
                let field = FIELDS[rng.below(4) as usize];
                let text = json!(format!("{id}-s{step}"));
                record.edit(field, text.clone(), step);
                typed
                    .entry(id.clone())
                    .or_default()
                    .entry(field.into())
                    .or_default()
                    .push(text);
            }
            7..=9 if records > 0 => {
                let (id, record) = &mut devices[d][rng.below(records) as usize];
                if let Some(req) = record.next_request(id, |_, _| true, &mut new_key) {
                    let outcome = server.entry(id.clone()).or_default().save(&req);
                    if !rng.chance(30) {
                        deliver(record, outcome);
                    }
                }
            }
            _ => {}
        }
    }
    // Online for good: every record sends until nothing is left.
    for _ in 0..20 {
        for device in &mut devices {
            for (id, record) in device.iter_mut() {
                if let Some(req) = record.next_request(id, |_, _| true, &mut new_key) {
                    let outcome = server.entry(id.clone()).or_default().save(&req);
                    deliver(record, outcome);
                }
            }
        }
    }
    let begun: BTreeSet<&String> = devices.iter().flatten().map(|(id, _)| id).collect();
    assert_eq!(
        begun.len(),
        devices.iter().map(Vec::len).sum::<usize>(),
        "seed {seed}: two records begun with one id"
    );
    // One server record per record anything was typed into, holding its last typing only.
    assert_eq!(
        server.keys().collect::<BTreeSet<_>>(),
        typed.keys().collect::<BTreeSet<_>>(),
        "seed {seed}: records on the server"
    );
    for (id, fields) in &typed {
        for (field, values) in fields {
            assert_eq!(
                server[id].fields.get(field),
                values.last(),
                "seed {seed}: record {id}'s {field}"
            );
        }
    }
}

#[test]
fn records_begun_on_devices_stay_apart() {
    for seed in 1..=200 {
        run_new_records(seed);
    }
}
