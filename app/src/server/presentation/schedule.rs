//! The presentation round's schedule: rooms with their panels, and one slot per finalist (a
//! room, a start in WIB, the minutes for the presentation and for the questions). The
//! organisers build it while the round is judged; every save is checked whole — a slot that
//! overlaps another in its room, or a judge who would sit in two rooms at once, is refused
//! naming both finalists, and nothing is stored. A saved change to a finalist's slot is told to
//! its agency (set, moved, or taken off the schedule).

use std::collections::HashMap;

use serde_json::json;
use sqlx::Any;

use crate::error::{AppError, Field, FieldError, Input, Problem, ServerProblem, SlotPart};
use crate::models::{
    AgencySlot, CurrentUser, FillInput, Notice, Phase, PhaseBlock, Room, RoundKind, Schedule,
    ScheduleRow, ScheduledSlot, SlidesInfo, Slot, SlotInput,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::notify::{self, Audience};
use crate::server::results::JUDGED;
use crate::server::year::competitions;
use crate::server::year::rounds::{self, ENTERED};
use crate::server::Db;
use crate::validation::dates::{parse_clock, parse_date, WIB_OFFSET_MS};

/// The longest room name kept, in characters.
pub const ROOM_NAME_MAX_CHARS: u32 = 80;
/// The longest a presentation, or its questions, may be given (minutes).
pub const MINUTES_MAX: i64 = 120;
const DAY_MS: i64 = 86_400_000;

/// The schedule page's contents.
pub async fn load(db: &Db) -> Result<Schedule, AppError> {
    let year = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let judges: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.name FROM competition_judges cj JOIN users u ON u.id = cj.user_id
         WHERE cj.competition_id = $1 AND u.active = 1 ORDER BY u.name, u.id",
    )
    .bind(year.id)
    .fetch_all(&db.pool)
    .await?;
    let round = rounds::list(&db.pool, year.id)
        .await?
        .into_iter()
        .find(|r| r.current && r.kind == RoundKind::Presentation);
    let Some(round) = round else {
        return Ok(Schedule {
            year: year.year,
            round: None,
            rooms: Vec::new(),
            rows: Vec::new(),
            judges,
            editable: false,
        });
    };
    Ok(Schedule {
        year: year.year,
        round: Some(round.position),
        rooms: rooms(db, round.id).await?,
        rows: finalists(db, year.id, round.id).await?,
        judges,
        editable: year.phase == Phase::Judging,
    })
}

async fn rooms(db: &Db, round_id: i64) -> Result<Vec<Room>, AppError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM rooms WHERE round_id = $1 ORDER BY position, id")
            .bind(round_id)
            .fetch_all(&db.pool)
            .await?;
    let seated: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT rj.room_id, u.id, u.name FROM room_judges rj
         JOIN rooms r ON r.id = rj.room_id JOIN users u ON u.id = rj.judge_id
         WHERE r.round_id = $1 ORDER BY u.name, u.id",
    )
    .bind(round_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Room {
            id,
            name,
            judges: seated
                .iter()
                .filter(|(room, _, _)| *room == id)
                .map(|(_, judge, name)| (*judge, name.clone()))
                .collect(),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct FinalistRow {
    id: String,
    title: String,
    agency_name: String,
    room_id: Option<i64>,
    starts_at: Option<i64>,
    present_minutes: Option<i64>,
    question_minutes: Option<i64>,
}

/// The round's finalists with their slots, the scheduled first in time order.
async fn finalists(db: &Db, year: i64, round_id: i64) -> Result<Vec<ScheduleRow>, AppError> {
    let rows: Vec<FinalistRow> = sqlx::query_as(&format!(
        "SELECT p.id, p.title, a.name AS agency_name, s.room_id, s.starts_at,
                CAST(s.present_minutes AS BIGINT) AS present_minutes,
                CAST(s.question_minutes AS BIGINT) AS question_minutes
         FROM proposals p
         JOIN rounds cur ON cur.id = $2
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN slots s ON s.proposal_id = p.id
             AND s.room_id IN (SELECT id FROM rooms WHERE round_id = $2)
         WHERE p.competition_id = $1 AND p.status IN {JUDGED} AND {ENTERED}
         ORDER BY CASE WHEN s.starts_at IS NULL THEN 1 ELSE 0 END, s.starts_at, p.title, p.id"
    ))
    .bind(year)
    .bind(round_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ScheduleRow {
            slot: match (
                r.room_id,
                r.starts_at,
                r.present_minutes,
                r.question_minutes,
            ) {
                (Some(room_id), Some(starts_at), Some(present), Some(questions)) => Some(Slot {
                    room_id,
                    starts_at,
                    present_minutes: present,
                    question_minutes: questions,
                }),
                _ => None,
            },
            proposal_id: r.id,
            title: r.title,
            agency_name: r.agency_name,
        })
        .collect())
}

/// The year and its presentation round, locked for this transaction: refused unless the current
/// round is a presentation being judged.
async fn open(tx: &mut sqlx::Transaction<'static, Any>, db: &Db) -> Result<(i64, i64), AppError> {
    let (year, phase) = competitions::lock_current(tx, db).await?;
    let round = rounds::list(&mut **tx, year)
        .await?
        .into_iter()
        .find(|r| r.current && r.kind == RoundKind::Presentation);
    match round {
        Some(round) if phase == Phase::Judging => Ok((year, round.id)),
        _ => Err(AppError::PhaseBlocked(PhaseBlock::NoPresentationUnderWay)),
    }
}

/// Adds a room with the judges who sit in it (ids from the year's judges; any other is a
/// tampered form).
pub async fn add_room(
    db: &Db,
    admin: &CurrentUser,
    name: &str,
    judges: &[i64],
) -> Result<i64, AppError> {
    let name = crate::validation::text(Input::Name, name, ROOM_NAME_MAX_CHARS, true)?;
    let mut tx = db.begin_write().await?;
    let (year, round) = open(&mut tx, db).await?;
    let taken: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM rooms WHERE round_id = $1 AND name = $2")
            .bind(round)
            .bind(&name)
            .fetch_one(&mut *tx)
            .await?;
    if taken > 0 {
        return Err(FieldError::new(Input::Name, Problem::AlreadyExists).into());
    }
    for judge in judges {
        let in_pool: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM competition_judges WHERE competition_id = $1 AND user_id = $2",
        )
        .bind(year)
        .bind(judge)
        .fetch_one(&mut *tx)
        .await?;
        if in_pool == 0 {
            return Err(AppError::NotFound);
        }
    }
    let position: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM rooms WHERE round_id = $1")
            .bind(round)
            .fetch_one(&mut *tx)
            .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO rooms (round_id, name, position) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(round)
    .bind(&name)
    .bind(position)
    .fetch_one(&mut *tx)
    .await?;
    let mut seated: Vec<i64> = judges.to_vec();
    seated.sort_unstable();
    seated.dedup();
    for judge in &seated {
        sqlx::query("INSERT INTO room_judges (room_id, judge_id) VALUES ($1, $2)")
            .bind(id)
            .bind(judge)
            .execute(&mut *tx)
            .await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ScheduleRoom, "room", id)
            .after(json!({ "name": name, "judges": seated })),
    )
    .await?;
    Ok(id)
}

/// Removes a room of the presentation round, and the slots in it (their agencies are told the
/// slot is gone).
pub async fn remove_room(db: &Db, admin: &CurrentUser, room_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (_, round) = open(&mut tx, db).await?;
    let name: String = sqlx::query_scalar("SELECT name FROM rooms WHERE id = $1 AND round_id = $2")
        .bind(room_id)
        .bind(round)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let dropped: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.title, p.agency_id FROM slots s JOIN proposals p ON p.id = s.proposal_id
         WHERE s.room_id = $1 ORDER BY s.starts_at, p.id",
    )
    .bind(room_id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM rooms WHERE id = $1")
        .bind(room_id)
        .execute(&mut *tx)
        .await?;
    for (proposal_id, title, agency_id) in dropped {
        tell(&mut tx, agency_id, proposal_id, title, None).await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ScheduleRoomRemove, "room", room_id)
            .before(json!({ "name": name })),
    )
    .await?;
    Ok(())
}

/// A whole number of minutes from `min` to `MINUTES_MAX`.
fn minutes(field: Field, text: &str, min: i64) -> Result<i64, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let n: i64 = text
        .parse()
        .map_err(|_| FieldError::new(field.clone(), Problem::NotANumber))?;
    if !(min..=MINUTES_MAX).contains(&n) {
        return Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: Some(min),
                max: Some(MINUTES_MAX),
            },
        ));
    }
    Ok(n)
}

/// A day (`YYYY-MM-DD`) and a time of day, read as WIB, to ms.
fn starts_at(
    day_field: Field,
    day: &str,
    start_field: Field,
    start: &str,
) -> Result<i64, FieldError> {
    let day = match day.trim() {
        "" => return Err(FieldError::new(day_field, Problem::Required)),
        d => parse_date(d).ok_or_else(|| FieldError::new(day_field, Problem::NotADate))?,
    };
    let minute = match start.trim() {
        "" => return Err(FieldError::new(start_field, Problem::Required)),
        s => parse_clock(s).ok_or_else(|| {
            FieldError::new(start_field, Problem::Server(ServerProblem::NotAClock))
        })?,
    };
    Ok(day * DAY_MS - WIB_OFFSET_MS + minute * 60_000)
}

/// One slot as checked, with the row of the form it came from.
struct Planned {
    row: usize,
    proposal_id: String,
    slot: Slot,
}

/// Saves the schedule as the form holds it: each finalist's room (none: not scheduled yet), day,
/// start and minutes. Refused whole, naming the row: a value that does not read, a slot that
/// overlaps another in its room, a judge seated in two rooms at overlapping times; a finalist or
/// room that is not the round's is a tampered form.
pub async fn save(db: &Db, admin: &CurrentUser, inputs: &[SlotInput]) -> Result<usize, AppError> {
    let mut tx = db.begin_write().await?;
    let (year, round) = open(&mut tx, db).await?;
    let finalists = finalists(db, year, round).await?;
    let rooms = rooms(db, round).await?;
    let mut planned: Vec<Planned> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let row = i + 1;
        let field = |part| Field::Slot { row, part };
        let id = input.proposal_id.trim();
        if !finalists.iter().any(|f| f.proposal_id == id) || seen.contains(&id) {
            return Err(AppError::NotFound);
        }
        seen.push(id);
        let room = input.room.trim();
        if room.is_empty() {
            continue;
        }
        let room_id: i64 = room.parse().map_err(|_| AppError::NotFound)?;
        if !rooms.iter().any(|r| r.id == room_id) {
            return Err(AppError::NotFound);
        }
        let starts_at = starts_at(
            field(SlotPart::Day),
            &input.day,
            field(SlotPart::Start),
            &input.start,
        )?;
        let present_minutes = minutes(field(SlotPart::Present), &input.present, 1)?;
        let question_minutes = minutes(field(SlotPart::Questions), &input.questions, 0)?;
        planned.push(Planned {
            row,
            proposal_id: id.to_string(),
            slot: Slot {
                room_id,
                starts_at,
                present_minutes,
                question_minutes,
            },
        });
    }
    check(&planned, &rooms, &finalists)?;
    sqlx::query("DELETE FROM slots WHERE room_id IN (SELECT id FROM rooms WHERE round_id = $1)")
        .bind(round)
        .execute(&mut *tx)
        .await?;
    for p in &planned {
        sqlx::query(
            "INSERT INTO slots (room_id, proposal_id, starts_at, present_minutes,
                 question_minutes)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(p.slot.room_id)
        .bind(&p.proposal_id)
        .bind(p.slot.starts_at)
        .bind(p.slot.present_minutes)
        .bind(p.slot.question_minutes)
        .execute(&mut *tx)
        .await?;
    }
    tell_agencies(&mut tx, &planned, &rooms, &finalists).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::ScheduleSave, "competition", year).after(json!(
            planned
                .iter()
                .map(|p| json!([
                    p.proposal_id,
                    p.slot.room_id,
                    p.slot.starts_at,
                    p.slot.present_minutes,
                    p.slot.question_minutes
                ]))
                .collect::<Vec<_>>()
        )),
    )
    .await?;
    Ok(planned.len())
}

/// Tells each finalist's agency of its slot when this save changed it: set or moved (room,
/// start or minutes), or taken off the schedule. A save that leaves a slot as it was tells
/// nobody, so the organisers may save the page as often as they like.
async fn tell_agencies(
    tx: &mut sqlx::Transaction<'static, Any>,
    planned: &[Planned],
    rooms: &[Room],
    finalists: &[ScheduleRow],
) -> Result<(), AppError> {
    for finalist in finalists {
        let now = planned
            .iter()
            .find(|p| p.proposal_id == finalist.proposal_id)
            .map(|p| &p.slot);
        if now == finalist.slot.as_ref() {
            continue;
        }
        let agency_id: i64 = sqlx::query_scalar("SELECT agency_id FROM proposals WHERE id = $1")
            .bind(&finalist.proposal_id)
            .fetch_one(&mut **tx)
            .await?;
        let slot = now.map(|s| ScheduledSlot {
            room: rooms
                .iter()
                .find(|r| r.id == s.room_id)
                .map_or_else(String::new, |r| r.name.clone()),
            starts_at: s.starts_at,
            present_minutes: s.present_minutes,
            question_minutes: s.question_minutes,
        });
        let (id, title) = (finalist.proposal_id.clone(), finalist.title.clone());
        tell(tx, agency_id, id, title, slot).await?;
    }
    Ok(())
}

/// Tells a finalist's agency its slot, or that it has none any more.
async fn tell(
    tx: &mut sqlx::Transaction<'static, Any>,
    agency_id: i64,
    proposal_id: String,
    title: String,
    slot: Option<ScheduledSlot>,
) -> Result<(), AppError> {
    let notice = Notice::Scheduled {
        proposal_id,
        title,
        slot,
    };
    notify::agency(tx, agency_id, Audience::Everyone, None, &notice).await
}

/// The whole day laid out at once: every finalist, in the page's order, into the rooms in turn,
/// each room's slots one after another from `start` with `gap` minutes between. Replaces the
/// schedule; the organisers adjust single slots afterwards. Refused like a save, the problem
/// named on the input it comes from.
pub async fn fill(db: &Db, admin: &CurrentUser, input: &FillInput) -> Result<usize, AppError> {
    let first = starts_at(
        Input::FillDay.into(),
        &input.day,
        Input::FillStart.into(),
        &input.start,
    )?;
    let present = minutes(Input::FillPresent.into(), &input.present, 1)?;
    let questions = minutes(Input::FillQuestions.into(), &input.questions, 0)?;
    let gap = minutes(Input::FillGap.into(), &input.gap, 0)?;
    // The page's view of the round decides the layout; `save` checks it again under the year's
    // lock before anything is written.
    let day = load(db).await?;
    if day.round.is_none() || !day.editable {
        return Err(AppError::PhaseBlocked(PhaseBlock::NoPresentationUnderWay));
    }
    let (rooms, finalists) = (day.rooms, day.rows);
    if rooms.is_empty() {
        return Err(FieldError::new(Input::Name, Problem::Required).into());
    }
    let mut clock: Vec<i64> = vec![first; rooms.len()];
    let rows: Vec<SlotInput> = finalists
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = i % rooms.len();
            let at = clock[r];
            clock[r] = at + (present + questions + gap) * 60_000;
            SlotInput {
                proposal_id: f.proposal_id.clone(),
                room: rooms[r].id.to_string(),
                day: crate::i18n::iso_day(at),
                start: crate::i18n::iso_clock(at),
                present: present.to_string(),
                questions: questions.to_string(),
            }
        })
        .collect();
    save(db, admin, &rows).await.map_err(|e| match e {
        // Rooms in parallel with a judge seated in two of them: said on the start, where the
        // organisers would change the plan.
        AppError::Invalid(fe) => FieldError::new(Input::FillStart, fe.problem).into(),
        other => other,
    })
}

/// Whether two slots share a moment (one ending as the other starts does not).
fn overlap(a: &Slot, b: &Slot) -> bool {
    a.starts_at < b.ends_at() && b.starts_at < a.ends_at()
}

/// The schedule's two rules, on the slots as planned: no two overlap in one room, and no judge
/// sits in two rooms at once. The later row is the one refused, naming the earlier finalist.
fn check(planned: &[Planned], rooms: &[Room], finalists: &[ScheduleRow]) -> Result<(), FieldError> {
    let title = |id: &str| {
        finalists
            .iter()
            .find(|f| f.proposal_id == id)
            .map_or_else(String::new, |f| f.title.clone())
    };
    let panel: HashMap<i64, &Vec<(i64, String)>> =
        rooms.iter().map(|r| (r.id, &r.judges)).collect();
    for (n, later) in planned.iter().enumerate() {
        for earlier in &planned[..n] {
            if !overlap(&earlier.slot, &later.slot) {
                continue;
            }
            let field = Field::Slot {
                row: later.row,
                part: SlotPart::Start,
            };
            if earlier.slot.room_id == later.slot.room_id {
                return Err(FieldError::new(
                    field,
                    Problem::Server(ServerProblem::SlotOverlaps {
                        other: title(&earlier.proposal_id),
                    }),
                ));
            }
            let here = panel.get(&later.slot.room_id).copied();
            let there = panel.get(&earlier.slot.room_id).copied();
            if let (Some(here), Some(there)) = (here, there) {
                if let Some((_, judge)) =
                    here.iter().find(|(j, _)| there.iter().any(|(k, _)| k == j))
                {
                    return Err(FieldError::new(
                        field,
                        Problem::Server(ServerProblem::JudgeInTwoRooms {
                            judge: judge.clone(),
                            other: title(&earlier.proposal_id),
                        }),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The agency's own slots in the presentation round of year `competition_id` when that round is
/// the year's current one, in time order.
pub async fn of_agency(
    db: &Db,
    competition_id: i64,
    agency_id: i64,
) -> Result<Vec<AgencySlot>, AppError> {
    let rows: Vec<AgencySlotRow> = sqlx::query_as(
        "SELECT p.id, p.title, r.name AS room, s.room_id, s.starts_at,
                CAST(s.present_minutes AS BIGINT) AS present_minutes,
                CAST(s.question_minutes AS BIGINT) AS question_minutes,
                ps.file_name, ps.size_bytes, ps.uploaded_at
         FROM slots s
         JOIN rooms r ON r.id = s.room_id
         JOIN rounds cur ON cur.id = r.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = s.proposal_id
         LEFT JOIN presentation_slides ps ON ps.round_id = cur.id AND ps.proposal_id = p.id
         WHERE p.agency_id = $1 AND cur.competition_id = $2
         ORDER BY s.starts_at",
    )
    .bind(agency_id)
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AgencySlot {
            slides: match (r.file_name, r.size_bytes, r.uploaded_at) {
                (Some(file_name), Some(size_bytes), Some(uploaded_at)) => Some(SlidesInfo {
                    file_name,
                    size_bytes,
                    uploaded_at,
                }),
                _ => None,
            },
            proposal_id: r.id,
            title: r.title,
            room: r.room,
            slot: Slot {
                room_id: r.room_id,
                starts_at: r.starts_at,
                present_minutes: r.present_minutes,
                question_minutes: r.question_minutes,
            },
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct AgencySlotRow {
    id: String,
    title: String,
    room: String,
    room_id: i64,
    starts_at: i64,
    present_minutes: i64,
    question_minutes: i64,
    file_name: Option<String>,
    size_bytes: Option<i64>,
    uploaded_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(room_id: i64, start_min: i64, present: i64, questions: i64) -> Slot {
        Slot {
            room_id,
            starts_at: start_min * 60_000,
            present_minutes: present,
            question_minutes: questions,
        }
    }

    fn planned(row: usize, id: &str, slot: Slot) -> Planned {
        Planned {
            row,
            proposal_id: id.into(),
            slot,
        }
    }

    fn finalists() -> Vec<ScheduleRow> {
        ["a", "b", "c"]
            .iter()
            .map(|id| ScheduleRow {
                proposal_id: id.to_string(),
                title: format!("Inovasi {id}"),
                agency_name: String::new(),
                slot: None,
            })
            .collect()
    }

    fn rooms() -> Vec<Room> {
        vec![
            Room {
                id: 1,
                name: "Ruang A".into(),
                judges: vec![(10, "Juri Satu".into()), (11, "Juri Dua".into())],
            },
            Room {
                id: 2,
                name: "Ruang B".into(),
                judges: vec![(12, "Juri Tiga".into())],
            },
        ]
    }

    #[test]
    fn back_to_back_slots_are_fine_and_overlaps_are_named() {
        // 09.00–09.25, then 09.25–09.50 in the same room: back to back.
        let ok = [
            planned(1, "a", slot(1, 540, 15, 10)),
            planned(2, "b", slot(1, 565, 15, 10)),
            planned(3, "c", slot(2, 540, 15, 10)),
        ];
        assert!(check(&ok, &rooms(), &finalists()).is_ok());
        let clash = [
            planned(1, "a", slot(1, 540, 15, 10)),
            planned(2, "b", slot(1, 560, 15, 10)),
        ];
        let e = check(&clash, &rooms(), &finalists()).expect_err("overlap");
        assert_eq!(
            e.field,
            Field::Slot {
                row: 2,
                part: SlotPart::Start
            }
        );
        assert_eq!(
            e.problem,
            Problem::Server(ServerProblem::SlotOverlaps {
                other: "Inovasi a".into()
            })
        );
    }

    #[test]
    fn a_judge_cannot_sit_in_two_rooms_at_once() {
        let mut both = rooms();
        both[1].judges.push((11, "Juri Dua".into()));
        let at_once = [
            planned(1, "a", slot(1, 540, 15, 10)),
            planned(3, "c", slot(2, 550, 15, 10)),
        ];
        assert!(check(&at_once, &rooms(), &finalists()).is_ok());
        let e = check(&at_once, &both, &finalists()).expect_err("two rooms");
        assert_eq!(
            e.problem,
            Problem::Server(ServerProblem::JudgeInTwoRooms {
                judge: "Juri Dua".into(),
                other: "Inovasi a".into()
            })
        );
    }

    #[test]
    fn times_are_read_in_wib_and_minutes_are_bounded() {
        let at =
            starts_at(Field::entry("d"), "2026-12-08", Field::entry("s"), "09.30").expect("reads");
        // 09.30 WIB is 02.30 UTC.
        assert_eq!(at % DAY_MS, (2 * 60 + 30) * 60_000);
        assert!(starts_at(Field::entry("d"), "8/12/2026", Field::entry("s"), "09:30").is_err());
        assert!(starts_at(Field::entry("d"), "2026-12-08", Field::entry("s"), "9 pagi").is_err());
        assert_eq!(minutes(Field::entry("m"), "15", 1), Ok(15));
        assert!(minutes(Field::entry("m"), "0", 1).is_err());
        assert!(minutes(Field::entry("m"), "0", 0).is_ok());
        assert!(minutes(Field::entry("m"), "121", 0).is_err());
        assert!(minutes(Field::entry("m"), "lima", 0).is_err());
    }
}
