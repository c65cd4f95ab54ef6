//! The organisers open a handed-in visit report again, so its judge can correct it — a finding
//! misread, a photo of the wrong building — while the field round is judged. Like reopening a
//! score sheet (judging/sheets.rs): the reason is required, audited and told to the judge.
//!
//! On the record, reopening is one more version: the `submitted` field is cleared (its row
//! stays, as every cleared field's does, which is how the judge's page knows the report was
//! reopened), so the tablet, which holds the report as handed in, takes the server's copy at
//! its next sync and lets the judge edit again.

use serde_json::{json, Value};

use crate::error::AppError;
use crate::models::{CurrentUser, Notice, Phase, SUBMITTED_FIELD};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{for_update, now_ms, parse_enum};
use crate::server::infra::notify;
use crate::server::judging::sheets::reason;
use crate::server::Db;

/// Opens the handed-in report `visit_id` of the year's current round again; answers the
/// finalist's id (whose result page the organisers return to).
pub async fn reopen(
    db: &Db,
    admin: &CurrentUser,
    visit_id: &str,
    reason_text: &str,
) -> Result<String, AppError> {
    let reason = reason(reason_text)?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT v.version, v.submitted_at, c.phase, v.judge_id, p.id, p.title FROM visits v
         JOIN proposals p ON p.id = v.proposal_id
         JOIN competitions c ON c.id = p.competition_id
         WHERE v.id = $1 AND v.round_id IN (SELECT id FROM rounds WHERE is_current = 1){}",
        for_update(db.backend)
    );
    let (version, submitted_at, phase, judge_id, proposal_id, title): (
        i64,
        Option<i64>,
        String,
        i64,
        String,
        String,
    ) = sqlx::query_as(&sql)
        .bind(visit_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if parse_enum("phase", &phase, Phase::parse)? != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    if submitted_at.is_none() {
        return Err(AppError::Conflict {
            what: "the visit report is not handed in".into(),
        });
    }
    let version = version + 1;
    sqlx::query(
        "UPDATE visit_fields SET value = $1, version = $2 WHERE visit_id = $3 AND field = $4",
    )
    .bind(Value::Null.to_string())
    .bind(version)
    .bind(visit_id)
    .bind(SUBMITTED_FIELD)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE visits SET version = $1, updated_at = $2, submitted_at = NULL WHERE id = $3",
    )
    .bind(version)
    .bind(now_ms())
    .bind(visit_id)
    .execute(&mut *tx)
    .await?;
    let notice = Notice::VisitReopened {
        proposal_id: proposal_id.clone(),
        title,
        reason: reason.clone(),
    };
    notify::user(&mut tx, judge_id, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::VisitReopen, "visit", visit_id)
            .before(json!({ "submitted": true }))
            .after(json!({ "submitted": false, "reason": reason })),
    )
    .await?;
    Ok(proposal_id)
}
