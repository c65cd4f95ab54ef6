//! Score sheets: the judge's copy for the scoring page, the save (the draft sync protocol of
//! docs/sync.md, field by field), hand-in, and an admin reopening a submitted sheet.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};
use sqlx::{Any, Transaction};

use crate::error::{AppError, Field, FieldError, Input, Problem};
use crate::models::{
    comment_field, score_field, CriterionInfo, CurrentUser, Fields, Notice, Phase, SaveOutcome,
    SaveRequest, SheetStatus, OVERALL_FIELD, SUBMITTED_FIELD,
};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::notify;
use crate::server::infra::sync_receipts::{self, Record};
use crate::sync::merge::{self, StoredField};
use crate::validation::sheet::{check_sheet_field, missing_scores};

use super::{handed_in, Assigned};
use crate::server::infra::db::{for_update, internal, now_ms, parse_enum};
use crate::server::year::rounds;
use crate::server::{infra::audit, Db};

struct SheetRow {
    id: String,
    status: SheetStatus,
    version: i64,
}

/// The server's copy of a judge's sheet: version, fields, status (a sheet not yet saved is an
/// empty draft at version 0).
pub async fn load(
    db: &Db,
    judge_id: i64,
    proposal_id: &str,
) -> Result<(i64, Fields, SheetStatus), AppError> {
    let mut conn = db.pool.acquire().await?;
    let round_id = rounds::current_of_proposal(&mut *conn, proposal_id).await?;
    let Some(row) = find(&mut conn, round_id, judge_id, proposal_id, "").await? else {
        return Ok((0, Fields::new(), SheetStatus::Draft));
    };
    let fields = merge::current(&stored_fields(&mut conn, &row.id).await?);
    Ok((row.version, fields, row.status))
}

/// The judge's sheet for the proposal in round `round_id`, if they have started one.
async fn find(
    conn: &mut sqlx::AnyConnection,
    round_id: i64,
    judge_id: i64,
    proposal_id: &str,
    lock: &str,
) -> Result<Option<SheetRow>, AppError> {
    let sql = format!(
        "SELECT id, status, version FROM score_sheets
         WHERE round_id = $1 AND proposal_id = $2 AND judge_id = $3{lock}"
    );
    let row: Option<(String, String, i64)> = sqlx::query_as(&sql)
        .bind(round_id)
        .bind(proposal_id)
        .bind(judge_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|(id, status, version)| {
        Ok::<_, sqlx::Error>(SheetRow {
            id,
            status: parse_enum("status", &status, SheetStatus::parse)?,
            version,
        })
    })
    .transpose()
    .map_err(AppError::from)
}

/// The sheet's own fields: its status and overall comment.
#[derive(sqlx::FromRow)]
struct SheetFieldsRow {
    status: String,
    status_version: i64,
    overall_comment: String,
    overall_version: i64,
}

/// One criterion's score and comment on a sheet.
#[derive(sqlx::FromRow)]
struct ScoreRow {
    criterion_id: i64,
    value: Option<i64>,
    value_version: i64,
    comment: String,
    comment_version: i64,
}

async fn stored_fields(
    conn: &mut sqlx::AnyConnection,
    sheet_id: &str,
) -> Result<Vec<StoredField>, AppError> {
    let mut out = Vec::new();
    let sheet: SheetFieldsRow = sqlx::query_as(
        "SELECT status, status_version, overall_comment, overall_version FROM score_sheets
         WHERE id = $1",
    )
    .bind(sheet_id)
    .fetch_one(&mut *conn)
    .await?;
    let status = parse_enum("status", &sheet.status, SheetStatus::parse)?;
    if sheet.status_version > 0 {
        out.push(StoredField {
            field: SUBMITTED_FIELD.to_string(),
            value: if status == SheetStatus::Submitted {
                Value::Bool(true)
            } else {
                Value::Null
            },
            version: sheet.status_version,
        });
    }
    if sheet.overall_version > 0 {
        out.push(StoredField {
            field: OVERALL_FIELD.to_string(),
            value: text_value(sheet.overall_comment),
            version: sheet.overall_version,
        });
    }
    let rows: Vec<ScoreRow> = sqlx::query_as(
        "SELECT criterion_id, value, value_version, comment, comment_version FROM scores
         WHERE sheet_id = $1",
    )
    .bind(sheet_id)
    .fetch_all(&mut *conn)
    .await?;
    for r in rows {
        if r.value_version > 0 {
            out.push(StoredField {
                field: score_field(r.criterion_id),
                value: r.value.map_or(Value::Null, Value::from),
                version: r.value_version,
            });
        }
        if r.comment_version > 0 {
            out.push(StoredField {
                field: comment_field(r.criterion_id),
                value: text_value(r.comment),
                version: r.comment_version,
            });
        }
    }
    Ok(out)
}

/// An empty comment is no comment.
fn text_value(s: String) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::String(s)
    }
}

/// The checks a save passes before any database work.
pub fn check_request(criteria: &[CriterionInfo], req: &SaveRequest) -> Result<(), AppError> {
    let bad = |what: &str| AppError::BadRequest {
        detail: what.to_string(),
    };
    if req.key.is_empty() || req.key.len() > 64 || !req.key.is_ascii() {
        return Err(bad("idempotency key must be 1–64 ASCII characters"));
    }
    let most = 2 * criteria.len() + 2;
    if req.changes.is_empty() || req.changes.len() > most {
        return Err(bad(
            "a save carries at least one change and no more than the sheet has",
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
        check_sheet_field(criteria, &c.field, &c.value)?;
    }
    Ok(())
}

/// Saves changed fields of the judge's sheet for an assigned proposal: per-field compare-and-set
/// against the values the client started from, a repeated idempotency key answered from its
/// receipt, and `submitted: true` handing the sheet in (only with every criterion scored). Each
/// accepted save is one audit event with the fields before and after.
#[tracing::instrument(skip_all, fields(proposal = %req.proposal_id, key = %req.key))]
pub async fn save(
    db: &Db,
    judge: &CurrentUser,
    assigned: &Assigned,
    criteria: &[CriterionInfo],
    req: &SaveRequest,
) -> Result<SaveOutcome, AppError> {
    check_request(criteria, req)?;
    if assigned.phase != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let lock = for_update(db.backend);
    let round = assigned.round_id;
    let mut row = find(&mut tx, round, judge.id, &assigned.proposal_id, lock).await?;
    if row.is_none() {
        sqlx::query(
            "INSERT INTO score_sheets (id, round_id, proposal_id, judge_id, status, version,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'draft', 0, $5, $5)
             ON CONFLICT (round_id, proposal_id, judge_id) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(round)
        .bind(&assigned.proposal_id)
        .bind(judge.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        row = find(&mut tx, round, judge.id, &assigned.proposal_id, lock).await?;
    }
    let sheet = row.ok_or_else(|| internal("score sheet vanished inside its transaction"))?;

    if let Some(answer) =
        sync_receipts::answered(&mut tx, Record::ScoreSheet, &sheet.id, &req.key).await?
    {
        return Ok(answer);
    }
    if sheet.status == SheetStatus::Submitted {
        return Err(AppError::ReadOnly);
    }

    let stored = stored_fields(&mut tx, &sheet.id).await?;
    let current = merge::current(&stored);
    let others = merge::others(&stored, req.base_version, &req.changes);
    let plan = merge::plan(&current, &req.changes);
    if !plan.conflicts.is_empty() {
        return Ok(SaveOutcome::Conflict {
            version: sheet.version,
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
        let missing = missing_scores(criteria, &merged);
        if !missing.is_empty() {
            return Err(AppError::Incomplete {
                fields: missing.into_iter().map(|e| e.field.to_string()).collect(),
            });
        }
    }

    let version = if plan.writes.is_empty() {
        sheet.version
    } else {
        sheet.version + 1
    };
    // Handing in writes the copy the ranking reads (handed_in.rs), from the sheet as it will
    // stand once this save is written.
    let copy = if submits {
        handed_in::encode(criteria.iter().filter_map(|c| {
            let value = merged.get(&score_field(c.id))?.as_i64()?;
            Some((c.id, value))
        }))
    } else {
        String::new()
    };
    let write = Write {
        sheet_id: &sheet.id,
        criteria,
        version,
        now,
        handed_in: &copy,
    };
    for (field, value) in &plan.writes {
        write_field(&mut tx, &write, field, value).await?;
    }
    // The receipt before the audit event: on Postgres the audit append takes the one lock every
    // writer shares, so it goes last and is held only until the commit.
    let outcome = SaveOutcome::Saved { version, others };
    sync_receipts::keep(
        &mut tx,
        Record::ScoreSheet,
        &sheet.id,
        &req.key,
        &outcome,
        now,
    )
    .await?;
    if !plan.writes.is_empty() {
        sqlx::query("UPDATE score_sheets SET version = $1, updated_at = $2 WHERE id = $3")
            .bind(version)
            .bind(now)
            .bind(&sheet.id)
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
            AuditAction::ScoreSubmit
        } else {
            AuditAction::ScoreSave
        };
        audit::append(
            &mut tx,
            db.backend,
            audit::Event::by(judge.id, action, "score_sheet", &sheet.id)
                .before(Value::Object(before))
                .after(Value::Object(after)),
        )
        .await?;
    }

    tx.commit().await?;
    Ok(outcome)
}

/// What every field written by one save shares.
struct Write<'a> {
    sheet_id: &'a str,
    criteria: &'a [CriterionInfo],
    version: i64,
    now: i64,
    /// The scores as the sheet will hold them; written only by the hand-in (empty otherwise).
    handed_in: &'a str,
}

async fn write_field(
    tx: &mut Transaction<'static, Any>,
    write: &Write<'_>,
    field: &str,
    value: &Value,
) -> Result<(), AppError> {
    let Write {
        sheet_id,
        criteria,
        version,
        now,
        handed_in,
    } = *write;
    if field == SUBMITTED_FIELD {
        sqlx::query(
            "UPDATE score_sheets SET status = 'submitted', status_version = $1, submitted_at = $2,
                 handed_in = $3
             WHERE id = $4",
        )
        .bind(version)
        .bind(now)
        .bind(handed_in)
        .bind(sheet_id)
        .execute(&mut **tx)
        .await?;
        return Ok(());
    }
    let text = value.as_str().unwrap_or_default().to_string();
    if field == OVERALL_FIELD {
        sqlx::query(
            "UPDATE score_sheets SET overall_comment = $1, overall_version = $2 WHERE id = $3",
        )
        .bind(text)
        .bind(version)
        .bind(sheet_id)
        .execute(&mut **tx)
        .await?;
        return Ok(());
    }
    for c in criteria {
        if field == score_field(c.id) {
            sqlx::query(
                "INSERT INTO scores (sheet_id, criterion_id, value, value_version, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (sheet_id, criterion_id) DO UPDATE SET value = excluded.value,
                     value_version = excluded.value_version, updated_at = excluded.updated_at",
            )
            .bind(sheet_id)
            .bind(c.id)
            .bind(value.as_i64())
            .bind(version)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            return Ok(());
        }
        if field == comment_field(c.id) {
            sqlx::query(
                "INSERT INTO scores (sheet_id, criterion_id, comment, comment_version, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (sheet_id, criterion_id) DO UPDATE SET comment = excluded.comment,
                     comment_version = excluded.comment_version, updated_at = excluded.updated_at",
            )
            .bind(sheet_id)
            .bind(c.id)
            .bind(text)
            .bind(version)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            return Ok(());
        }
    }
    Err(FieldError::new(Field::entry(field), Problem::NotAllowed).into())
}

/// Longest reason for reopening a sheet or declaring a conflict.
pub const REASON_MAX_CHARS: u32 = 1_000;

/// The reason a person gave, trimmed, or the error naming the field.
pub fn reason(raw: &str) -> Result<String, AppError> {
    Ok(crate::validation::text(
        Input::Reason,
        raw,
        REASON_MAX_CHARS,
        true,
    )?)
}

/// An admin opens a submitted sheet of the current round again (the judge may then change and
/// resubmit it). Recorded in the audit trail with the reason.
pub async fn reopen(
    db: &Db,
    admin: &CurrentUser,
    sheet_id: &str,
    reason_text: &str,
) -> Result<(), AppError> {
    let reason = reason(reason_text)?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT s.status, s.version, c.phase, s.judge_id, p.id, p.title FROM score_sheets s
         JOIN proposals p ON p.id = s.proposal_id
         JOIN competitions c ON c.id = p.competition_id
         WHERE s.id = $1 AND s.round_id IN (SELECT id FROM rounds WHERE is_current = 1){}",
        for_update(db.backend)
    );
    let (status, version, phase, judge_id, proposal_id, title): (
        String,
        i64,
        String,
        i64,
        String,
        String,
    ) = sqlx::query_as(&sql)
        .bind(sheet_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = parse_enum("status", &status, SheetStatus::parse)?;
    if parse_enum("phase", &phase, Phase::parse)? != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    if status != SheetStatus::Submitted {
        return Err(AppError::Conflict {
            what: "the sheet is not submitted".into(),
        });
    }
    sqlx::query(
        "UPDATE score_sheets SET status = 'reopened', status_version = $1, version = $1,
             updated_at = $2, reopened_by = $3, reopen_reason = $4, handed_in = NULL
         WHERE id = $5",
    )
    .bind(version + 1)
    .bind(now_ms())
    .bind(admin.id)
    .bind(&reason)
    .bind(sheet_id)
    .execute(&mut *tx)
    .await?;
    let notice = Notice::SheetReopened {
        proposal_id,
        title,
        reason: reason.clone(),
    };
    notify::user(&mut tx, judge_id, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::ScoreSheetReopen,
            "score_sheet",
            sheet_id,
        )
        .before(json!({ "status": "submitted" }))
        .after(json!({ "status": "reopened", "reason": reason })),
    )
    .await?;
    Ok(())
}
