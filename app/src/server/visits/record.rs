//! A judge's visit report: the server's copy for the checklist page, and the save — the draft
//! sync protocol of docs/sync.md, field by field, exactly as for a score sheet: per-field
//! compare-and-set against what the tablet started from, a repeated idempotency key answered
//! from its receipt, and `submitted: true` handing the report in (only with the day of the visit
//! and a finding for every claim).

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use sqlx::{Any, AnyConnection, Transaction};

use crate::error::AppError;
use crate::models::{CurrentUser, Fields, Phase, SaveOutcome, SaveRequest, SUBMITTED_FIELD};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{for_update, internal, now_ms};
use crate::server::infra::sync_receipts::{self, Record};
use crate::server::Db;
use crate::sync::merge::{self, StoredField};
use crate::validation::visit::{check_visit_field, field_count, missing_findings};

use super::visiting::Visiting;

/// A report as stored: its id, version and whether it is handed in.
pub struct VisitRow {
    pub id: String,
    pub version: i64,
    pub submitted: bool,
}

/// The judge's report on the proposal in round `round_id`, if they have begun one.
pub async fn find(
    conn: &mut AnyConnection,
    round_id: i64,
    judge_id: i64,
    proposal_id: &str,
    lock: &str,
) -> Result<Option<VisitRow>, AppError> {
    let sql = format!(
        "SELECT id, version, submitted_at FROM visits
         WHERE round_id = $1 AND proposal_id = $2 AND judge_id = $3{lock}"
    );
    let row: Option<(String, i64, Option<i64>)> = sqlx::query_as(&sql)
        .bind(round_id)
        .bind(proposal_id)
        .bind(judge_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|(id, version, submitted_at)| VisitRow {
        id,
        version,
        submitted: submitted_at.is_some(),
    }))
}

/// The judge's report on the visit, locked for this transaction, begun (empty, version 0) if
/// this is the first the server hears of it.
pub async fn begin(
    tx: &mut Transaction<'static, Any>,
    db: &Db,
    visiting: &Visiting,
    judge_id: i64,
    now: i64,
) -> Result<VisitRow, AppError> {
    let a = &visiting.assigned;
    let lock = for_update(db.backend);
    if let Some(row) = find(tx, a.round_id, judge_id, &a.proposal_id, lock).await? {
        return Ok(row);
    }
    sqlx::query(
        "INSERT INTO visits (id, round_id, proposal_id, judge_id, version, created_at,
             updated_at)
         VALUES ($1, $2, $3, $4, 0, $5, $5)
         ON CONFLICT (round_id, proposal_id, judge_id) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(a.round_id)
    .bind(&a.proposal_id)
    .bind(judge_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    find(tx, a.round_id, judge_id, &a.proposal_id, lock)
        .await?
        .ok_or_else(|| internal("visit report vanished inside its transaction"))
}

/// Each stored field with the version that last wrote it (cleared ones as `null`).
pub async fn stored_fields(
    conn: &mut AnyConnection,
    visit_id: &str,
) -> Result<Vec<StoredField>, AppError> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT field, value, version FROM visit_fields WHERE visit_id = $1")
            .bind(visit_id)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter()
        .map(|(field, value, version)| {
            let value = serde_json::from_str(&value).map_err(internal)?;
            Ok(StoredField {
                field,
                value,
                version,
            })
        })
        .collect()
}

/// The server's copy of the calling judge's report (a report not yet saved is empty at
/// version 0).
pub struct Loaded {
    /// The report's id (none: not begun yet).
    pub id: Option<String>,
    pub version: i64,
    pub fields: Fields,
    pub submitted: bool,
    /// Handed in once and opened again by the organisers: its `submitted` field was cleared
    /// (visits/reopen.rs), and a cleared field keeps its row.
    pub reopened: bool,
}

/// The server's copy of the calling judge's report.
pub async fn load(db: &Db, visiting: &Visiting, judge_id: i64) -> Result<Loaded, AppError> {
    let mut conn = db.pool.acquire().await?;
    let a = &visiting.assigned;
    let Some(row) = find(&mut conn, a.round_id, judge_id, &a.proposal_id, "").await? else {
        return Ok(Loaded {
            id: None,
            version: 0,
            fields: Fields::new(),
            submitted: false,
            reopened: false,
        });
    };
    let stored = stored_fields(&mut conn, &row.id).await?;
    let reopened = !row.submitted
        && stored
            .iter()
            .any(|s| s.field == SUBMITTED_FIELD && s.value.is_null());
    Ok(Loaded {
        id: Some(row.id),
        version: row.version,
        fields: merge::current(&stored),
        submitted: row.submitted,
        reopened,
    })
}

/// The checks a save passes before any database work.
fn check_request(claims: usize, req: &SaveRequest) -> Result<(), AppError> {
    let bad = |what: &str| AppError::BadRequest {
        detail: what.to_string(),
    };
    if req.key.is_empty() || req.key.len() > 64 || !req.key.is_ascii() {
        return Err(bad("idempotency key must be 1–64 ASCII characters"));
    }
    if req.changes.is_empty() || req.changes.len() > field_count(claims) {
        return Err(bad(
            "a save carries at least one change and no more than the report has",
        ));
    }
    if req.base_version < 0 {
        return Err(bad("negative base version"));
    }
    let mut seen = BTreeSet::new();
    for c in &req.changes {
        if !seen.insert(c.field.as_str()) {
            return Err(bad("a field appears twice"));
        }
        check_visit_field(claims, &c.field, &c.value)?;
    }
    Ok(())
}

/// Saves changed fields of the calling judge's report; each accepted save is one audit event
/// with the fields before and after.
#[tracing::instrument(skip_all, fields(proposal = %req.proposal_id, key = %req.key))]
pub async fn save(
    db: &Db,
    judge: &CurrentUser,
    visiting: &Visiting,
    req: &SaveRequest,
) -> Result<SaveOutcome, AppError> {
    let claims = visiting.claims.len();
    check_request(claims, req)?;
    let a = &visiting.assigned;
    if a.phase != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let visit = begin(&mut tx, db, visiting, judge.id, now).await?;

    if let Some(answer) =
        sync_receipts::answered(&mut tx, Record::Visit, &visit.id, &req.key).await?
    {
        return Ok(answer);
    }
    if visit.submitted {
        return Err(AppError::ReadOnly);
    }

    let stored = stored_fields(&mut tx, &visit.id).await?;
    let current = merge::current(&stored);
    let others = merge::others(&stored, req.base_version, &req.changes);
    let plan = merge::plan(&current, &req.changes);
    if !plan.conflicts.is_empty() {
        return Ok(SaveOutcome::Conflict {
            version: visit.version,
            theirs: plan.conflicts,
            others,
        });
    }

    let merged = plan.applied(&current);
    let submits = plan
        .writes
        .iter()
        .any(|(f, v)| f == SUBMITTED_FIELD && v == &Value::Bool(true));
    if submits {
        let missing = missing_findings(claims, &merged);
        if !missing.is_empty() {
            return Err(AppError::Incomplete {
                fields: missing.into_iter().map(|e| e.field.to_string()).collect(),
            });
        }
    }

    let version = if plan.writes.is_empty() {
        visit.version
    } else {
        visit.version + 1
    };
    for (field, value) in &plan.writes {
        sqlx::query(
            "INSERT INTO visit_fields (visit_id, field, value, version) VALUES ($1, $2, $3, $4)
             ON CONFLICT (visit_id, field) DO UPDATE SET value = excluded.value,
                 version = excluded.version",
        )
        .bind(&visit.id)
        .bind(field)
        .bind(value.to_string())
        .bind(version)
        .execute(&mut *tx)
        .await?;
    }
    let outcome = SaveOutcome::Saved { version, others };
    sync_receipts::keep(&mut tx, Record::Visit, &visit.id, &req.key, &outcome, now).await?;
    if !plan.writes.is_empty() {
        let submitted_sql = if submits { ", submitted_at = $2" } else { "" };
        sqlx::query(&format!(
            "UPDATE visits SET version = $1, updated_at = $2{submitted_sql} WHERE id = $3"
        ))
        .bind(version)
        .bind(now)
        .bind(&visit.id)
        .execute(&mut *tx)
        .await?;
        let (mut before, mut after) = (Map::new(), Map::new());
        for (field, value) in &plan.writes {
            before.insert(
                field.clone(),
                current.get(field).cloned().unwrap_or(Value::Null),
            );
            after.insert(field.clone(), value.clone());
        }
        let action = if submits {
            AuditAction::VisitSubmit
        } else {
            AuditAction::VisitSave
        };
        audit::append(
            &mut tx,
            db.backend,
            audit::Event::by(judge.id, action, "visit", &visit.id)
                .before(Value::Object(before))
                .after(Value::Object(after)),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(outcome)
}
