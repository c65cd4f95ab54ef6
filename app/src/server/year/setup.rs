//! Running the competition year from the browser: phase changes (server-enforced, each with its
//! reason when refused), phase dates, judging settings, and per-agency deadline extensions.
//! Every change is one transaction with its audit event.

use const_format::formatcp;
use serde_json::json;

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{CurrentUser, ExtensionItem, Notice, Phase, PhaseBlock, YearSetup};
use crate::server::http::state::Caches;
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::{flag, for_update, now_ms, parse_enum};
use crate::server::infra::notify::{self, Audience};
use crate::server::judging::NOT_CONFLICTED;
use crate::server::year::rounds;
use crate::server::{infra::audit, year::competitions, Db};
use crate::validation::dates::{parse_date, WIB_OFFSET_MS};
use crate::validation::phases::{self, PhaseDays};

const DAY_MS: i64 = 86_400_000;

/// 00:00 WIB of a calendar day (days since the epoch).
pub fn day_start(day: i64) -> i64 {
    day * DAY_MS - WIB_OFFSET_MS
}

/// 23:59:59.999 WIB of a calendar day.
pub fn day_end(day: i64) -> i64 {
    day_start(day + 1) - 1
}

#[derive(sqlx::FromRow)]
struct ExtensionRow {
    agency_id: i64,
    name: String,
    deadline_at: i64,
    reason: String,
}

pub async fn setup(db: &Db) -> Result<YearSetup, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let (blind_judging, judges_per_proposal): (i64, i64) =
        sqlx::query_as("SELECT blind_judging, judges_per_proposal FROM competitions WHERE id = $1")
            .bind(competition.id)
            .fetch_one(&db.pool)
            .await?;
    let agencies = sqlx::query_as(
        "SELECT a.id, a.name FROM competition_agencies ca JOIN agencies a ON a.id = ca.agency_id
         WHERE ca.competition_id = $1 ORDER BY a.name",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let extensions = sqlx::query_as::<_, ExtensionRow>(
        "SELECT e.agency_id, a.name, e.deadline_at, e.reason FROM deadline_extensions e
         JOIN agencies a ON a.id = e.agency_id WHERE e.competition_id = $1 ORDER BY a.name",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| ExtensionItem {
        agency_id: r.agency_id,
        agency_name: r.name,
        deadline_at: r.deadline_at,
        reason: r.reason,
    })
    .collect();
    Ok(YearSetup {
        blind_judging: blind_judging != 0,
        judges_per_proposal,
        settings_open: competition.phase < Phase::Judging,
        moves: competition.phase.moves(),
        agencies,
        extensions,
        competition,
    })
}

/// Moves the current year to another phase, if that move is allowed and the year is ready.
pub async fn move_phase(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    to: Phase,
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT phase, judges_per_proposal FROM competitions WHERE id = $1{}",
        for_update(db.backend)
    );
    let (from, per): (String, i64) = sqlx::query_as(&sql)
        .bind(competition.id)
        .fetch_one(&mut *tx)
        .await?;
    let from = parse_enum("phase", &from, Phase::parse)?;
    if !from.moves().contains(&to) {
        return Err(AppError::PhaseBlocked(PhaseBlock::NotAllowed));
    }
    if to == Phase::Judging {
        let unscreened: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM proposals WHERE competition_id = $1 AND status = 'submitted'",
        )
        .bind(competition.id)
        .fetch_one(&mut *tx)
        .await?;
        if unscreened > 0 {
            return Err(AppError::PhaseBlocked(PhaseBlock::UnscreenedProposals {
                count: unscreened as u32,
            }));
        }
        // A proposal sent back may still come back until its fix-by day: judging waits for it.
        let sent_back: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM send_backs s JOIN proposals p ON p.id = s.proposal_id
             WHERE p.competition_id = $1 AND s.resubmitted_at IS NULL AND s.fix_by >= $2",
        )
        .bind(competition.id)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        if sent_back > 0 {
            return Err(AppError::PhaseBlocked(PhaseBlock::SendBacksOpen {
                count: sent_back as u32,
            }));
        }
        let round_id = rounds::current(&mut *tx, competition.id).await?;
        let counts: Vec<i64> = sqlx::query_scalar(formatcp!(
            "SELECT (SELECT COUNT(*) FROM judge_assignments ja WHERE ja.round_id = $2
                     AND ja.proposal_id = p.id AND {NOT_CONFLICTED})
             FROM proposals p WHERE p.competition_id = $1 AND p.status = 'screened_in'"
        ))
        .bind(competition.id)
        .bind(round_id)
        .fetch_all(&mut *tx)
        .await?;
        if counts.is_empty() {
            return Err(AppError::PhaseBlocked(PhaseBlock::NothingToJudge));
        }
        let short = counts.iter().filter(|n| **n < per).count();
        if short > 0 {
            return Err(AppError::PhaseBlocked(PhaseBlock::JudgesMissing {
                count: short as u32,
            }));
        }
    }
    if to == Phase::Published {
        crate::server::results::deliberation::publish(&mut tx, competition.id).await?;
    }
    sqlx::query("UPDATE competitions SET phase = $1 WHERE id = $2")
        .bind(to.as_str())
        .bind(competition.id)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CompetitionPhase,
            "competition",
            competition.id,
        )
        .before(json!({ "phase": from.as_str() }))
        .after(json!({ "phase": to.as_str() })),
    )
    .await?;
    caches.year_changed();
    // A year published or archived (or taken back) changes what the gallery lists.
    caches.gallery.invalidate();
    Ok(())
}

/// Blind judging and judges per proposal (1–10), fixed once judging has begun.
pub async fn save_settings(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    blind: bool,
    per_proposal: &str,
) -> Result<(), AppError> {
    let per: i64 = per_proposal
        .trim()
        .parse()
        .map_err(|_| FieldError::new(Input::JudgesPerProposal, Problem::NotANumber))?;
    if !(1..=10).contains(&per) {
        return Err(FieldError::new(
            Input::JudgesPerProposal,
            Problem::OutOfRange {
                min: Some(1),
                max: Some(10),
            },
        )
        .into());
    }
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT phase, blind_judging, judges_per_proposal FROM competitions WHERE id = $1{}",
        for_update(db.backend)
    );
    let (phase, was_blind, was_per): (String, i64, i64) = sqlx::query_as(&sql)
        .bind(competition.id)
        .fetch_one(&mut *tx)
        .await?;
    if parse_enum("phase", &phase, Phase::parse)? >= Phase::Judging {
        return Err(AppError::PhaseBlocked(PhaseBlock::SettingsLocked));
    }
    let before = json!({
        "blind_judging": was_blind != 0,
        "judges_per_proposal": was_per,
    });
    sqlx::query(
        "UPDATE competitions SET blind_judging = $1, judges_per_proposal = $2 WHERE id = $3",
    )
    .bind(flag(blind))
    .bind(per)
    .bind(competition.id)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CompetitionSettings,
            "competition",
            competition.id,
        )
        .before(before)
        .after(json!({ "blind_judging": blind, "judges_per_proposal": per })),
    )
    .await?;
    caches.year_changed();
    Ok(())
}

/// New phase dates: every phase's first and last day (`YYYY-MM-DD`, WIB) by phase, in order.
pub async fn save_dates(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    dates: &[(Phase, String, String)],
) -> Result<(), AppError> {
    let mut days = Vec::new();
    for phase in Phase::ALL {
        let (_, from, to) = dates
            .iter()
            .find(|(p, _, _)| *p == phase)
            .ok_or_else(|| FieldError::new(phases::field(phase, false), Problem::Required))?;
        let first = parse_date(from.trim())
            .ok_or_else(|| FieldError::new(phases::field(phase, false), Problem::NotADate))?;
        let last = parse_date(to.trim())
            .ok_or_else(|| FieldError::new(phases::field(phase, true), Problem::NotADate))?;
        days.push(PhaseDays { phase, first, last });
    }
    phases::check(&days)?;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM competition_phases WHERE competition_id = $1")
        .bind(competition.id)
        .execute(&mut *tx)
        .await?;
    for d in &days {
        sqlx::query(
            "INSERT INTO competition_phases (competition_id, phase, starts_at, ends_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(competition.id)
        .bind(d.phase.as_str())
        .bind(day_start(d.first))
        .bind(day_end(d.last))
        .execute(&mut *tx)
        .await?;
    }
    let before: Vec<_> = competition
        .phases
        .iter()
        .map(|p| json!([p.phase.as_str(), p.starts_at, p.ends_at]))
        .collect();
    let after: Vec<_> = days
        .iter()
        .map(|d| json!([d.phase.as_str(), day_start(d.first), day_end(d.last)]))
        .collect();
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CompetitionDates,
            "competition",
            competition.id,
        )
        .before(json!(before))
        .after(json!(after)),
    )
    .await?;
    caches.year_changed();
    Ok(())
}

/// Gives one obligated agency until the end of `deadline` (a day, WIB) to submit, with the
/// reason; replaces an earlier extension.
pub async fn grant_extension(
    db: &Db,
    admin: &CurrentUser,
    agency_id: i64,
    deadline: &str,
    reason: &str,
) -> Result<(), AppError> {
    let day = parse_date(deadline.trim())
        .ok_or_else(|| FieldError::new(Input::Deadline, Problem::NotADate))?;
    let reason = crate::server::judging::sheets::reason(reason)?;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let obligated: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM competition_agencies WHERE competition_id = $1 AND agency_id = $2",
    )
    .bind(competition.id)
    .bind(agency_id)
    .fetch_one(&mut *tx)
    .await?;
    if obligated == 0 {
        return Err(FieldError::new(Input::Agency, Problem::NotAllowed).into());
    }
    let deadline_at = day_end(day);
    if deadline_at < now_ms() {
        return Err(FieldError::new(Input::Deadline, Problem::InThePast).into());
    }
    sqlx::query("DELETE FROM deadline_extensions WHERE competition_id = $1 AND agency_id = $2")
        .bind(competition.id)
        .bind(agency_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO deadline_extensions (competition_id, agency_id, deadline_at, reason,
             granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(competition.id)
    .bind(agency_id)
    .bind(deadline_at)
    .bind(&reason)
    .bind(admin.id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let notice = Notice::DeadlineExtended {
        deadline_at,
        reason: reason.clone(),
    };
    notify::agency(&mut tx, agency_id, Audience::Everyone, None, &notice).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ExtensionGrant, "agency", agency_id)
            .after(json!({ "deadline_at": deadline_at, "reason": reason })),
    )
    .await?;
    Ok(())
}

pub async fn revoke_extension(
    db: &Db,
    admin: &CurrentUser,
    agency_id: i64,
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let removed =
        sqlx::query("DELETE FROM deadline_extensions WHERE competition_id = $1 AND agency_id = $2")
            .bind(competition.id)
            .bind(agency_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ExtensionRevoke, "agency", agency_id),
    )
    .await?;
    Ok(())
}
