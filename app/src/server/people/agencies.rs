//! Agencies (perangkat daerah, puskesmas, schools): the admin's list, one at a time or imported
//! from a CSV file. A new agency joins the register of a year still taking proposals.

use serde_json::json;
use sqlx::{Any, Transaction};

use crate::error::{AppError, FieldError, ImportRowError, Input, Problem};
use crate::models::{AgencyInput, AgencyKind, AgencyRow, CurrentUser, Phase};
use crate::server::http::state::Caches;
use crate::server::infra::audit::AuditAction;
use crate::validation::agency::name_key;

use crate::server::infra::db::{flag, now_ms, parse_enum, Flag};
use crate::server::{infra::audit, people::agency_import, year::competitions, Db};

pub struct NewAgency<'a> {
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub kind: AgencyKind,
    pub head_name: Option<&'a str>,
}

pub async fn create<'e, E>(executor: E, agency: NewAgency<'_>) -> Result<i64, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(sqlx::query_scalar(
        "INSERT INTO agencies (name, short_name, kind, head_name, active, created_at)
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(agency.name)
    .bind(agency.short_name)
    .bind(agency.kind.as_str())
    .bind(agency.head_name)
    .bind(now_ms())
    .fetch_one(executor)
    .await?)
}

/// An agency with how many accounts it has (`AgencyRecord` reads it).
const SELECT_ROWS: &str = "SELECT a.id, a.name, a.short_name, a.kind, a.head_name, a.active,
        (SELECT COUNT(*) FROM users u WHERE u.agency_id = a.id) AS people
    FROM agencies a";

/// A row of `SELECT_ROWS`, before its kind is parsed into the model's `AgencyRow`.
#[derive(sqlx::FromRow)]
struct AgencyRecord {
    id: i64,
    name: String,
    short_name: Option<String>,
    kind: String,
    head_name: Option<String>,
    #[sqlx(try_from = "i64")]
    active: Flag,
    people: i64,
}

impl AgencyRecord {
    fn into_row(self) -> Result<AgencyRow, sqlx::Error> {
        Ok(AgencyRow {
            id: self.id,
            name: self.name,
            short_name: self.short_name,
            kind: parse_enum("kind", &self.kind, AgencyKind::parse)?,
            head_name: self.head_name,
            active: self.active.0,
            people: self.people,
        })
    }
}

/// Every agency, active first, with how many accounts each has.
pub async fn list(db: &Db) -> Result<Vec<AgencyRow>, AppError> {
    let rows: Vec<AgencyRecord> = sqlx::query_as(&format!(
        "{SELECT_ROWS} ORDER BY a.active DESC, a.kind, a.name"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(AgencyRecord::into_row)
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

pub async fn get(db: &Db, id: i64) -> Result<AgencyRow, AppError> {
    let row: AgencyRecord = sqlx::query_as(&format!("{SELECT_ROWS} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.into_row()?)
}

/// The lower-cased names in use, to refuse a second agency of the same name.
async fn names_in_use(
    tx: &mut Transaction<'static, Any>,
    except: Option<i64>,
) -> Result<std::collections::HashSet<String>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM agencies")
        .fetch_all(&mut **tx)
        .await?;
    let mut names = std::collections::HashSet::new();
    for (id, name) in rows {
        if Some(id) != except {
            names.insert(name_key(&name));
        }
    }
    Ok(names)
}

/// The year a new agency is obliged to take part in: the current one, while it still takes
/// proposals.
async fn open_year(db: &Db) -> Result<Option<i64>, AppError> {
    Ok(competitions::current(db)
        .await?
        .filter(|c| matches!(c.phase, Phase::Setup | Phase::SubmissionOpen))
        .map(|c| c.id))
}

async fn insert_all(
    tx: &mut Transaction<'static, Any>,
    year: Option<i64>,
    agencies: &[&AgencyInput],
) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::with_capacity(agencies.len());
    for a in agencies {
        let id = create(
            &mut **tx,
            NewAgency {
                name: &a.name,
                short_name: a.short_name.as_deref(),
                kind: a.kind,
                head_name: a.head_name.as_deref(),
            },
        )
        .await?;
        if let Some(year) = year {
            sqlx::query(
                "INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)",
            )
            .bind(year)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

fn snapshot(a: &AgencyInput) -> serde_json::Value {
    json!({
        "name": a.name,
        "short_name": a.short_name,
        "kind": a.kind.as_str(),
        "head_name": a.head_name,
    })
}

/// Adds one agency (refused if the name is taken).
pub async fn add(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    agency: &AgencyInput,
) -> Result<i64, AppError> {
    let year = open_year(db).await?;
    let mut tx = db.begin_write().await?;
    if names_in_use(&mut tx, None)
        .await?
        .contains(&name_key(&agency.name))
    {
        return Err(FieldError::new(Input::Name, Problem::AlreadyExists).into());
    }
    let id = insert_all(&mut tx, year, &[agency]).await?[0];
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::AgencyCreate, "agency", id).after(snapshot(agency)),
    )
    .await?;
    caches.year_changed();
    Ok(id)
}

/// Changes an agency's name, kind and head.
pub async fn update(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    id: i64,
    agency: &AgencyInput,
) -> Result<(), AppError> {
    let before = get(db, id).await?;
    let mut tx = db.begin_write().await?;
    if names_in_use(&mut tx, Some(id))
        .await?
        .contains(&name_key(&agency.name))
    {
        return Err(FieldError::new(Input::Name, Problem::AlreadyExists).into());
    }
    sqlx::query(
        "UPDATE agencies SET name = $1, short_name = $2, kind = $3, head_name = $4 WHERE id = $5",
    )
    .bind(&agency.name)
    .bind(agency.short_name.as_deref())
    .bind(agency.kind.as_str())
    .bind(agency.head_name.as_deref())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::AgencyUpdate, "agency", id)
            .before(json!({
                "name": before.name,
                "short_name": before.short_name,
                "kind": before.kind.as_str(),
                "head_name": before.head_name,
            }))
            .after(snapshot(agency)),
    )
    .await?;
    // The gallery shows agencies by name.
    caches.gallery.invalidate();
    Ok(())
}

/// Activates or deactivates an agency. Deactivating also deactivates its accounts and ends their
/// sessions: an agency that no longer exists must not keep writing proposals.
pub async fn set_active(
    db: &Db,
    admin: &CurrentUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let before = get(db, id).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE agencies SET active = $1 WHERE id = $2")
        .bind(flag(active))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if !active {
        let people: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE agency_id = $1 AND role <> 'judge'")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        for user_id in people {
            sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            crate::server::infra::session_store::end_sessions_of(&mut *tx, user_id).await?;
        }
    }
    let action = if active {
        AuditAction::AgencyActivate
    } else {
        AuditAction::AgencyDeactivate
    };
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, action, "agency", id)
            .before(json!({ "active": before.active }))
            .after(json!({ "active": active })),
    )
    .await?;
    Ok(())
}

/// Imports the agencies of a CSV file: all of them, or none with a report of every broken row
/// (including names that already exist).
pub async fn import(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    bytes: &[u8],
) -> Result<usize, AppError> {
    let rows = agency_import::parse(bytes)?;
    let year = open_year(db).await?;
    let mut tx = db.begin_write().await?;
    let taken = names_in_use(&mut tx, None).await?;
    let clashes: Vec<ImportRowError> = rows
        .iter()
        .filter(|(_, a)| taken.contains(&name_key(&a.name)))
        .map(|(line, _)| ImportRowError {
            line: *line,
            column: "name".into(),
            problem: Problem::AlreadyExists,
        })
        .collect();
    if !clashes.is_empty() {
        return Err(agency_import::rejected(clashes));
    }
    let agencies: Vec<&AgencyInput> = rows.iter().map(|(_, a)| a).collect();
    insert_all(&mut tx, year, &agencies).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::AgencyImport,
            "agency",
            format!("{} agencies", agencies.len()),
        )
        .after(json!(agencies.iter().map(|a| &a.name).collect::<Vec<_>>())),
    )
    .await?;
    caches.year_changed();
    Ok(agencies.len())
}
