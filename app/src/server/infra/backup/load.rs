//! Bringing a backup back: checked whole before anything is written, then the files, then every
//! table in one transaction (all of it or nothing), into a database that holds no data yet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use bytes::Bytes;
use flate2::read::GzDecoder;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::catalog::{self, quoted, Column, Kind};
use super::layout::{
    file_path, manifest_path, table_file, BackupError, Manifest, Summary, FORMAT, NOT_KEPT,
};
use crate::server::infra::db::{Backend, Db};
use crate::server::infra::files::{sha256_hex, FileStore};

/// Parameters per INSERT, under both databases' limits (SQLite 32,766; Postgres 65,535).
const PARAMETERS_PER_STATEMENT: usize = 30_000;

/// Restores the backup in `dir` into `db` (which must hold no data) and `files`, then brings
/// the schema up to date.
pub async fn restore(db: &Db, files: &FileStore, dir: &Path) -> Result<Summary, BackupError> {
    let manifest = read_manifest(dir)?;
    check_table_files(dir, &manifest)?;
    let contents = check_files(dir)?;
    if !db.knows_migration(manifest.schema_version) {
        return Err(BackupError::Refused(format!(
            "this backup was made by a newer version of Inovasi ({}, schema {}); restore it with that version or a later one",
            manifest.app_version, manifest.schema_version
        )));
    }
    refuse_unless_empty(db, manifest.schema_version).await?;
    db.migrate_to(manifest.schema_version)
        .await
        .map_err(|e| BackupError::Refused(format!("preparing the database: {e}")))?;

    // Files first: they are named by their content, so storing one twice or without its row
    // does no harm, while a row without its file would.
    let mut file_bytes = 0u64;
    for sha in &contents {
        let path = file_path(dir, sha);
        let bytes = std::fs::read(&path).map_err(|e| BackupError::io(&path, e))?;
        file_bytes += bytes.len() as u64;
        files
            .put(Bytes::from(bytes))
            .await
            .map_err(|e| BackupError::Files(format!("storing {sha}: {e}")))?;
    }

    let mut tx = db
        .begin_write()
        .await
        .map_err(|e| BackupError::Refused(e.to_string()))?;
    if db.backend == Backend::Sqlite {
        // The whole restore is one transaction; with SQLite's default 2 MB page cache its index
        // pages spill to the log and are read back over and over (117 s for the national bench
        // year). This connection is the restore's own.
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(&mut *tx)
            .await?;
    }
    let target: HashMap<String, Vec<Column>> = catalog::tables(&mut tx, db.backend)
        .await?
        .into_iter()
        .map(|t| (t.name, t.columns))
        .collect();
    let mut rows = 0u64;
    for entry in &manifest.tables {
        let columns = target.get(&entry.name).ok_or_else(|| {
            BackupError::Refused(format!(
                "the backup has a table {} that this database does not",
                entry.name
            ))
        })?;
        rows += load_table(&mut tx, db.backend, dir, &entry.name, columns).await?;
    }
    if db.backend == Backend::Postgres {
        continue_identities(&mut tx).await?;
    }
    tx.commit().await?;
    db.migrate()
        .await
        .map_err(|e| BackupError::Refused(format!("bringing the schema up to date: {e}")))?;
    Ok(Summary {
        tables: manifest.tables.len(),
        rows,
        files: contents.len() as u64,
        file_bytes,
    })
}

fn read_manifest(dir: &Path) -> Result<Manifest, BackupError> {
    let path = manifest_path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BackupError::Refused(format!(
                "{} holds no manifest.json: it is not a backup, or one that did not finish",
                dir.display()
            )))
        }
        Err(e) => return Err(BackupError::io(&path, e)),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| BackupError::Refused(format!("{}: {e}", path.display())))?;
    if manifest.format != FORMAT {
        return Err(BackupError::Refused(format!(
            "this backup is in format {}, this version of Inovasi reads format {FORMAT}",
            manifest.format
        )));
    }
    Ok(manifest)
}

/// Every table file holds what the manifest says it held when written.
fn check_table_files(dir: &Path, manifest: &Manifest) -> Result<(), BackupError> {
    for entry in &manifest.tables {
        let path = table_file(dir, &entry.name);
        let mut file = std::fs::File::open(&path).map_err(|e| BackupError::io(&path, e))?;
        let mut hash = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = file.read(&mut buf).map_err(|e| BackupError::io(&path, e))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
        }
        if hex::encode(hash.finalize()) != entry.sha256 {
            return Err(BackupError::Refused(format!(
                "{} has changed since the backup was made (its checksum differs); nothing was restored",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The files of the backup, each checked against the hash it is named by.
fn check_files(dir: &Path) -> Result<Vec<String>, BackupError> {
    let folder = dir.join("files");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&folder).map_err(|e| BackupError::io(&folder, e))? {
        let entry = entry.map_err(|e| BackupError::io(&folder, e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let bytes = std::fs::read(entry.path()).map_err(|e| BackupError::io(&entry.path(), e))?;
        if sha256_hex(&bytes) != name {
            return Err(BackupError::Refused(format!(
                "{} does not hold what it was backed up with; nothing was restored",
                entry.path().display()
            )));
        }
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// A restore goes only into a database without data, and not one a newer Inovasi has set up.
async fn refuse_unless_empty(db: &Db, backup_version: i64) -> Result<(), BackupError> {
    let mut conn = db.pool.acquire().await?;
    let tables = catalog::tables(&mut conn, db.backend).await?;
    if tables.is_empty() {
        return Ok(());
    }
    let applied: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await?;
    if applied > backup_version {
        return Err(BackupError::Refused(format!(
            "this database was set up by a newer version of Inovasi (schema {applied}, the backup has {backup_version}); restore into a new, empty database"
        )));
    }
    for table in tables {
        if NOT_KEPT.contains(&table.name.as_str()) {
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {}", quoted(&table.name));
        let rows: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *conn).await?;
        if rows > 0 {
            return Err(BackupError::Refused(format!(
                "the database already holds data ({} has {rows} rows); restore into a new, empty database",
                table.name
            )));
        }
    }
    Ok(())
}

async fn load_table(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    dir: &Path,
    table: &str,
    target: &[Column],
) -> Result<u64, BackupError> {
    let path = table_file(dir, table);
    let file = std::fs::File::open(&path).map_err(|e| BackupError::io(&path, e))?;
    let mut lines = BufReader::new(GzDecoder::new(file)).lines();
    let broken = |what: String| BackupError::Refused(format!("{}: {what}", path.display()));
    let header = lines
        .next()
        .ok_or_else(|| broken("empty".into()))?
        .map_err(|e| BackupError::io(&path, e))?;
    let header: Value = serde_json::from_str(&header).map_err(|e| broken(e.to_string()))?;
    let names: Vec<String> = header
        .get("columns")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .ok_or_else(|| broken("no column names".into()))?;
    let columns: Vec<Column> = names
        .iter()
        .map(|n| {
            target
                .iter()
                .find(|c| &c.name == n)
                .cloned()
                .ok_or_else(|| {
                    BackupError::Refused(format!(
                        "the backup has a column {table}.{n} that this database does not"
                    ))
                })
        })
        .collect::<Result<_, _>>()?;
    if columns.is_empty() {
        return Ok(0);
    }
    let per_statement = (PARAMETERS_PER_STATEMENT / columns.len()).clamp(1, 1000);
    let mut batch: Vec<Vec<Value>> = Vec::with_capacity(per_statement);
    let mut count = 0u64;
    for (n, line) in lines.enumerate() {
        let line = line.map_err(|e| BackupError::io(&path, e))?;
        let values: Vec<Value> =
            serde_json::from_str(&line).map_err(|e| broken(format!("row {}: {e}", n + 1)))?;
        if values.len() != columns.len() {
            return Err(broken(format!("row {} has {} values", n + 1, values.len())));
        }
        batch.push(values);
        if batch.len() == per_statement {
            count += insert(conn, backend, table, &columns, &batch).await?;
            batch.clear();
        }
    }
    if !batch.is_empty() {
        count += insert(conn, backend, table, &columns, &batch).await?;
    }
    Ok(count)
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    table: &str,
    columns: &[Column],
    rows: &[Vec<Value>],
) -> Result<u64, BackupError> {
    let width = columns.len();
    // SQLite reads `$N` as a named parameter and looks each name up among those before it, so
    // thousands of them cost quadratic time per statement (117 s against 20 s on Postgres for
    // the national bench year); `?` is plain positional there.
    let positional = backend == Backend::Sqlite;
    let tuples: Vec<String> = (0..rows.len())
        .map(|r| {
            let params: Vec<String> = (1..=width)
                .map(|c| {
                    if positional {
                        "?".to_string()
                    } else {
                        format!("${}", r * width + c)
                    }
                })
                .collect();
            format!("({})", params.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES {}",
        quoted(table),
        columns
            .iter()
            .map(|c| quoted(&c.name))
            .collect::<Vec<_>>()
            .join(", "),
        tuples.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for row in rows {
        for (column, value) in columns.iter().zip(row) {
            query = bind(query, column, value)
                .map_err(|e| BackupError::Refused(format!("{table}.{}: {e}", column.name)))?;
        }
    }
    Ok(query.execute(&mut *conn).await?.rows_affected())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a value as the target column takes it; a NULL is bound with the column's own type,
/// which Postgres requires.
fn bind<'q>(query: AnyQuery<'q>, column: &Column, value: &Value) -> Result<AnyQuery<'q>, String> {
    let wrong = || format!("{value} is not a {:?} value", column.kind);
    Ok(match (column.kind, value) {
        (Kind::Integer, Value::Null) => query.bind(None::<i64>),
        (Kind::Integer, v) => query.bind(v.as_i64().ok_or_else(wrong)?),
        (Kind::Real, Value::Null) => query.bind(None::<f64>),
        (Kind::Real, v) => query.bind(v.as_f64().ok_or_else(wrong)?),
        (Kind::Text, Value::Null) => query.bind(None::<String>),
        (Kind::Text, Value::String(s)) => query.bind(s.clone()),
        (Kind::Text, _) => return Err(wrong()),
        (Kind::Blob, Value::Null) => query.bind(None::<Vec<u8>>),
        (Kind::Blob, v) => {
            let hex = v.get("hex").and_then(Value::as_str).ok_or_else(wrong)?;
            query.bind(hex::decode(hex).map_err(|e| e.to_string())?)
        }
    })
}

/// Postgres hands out identity numbers from a sequence that restored rows did not advance: each
/// continues after the largest number restored.
async fn continue_identities(conn: &mut sqlx::AnyConnection) -> Result<(), BackupError> {
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (table, column) in identities {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2),
                           COALESCE((SELECT MAX({c}) FROM {t}), 0) + 1, false)",
            c = quoted(&column),
            t = quoted(&table)
        );
        sqlx::query(&sql)
            .bind(&table)
            .bind(&column)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
