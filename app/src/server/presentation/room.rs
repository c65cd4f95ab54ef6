//! The room board (docs/presentation.md): what each room of the presentation day is doing now.
//! The moderator puts a finalist on the stage, pauses and resumes the countdown, and skips from
//! the presentation to the questions and from the questions to the end of the turn; the
//! projector, the moderator and the judges' tablets read the same `RoomLive`. Every change is
//! one transaction, then announced (hub.rs) so that every screen of the room reads it again.

use serde_json::json;
use sqlx::Any;

use crate::error::AppError;
use crate::models::{
    CurrentUser, OnStage, PhaseBlock, Role, RoomAction, RoomBoard, RoomFollow, RoomLive, Seat,
    Stage,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::now_ms;
use crate::server::presentation::hub::RoomHub;
use crate::server::year::{competitions, rounds};
use crate::server::Db;

/// The room's stored state (a room nobody has started yet has none: waiting).
#[derive(Clone, Debug, Default, sqlx::FromRow)]
struct State {
    proposal_id: Option<String>,
    stage: String,
    running_since: Option<i64>,
    spent_ms: i64,
    seq: i64,
    started_seq: i64,
}

impl State {
    fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Waiting)
    }

    /// The stage as the room shows it: waiting when nobody of this room's day is on the stage (a
    /// finalist moved to another room while on it is no longer this room's).
    fn shown_stage(&self, on_stage: Option<&OnStage>) -> Stage {
        if on_stage.is_some() {
            self.stage()
        } else {
            Stage::Waiting
        }
    }

    /// The finalist on the stage, among the room's day.
    fn on_stage<'d>(&self, day: &'d [(OnStage, bool)]) -> Option<&'d OnStage> {
        let id = self.proposal_id.as_deref()?;
        day.iter()
            .find(|(s, _)| s.proposal_id == id)
            .map(|(s, _)| s)
    }

    /// Time spent on the stage so far, at `now`.
    fn spent_at(&self, now: i64) -> i64 {
        self.spent_ms + self.running_since.map_or(0, |since| (now - since).max(0))
    }
}

#[derive(sqlx::FromRow)]
struct DayRow {
    proposal_id: String,
    title: String,
    agency_name: String,
    starts_at: i64,
    present_minutes: i64,
    question_minutes: i64,
    done: i64,
    slides: Option<String>,
}

/// The room's name, when it is a room of the current year's current round ("not found" for any
/// other id: a room of an earlier year, or a made-up number).
async fn room_name<'e>(
    conn: impl sqlx::Executor<'e, Database = Any>,
    round: i64,
    room_id: i64,
) -> Result<String, AppError> {
    sqlx::query_scalar("SELECT name FROM rooms WHERE id = $1 AND round_id = $2")
        .bind(room_id)
        .bind(round)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The current year's current round, and the year's phase.
async fn current_round(db: &Db) -> Result<(i64, crate::models::Phase), AppError> {
    let year = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    Ok((rounds::current(&db.pool, year.id).await?, year.phase))
}

async fn state<'e>(
    conn: impl sqlx::Executor<'e, Database = Any>,
    room_id: i64,
) -> Result<State, AppError> {
    let found: Option<State> = sqlx::query_as(
        "SELECT proposal_id, stage, running_since, spent_ms, seq, started_seq
         FROM room_states WHERE room_id = $1",
    )
    .bind(room_id)
    .fetch_optional(conn)
    .await?;
    Ok(found.unwrap_or_else(|| State {
        stage: Stage::Waiting.as_str().into(),
        ..State::default()
    }))
}

/// The room's finalists in the schedule's order, each with whether its turn is over.
async fn day<'e>(
    conn: impl sqlx::Executor<'e, Database = Any>,
    room_id: i64,
) -> Result<Vec<(OnStage, bool)>, AppError> {
    let rows: Vec<DayRow> = sqlx::query_as(
        "SELECT s.proposal_id, p.title, a.name AS agency_name, s.starts_at,
                CAST(s.present_minutes AS BIGINT) AS present_minutes,
                CAST(s.question_minutes AS BIGINT) AS question_minutes,
                CAST(CASE WHEN sr.finished_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS done,
                ps.file_name AS slides
         FROM slots s
         JOIN rooms r ON r.id = s.room_id
         JOIN proposals p ON p.id = s.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN slot_runs sr ON sr.room_id = s.room_id AND sr.proposal_id = s.proposal_id
         LEFT JOIN presentation_slides ps ON ps.round_id = r.round_id
             AND ps.proposal_id = s.proposal_id
         WHERE s.room_id = $1
         ORDER BY s.starts_at, p.title, p.id",
    )
    .bind(room_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                OnStage {
                    proposal_id: r.proposal_id,
                    title: r.title,
                    agency_name: r.agency_name,
                    starts_at: r.starts_at,
                    present_minutes: r.present_minutes,
                    question_minutes: r.question_minutes,
                    slides: r.slides,
                },
                r.done == 1,
            )
        })
        .collect())
}

/// Who scores the finalist on the stage (the round's assignment) and whether each has handed
/// in; with nobody on the stage, the room's panel.
async fn panel(
    db: &Db,
    round: i64,
    room_id: i64,
    on_stage: Option<&str>,
) -> Result<Vec<Seat>, AppError> {
    let rows: Vec<(i64, String, i64)> = match on_stage {
        Some(proposal) => {
            sqlx::query_as(
                "SELECT u.id, u.name,
                    CAST(CASE WHEN s.status = 'submitted' THEN 1 ELSE 0 END AS BIGINT)
                 FROM judge_assignments ja
                 JOIN users u ON u.id = ja.judge_id
                 LEFT JOIN score_sheets s ON s.round_id = ja.round_id
                     AND s.proposal_id = ja.proposal_id AND s.judge_id = ja.judge_id
                 WHERE ja.round_id = $1 AND ja.proposal_id = $2
                 ORDER BY u.name, u.id",
            )
            .bind(round)
            .bind(proposal)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query_as(
                "SELECT u.id, u.name, CAST(0 AS BIGINT) FROM room_judges rj
                 JOIN users u ON u.id = rj.judge_id
                 WHERE rj.room_id = $1 ORDER BY u.name, u.id",
            )
            .bind(room_id)
            .fetch_all(&db.pool)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(judge_id, name, handed_in)| Seat {
            judge_id,
            name,
            handed_in: handed_in == 1,
        })
        .collect())
}

/// The stage's full length (ms).
fn stage_ms(stage: Stage, on_stage: Option<&OnStage>) -> i64 {
    let minutes = match (stage, on_stage) {
        (Stage::Presenting, Some(s)) => s.present_minutes,
        (Stage::Questions, Some(s)) => s.question_minutes,
        _ => 0,
    };
    minutes * 60_000
}

/// The room as it is at `now`, with its day in order and the year's phase.
async fn read(
    db: &Db,
    room_id: i64,
    now: i64,
) -> Result<(RoomLive, Vec<(OnStage, bool)>, crate::models::Phase), AppError> {
    let (round, phase) = current_round(db).await?;
    let name = room_name(&db.pool, round, room_id).await?;
    let state = state(&db.pool, room_id).await?;
    let day = day(&db.pool, room_id).await?;
    let on_stage = state.on_stage(&day).cloned();
    let stage = state.shown_stage(on_stage.as_ref());
    let next = day
        .iter()
        .find(|(s, done)| {
            !done && Some(&s.proposal_id) != on_stage.as_ref().map(|o| &o.proposal_id)
        })
        .map(|(s, _)| s.clone());
    let panel = panel(
        db,
        round,
        room_id,
        on_stage.as_ref().map(|s| s.proposal_id.as_str()),
    )
    .await?;
    let live = RoomLive {
        room_id,
        room: name,
        stage,
        remaining_ms: stage_ms(stage, on_stage.as_ref()) - state.spent_at(now),
        running: stage != Stage::Waiting && state.running_since.is_some(),
        next,
        seq: state.seq,
        started_seq: state.started_seq,
        panel,
        done: day.iter().filter(|(_, done)| *done).count(),
        scheduled: day.len(),
        now: on_stage,
    };
    Ok((live, day, phase))
}

/// The room now, as every screen of it shows it.
pub async fn live(db: &Db, room_id: i64) -> Result<RoomLive, AppError> {
    Ok(read(db, room_id, now_ms()).await?.0)
}

/// The organiser's board: the room now and its day.
pub async fn board(db: &Db, room_id: i64) -> Result<RoomBoard, AppError> {
    let (live, day, phase) = read(db, room_id, now_ms()).await?;
    Ok(RoomBoard {
        live,
        day,
        drivable: phase == crate::models::Phase::Judging,
    })
}

/// The room `judge` sits in during the current round, if it is a presentation with rooms.
pub async fn seat_of(db: &Db, judge: i64) -> Result<Option<RoomFollow>, AppError> {
    let Some(year) = competitions::current(db).await? else {
        return Ok(None);
    };
    let round = rounds::current(&db.pool, year.id).await?;
    let seat: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT r.id, r.name, st.started_seq FROM room_judges rj
         JOIN rooms r ON r.id = rj.room_id
         LEFT JOIN room_states st ON st.room_id = r.id
         WHERE rj.judge_id = $1 AND r.round_id = $2
         ORDER BY r.position, r.id LIMIT 1",
    )
    .bind(judge)
    .bind(round)
    .fetch_optional(&db.pool)
    .await?;
    Ok(seat.map(|(room_id, room, started_seq)| RoomFollow {
        room_id,
        room,
        started_seq: started_seq.unwrap_or(0),
    }))
}

/// Refuses to show the room to anyone but the organisers and the judges who sit in it; a judge
/// of another room gets "not found", as for a made-up number.
pub async fn may_watch(db: &Db, user: &CurrentUser, room_id: i64) -> Result<(), AppError> {
    match user.role {
        Role::Admin => Ok(()),
        Role::Judge => {
            let sits: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM room_judges WHERE room_id = $1 AND judge_id = $2",
            )
            .bind(room_id)
            .bind(user.id)
            .fetch_one(&db.pool)
            .await?;
            if sits == 0 {
                return Err(AppError::NotFound);
            }
            Ok(())
        }
        _ => Err(AppError::Forbidden),
    }
}

/// The rooms of the current round where `proposal` is scheduled: a sheet of it handed in changes
/// what their boards show.
pub async fn rooms_of(db: &Db, proposal: &str) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT s.room_id FROM slots s JOIN rooms r ON r.id = s.room_id
         JOIN rounds rd ON rd.id = r.round_id AND rd.is_current = 1
         WHERE s.proposal_id = $1",
    )
    .bind(proposal)
    .fetch_all(&db.pool)
    .await?)
}

/// Tells the boards of the rooms where `proposal` presents that one of its sheets came in
/// (logged, never returned: the sheet is stored either way).
pub async fn announce_sheet(db: &Db, hub: &RoomHub, proposal: &str) {
    match rooms_of(db, proposal).await {
        Ok(rooms) => {
            for room in rooms {
                hub.changed(db, room).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "the rooms of a handed-in sheet were not found"),
    }
}

/// The same for a sheet an organiser reopened (by the sheet's id).
pub async fn announce_reopened(db: &Db, hub: &RoomHub, sheet_id: &str) {
    let proposal: Result<Option<String>, _> =
        sqlx::query_scalar("SELECT proposal_id FROM score_sheets WHERE id = $1")
            .bind(sheet_id)
            .fetch_optional(&db.pool)
            .await;
    match proposal {
        Ok(Some(proposal)) => announce_sheet(db, hub, &proposal).await,
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "the rooms of a reopened sheet were not found"),
    }
}

/// What the moderator's press changes: the state to write, the turn that ends (closed in
/// `slot_runs`) and the one that begins.
struct Change {
    next: State,
    ends: Option<String>,
    begins: Option<String>,
}

/// The moderator's press, worked out on the stored state (pure; the transaction writes it).
/// `None`: nothing changes (a second press of the same button).
fn apply(
    state: &State,
    action: RoomAction,
    named: Option<&OnStage>,
    first_waiting: Option<&OnStage>,
    on_stage: Option<&OnStage>,
    now: i64,
) -> Result<Option<Change>, AppError> {
    let stage = state.shown_stage(on_stage);
    let seq = state.seq + 1;
    let put_on = |who: &OnStage, ends: Option<String>| Change {
        next: State {
            proposal_id: Some(who.proposal_id.clone()),
            stage: Stage::Presenting.as_str().into(),
            running_since: Some(now),
            spent_ms: 0,
            seq,
            started_seq: seq,
        },
        ends,
        begins: Some(who.proposal_id.clone()),
    };
    let current = on_stage.map(|s| s.proposal_id.clone());
    Ok(match action {
        RoomAction::Start => match named {
            // Someone else named: the one on the stage (if any) ends, the named comes on.
            Some(who) if current.as_deref() != Some(who.proposal_id.as_str()) => {
                Some(put_on(who, current))
            }
            // The one on the stage, or no one named while someone is: resume when paused.
            _ if stage != Stage::Waiting => state.running_since.is_none().then(|| Change {
                next: State {
                    running_since: Some(now),
                    seq,
                    ..state.clone()
                },
                ends: None,
                begins: None,
            }),
            _ => {
                let who = first_waiting.ok_or(AppError::PhaseBlocked(PhaseBlock::RoomDayOver))?;
                Some(put_on(who, None))
            }
        },
        RoomAction::Pause => match state.running_since {
            Some(since) if stage != Stage::Waiting => Some(Change {
                next: State {
                    running_since: None,
                    spent_ms: state.spent_ms + (now - since).max(0),
                    seq,
                    ..state.clone()
                },
                ends: None,
                begins: None,
            }),
            _ => None,
        },
        RoomAction::Skip => match (stage, on_stage) {
            (Stage::Presenting, Some(s)) if s.question_minutes > 0 => Some(Change {
                next: State {
                    stage: Stage::Questions.as_str().into(),
                    running_since: Some(now),
                    spent_ms: 0,
                    seq,
                    ..state.clone()
                },
                ends: None,
                begins: None,
            }),
            (Stage::Presenting | Stage::Questions, Some(_)) => Some(Change {
                next: State {
                    proposal_id: None,
                    stage: Stage::Waiting.as_str().into(),
                    running_since: None,
                    spent_ms: 0,
                    seq,
                    started_seq: state.started_seq,
                },
                ends: current,
                begins: None,
            }),
            _ => None,
        },
    })
}

/// The moderator's press on room `room_id`: `proposal` names the finalist to put on the stage
/// (start only; any finalist of the room, one already presented included). Returns whether the
/// room changed.
pub async fn control(
    db: &Db,
    admin: &CurrentUser,
    room_id: i64,
    action: RoomAction,
    proposal: Option<&str>,
) -> Result<bool, AppError> {
    let mut tx = db.begin_write().await?;
    let (year, phase) = competitions::lock_current(&mut tx, db).await?;
    if phase != crate::models::Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    let round = rounds::current(&mut *tx, year).await?;
    room_name(&mut *tx, round, room_id).await?;
    let now = now_ms();
    let state = state(&mut *tx, room_id).await?;
    let day = day(&mut *tx, room_id).await?;
    let named = match proposal {
        Some(id) => Some(
            day.iter()
                .find(|(s, _)| s.proposal_id == id)
                .map(|(s, _)| s)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let on_stage = state.on_stage(&day);
    let first_waiting = day
        .iter()
        .find(|(s, done)| !done && Some(s) != on_stage)
        .map(|(s, _)| s);
    let Some(change) = apply(&state, action, named, first_waiting, on_stage, now)? else {
        return Ok(false);
    };
    write(&mut tx, room_id, &change, now).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::RoomControl, "room", room_id).after(json!({
            "action": action.as_str(),
            "stage": change.next.stage,
            "proposal": change.next.proposal_id,
            "ended": change.ends,
        })),
    )
    .await?;
    Ok(true)
}

async fn write(
    tx: &mut sqlx::Transaction<'static, Any>,
    room_id: i64,
    change: &Change,
    now: i64,
) -> Result<(), AppError> {
    let next = &change.next;
    sqlx::query(
        "INSERT INTO room_states (room_id, stage, spent_ms, seq, started_seq, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (room_id) DO UPDATE SET stage = excluded.stage,
             spent_ms = excluded.spent_ms, seq = excluded.seq,
             started_seq = excluded.started_seq, updated_at = excluded.updated_at",
    )
    .bind(room_id)
    .bind(&next.stage)
    .bind(next.spent_ms)
    .bind(next.seq)
    .bind(next.started_seq)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // The two columns that may be empty, each by a statement of its own: on Postgres through
    // sqlx's Any driver a statement prepared with a NULL of one type refuses a value of another
    // on the same connection (rounds.rs).
    match &next.proposal_id {
        Some(id) => sqlx::query("UPDATE room_states SET proposal_id = $1 WHERE room_id = $2")
            .bind(id)
            .bind(room_id),
        None => sqlx::query("UPDATE room_states SET proposal_id = NULL WHERE room_id = $1")
            .bind(room_id),
    }
    .execute(&mut **tx)
    .await?;
    match next.running_since {
        Some(since) => sqlx::query("UPDATE room_states SET running_since = $1 WHERE room_id = $2")
            .bind(since)
            .bind(room_id),
        None => sqlx::query("UPDATE room_states SET running_since = NULL WHERE room_id = $1")
            .bind(room_id),
    }
    .execute(&mut **tx)
    .await?;
    if let Some(ended) = &change.ends {
        sqlx::query(
            "UPDATE slot_runs SET finished_at = $1
             WHERE room_id = $2 AND proposal_id = $3 AND finished_at IS NULL",
        )
        .bind(now)
        .bind(room_id)
        .bind(ended)
        .execute(&mut **tx)
        .await?;
    }
    if let Some(begins) = &change.begins {
        // Put on again after presenting (the moderator named them): the turn starts over.
        sqlx::query(
            "INSERT INTO slot_runs (room_id, proposal_id, started_at) VALUES ($1, $2, $3)
             ON CONFLICT (room_id, proposal_id) DO UPDATE SET started_at = excluded.started_at,
                 finished_at = NULL",
        )
        .bind(room_id)
        .bind(begins)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finalist(id: &str, questions: i64) -> OnStage {
        OnStage {
            proposal_id: id.into(),
            title: id.into(),
            agency_name: "Dinas".into(),
            starts_at: 0,
            present_minutes: 10,
            question_minutes: questions,
            slides: None,
        }
    }

    fn waiting() -> State {
        State {
            stage: "waiting".into(),
            ..State::default()
        }
    }

    #[test]
    fn start_puts_the_next_finalist_on_and_a_second_press_changes_nothing() {
        let a = finalist("a", 5);
        let change = apply(&waiting(), RoomAction::Start, None, Some(&a), None, 1_000)
            .expect("ok")
            .expect("a change");
        assert_eq!(change.next.proposal_id.as_deref(), Some("a"));
        assert_eq!(change.next.stage(), Stage::Presenting);
        assert_eq!(change.next.running_since, Some(1_000));
        assert_eq!(change.next.started_seq, 1);
        assert_eq!(change.begins.as_deref(), Some("a"));
        let again =
            apply(&change.next, RoomAction::Start, None, None, Some(&a), 2_000).expect("ok");
        assert!(again.is_none(), "running already: nothing to do");
    }

    #[test]
    fn pause_keeps_the_time_spent_and_start_resumes_it() {
        let a = finalist("a", 5);
        let on = apply(&waiting(), RoomAction::Start, None, Some(&a), None, 0)
            .expect("ok")
            .expect("on");
        let paused = apply(&on.next, RoomAction::Pause, None, None, Some(&a), 90_000)
            .expect("ok")
            .expect("paused");
        assert_eq!(paused.next.running_since, None);
        assert_eq!(
            paused.next.spent_at(500_000),
            90_000,
            "the clock stands still"
        );
        let resumed = apply(
            &paused.next,
            RoomAction::Start,
            None,
            None,
            Some(&a),
            100_000,
        )
        .expect("ok")
        .expect("resumed");
        assert_eq!(resumed.next.spent_at(110_000), 100_000);
        assert_eq!(
            resumed.next.started_seq, on.next.started_seq,
            "not a new turn"
        );
        assert!(resumed.begins.is_none());
    }

    #[test]
    fn skip_goes_to_the_questions_then_ends_the_turn() {
        let a = finalist("a", 5);
        let on = apply(&waiting(), RoomAction::Start, None, Some(&a), None, 0)
            .expect("ok")
            .expect("on");
        let questions = apply(&on.next, RoomAction::Skip, None, None, Some(&a), 60_000)
            .expect("ok")
            .expect("questions");
        assert_eq!(questions.next.stage(), Stage::Questions);
        assert_eq!(
            questions.next.spent_at(60_000),
            0,
            "the questions' clock starts afresh"
        );
        let over = apply(
            &questions.next,
            RoomAction::Skip,
            None,
            None,
            Some(&a),
            90_000,
        )
        .expect("ok")
        .expect("over");
        assert_eq!(over.next.stage(), Stage::Waiting);
        assert_eq!(over.next.proposal_id, None);
        assert_eq!(over.ends.as_deref(), Some("a"));
        // No questions planned: the presentation's end is the turn's.
        let b = finalist("b", 0);
        let on = apply(&waiting(), RoomAction::Start, None, Some(&b), None, 0)
            .expect("ok")
            .expect("on");
        let over = apply(&on.next, RoomAction::Skip, None, None, Some(&b), 1)
            .expect("ok")
            .expect("over");
        assert_eq!(over.ends.as_deref(), Some("b"));
    }

    #[test]
    fn naming_another_finalist_ends_the_current_turn_and_nobody_left_is_refused() {
        let a = finalist("a", 5);
        let c = finalist("c", 5);
        let on = apply(&waiting(), RoomAction::Start, None, Some(&a), None, 0)
            .expect("ok")
            .expect("on");
        let switched = apply(&on.next, RoomAction::Start, Some(&c), None, Some(&a), 10)
            .expect("ok")
            .expect("switched");
        assert_eq!(switched.ends.as_deref(), Some("a"));
        assert_eq!(switched.begins.as_deref(), Some("c"));
        assert!(switched.next.started_seq > on.next.started_seq);
        let refused = apply(&waiting(), RoomAction::Start, None, None, None, 0);
        assert!(matches!(
            refused,
            Err(AppError::PhaseBlocked(PhaseBlock::RoomDayOver))
        ));
        assert!(apply(&waiting(), RoomAction::Skip, None, None, None, 0)
            .expect("ok")
            .is_none());
        assert!(apply(&waiting(), RoomAction::Pause, None, None, None, 0)
            .expect("ok")
            .is_none());
    }
}
