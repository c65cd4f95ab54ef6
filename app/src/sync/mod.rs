//! Offline drafts and their sync, as pure logic shared by browser and server (docs/sync.md).
//! `merge` is the server's per-field compare-and-set; `draft` is the device's copy of a record
//! with its base, local edits, the save in flight and unresolved conflicts.

pub mod draft;
pub mod merge;

#[cfg(test)]
mod simulation;
