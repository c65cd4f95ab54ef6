//! The database: one pool over SQLite or Postgres, chosen by `DATABASE_URL`.
//!
//! Queries are written once, in portable SQL with `$1, $2, …` placeholders, and run through
//! sqlx's `Any` driver. What differs between the dialects lives in the two migration folders and
//! in the few helpers here (see docs/database.md): booleans are stored as 0/1 integers and times
//! as milliseconds since the epoch, because `Any` can read neither SQLite's BOOLEAN nor
//! Postgres's TIMESTAMPTZ.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Transaction};

use crate::error::AppError;

/// Which database engine the pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Where the pool connects: the room board's Postgres listener opens a connection of its
    /// own there (presentation/hub.rs).
    pub url: std::sync::Arc<str>,
}

/// The address without its password: a pool printed in a log must not give it away.
impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .field("url", &redact(&self.url))
            .finish()
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Opens a pool. A SQLite file (and its directory) is created when missing.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend: Backend = url
            .parse()
            .map_err(|m: String| sqlx::Error::Configuration(m.into()))?;
        let url = if backend == Backend::Sqlite {
            prepare_sqlite_file(url)?
        } else {
            url.to_string()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .after_release(|conn, _meta| Box::pin(still_usable(conn)))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    match backend {
                        Backend::Sqlite => sqlite_pragmas(conn).await,
                        Backend::Postgres => postgres_settings(conn).await,
                    }
                })
            })
            .connect(&url)
            .await?;
        Ok(Db {
            pool,
            backend,
            url: url.into(),
        })
    }

    /// Brings the schema up to date. Safe to run at every start and from several servers at once
    /// (Postgres takes an advisory lock).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Whether this build carries the migration `version`.
    pub fn knows_migration(&self, version: i64) -> bool {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.version_exists(version),
            Backend::Postgres => POSTGRES_MIGRATIONS.version_exists(version),
        }
    }

    /// Applies the migrations up to `version` and no further: a restore fills the tables as
    /// they were when the backup was made, and the later migrations then run over the data as
    /// they would have on that server (`backup::restore`).
    pub async fn migrate_to(&self, version: i64) -> Result<(), sqlx::migrate::MigrateError> {
        let all = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        if !all.version_exists(version) {
            return Err(sqlx::migrate::MigrateError::VersionMissing(version));
        }
        let upto = MigrationsUpTo(
            all.iter()
                .filter(|m| m.version <= version)
                .cloned()
                .collect(),
        );
        sqlx::migrate::Migrator::new(upto)
            .await?
            .run(&self.pool)
            .await
    }

    /// Whether the newest migration built into this binary has been applied (`/readyz`).
    pub async fn schema_is_current(&self) -> Result<bool, sqlx::Error> {
        let newest = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0);
        let applied: Option<i64> =
            match sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await
            {
                Ok(applied) => applied,
                // The database answered, without the migrations' table: nothing migrated yet.
                Err(sqlx::Error::Database(_)) => None,
                Err(e) => return Err(e),
            };
        Ok(applied == Some(newest))
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and then writes fails with
    /// SQLITE_BUSY when another writer got in between, instead of waiting its turn.
    ///
    /// The start runs in a task of its own, to the end. sqlx's SQLite driver awaits once more
    /// after a custom `BEGIN` has run; a request dropped at that moment (the browser went
    /// offline, the tab closed) left a begun transaction with nobody to end it, and the
    /// connection went back to the pool holding the write lock: every later write waited and
    /// failed with "database is locked" until the server restarted. Run to the end, a
    /// transaction nobody takes any more is dropped, and dropping rolls it back.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, AppError> {
        let pool = self.pool.clone();
        let backend = self.backend;
        let begun = tokio::spawn(async move {
            match backend {
                Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
                Backend::Postgres => pool.begin().await,
            }
        })
        .await
        .map_err(internal)?;
        begun.map_err(internal)
    }
}

/// Some of the migrations built into the binary, for `Migrator::new`.
#[derive(Debug)]
struct MigrationsUpTo(Vec<sqlx::migrate::Migration>);

type MigrationsFuture<'s> = std::pin::Pin<
    Box<
        dyn std::future::Future<
                Output = Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>,
            > + Send
            + 's,
    >,
>;

impl<'s> sqlx::migrate::MigrationSource<'s> for MigrationsUpTo {
    fn resolve(self) -> MigrationsFuture<'s> {
        Box::pin(async move { Ok(self.0) })
    }
}

/// WAL lets readers work while one writer writes; foreign keys and a busy timeout are on by
/// default in sqlx's SQLite driver. (A named function: an inline closure trips the compiler's
/// higher-ranked lifetime inference on `Executor`.)
async fn sqlite_pragmas(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    conn.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        .await?;
    Ok(())
}

/// Whether a connection handed back to the pool may serve the next request: not while it is
/// still inside a transaction. A transaction that was dropped is rolled back by the driver a
/// moment later, so one ping lets that happen first; a connection still in one after it (a
/// transaction begun with nobody left to end it) is closed, which ends the transaction and
/// frees SQLite's write lock, instead of lending it, lock and all, to every later request.
/// (A named function for the same reason as `sqlite_pragmas`.)
async fn still_usable(conn: &mut sqlx::AnyConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    conn.ping().await?;
    if conn.is_in_transaction() {
        tracing::warn!("a connection came back inside a transaction nobody ended; closed it");
        return Ok(false);
    }
    Ok(true)
}

/// No JIT compilation: it pays off on long analytical queries, but here it fired on the
/// ranking's read (a national year's cost estimate is in the hundreds of thousands) and spent
/// about 300 ms compiling a query that runs in 400 (docs/performance.md).
async fn postgres_settings(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    conn.execute("SET jit = off").await?;
    Ok(())
}

/// Makes sure the directory of a SQLite file exists and that the file will be created.
fn prepare_sqlite_file(url: &str) -> Result<String, sqlx::Error> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if path.is_empty() || path == ":memory:" {
        return Err(sqlx::Error::Configuration(
            "an in-memory SQLite database is not shared between connections; use a file".into(),
        ));
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
    }
    let query = match query {
        Some(q) if q.contains("mode=") => q.to_string(),
        Some(q) => format!("{q}&mode=rwc"),
        None => "mode=rwc".to_string(),
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// A URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Milliseconds since the Unix epoch: how the schema stores every point in time.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The row-lock clause for a `SELECT` inside a write transaction. SQLite has no row locks (its
/// write transaction already excludes other writers) and no such syntax.
pub fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " FOR UPDATE",
    }
}

/// Booleans are stored as 0/1 (see the module comment).
pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// A 0/1 column in a `FromRow` row type: `#[sqlx(try_from = "i64")] active: Flag`, and
/// `active.0` is the bool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<i64> for Flag {
    fn from(v: i64) -> Self {
        Flag(v != 0)
    }
}

/// A text column a `FromRow` row type read as `String`, parsed into one of the model's enums;
/// an unknown value is a decode error naming the column.
pub fn parse_enum<T>(
    column: &str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    parse(value).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: format!("unknown value {value:?}").into(),
    })
}

/// Logs an unexpected failure under a short reference and returns the opaque error that the
/// browser sees. The log line carries the whole chain of causes and the id of the request it
/// happened in (`X-Request-Id`; telemetry.rs in the server crate), so an admin given the reference
/// finds the line, and from it every line of that request.
pub fn internal(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> AppError {
    let e = e.into();
    let reference = short_reference();
    let mut chain = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        // Many errors repeat their cause in their own message (sqlx does): say it once.
        let text = c.to_string();
        if !chain.contains(&text) {
            chain.push_str(": ");
            chain.push_str(&text);
        }
        cause = c.source();
    }
    let request = current_request_id();
    tracing::error!(
        reference = %reference,
        request = request.as_deref(),
        error = %chain,
        "internal error"
    );
    AppError::Internal { reference }
}

/// The id the server gave the request being answered, when there is one. Pages render and
/// resources load on tasks of their own, outside the request's span; the request's head travels
/// with them in the reactive context.
fn current_request_id() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let id = parts.headers.get("x-request-id")?.to_str().ok()?;
    Some(id.to_string())
}

fn short_reference() -> String {
    use rand::Rng;
    let n: u32 = rand::thread_rng().gen();
    format!("{n:08x}")
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                // The constraint name says what already exists, never the row's content.
                let what = db
                    .constraint()
                    .map(str::to_string)
                    .or_else(|| sqlite_unique_name(db.message()))
                    .unwrap_or_else(|| "unique".to_string());
                return AppError::Conflict { what };
            }
        }
        internal(e)
    }
}

/// SQLite does not name the violated constraint; its message lists the columns
/// (`UNIQUE constraint failed: categories.competition_id, categories.code`). Our constraints are
/// named `<table>_<columns>_key` in both dialects, so the name can be rebuilt from the message.
fn sqlite_unique_name(message: &str) -> Option<String> {
    let list = message.strip_prefix("UNIQUE constraint failed: ")?;
    let mut table = None;
    let mut columns = Vec::new();
    for item in list.split(", ") {
        let (t, c) = item.split_once('.')?;
        table.get_or_insert(t);
        columns.push(c);
    }
    Some(format!("{}_{}_key", table?, columns.join("_")))
}

/// Parses `DATABASE_URL`-style text into a backend without connecting (for messages and tests).
impl FromStr for Backend {
    type Err = String;
    fn from_str(url: &str) -> Result<Self, Self::Err> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(format!(
                "DATABASE_URL must start with sqlite: or postgres: (got {})",
                redact(url)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join("inovasi-db-url-test");
        let url = format!("sqlite://{}/x.db", dir.display());
        let prepared = prepare_sqlite_file(&url).expect("prepared");
        assert!(prepared.ends_with("x.db?mode=rwc"));
        assert!(dir.exists());
        assert!(prepare_sqlite_file("sqlite::memory:").is_err());
    }

    #[test]
    fn sqlite_unique_messages_name_the_constraint() {
        assert_eq!(
            sqlite_unique_name("UNIQUE constraint failed: users.email").as_deref(),
            Some("users_email_key")
        );
        assert_eq!(
            sqlite_unique_name(
                "UNIQUE constraint failed: categories.competition_id, categories.code"
            )
            .as_deref(),
            Some("categories_competition_id_code_key")
        );
        assert_eq!(sqlite_unique_name("something else"), None);
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@host/db"),
            "postgres://…@host/db"
        );
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
