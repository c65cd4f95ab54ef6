//! `seed-demo --presentation`: the regency on its presentation day. The year is judged in two
//! rounds weighed 40 / 60; the desk round is done and sends its best eight on, through the
//! organisers' own code (`results::advance`); the presentation round has its own criteria, two
//! meeting rooms each with its panel, and the day scheduled from an hour ago: in each room the
//! first two have presented and been scored, the third is presenting now.

use sqlx::{Any, Transaction};

use super::rows::{
    bad_seed, hand_in_demo_sheets, insert_assignment, insert_round_criteria, CriterionSeed,
};
use crate::assignment::JudgeSlot;
use crate::error::AppError;
use crate::models::RoundKind;
use crate::server::people::users;
use crate::server::year::rounds;
use crate::server::Db;

/// The meeting rooms of the Setda, each with the judges who sit in it (by their place among the
/// demo's judges).
const ROOMS: [(&str, [usize; 2]); 2] = [
    ("Ruang Rapat Bupati", [0, 1]),
    ("Ruang Rapat Sekretaris Daerah", [2, 3]),
];
/// Minutes to present, for questions, and between two slots.
const PRESENT: i64 = 15;
const QUESTIONS: i64 = 10;
const GAP: i64 = 5;

/// The regency's two rounds, as the organisers set them before judging: the desk round sends
/// its best eight on to present (or to be visited, `kind` field), the second round has its own
/// criteria, and the rounds weigh 40 / 60. (Written here because the year is already past
/// judging, when the rounds page no longer changes them.)
pub(super) async fn plan(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    criteria: &[CriterionSeed],
    now: i64,
    kind: RoundKind,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE rounds SET advance_rule = 'top_n', advance_value = 8, weight = 40
         WHERE competition_id = $1 AND position = 1",
    )
    .bind(competition_id)
    .execute(&mut **tx)
    .await?;
    let claims = if kind == RoundKind::Field {
        crate::models::DEFAULT_VISIT_CLAIMS
    } else {
        ""
    };
    let round_id: i64 = sqlx::query_scalar(
        "INSERT INTO rounds (competition_id, position, kind, created_at, weight, visit_claims)
         VALUES ($1, 2, $2, $3, 60, $4) RETURNING id",
    )
    .bind(competition_id)
    .bind(kind.as_str())
    .bind(now)
    .bind(claims)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE competitions SET round_combination = 'weights' WHERE id = $1")
        .bind(competition_id)
        .execute(&mut **tx)
        .await?;
    insert_round_criteria(tx, competition_id, round_id, criteria).await?;
    Ok(())
}

/// Sends the desk round's best eight on as the organisers do (the rule's choice), then seats
/// the panels, schedules the day and has the first two of each room scored.
pub(super) async fn open(
    db: &Db,
    admin: i64,
    judges: &[JudgeSlot],
    now: i64,
) -> Result<(), AppError> {
    let (admin, round_id, finalists) = send_on(db, admin).await?;
    let mut tx = db.begin_write().await?;
    let mut rooms: Vec<(i64, Vec<&JudgeSlot>)> = Vec::new();
    for (position, (name, seats)) in ROOMS.iter().enumerate() {
        let panel: Vec<&JudgeSlot> = seats.iter().filter_map(|i| judges.get(*i)).collect();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rooms (round_id, name, position) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(round_id)
        .bind(*name)
        .bind(position as i64 + 1)
        .fetch_one(&mut *tx)
        .await?;
        for judge in &panel {
            sqlx::query("INSERT INTO room_judges (room_id, judge_id) VALUES ($1, $2)")
                .bind(id)
                .bind(judge.id)
                .execute(&mut *tx)
                .await?;
        }
        rooms.push((id, panel));
    }
    // The day began an hour ago, on the five minutes: two slots done in each room, the third
    // begun within the last five minutes, so its presentation time has most of a quarter of an
    // hour to run for whoever opens the demo (or a test suite that comes to the board late).
    let slot_ms = (PRESENT + QUESTIONS + GAP) * 60_000;
    let first = (now - 2 * slot_ms).div_euclid(300_000) * 300_000;
    let mut next_start = vec![first; rooms.len()];
    let mut presented = Vec::new();
    let mut runs: Vec<(i64, String, i64)> = Vec::new();
    for (proposal, agency) in &finalists {
        // A judge never sits where their own agency presents; otherwise the room with the
        // fewer slots so far.
        let room = (0..rooms.len())
            .filter(|r| rooms[*r].1.iter().all(|j| j.agency_id != Some(*agency)))
            .min_by_key(|r| (next_start[*r], *r))
            .ok_or_else(|| bad_seed("a room for every finalist"))?;
        let at = next_start[room];
        next_start[room] = at + slot_ms;
        sqlx::query(
            "INSERT INTO slots (room_id, proposal_id, starts_at, present_minutes,
                 question_minutes)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(rooms[room].0)
        .bind(proposal)
        .bind(at)
        .bind(PRESENT)
        .bind(QUESTIONS)
        .execute(&mut *tx)
        .await?;
        for judge in &rooms[room].1 {
            insert_assignment(&mut tx, round_id, proposal, judge.id, admin.id, now).await?;
        }
        if at + (PRESENT + QUESTIONS) * 60_000 <= now {
            presented.push(proposal.clone());
        }
        if at <= now {
            runs.push((rooms[room].0, proposal.clone(), at));
        }
    }
    board_now(&mut tx, &runs, now).await?;
    hand_in_demo_sheets(&mut tx, round_id, now, Some(&presented)).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the desk round's best eight on as the organisers do (the rule's choice): the admin, the
/// round they go on to, and the finalists (with their agencies) in the desk round's order.
pub(super) async fn send_on(
    db: &Db,
    admin: i64,
) -> Result<(crate::models::CurrentUser, i64, Vec<(String, i64)>), AppError> {
    let admin = users::load_current(db, admin)
        .await?
        .ok_or_else(|| bad_seed("the admin account"))?;
    let competition = crate::server::year::competitions::current(db)
        .await?
        .ok_or_else(|| bad_seed("the demo year"))?;
    let board = crate::server::results::board::load(db, competition.clone()).await?;
    crate::server::results::advance::advance(
        db,
        &crate::server::http::state::Caches::default(),
        &admin,
        &board.advancing,
        "",
    )
    .await?;
    let round_id = rounds::current(&db.pool, competition.id).await?;
    let finalists: Vec<(String, i64)> = sqlx::query_as(
        "SELECT p.id, p.agency_id FROM proposals p
         JOIN round_results rr ON rr.proposal_id = p.id AND rr.advanced = 1
         JOIN rounds r ON r.id = rr.round_id
         WHERE r.competition_id = $1 AND r.position = 1
         ORDER BY rr.rank",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    Ok((admin, round_id, finalists))
}

/// The rooms' boards as the moderators left them: every slot begun so far has run (`runs`:
/// room, finalist, start), those whose questions are over closed, and in each room the latest
/// on the stage, presenting or answering questions as the clock says.
async fn board_now(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    runs: &[(i64, String, i64)],
    now: i64,
) -> Result<(), AppError> {
    for (room, proposal, at) in runs {
        let ends = at + (PRESENT + QUESTIONS) * 60_000;
        let on_stage = now < ends;
        let finished = (!on_stage).then_some(ends);
        match finished {
            Some(ends) => sqlx::query(
                "INSERT INTO slot_runs (room_id, proposal_id, started_at, finished_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(room)
            .bind(proposal)
            .bind(at)
            .bind(ends),
            None => sqlx::query(
                "INSERT INTO slot_runs (room_id, proposal_id, started_at) VALUES ($1, $2, $3)",
            )
            .bind(room)
            .bind(proposal)
            .bind(at),
        }
        .execute(&mut **tx)
        .await?;
        if on_stage {
            let questions_at = at + PRESENT * 60_000;
            let (stage, since) = if now < questions_at {
                ("presenting", *at)
            } else {
                ("questions", questions_at)
            };
            sqlx::query(
                "INSERT INTO room_states (room_id, proposal_id, stage, running_since, spent_ms,
                     seq, started_seq, updated_at)
                 VALUES ($1, $2, $3, $4, 0, 1, 1, $5)",
            )
            .bind(room)
            .bind(proposal)
            .bind(stage)
            .bind(since)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
