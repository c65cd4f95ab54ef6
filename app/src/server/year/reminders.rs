//! Reminders before a deadline (docs/notifications.md): agencies that have not handed in a
//! proposal, 7 days and 1 day before their deadline (their extension's, if they have one); judges
//! with sheets still open, 3 days and 1 day before judging closes. Each goes once per deadline:
//! the row in `reminders_sent` (its kind names the threshold and the deadline, so a deadline
//! moved later is reminded of again) is inserted in the same transaction as its notifications,
//! and a second server (or a second round) that finds it already there tells nobody. A year
//! that has moved on to its next phase reminds no one.

use std::collections::HashSet;

use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::models::{Notice, Phase};
use crate::server::infra::notify::{self, Audience};
use crate::server::judging::NOT_CONFLICTED;
use crate::server::year::competitions;
use crate::server::Db;

const DAY_MS: i64 = 24 * 3600 * 1000;
/// Days before the submission deadline an agency is reminded (the nearest first).
const DEADLINE_DAYS: [i64; 2] = [1, 7];
/// Days before judging closes a judge is reminded.
const SHEET_DAYS: [i64; 2] = [1, 3];
/// How often the server looks for reminders due.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// The reminder of `days` before `deadline` that is due at `now`: the nearest threshold crossed
/// (a server that was down past the 7-day mark and wakes a day before sends the 1-day one
/// only), none before the first or after the deadline.
fn due_threshold(thresholds: &[i64], deadline: i64, now: i64) -> Option<i64> {
    if now >= deadline {
        return None;
    }
    thresholds
        .iter()
        .copied()
        .find(|days| now >= deadline - days * DAY_MS)
}

/// Whole days left before `deadline`, rounded up (a reminder 20 hours before says 1 day).
fn days_left(deadline: i64, now: i64) -> i64 {
    ((deadline - now) + DAY_MS - 1) / DAY_MS
}

/// Records the reminder (`audience`, `subject`, `kind`) for this year; false when it was sent
/// before, by this server or another.
async fn claim(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    audience: &str,
    subject: i64,
    kind: &str,
    now: i64,
) -> Result<bool, AppError> {
    let inserted = sqlx::query(
        "INSERT INTO reminders_sent (competition_id, audience, subject_id, kind, sent_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (competition_id, audience, subject_id, kind) DO NOTHING",
    )
    .bind(competition_id)
    .bind(audience)
    .bind(subject)
    .bind(kind)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// The reminders of the year already sent, as (`audience`, subject, kind): a round opens a
/// transaction only for one that is not among them (ten-minute rounds over 600 agencies
/// would otherwise write all day).
async fn sent(db: &Db, competition_id: i64) -> Result<HashSet<(String, i64, String)>, AppError> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT audience, subject_id, kind FROM reminders_sent WHERE competition_id = $1",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// What a round of reminders did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reminded {
    pub agencies: usize,
    pub judges: usize,
}

/// Sends every reminder due at `now` that has not gone yet.
pub async fn run_due(db: &Db, now: i64) -> Result<Reminded, AppError> {
    let Some(year) = competitions::current(db).await? else {
        return Ok(Reminded::default());
    };
    let mut done = Reminded::default();
    match year.phase {
        Phase::SubmissionOpen => done.agencies = agencies(db, year.id, now).await?,
        Phase::Judging => {
            if let Some(ends_at) = year.current_phase_ends_at() {
                done.judges = judges(db, year.id, ends_at, now).await?;
            }
        }
        _ => {}
    }
    Ok(done)
}

/// Agencies of the year with no proposal handed in yet (the compliance register's "not yet"),
/// with their own deadline.
async fn agencies(db: &Db, competition_id: i64, now: i64) -> Result<usize, AppError> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.id,
                COALESCE((SELECT e.deadline_at FROM deadline_extensions e
                          WHERE e.competition_id = ca.competition_id AND e.agency_id = a.id),
                         (SELECT cp.ends_at FROM competition_phases cp
                          WHERE cp.competition_id = ca.competition_id
                            AND cp.phase = 'submission_open')) AS deadline
         FROM competition_agencies ca JOIN agencies a ON a.id = ca.agency_id
         WHERE ca.competition_id = $1 AND a.active = 1
           AND NOT EXISTS (SELECT 1 FROM proposals p
                           WHERE p.agency_id = a.id AND p.competition_id = ca.competition_id
                             AND p.status NOT IN ('draft', 'awaiting_approval'))
         ORDER BY a.id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let sent = sent(db, competition_id).await?;
    let mut told = 0;
    for (agency_id, deadline) in rows {
        let Some(deadline) = deadline else { continue };
        let Some(days) = due_threshold(&DEADLINE_DAYS, deadline, now) else {
            continue;
        };
        if sent.contains(&(
            "agency".to_string(),
            agency_id,
            format!("deadline_{days}:{deadline}"),
        )) {
            continue;
        }
        let mut tx = db.begin_write().await?;
        // The nearer reminder also stands for the farther one not sent in time.
        let mut fresh = false;
        for d in DEADLINE_DAYS.iter().filter(|d| **d >= days) {
            let kind = format!("deadline_{d}:{deadline}");
            fresh |= claim(&mut tx, competition_id, "agency", agency_id, &kind, now).await?
                && *d == days;
        }
        if fresh {
            let notice = Notice::DeadlineNear {
                deadline_at: deadline,
                days: days_left(deadline, now),
            };
            notify::agency(&mut tx, agency_id, Audience::Everyone, None, &notice).await?;
            told += 1;
        }
        tx.commit().await?;
    }
    Ok(told)
}

/// Judges with sheets of this year's current round not yet handed in.
async fn judges(db: &Db, competition_id: i64, ends_at: i64, now: i64) -> Result<usize, AppError> {
    let Some(days) = due_threshold(&SHEET_DAYS, ends_at, now) else {
        return Ok(0);
    };
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT ja.judge_id, COUNT(*) FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         JOIN users u ON u.id = ja.judge_id
         WHERE p.competition_id = $1 AND p.status = 'screened_in' AND u.active = 1
           AND {NOT_CONFLICTED}
           AND NOT EXISTS (SELECT 1 FROM score_sheets s
                           WHERE s.round_id = ja.round_id AND s.proposal_id = ja.proposal_id
                             AND s.judge_id = ja.judge_id AND s.status = 'submitted')
         GROUP BY ja.judge_id ORDER BY ja.judge_id"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let sent = sent(db, competition_id).await?;
    let mut told = 0;
    for (judge_id, open) in rows {
        if sent.contains(&(
            "judge".to_string(),
            judge_id,
            format!("sheets_{days}:{ends_at}"),
        )) {
            continue;
        }
        let mut tx = db.begin_write().await?;
        let mut fresh = false;
        for d in SHEET_DAYS.iter().filter(|d| **d >= days) {
            let kind = format!("sheets_{d}:{ends_at}");
            fresh |=
                claim(&mut tx, competition_id, "judge", judge_id, &kind, now).await? && *d == days;
        }
        if fresh {
            let notice = Notice::SheetsOpen {
                count: open,
                ends_at,
                days: days_left(ends_at, now),
            };
            notify::user(&mut tx, judge_id, &notice).await?;
            told += 1;
        }
        tx.commit().await?;
    }
    Ok(told)
}

/// Looks for due reminders every ten minutes, for as long as the server runs.
pub async fn run(db: Db) {
    loop {
        match run_due(&db, crate::server::infra::db::now_ms()).await {
            Ok(done) if done != Reminded::default() => tracing::info!(?done, "reminders sent"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "reminders round failed"),
        }
        tokio::time::sleep(EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_threshold_crossed_is_the_one_due() {
        let deadline = 100 * DAY_MS;
        assert_eq!(
            due_threshold(&DEADLINE_DAYS, deadline, deadline - 8 * DAY_MS),
            None
        );
        assert_eq!(
            due_threshold(&DEADLINE_DAYS, deadline, deadline - 7 * DAY_MS),
            Some(7)
        );
        assert_eq!(
            due_threshold(&DEADLINE_DAYS, deadline, deadline - 2 * DAY_MS),
            Some(7)
        );
        assert_eq!(
            due_threshold(&DEADLINE_DAYS, deadline, deadline - DAY_MS),
            Some(1)
        );
        assert_eq!(
            due_threshold(&DEADLINE_DAYS, deadline, deadline - 1),
            Some(1)
        );
        assert_eq!(due_threshold(&DEADLINE_DAYS, deadline, deadline), None);
        assert_eq!(days_left(deadline, deadline - 20 * 3600 * 1000), 1);
        assert_eq!(days_left(deadline, deadline - 7 * DAY_MS), 7);
    }
}
