//! The draft sync protocol on the wire (docs/sync.md).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One changed field: the value the client started from (`base`, `null` when it was empty) and
/// the value it wants now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub base: Value,
    pub value: Value,
}

/// A save of a proposal draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveRequest {
    pub proposal_id: String,
    /// The server version the client's base copy was taken at (0: never synced).
    pub base_version: i64,
    pub changes: Vec<FieldChange>,
    /// Made by the client per save and kept until answered: a retried save is stored once.
    pub key: String,
}

/// What the server answers to a save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaveOutcome {
    /// Every change was taken. `others`: fields other people changed since `base_version`, with
    /// their current values, so the client can bring its copy up to date.
    Saved {
        version: i64,
        others: Vec<(String, Value)>,
    },
    /// Nothing was written: these fields were changed by someone else since the client's base;
    /// `theirs` holds the server's current values. A person must choose. `others` are the fields
    /// changed elsewhere that this save did not touch, as for `Saved`, so they merge at once.
    Conflict {
        version: i64,
        theirs: Vec<(String, Value)>,
        others: Vec<(String, Value)>,
    },
}
