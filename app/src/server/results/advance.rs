//! Moving the year from one round to the next (issue 16; docs/rounds.md). In the current round's
//! deliberation the organisers send proposals on: the round's rule proposes whom (the top N
//! overall or per category, or a pass mark), the organisers may choose otherwise, and then —
//! or whenever the rule is their choice — they must say why. One transaction freezes the
//! round's ranking in `round_results` with who went on, locks the round with the reason, makes
//! the next round current and puts the year back in judging; the audit trail holds the rule,
//! whom it proposed, whom the organisers sent on and their reason.

use std::collections::BTreeSet;

use serde_json::json;

use super::board::{advancing, decisions, rows};
use super::deliberation::{all_handed_in, open_year};
use super::{inputs, settings};
use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{AdvanceRule, CurrentUser, PhaseBlock};
use crate::server::http::state::Caches;
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{internal, now_ms};
use crate::server::year::{competitions, rounds};
use crate::server::Db;

/// The longest reason kept, in characters.
pub const REASON_MAX_CHARS: u32 = 2_000;

/// Sends `chosen` (proposal ids of the current round's ranking) on to the next round, with
/// `reason` when the choice is not the rule's. Returns how many went on.
pub async fn advance(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    chosen: &[String],
    reason: &str,
) -> Result<usize, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    all_handed_in(db, competition.id).await?;
    let reason = crate::validation::text(Input::Reason, reason, REASON_MAX_CHARS, false)?;
    // Sheets cannot change outside judging: what is read here is what the round is locked with.
    let inputs = inputs(db, competition.id).await?;
    let mut tx = db.begin_write().await?;
    let year = open_year(&mut tx, db).await?;
    let settings = settings(db, year).await?;
    let decided = decisions(db, year).await?;
    let (rows, _) = rows(&inputs, &settings, &decided);
    let all = rounds::list(&mut *tx, year).await?;
    let current = all
        .iter()
        .find(|r| r.current)
        .ok_or_else(|| internal("a year without a current round"))?;
    let Some(next) = all.iter().find(|r| r.position == current.position + 1) else {
        return Err(AppError::PhaseBlocked(PhaseBlock::LastRound));
    };
    // Only proposals ranked in this round go on, each once; anything else is a tampered form.
    let mut going: BTreeSet<&str> = BTreeSet::new();
    for id in chosen {
        let ranked = rows.iter().any(|r| r.proposal_id == *id);
        if !ranked || !going.insert(id.as_str()) {
            return Err(AppError::NotFound);
        }
    }
    if going.is_empty() {
        return Err(AppError::PhaseBlocked(PhaseBlock::NobodyAdvances));
    }
    let proposed = advancing(&all, &rows, settings.basis);
    let by_rule: BTreeSet<&str> = proposed.iter().map(String::as_str).collect();
    let chose = current.rule == Some(AdvanceRule::Choice) || going != by_rule;
    if chose && reason.is_empty() {
        return Err(FieldError::new(Input::Reason, Problem::Required).into());
    }
    // Each round keeps its own score and rank; the combination is worked out from them again
    // in every later round (crate::combine).
    for r in &rows {
        let s = r.own(settings.basis);
        sqlx::query(
            "INSERT INTO round_results (round_id, proposal_id, score, rank, rank_in_category,
                 advanced)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(current.id)
        .bind(&r.proposal_id)
        .bind(s.score)
        .bind(s.rank.map(i64::from))
        .bind(s.rank_in_category.map(i64::from))
        .bind(i64::from(going.contains(r.proposal_id.as_str())))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE rounds SET locked_at = $1, locked_by = $2, advance_reason = $3, is_current = 0
         WHERE id = $4",
    )
    .bind(now_ms())
    .bind(admin.id)
    .bind(&reason)
    .bind(current.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE rounds SET is_current = 1 WHERE id = $1")
        .bind(next.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE competitions SET phase = 'judging' WHERE id = $1")
        .bind(year)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::RoundAdvance, "competition", year).after(json!({
            "round": current.position,
            "next": next.position,
            "rule": current.rule.map(AdvanceRule::as_str),
            "value": current.value,
            "by_rule": proposed,
            "advanced": going.iter().collect::<Vec<_>>(),
            "reason": reason,
            "basis": settings.basis,
        })),
    )
    .await?;
    caches.year_changed();
    Ok(going.len())
}
