//! Writing a backup while the server runs: every table read inside one transaction that sees a
//! single moment (SQLite's WAL snapshot; Postgres's repeatable read), then the files those
//! rows name, then the manifest.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use futures_util::TryStreamExt;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{Row, ValueRef};

use super::catalog::{self, quoted, Kind, Table};
use super::layout::{
    file_path, manifest_path, table_file, BackupError, Manifest, Summary, TableEntry, FILE_COLUMNS,
    FORMAT,
};
use crate::server::infra::db::{now_ms, Backend, Db};
use crate::server::infra::files::{sha256_hex, FileStore};

/// Writes a backup of the database and its files into `dir`, which must be new or empty.
pub async fn backup(db: &Db, files: &FileStore, dir: &Path) -> Result<Summary, BackupError> {
    empty_directory(dir)?;
    std::fs::create_dir_all(dir.join("tables")).map_err(|e| BackupError::io(dir, e))?;
    std::fs::create_dir_all(dir.join("files")).map_err(|e| BackupError::io(dir, e))?;

    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        // Every read below sees the database as it was at the first one.
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let tables = catalog::tables(&mut tx, db.backend).await?;
    if tables.is_empty() {
        return Err(BackupError::Refused(
            "this database holds no Inovasi tables; is DATABASE_URL the server's?".into(),
        ));
    }
    let schema_version: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
            .fetch_one(&mut *tx)
            .await?;
    let mut entries = Vec::with_capacity(tables.len());
    for table in &tables {
        entries.push(write_table(&mut tx, db.backend, table, &table_file(dir, &table.name)).await?);
    }
    let mut contents: Vec<String> = Vec::new();
    for (table, column) in FILE_COLUMNS {
        let sql = format!(
            "SELECT DISTINCT {c} FROM {t} WHERE {c} IS NOT NULL",
            c = quoted(column),
            t = quoted(table)
        );
        contents.extend(
            sqlx::query_scalar::<_, String>(&sql)
                .fetch_all(&mut *tx)
                .await?,
        );
    }
    tx.rollback().await?;
    contents.sort();
    contents.dedup();

    // Contents never change once stored (they are named by their hash), so reading them after
    // the tables' moment still gives what those rows meant.
    let mut file_bytes = 0u64;
    for sha in &contents {
        let bytes = files.get(sha).await.map_err(|e| {
            BackupError::Files(format!(
                "the file {sha}, named in the database, cannot be read: {e}"
            ))
        })?;
        if sha256_hex(&bytes) != *sha {
            return Err(BackupError::Files(format!(
                "the file {sha} in the store does not hold what it was stored with"
            )));
        }
        write_file(&file_path(dir, sha), &bytes)?;
        file_bytes += bytes.len() as u64;
    }

    let manifest = Manifest {
        format: FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        made_at_ms: now_ms(),
        backend: match db.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
        .to_string(),
        schema_version,
        tables: entries,
        files: contents.len() as u64,
        file_bytes,
    };
    let summary = Summary {
        tables: manifest.tables.len(),
        rows: manifest.tables.iter().map(|t| t.rows).sum(),
        files: manifest.files,
        file_bytes,
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| BackupError::Refused(format!("manifest: {e}")))?;
    // Written under another name and renamed: a manifest is there whole or not at all.
    let unfinished = dir.join("manifest.json.part");
    write_file(&unfinished, &json)?;
    std::fs::rename(&unfinished, manifest_path(dir)).map_err(|e| BackupError::io(dir, e))?;
    Ok(summary)
}

fn empty_directory(dir: &Path) -> Result<(), BackupError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::Refused(format!(
                    "{} is not empty; give a new directory for each backup (for example one named by the date)",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(BackupError::io(dir, e)),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    let mut file = File::create(path).map_err(|e| BackupError::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| BackupError::io(path, e))
}

/// Counts the SHA-256 of what passes through on its way to the file.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One table as gzip-compressed JSON lines: the column names, then one array per row.
async fn write_table(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    table: &Table,
    path: &Path,
) -> Result<TableEntry, BackupError> {
    let io = |e| BackupError::io(path, e);
    let file = File::create(path).map_err(io)?;
    let hashing = Hashing {
        inner: BufWriter::new(file),
        hash: Sha256::new(),
    };
    let mut out = GzEncoder::new(hashing, flate2::Compression::default());
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let header = serde_json::json!({ "columns": names });
    writeln!(out, "{header}").map_err(io)?;

    // Text keys in byte order on Postgres too (its default collation sorts by language), so a
    // table backed up from either database comes out in the same order.
    let order: Vec<String> = table
        .key
        .iter()
        .map(|c| match (backend, c.kind) {
            (Backend::Postgres, Kind::Text) => format!("{} COLLATE \"C\"", quoted(&c.name)),
            _ => quoted(&c.name),
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        names
            .iter()
            .map(|n| quoted(n))
            .collect::<Vec<_>>()
            .join(", "),
        quoted(&table.name),
        order.join(", ")
    );
    let mut rows = sqlx::query(&sql).fetch(&mut *conn);
    let mut count = 0u64;
    while let Some(row) = rows.try_next().await? {
        let mut values = Vec::with_capacity(names.len());
        for (i, column) in names.iter().enumerate() {
            values.push(
                value_of(&row, i)
                    .map_err(|e| BackupError::Refused(format!("{}.{column}: {e}", table.name)))?,
            );
        }
        serde_json::to_writer(&mut out, &Value::Array(values))
            .map_err(|e| io(std::io::Error::other(e)))?;
        out.write_all(b"\n").map_err(io)?;
        count += 1;
    }
    drop(rows);
    let mut hashing = out.finish().map_err(io)?;
    hashing.flush().map_err(io)?;
    let file = hashing.inner.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    Ok(TableEntry {
        name: table.name.clone(),
        rows: count,
        sha256: hex::encode(hashing.hash.finalize()),
    })
}

/// A value as JSON, by what the database holds (a number, text, bytes as `{"hex": …}`).
fn value_of(row: &sqlx::any::AnyRow, i: usize) -> Result<Value, String> {
    use sqlx::any::AnyTypeInfoKind as K;
    let raw = row.try_get_raw(i).map_err(|e| e.to_string())?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().kind();
    let err = |e: sqlx::Error| e.to_string();
    Ok(match kind {
        K::Null => Value::Null,
        K::Bool => Value::from(i64::from(row.try_get::<bool, _>(i).map_err(err)?)),
        K::SmallInt | K::Integer | K::BigInt => Value::from(row.try_get::<i64, _>(i).map_err(err)?),
        K::Real | K::Double => {
            let f = row.try_get::<f64, _>(i).map_err(err)?;
            serde_json::Number::from_f64(f)
                .map(Value::Number)
                .ok_or_else(|| format!("{f} cannot be written"))?
        }
        K::Text => Value::from(row.try_get::<String, _>(i).map_err(err)?),
        K::Blob => {
            serde_json::json!({ "hex": hex::encode(row.try_get::<Vec<u8>, _>(i).map_err(err)?) })
        }
    })
}
