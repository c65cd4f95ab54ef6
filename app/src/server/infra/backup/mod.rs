//! `inovasi backup DIR` and `inovasi restore DIR`: everything a regency would need to start
//! again after losing its server — every table and every evidence file — in a plain directory
//! that can be copied anywhere, checked, and brought back into an empty database (docs/backup.md).
//!
//! The tables are written in a format of our own rather than by `sqlite3 .backup` or
//! `pg_dump`: one reader for both databases, no tools beside the `inovasi` binary (a regency's
//! IT officer may have no `pg_dump` of the right version, and restoring a `pg_dump` file
//! needs the owner's roles), and a backup of one database restores into the other.

pub mod catalog;
mod dump;
mod layout;
mod load;

pub use dump::backup;
pub use layout::{BackupError, Manifest, Summary, TableEntry, FILE_COLUMNS, FORMAT, NOT_KEPT};
pub use load::restore;
