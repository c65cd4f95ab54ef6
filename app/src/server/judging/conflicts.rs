//! Conflicts of interest: a judge declares one with a reason; the proposal leaves their list,
//! their sheet no longer counts, and no assignment will give it back to them.

use serde_json::json;

use crate::error::AppError;
use crate::models::{ConflictItem, CurrentUser, Phase};
use crate::server::infra::audit::AuditAction;

use super::sheets::reason;
use super::Assigned;
use crate::server::infra::db::now_ms;
use crate::server::{infra::audit, Db};

pub async fn declare(
    db: &Db,
    judge: &CurrentUser,
    assigned: &Assigned,
    reason_text: &str,
) -> Result<(), AppError> {
    // The proposal's own year must be screening or judging (not whichever year is current): a
    // declaration after judging would change what a published year's feedback counted.
    if !matches!(assigned.phase, Phase::Screening | Phase::Judging) {
        return Err(AppError::WrongPhase);
    }
    let reason = reason(reason_text)?;
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO conflict_declarations (proposal_id, judge_id, reason, declared_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (proposal_id, judge_id) DO NOTHING",
    )
    .bind(&assigned.proposal_id)
    .bind(judge.id)
    .bind(&reason)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted > 0 {
        audit::append(
            &mut tx,
            db.backend,
            audit::Event::by(
                judge.id,
                AuditAction::ConflictDeclare,
                "proposal",
                &assigned.proposal_id,
            )
            .after(json!({ "judge_id": judge.id, "reason": reason })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ConflictRow {
    proposal_id: String,
    title: String,
    agency_name: String,
    judge_name: String,
    reason: String,
    declared_at: i64,
}

/// Every declaration of a year, newest first.
pub async fn list(db: &Db, competition_id: i64) -> Result<Vec<ConflictItem>, AppError> {
    let rows: Vec<ConflictRow> = sqlx::query_as(
        "SELECT cd.proposal_id, p.title, a.name AS agency_name, u.name AS judge_name, cd.reason,
                cd.declared_at
         FROM conflict_declarations cd
         JOIN proposals p ON p.id = cd.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         JOIN users u ON u.id = cd.judge_id
         WHERE p.competition_id = $1
         ORDER BY cd.declared_at DESC, cd.id DESC",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConflictItem {
            proposal_id: r.proposal_id,
            proposal_title: r.title,
            agency_name: r.agency_name,
            judge_name: r.judge_name,
            reason: r.reason,
            declared_at: r.declared_at,
        })
        .collect())
}
