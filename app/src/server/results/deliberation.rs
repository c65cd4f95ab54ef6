//! Deliberation: the pass mark and the official ranking, finalists, winners and nominations, then
//! locking (the ranking is written into `results` as it stood) and the gate before publishing.
//!
//! After locking nothing that feeds the ranking can change: sheets are shut since judging ended
//! (saving and reopening are judging-phase calls), criteria are fixed once scored, assignments
//! belong to screening and judging, and the settings and decisions here refuse a locked year.

use serde_json::json;
use sqlx::{Any, Transaction};

use super::board::{basis_flag, decisions, missing, rows};
use super::{inputs, settings};
use crate::error::{AppError, Field, FieldError, Input, Problem};
use crate::models::{Award, Basis, CurrentUser, DecisionInput, Notice, Phase, PhaseBlock};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::{flag, for_update, now_ms};
use crate::server::infra::notify::{self, Audience};
use crate::server::year::rounds;
use crate::server::{infra::audit, year::competitions, Db};

/// Reads a pass mark as people type it: "85", "85.5" or "85,5", between 0 and 100.
pub fn parse_pass_mark(input: &str) -> Result<f64, FieldError> {
    let text = input.trim().replace(',', ".");
    if text.is_empty() {
        return Err(FieldError::new(Input::PassMark, Problem::Required));
    }
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| FieldError::new(Input::PassMark, Problem::NotANumber))?;
    if !(0.0..=100.0).contains(&value) {
        return Err(FieldError::new(
            Input::PassMark,
            Problem::OutOfRange {
                min: Some(0),
                max: Some(100),
            },
        ));
    }
    Ok((value * 100.0).round() / 100.0)
}

/// The current year, locked for this transaction, refused unless it is deliberating and its
/// results are still open.
pub(super) async fn open_year(
    tx: &mut Transaction<'static, Any>,
    db: &Db,
) -> Result<i64, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let (phase, locked_at) = sqlx::query_as::<_, (String, Option<i64>)>(&format!(
        "SELECT phase, results_locked_at FROM competitions WHERE id = $1{}",
        for_update(db.backend)
    ))
    .bind(competition.id)
    .fetch_one(&mut **tx)
    .await?;
    if locked_at.is_some() {
        return Err(AppError::PhaseBlocked(PhaseBlock::ResultsLocked));
    }
    if phase != Phase::Deliberation.as_str() {
        return Err(AppError::WrongPhase);
    }
    Ok(competition.id)
}

pub async fn save_settings(
    db: &Db,
    admin: &CurrentUser,
    pass_mark: f64,
    basis: Basis,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let id = open_year(&mut tx, db).await?;
    let (was_pass_mark, was_normalised) = sqlx::query_as::<_, (f64, i64)>(
        "SELECT pass_mark, normalise_scores FROM competitions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE competitions SET pass_mark = $1, normalise_scores = $2 WHERE id = $3")
        .bind(pass_mark)
        .bind(basis_flag(basis))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ResultsSettings, "competition", id)
            .before(json!({ "pass_mark": was_pass_mark, "normalised": was_normalised != 0 }))
            .after(json!({ "pass_mark": pass_mark, "normalised": basis == Basis::Normalised })),
    )
    .await?;
    Ok(())
}

/// Parsed decisions: every proposal named must be judged in the current year.
pub fn parse_decisions(
    input: &[DecisionInput],
) -> Result<Vec<(String, Option<Award>, bool)>, FieldError> {
    input
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let award = match d.award.trim() {
                "" => None,
                other => Some(Award::parse(other).ok_or_else(|| {
                    FieldError::new(Field::Award { row: i }, Problem::NotAllowed)
                })?),
            };
            let nominated = d.nominated.as_deref().is_some_and(|v| !v.is_empty());
            Ok((d.proposal_id.clone(), award, nominated))
        })
        .collect()
}

/// Saves finalists, winners and nominations for the proposals named (others keep theirs).
pub async fn save_decisions(
    db: &Db,
    admin: &CurrentUser,
    decisions: &[(String, Option<Award>, bool)],
) -> Result<(), AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let id = open_year(&mut tx, db).await?;
    let mut changed = Vec::new();
    for (proposal_id, award, nominated) in decisions {
        // A proposal of another year, not judged, or made up: refused, nothing written.
        let judged: Option<String> = sqlx::query_scalar(&format!(
            "SELECT id FROM proposals WHERE id = $1 AND competition_id = $2 AND status IN {}",
            super::JUDGED
        ))
        .bind(proposal_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if judged.is_none() {
            return Err(AppError::NotFound);
        }
        let was = sqlx::query_as::<_, (Option<String>, i64)>(
            "SELECT award, nominated FROM results WHERE proposal_id = $1",
        )
        .bind(proposal_id)
        .fetch_optional(&mut *tx)
        .await?
        .map_or((None, false), |(award, nominated)| (award, nominated != 0));
        let now_is = (award.map(|a| a.as_str().to_string()), *nominated);
        if was == now_is {
            continue;
        }
        sqlx::query(
            "INSERT INTO results (proposal_id, competition_id, award, nominated, decided_at,
                 decided_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (proposal_id) DO UPDATE SET award = excluded.award,
                 nominated = excluded.nominated, decided_at = excluded.decided_at,
                 decided_by = excluded.decided_by",
        )
        .bind(proposal_id)
        .bind(id)
        .bind(award.map(Award::as_str))
        .bind(flag(*nominated))
        .bind(now)
        .bind(admin.id)
        .execute(&mut *tx)
        .await?;
        changed.push(json!({
            "proposal": proposal_id,
            "award": now_is.0,
            "nominated": nominated,
            "was": { "award": was.0, "nominated": was.1 },
        }));
    }
    if !changed.is_empty() {
        audit::append(
            &mut tx,
            db.backend,
            audit::Event::by(admin.id, AuditAction::ResultsDecide, "competition", id)
                .after(json!(changed)),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Refused while sheets of the current round are missing, naming the first few: a round is
/// locked (its results, or by sending proposals on) only once every judge has handed in.
pub(super) async fn all_handed_in(db: &Db, competition_id: i64) -> Result<(), AppError> {
    let waiting = missing(db, competition_id).await?;
    if waiting.is_empty() {
        return Ok(());
    }
    Err(AppError::PhaseBlocked(PhaseBlock::SheetsMissing {
        count: waiting.len() as u32,
        examples: waiting
            .iter()
            .take(3)
            .map(|m| format!("{} ({})", m.proposal_title, m.judge_name))
            .collect(),
    }))
}

/// Locks the results: refused while sheets are missing (naming the first few). The official
/// ranking is written into `results` as it stands.
pub async fn lock(db: &Db, admin: &CurrentUser) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    all_handed_in(db, competition.id).await?;
    // Sheets cannot change outside judging, so what is read here is what gets locked; the
    // settings and decisions are re-read under the year's lock below.
    let inputs = inputs(db, competition.id).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let id = open_year(&mut tx, db).await?;
    // A round with another after it is locked by sending proposals on (`advance`).
    let all = rounds::list(&mut *tx, id).await?;
    if let Some(current) = all.iter().find(|r| r.current) {
        if all.iter().any(|r| r.position > current.position) {
            return Err(AppError::PhaseBlocked(PhaseBlock::RoundsFollow));
        }
    }
    let settings = settings(db, id).await?;
    let decided = decisions(db, id).await?;
    let (rows, _) = rows(&inputs, &settings, &decided);
    if rows
        .iter()
        .all(|r| r.standing(settings.basis).score.is_none())
    {
        return Err(AppError::PhaseBlocked(PhaseBlock::NoScores));
    }
    let summaries = super::gallery::summaries(db, id).await?;
    for r in &rows {
        let s = r.standing(settings.basis);
        sqlx::query(
            "INSERT INTO results (proposal_id, competition_id, score, rank, rank_in_category,
                 passes, summary, decided_at, decided_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (proposal_id) DO UPDATE SET score = excluded.score,
                 rank = excluded.rank, rank_in_category = excluded.rank_in_category,
                 passes = excluded.passes, summary = excluded.summary",
        )
        .bind(&r.proposal_id)
        .bind(id)
        .bind(s.score)
        .bind(s.rank.map(i64::from))
        .bind(s.rank_in_category.map(i64::from))
        .bind(flag(s.passes))
        .bind(summaries.get(&r.proposal_id).map_or("", String::as_str))
        .bind(now)
        .bind(admin.id)
        .execute(&mut *tx)
        .await?;
    }
    // A proposal that stopped in an earlier round has no place in this ranking (its own is in
    // `round_results`), but it is one of the year's judged innovations: in the gallery, the
    // compendium and its agency's feedback, like any proposal not selected.
    let ranked: std::collections::HashSet<&str> =
        rows.iter().map(|r| r.proposal_id.as_str()).collect();
    let judged: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT id FROM proposals WHERE competition_id = $1 AND status IN {}",
        super::JUDGED
    ))
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for proposal_id in judged.iter().filter(|p| !ranked.contains(p.as_str())) {
        sqlx::query(
            "INSERT INTO results (proposal_id, competition_id, passes, summary, decided_at,
                 decided_by)
             VALUES ($1, $2, 0, $3, $4, $5)
             ON CONFLICT (proposal_id) DO UPDATE SET score = NULL, rank = NULL,
                 rank_in_category = NULL, passes = 0, summary = excluded.summary",
        )
        .bind(proposal_id)
        .bind(id)
        .bind(summaries.get(proposal_id).map_or("", String::as_str))
        .bind(now)
        .bind(admin.id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE competitions SET results_locked_at = $1, results_locked_by = $2 WHERE id = $3",
    )
    .bind(now)
    .bind(admin.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let winners = rows
        .iter()
        .filter(|r| r.award == Some(Award::Winner))
        .count();
    let finalists = rows
        .iter()
        .filter(|r| r.award == Some(Award::Finalist))
        .count();
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ResultsLock, "competition", id).after(json!({
            "pass_mark": settings.pass_mark,
            "normalised": settings.basis == Basis::Normalised,
            "proposals": rows.len(),
            "winners": winners,
            "finalists": finalists,
        })),
    )
    .await?;
    Ok(())
}

/// Inside the phase move to `published`: refused until the results are locked; then each judged
/// proposal's status says what it became (winner, finalist, not selected).
pub async fn publish(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
) -> Result<(), AppError> {
    let locked: Option<i64> =
        sqlx::query_scalar("SELECT results_locked_at FROM competitions WHERE id = $1")
            .bind(competition_id)
            .fetch_one(&mut **tx)
            .await?;
    if locked.is_none() {
        return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
    }
    sqlx::query(&format!(
        "UPDATE proposals SET status = COALESCE(
             (SELECT r.award FROM results r WHERE r.proposal_id = proposals.id), 'not_selected')
         WHERE competition_id = $1 AND status IN {}",
        super::JUDGED
    ))
    .bind(competition_id)
    .execute(&mut **tx)
    .await?;
    // Each judged proposal's agency is told, and led to its outcome and feedback.
    let judged: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, title, agency_id FROM proposals
         WHERE competition_id = $1 AND status IN ('winner', 'finalist', 'not_selected')
         ORDER BY agency_id, id",
    )
    .bind(competition_id)
    .fetch_all(&mut **tx)
    .await?;
    for (proposal_id, title, agency_id) in judged {
        let notice = Notice::ResultsPublished { proposal_id, title };
        notify::agency(tx, agency_id, Audience::Everyone, None, &notice).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_marks_as_people_type_them() {
        assert_eq!(parse_pass_mark("85"), Ok(85.0));
        assert_eq!(parse_pass_mark(" 72,5 "), Ok(72.5));
        assert_eq!(parse_pass_mark("72.555"), Ok(72.56));
        assert_eq!(
            parse_pass_mark("").map_err(|e| e.problem),
            Err(Problem::Required)
        );
        assert_eq!(
            parse_pass_mark("delapan").map_err(|e| e.problem),
            Err(Problem::NotANumber)
        );
        assert_eq!(
            parse_pass_mark("NaN").map_err(|e| e.problem),
            Err(Problem::NotANumber)
        );
        assert!(matches!(
            parse_pass_mark("101").map_err(|e| e.problem),
            Err(Problem::OutOfRange { .. })
        ));
    }

    #[test]
    fn decisions_refuse_an_unknown_award() {
        let ok = parse_decisions(&[DecisionInput {
            proposal_id: "p".into(),
            award: "winner".into(),
            nominated: Some("on".into()),
        }]);
        assert_eq!(ok, Ok(vec![("p".to_string(), Some(Award::Winner), true)]));
        let bad = parse_decisions(&[
            DecisionInput::default(),
            DecisionInput {
                award: "champion".into(),
                ..DecisionInput::default()
            },
        ]);
        assert_eq!(
            bad.map_err(|e| e.field.to_string()),
            Err("decisions.1.award".into())
        );
    }
}
