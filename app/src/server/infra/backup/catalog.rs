//! What tables the database holds, their columns and keys, read from the database itself (so a
//! table added by a later migration is backed up without anyone remembering to list it), in an
//! order in which they can be filled: every table after the tables it refers to.

use sqlx::AnyConnection;

use super::layout::NOT_KEPT;
use crate::server::infra::db::Backend;

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The primary key's columns (all columns when there is none): rows are written in this
    /// order, so that two backups of the same data are the same bytes.
    pub key: Vec<Column>,
    /// Tables this one refers to.
    refers_to: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

/// How a column's values are read and bound (what both databases' declared types come to).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Real,
    Text,
    Blob,
}

impl Kind {
    fn of_declared(declared: &str) -> Kind {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            Kind::Integer
        } else if t.contains("REAL")
            || t.contains("DOUB")
            || t.contains("FLOA")
            || t.contains("NUMERIC")
        {
            Kind::Real
        } else if t.contains("BLOB") || t.contains("BYTEA") {
            Kind::Blob
        } else {
            Kind::Text
        }
    }
}

/// An identifier quoted for both dialects.
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every kept table, in an order that restores.
pub async fn tables(conn: &mut AnyConnection, backend: Backend) -> Result<Vec<Table>, sqlx::Error> {
    let names: Vec<String> = match backend {
        Backend::Sqlite => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        ),
        Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             ORDER BY table_name",
        ),
    }
    .fetch_all(&mut *conn)
    .await?;
    // In byte order whatever the database's collation, so both databases list alike.
    let mut names = names;
    names.sort();
    let mut tables = Vec::new();
    for name in names
        .into_iter()
        .filter(|n| !NOT_KEPT.contains(&n.as_str()))
    {
        tables.push(describe(conn, backend, name).await?);
    }
    Ok(in_filling_order(tables))
}

async fn describe(
    conn: &mut AnyConnection,
    backend: Backend,
    name: String,
) -> Result<Table, sqlx::Error> {
    let (columns_sql, refers_sql) = match backend {
        Backend::Sqlite => (
            "SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid",
            "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)",
        ),
        Backend::Postgres => (
            "SELECT c.column_name::text AS name, c.data_type::text AS type,
                    COALESCE((SELECT k.ordinal_position::bigint
                              FROM information_schema.table_constraints t
                              JOIN information_schema.key_column_usage k
                                ON k.constraint_name = t.constraint_name
                               AND k.table_schema = t.table_schema
                               AND k.table_name = t.table_name
                              WHERE t.constraint_type = 'PRIMARY KEY'
                                AND t.table_schema = c.table_schema
                                AND t.table_name = c.table_name
                                AND k.column_name = c.column_name), 0) AS pk
             FROM information_schema.columns c
             WHERE c.table_schema = current_schema() AND c.table_name = $1
             ORDER BY c.ordinal_position",
            "SELECT DISTINCT r.relname::text FROM pg_constraint f
             JOIN pg_class r ON r.oid = f.confrelid
             WHERE f.contype = 'f' AND f.conrelid = to_regclass($1)",
        ),
    };
    let rows: Vec<(String, String, i64)> = sqlx::query_as(columns_sql)
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
    let mut columns = Vec::new();
    let mut keyed = Vec::new();
    for (column, declared, pk) in rows {
        if pk > 0 {
            keyed.push((pk, column.clone()));
        }
        columns.push(Column {
            name: column,
            kind: Kind::of_declared(&declared),
        });
    }
    keyed.sort();
    let key = if keyed.is_empty() {
        columns.clone()
    } else {
        keyed
            .into_iter()
            .filter_map(|(_, name)| columns.iter().find(|c| c.name == name).cloned())
            .collect()
    };
    let refers_to: Vec<String> = sqlx::query_scalar(refers_sql)
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Table {
        name,
        columns,
        key,
        refers_to,
    })
}

/// Tables sorted so that each comes after those it refers to (by name among equals, so the
/// order is stable). A table that refers to itself is filled in key order.
fn in_filling_order(mut pending: Vec<Table>) -> Vec<Table> {
    let mut ordered: Vec<Table> = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let ready = pending.iter().position(|t| {
            t.refers_to.iter().all(|r| {
                r == &t.name
                    || ordered.iter().any(|o| &o.name == r)
                    || !pending.iter().any(|p| &p.name == r)
            })
        });
        // A cycle between tables (none in this schema) is filled in name order.
        let next = pending.remove(ready.unwrap_or(0));
        ordered.push(next);
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, refers_to: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![],
            key: vec![],
            refers_to: refers_to.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_table_comes_after_those_it_refers_to() {
        let order: Vec<String> = in_filling_order(vec![
            table("agencies", &[]),
            table("proposals", &["users", "agencies"]),
            table("scores", &["proposals", "scores"]),
            table("users", &["agencies"]),
        ])
        .into_iter()
        .map(|t| t.name)
        .collect();
        assert_eq!(order, ["agencies", "users", "proposals", "scores"]);
    }

    #[test]
    fn declared_types_come_to_four_kinds() {
        assert_eq!(Kind::of_declared("BIGINT"), Kind::Integer);
        assert_eq!(Kind::of_declared("integer"), Kind::Integer);
        assert_eq!(Kind::of_declared("double precision"), Kind::Real);
        assert_eq!(Kind::of_declared("REAL"), Kind::Real);
        assert_eq!(Kind::of_declared("TEXT"), Kind::Text);
        assert_eq!(Kind::of_declared("bytea"), Kind::Blob);
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }
}
