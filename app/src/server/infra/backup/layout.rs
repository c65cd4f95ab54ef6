//! What a backup directory holds and how its parts are named: the manifest, one file per table,
//! the attachments by hash; and what a backup leaves out.

use serde::{Deserialize, Serialize};

/// Raised when the layout of a backup directory changes.
pub const FORMAT: u32 = 1;

/// Tables not kept: who is signed in at this moment and the sign-in throttle's counts are about
/// the moment (a restored server starts with everyone signed out), and the migrations' own
/// ledger is rebuilt by migrating.
pub const NOT_KEPT: &[&str] = &["sessions", "login_failures", "_sqlx_migrations"];

/// The columns that name a content in the file store (`files.rs`): the files a backup must
/// carry beside the tables. A test checks that every column holding a SHA-256 is listed.
pub const FILE_COLUMNS: &[(&str, &str)] = &[
    ("attachments", "sha256"),
    ("attachments", "judge_sha256"),
    ("regency_identity", "crest_sha256"),
    ("presentation_slides", "sha256"),
    ("visit_photos", "sha256"),
];

/// `manifest.json`, written last: a directory without it is an unfinished backup.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    /// The version of Inovasi that wrote it.
    pub app_version: String,
    pub made_at_ms: i64,
    /// `sqlite` or `postgres`: where it came from (it restores into either).
    pub backend: String,
    /// The newest migration applied to the database it came from.
    pub schema_version: i64,
    /// In an order that restores (a table after those it refers to).
    pub tables: Vec<TableEntry>,
    pub files: u64,
    pub file_bytes: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TableEntry {
    pub name: String,
    pub rows: u64,
    /// Of the table's file as written, checked before anything is restored.
    pub sha256: String,
}

/// What a backup or a restore did, for the command's last line.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub tables: usize,
    pub rows: u64,
    pub files: u64,
    pub file_bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} tables ({} rows) and {} files ({:.1} MB)",
            self.tables,
            self.rows,
            self.files,
            self.file_bytes as f64 / 1_000_000.0
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Refused, with what the person should know or do.
    #[error("{0}")]
    Refused(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("file store: {0}")]
    Files(String),
}

impl BackupError {
    pub(super) fn io(path: &std::path::Path, source: std::io::Error) -> BackupError {
        BackupError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Where a table's rows are written inside the backup.
pub(super) fn table_file(dir: &std::path::Path, table: &str) -> std::path::PathBuf {
    dir.join("tables").join(format!("{table}.jsonl.gz"))
}

pub(super) fn file_path(dir: &std::path::Path, sha256: &str) -> std::path::PathBuf {
    dir.join("files").join(sha256)
}

pub(super) fn manifest_path(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("manifest.json")
}
