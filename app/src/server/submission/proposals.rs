//! Proposals: the draft save with per-field compare-and-set (docs/sync.md), and the way from
//! draft through the agency head's approval to submission.

use std::collections::BTreeSet;

use serde_json::Value;
use sqlx::{Any, Transaction};

use crate::error::{AppError, FieldError};
use crate::models::{
    AttachmentInfo, CurrentUser, Fields, Notice, ProposalForm, ProposalState, ProposalStatus,
    SaveOutcome, SaveRequest, CATEGORY_FIELD, TITLE_FIELD,
};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::sync_receipts::{self, Record};
use crate::sync::merge;
use crate::validation::answers::{check_field, missing_for_submission};

use crate::server::infra::db::{for_update, internal, now_ms, parse_enum};
use crate::server::infra::notify::{self, Audience};
use crate::server::{infra::audit, Db};

/// A proposal's row, without its content.
#[derive(Clone, Debug)]
pub struct ProposalRow {
    pub id: String,
    pub competition_id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub status: ProposalStatus,
    pub version: i64,
    pub head_note: Option<String>,
}

/// Most changes a single save may carry (a whole form is far fewer).
pub const MAX_CHANGES: usize = 500;

/// A `ProposalRow` as read, its status not yet parsed.
#[derive(sqlx::FromRow)]
struct ProposalRecord {
    id: String,
    competition_id: i64,
    agency_id: i64,
    agency_name: String,
    status: String,
    version: i64,
    head_note: Option<String>,
}

pub async fn find(db: &Db, id: &str) -> Result<Option<ProposalRow>, AppError> {
    let row: Option<ProposalRecord> = sqlx::query_as(
        "SELECT p.id, p.competition_id, p.agency_id, a.name AS agency_name, p.status, p.version,
                p.head_note
         FROM proposals p JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    Ok(Some(ProposalRow {
        status: parse_enum("status", &r.status, ProposalStatus::parse)?,
        id: r.id,
        competition_id: r.competition_id,
        agency_id: r.agency_id,
        agency_name: r.agency_name,
        version: r.version,
        head_note: r.head_note,
    }))
}

async fn read_fields<'e, E>(executor: E, id: &str) -> Result<Fields, AppError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT field, value FROM proposal_fields WHERE proposal_id = $1")
            .bind(id)
            .fetch_all(executor)
            .await?;
    let mut fields = Fields::new();
    for (field, value) in rows {
        let value: Value = serde_json::from_str(&value).map_err(internal)?;
        if !value.is_null() {
            fields.insert(field, value);
        }
    }
    Ok(fields)
}

#[derive(sqlx::FromRow)]
struct AttachmentRow {
    id: String,
    question_id: i64,
    file_name: String,
    content_type: String,
    size_bytes: i64,
}

pub async fn attachments(db: &Db, id: &str) -> Result<Vec<AttachmentInfo>, AppError> {
    let rows: Vec<AttachmentRow> = sqlx::query_as(
        "SELECT id, question_id, file_name, content_type, size_bytes FROM attachments
         WHERE proposal_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AttachmentInfo {
            id: r.id,
            question_id: r.question_id,
            file_name: r.file_name,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
        })
        .collect())
}

/// A proposal's answers as stored (fields never written or cleared are absent).
pub async fn fields(db: &Db, id: &str) -> Result<Fields, AppError> {
    read_fields(&db.pool, id).await
}

/// The server's copy of a proposal as the wizard needs it.
pub async fn state(db: &Db, row: &ProposalRow) -> Result<ProposalState, AppError> {
    Ok(ProposalState {
        id: row.id.clone(),
        version: row.version,
        status: row.status,
        fields: read_fields(&db.pool, &row.id).await?,
        attachments: attachments(db, &row.id).await?,
        head_note: row.head_note.clone(),
        agency_name: row.agency_name.clone(),
    })
}

/// The checks a save passes before any database work: a proposal id that is a UUID, a sane
/// idempotency key, each field known and once, and every new value within its rules.
pub fn check_request(form: &ProposalForm, req: &SaveRequest) -> Result<(), AppError> {
    let bad = |what: &str| AppError::BadRequest {
        detail: what.to_string(),
    };
    uuid::Uuid::parse_str(&req.proposal_id).map_err(|_| bad("proposal id is not a UUID"))?;
    if req.key.is_empty() || req.key.len() > 64 || !req.key.is_ascii() {
        return Err(bad("idempotency key must be 1–64 ASCII characters"));
    }
    if req.changes.is_empty() || req.changes.len() > MAX_CHANGES {
        return Err(bad("a save carries 1–500 changes"));
    }
    if req.base_version < 0 {
        return Err(bad("negative base version"));
    }
    let mut seen = BTreeSet::new();
    for c in &req.changes {
        if !seen.insert(c.field.as_str()) {
            return Err(bad("a field appears twice"));
        }
        check_field(form, &c.field, &c.value)?;
    }
    Ok(())
}

fn editable(row: &ProposalRow, form: &ProposalForm, now: i64) -> Result<(), AppError> {
    if row.status != ProposalStatus::Draft {
        return Err(AppError::ReadOnly);
    }
    if form.deadline_at.is_some_and(|d| now > d) {
        return Err(AppError::DeadlinePassed);
    }
    Ok(())
}

async fn lock_row(
    tx: &mut Transaction<'static, Any>,
    db: &Db,
    id: &str,
) -> Result<Option<(i64, ProposalStatus, i64)>, AppError> {
    let sql = format!(
        "SELECT agency_id, status, version FROM proposals WHERE id = $1{}",
        for_update(db.backend)
    );
    let row: Option<(i64, String, i64)> = sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((agency_id, status, version)) = row else {
        return Ok(None);
    };
    let status = parse_enum("status", &status, ProposalStatus::parse)?;
    Ok(Some((agency_id, status, version)))
}

/// Saves a draft: per field, compare the server's value with the one the client started from,
/// and write only if nothing conflicts. A repeated idempotency key gets the stored answer.
/// A proposal the server has not seen (begun offline) is created for the caller's agency.
#[tracing::instrument(skip_all, fields(proposal = %req.proposal_id, key = %req.key))]
pub async fn save_draft(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    req: &SaveRequest,
) -> Result<SaveOutcome, AppError> {
    check_request(form, req)?;
    let agency_id = user.agency_id.ok_or(AppError::Forbidden)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;

    let mut row = lock_row(&mut tx, db, &req.proposal_id).await?;
    if row.is_none() {
        if form.deadline_at.is_some_and(|d| now > d) {
            return Err(AppError::DeadlinePassed);
        }
        sqlx::query(
            "INSERT INTO proposals (id, competition_id, agency_id, title, status, version,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, '', 'draft', 0, $4, $5, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&req.proposal_id)
        .bind(form.competition_id)
        .bind(agency_id)
        .bind(user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        row = lock_row(&mut tx, db, &req.proposal_id).await?;
    }
    let Some((owner, status, version)) = row else {
        return Err(internal("proposal vanished inside its transaction"));
    };
    // Another agency's proposal looks exactly like one that does not exist.
    if owner != agency_id {
        return Err(AppError::NotFound);
    }

    // Checked under the row lock: a retry racing its original sees the original's receipt.
    if let Some(answer) =
        sync_receipts::answered(&mut tx, Record::Proposal, &req.proposal_id, &req.key).await?
    {
        return Ok(answer);
    }

    let probe = ProposalRow {
        id: req.proposal_id.clone(),
        competition_id: form.competition_id,
        agency_id,
        agency_name: String::new(),
        status,
        version,
        head_note: None,
    };
    editable(&probe, form, now)?;

    let current = read_fields(&mut *tx, &req.proposal_id).await?;
    let plan = merge::plan(&current, &req.changes);
    if !plan.conflicts.is_empty() {
        // Nothing is written and no receipt kept: a retry is judged afresh.
        let others = changed_since(&mut tx, req).await?;
        return Ok(SaveOutcome::Conflict {
            version,
            theirs: plan.conflicts,
            others,
        });
    }

    let new_version = if plan.writes.is_empty() {
        version
    } else {
        version + 1
    };
    for (field, value) in &plan.writes {
        // A cleared field keeps its row (value null) so its version tells others it changed.
        sqlx::query(
            "INSERT INTO proposal_fields (proposal_id, field, value, version, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (proposal_id, field) DO UPDATE SET value = excluded.value,
                 version = excluded.version, updated_at = excluded.updated_at,
                 updated_by = excluded.updated_by",
        )
        .bind(&req.proposal_id)
        .bind(field)
        .bind(value.to_string())
        .bind(new_version)
        .bind(now)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    }
    if !plan.writes.is_empty() {
        let title = plan
            .writes
            .iter()
            .find(|(f, _)| f == TITLE_FIELD)
            .map(|(_, v)| v.as_str().unwrap_or_default().to_string());
        let category = plan
            .writes
            .iter()
            .find(|(f, _)| f == CATEGORY_FIELD)
            .map(|(_, v)| v.as_i64());
        sqlx::query(
            "UPDATE proposals SET version = $1, updated_at = $2,
                 title = CASE WHEN $3 = 1 THEN $4 ELSE title END,
                 category_id = CASE WHEN $5 = 1 THEN $6 ELSE category_id END
             WHERE id = $7",
        )
        .bind(new_version)
        .bind(now)
        .bind(i64::from(title.is_some()))
        .bind(title.unwrap_or_default())
        .bind(i64::from(category.is_some()))
        .bind(category.flatten())
        .bind(&req.proposal_id)
        .execute(&mut *tx)
        .await?;
    }

    let others = changed_since(&mut tx, req).await?;
    let outcome = SaveOutcome::Saved {
        version: new_version,
        others,
    };
    sync_receipts::keep(
        &mut tx,
        Record::Proposal,
        &req.proposal_id,
        &req.key,
        &outcome,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Fields others changed since the client's base version that this save does not touch.
async fn changed_since(
    tx: &mut Transaction<'static, Any>,
    req: &SaveRequest,
) -> Result<Vec<(String, Value)>, AppError> {
    let sent: BTreeSet<&str> = req.changes.iter().map(|c| c.field.as_str()).collect();
    sqlx::query_as::<_, (String, String)>(
        "SELECT field, value FROM proposal_fields WHERE proposal_id = $1 AND version > $2
         ORDER BY field",
    )
    .bind(&req.proposal_id)
    .bind(req.base_version)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .filter(|(f, _)| !sent.contains(f.as_str()))
    .map(|(f, v)| Ok((f, serde_json::from_str(&v).map_err(internal)?)))
    .collect()
}

/// The draft with this id, created for the caller's agency if the server has not seen it yet
/// (a proposal begun offline). Another agency's proposal answers "not found".
pub async fn ensure_draft(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    id: &str,
) -> Result<ProposalRow, AppError> {
    let agency_id = user.agency_id.ok_or(AppError::Forbidden)?;
    uuid::Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    if find(db, id).await?.is_none() {
        if form.deadline_at.is_some_and(|d| now_ms() > d) {
            return Err(AppError::DeadlinePassed);
        }
        sqlx::query(
            "INSERT INTO proposals (id, competition_id, agency_id, title, status, version,
                 created_by, created_at, updated_at)
             VALUES ($1, $2, $3, '', 'draft', 0, $4, $5, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(form.competition_id)
        .bind(agency_id)
        .bind(user.id)
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    }
    let row = find(db, id).await?.ok_or(AppError::NotFound)?;
    if row.agency_id != agency_id {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The fields that keep a proposal from being submitted (empty when it is complete).
pub async fn missing(db: &Db, form: &ProposalForm, id: &str) -> Result<Vec<FieldError>, AppError> {
    let fields = read_fields(&db.pool, id).await?;
    let files = attachments(db, id).await?;
    Ok(missing_for_submission(form, &fields, &|q| {
        files.iter().filter(|a| a.question_id == q).count()
    }))
}

/// A status change, checked and recorded in the audit trail.
struct Transition<'a> {
    from: &'a [ProposalStatus],
    to: ProposalStatus,
    action: AuditAction,
    note: Option<&'a str>,
    /// Whether the proposal must be complete (it is going towards the judges).
    needs_complete: bool,
}

async fn transition(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    row: &ProposalRow,
    t: Transition<'_>,
) -> Result<(), AppError> {
    let now = now_ms();
    if form.deadline_at.is_some_and(|d| now > d) {
        return Err(AppError::DeadlinePassed);
    }
    if t.needs_complete {
        let missing = missing(db, form, &row.id).await?;
        if !missing.is_empty() {
            return Err(AppError::Incomplete {
                fields: missing.into_iter().map(|e| e.field.to_string()).collect(),
            });
        }
    }
    let mut tx = db.begin_write().await?;
    let Some((agency_id, status, version)) = lock_row(&mut tx, db, &row.id).await? else {
        return Err(AppError::NotFound);
    };
    if !t.from.contains(&status) {
        return Err(AppError::ReadOnly);
    }
    let submitted = t.to == ProposalStatus::Submitted;
    sqlx::query(
        "UPDATE proposals SET status = $1, version = $2, updated_at = $3,
             head_note = CASE WHEN $4 = 1 THEN $5 ELSE head_note END,
             submitted_at = CASE WHEN $6 = 1 THEN $3 ELSE submitted_at END,
             submitted_by = CASE WHEN $6 = 1 THEN $7 ELSE submitted_by END
         WHERE id = $8",
    )
    .bind(t.to.as_str())
    .bind(version + 1)
    .bind(now)
    .bind(i64::from(t.note.is_some()))
    .bind(t.note.map(str::to_string))
    .bind(i64::from(submitted))
    .bind(user.id)
    .bind(&row.id)
    .execute(&mut *tx)
    .await?;
    if submitted {
        // Handing in again answers a send-back (send_back.rs): the organisers see it re-submitted
        // and the fix-by day no longer moves the deadline.
        sqlx::query(
            "UPDATE send_backs SET resubmitted_at = $1
             WHERE proposal_id = $2 AND resubmitted_at IS NULL",
        )
        .bind(now)
        .bind(&row.id)
        .execute(&mut *tx)
        .await?;
    }
    tell_agency(&mut tx, agency_id, user, &row.id, t.to, t.note).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(user.id, t.action, "proposal", &row.id)
            .before(serde_json::json!({ "status": status.as_str() }))
            .after(serde_json::json!({ "status": t.to.as_str(), "note": t.note })),
    )
    .await?;
    Ok(())
}

/// Tells the agency's people what the status change means for them, in the change's own
/// transaction: the heads that a proposal waits for them, everyone that it was handed in or
/// sent back to its writers (never the person who did it).
async fn tell_agency(
    tx: &mut Transaction<'static, Any>,
    agency_id: i64,
    user: &CurrentUser,
    id: &str,
    to: ProposalStatus,
    note: Option<&str>,
) -> Result<(), AppError> {
    let title: String = sqlx::query_scalar("SELECT title FROM proposals WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    let proposal_id = id.to_string();
    let (audience, notice) = match to {
        ProposalStatus::AwaitingApproval => (
            Audience::Heads,
            Notice::AwaitingApproval { proposal_id, title },
        ),
        ProposalStatus::Submitted => (Audience::Everyone, Notice::Submitted { proposal_id, title }),
        ProposalStatus::Draft => (
            Audience::Everyone,
            Notice::ReturnedToDraft {
                proposal_id,
                title,
                note: note.unwrap_or_default().to_string(),
            },
        ),
        _ => return Ok(()),
    };
    notify::agency(tx, agency_id, audience, Some(user.id), &notice).await
}

/// A member (or the head) hands a complete draft to the agency head.
pub async fn request_approval(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    row: &ProposalRow,
) -> Result<(), AppError> {
    transition(
        db,
        user,
        form,
        row,
        Transition {
            from: &[ProposalStatus::Draft],
            to: ProposalStatus::AwaitingApproval,
            action: AuditAction::ProposalRequestApproval,
            note: None,
            needs_complete: true,
        },
    )
    .await
}

/// The agency head approves and submits: from then on the proposal is read-only to the agency.
pub async fn approve_and_submit(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    row: &ProposalRow,
) -> Result<(), AppError> {
    transition(
        db,
        user,
        form,
        row,
        Transition {
            from: &[ProposalStatus::Draft, ProposalStatus::AwaitingApproval],
            to: ProposalStatus::Submitted,
            action: AuditAction::ProposalSubmit,
            note: None,
            needs_complete: true,
        },
    )
    .await
}

/// Longest note a head may send back with a proposal.
pub const NOTE_MAX_CHARS: u32 = 2000;

/// The agency head sends a proposal back for revision, with a note that says what to change.
pub async fn return_to_draft(
    db: &Db,
    user: &CurrentUser,
    form: &ProposalForm,
    row: &ProposalRow,
    note: &str,
) -> Result<(), AppError> {
    let note = crate::validation::text(crate::error::Input::Note, note, NOTE_MAX_CHARS, true)?;
    transition(
        db,
        user,
        form,
        row,
        Transition {
            from: &[ProposalStatus::AwaitingApproval],
            to: ProposalStatus::Draft,
            action: AuditAction::ProposalReturnToDraft,
            note: Some(&note),
            needs_complete: false,
        },
    )
    .await
}
