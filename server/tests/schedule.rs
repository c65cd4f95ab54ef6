//! The presentation day's schedule (issue 16; docs/presentation.md), on both backends, from the
//! regency's presentation day (`seed-demo --presentation`): rooms with their panels, every slot
//! checked (a clash in a room, a judge in two rooms at once, a day or time that does not read,
//! minutes out of range, a made-up finalist or room), nothing stored on a refusal, the whole day
//! laid out at once, the agency reading its own slot; the page's plain forms over HTTP.

mod support;

use app::error::{AppError, Field, Input, Problem, ServerProblem, SlotPart};
use app::models::{FillInput, PhaseBlock, Schedule, SlotInput};
use app::server::demo::Scenario;
use app::server::presentation::schedule;
use app::server::Db;

async fn admin(db: &Db) -> app::models::CurrentUser {
    support::user(db, "admin@inovasi.test").await
}

async fn seeded(db: &Db) -> Schedule {
    app::server::demo::seed_scenario(db, &support::hasher(), Scenario::Presentation)
        .await
        .expect("seed");
    schedule::load(db).await.expect("schedule")
}

/// The form as the page posts it for `schedule`, every finalist in its row.
fn as_form(schedule: &Schedule) -> Vec<SlotInput> {
    schedule
        .rows
        .iter()
        .map(|r| {
            let slot = r.slot.as_ref();
            SlotInput {
                proposal_id: r.proposal_id.clone(),
                room: slot.map(|s| s.room_id.to_string()).unwrap_or_default(),
                day: slot
                    .map(|s| app::i18n::iso_day(s.starts_at))
                    .unwrap_or_default(),
                start: slot
                    .map(|s| app::i18n::iso_clock(s.starts_at))
                    .unwrap_or_default(),
                present: slot
                    .map(|s| s.present_minutes.to_string())
                    .unwrap_or_default(),
                questions: slot
                    .map(|s| s.question_minutes.to_string())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn refused_on(result: Result<usize, AppError>, row: usize, part: SlotPart) -> Problem {
    match result {
        Err(AppError::Invalid(e)) => {
            assert_eq!(e.field, Field::Slot { row, part });
            e.problem
        }
        other => panic!("expected a refusal on row {row}: {other:?}"),
    }
}

on_both_backends!(
    the_schedule_is_checked_whole_and_nothing_refused_is_stored,
    |db| {
        let before = seeded(&db).await;
        let admin = admin(&db).await;
        assert_eq!(before.rooms.len(), 2);
        assert_eq!(before.rows.len(), 8);
        assert!(before.editable);
        let form = as_form(&before);
        // As it stands it saves (the demo's schedule passes its own rules).
        assert_eq!(schedule::save(&db, &admin, &form).await, Ok(8));
        assert_eq!(schedule::load(&db).await.expect("again").rows, before.rows);

        // The second finalist moved onto the first one's time in the first one's room.
        let mut clash = form.clone();
        clash[1].room = form[0].room.clone();
        clash[1].day = form[0].day.clone();
        clash[1].start = form[0].start.clone();
        let problem = refused_on(
            schedule::save(&db, &admin, &clash).await,
            2,
            SlotPart::Start,
        );
        assert_eq!(
            problem,
            Problem::Server(ServerProblem::SlotOverlaps {
                other: before.rows[0].title.clone()
            })
        );

        // Values that do not read, each named on its row and input.
        let mut bad = form.clone();
        bad[2].day = "8/12/2026".into();
        assert_eq!(
            refused_on(schedule::save(&db, &admin, &bad).await, 3, SlotPart::Day),
            Problem::NotADate
        );
        let mut bad = form.clone();
        bad[2].start = "jam sembilan".into();
        assert_eq!(
            refused_on(schedule::save(&db, &admin, &bad).await, 3, SlotPart::Start),
            Problem::Server(ServerProblem::NotAClock)
        );
        let mut bad = form.clone();
        bad[2].present = "0".into();
        assert!(matches!(
            refused_on(
                schedule::save(&db, &admin, &bad).await,
                3,
                SlotPart::Present
            ),
            Problem::OutOfRange { .. }
        ));
        // A finalist or a room that is not the round's: a tampered form.
        let mut bad = form.clone();
        bad[0].proposal_id = "00000000-0000-4000-8000-000000000000".into();
        assert_eq!(
            schedule::save(&db, &admin, &bad).await,
            Err(AppError::NotFound)
        );
        let mut bad = form.clone();
        bad[0].room = "999999".into();
        assert_eq!(
            schedule::save(&db, &admin, &bad).await,
            Err(AppError::NotFound)
        );
        assert_eq!(
            schedule::load(&db).await.expect("unchanged").rows,
            before.rows,
            "nothing refused was stored"
        );

        // A third room seating a judge of the first: a slot there at the same time is refused.
        let first_room = &before.rooms[0];
        let (judge_id, judge_name) = first_room.judges[0].clone();
        assert!(matches!(
            schedule::add_room(&db, &admin, &first_room.name, &[]).await,
            Err(AppError::Invalid(e)) if e.field == Field::Input(Input::Name)
        ));
        assert_eq!(
            schedule::add_room(&db, &admin, "Ruang Lain", &[i64::MAX]).await,
            Err(AppError::NotFound),
            "only the year's judges sit in a room"
        );
        let third = schedule::add_room(&db, &admin, "Aula Setda", &[judge_id])
            .await
            .expect("a third room");
        let in_first = form
            .iter()
            .position(|f| f.room == first_room.id.to_string())
            .expect("a slot in the first room");
        let moved = (0..form.len())
            .find(|&i| form[i].room != first_room.id.to_string())
            .expect("a slot elsewhere");
        let mut twice = form.clone();
        twice[moved].room = third.to_string();
        twice[moved].day = form[in_first].day.clone();
        twice[moved].start = form[in_first].start.clone();
        let problem = refused_on(
            schedule::save(&db, &admin, &twice).await,
            moved.max(in_first) + 1,
            SlotPart::Start,
        );
        assert_eq!(
            problem,
            Problem::Server(ServerProblem::JudgeInTwoRooms {
                judge: judge_name,
                other: before.rows[moved.min(in_first)].title.clone()
            })
        );

        // Laid out at once with the shared judge's room in parallel: refused on the start; without
        // that room, every finalist one after another in each room.
        let fill = FillInput {
            day: "2026-12-08".into(),
            start: "08:00".into(),
            present: "15".into(),
            questions: "10".into(),
            gap: "5".into(),
        };
        match schedule::fill(&db, &admin, &fill).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.field, Field::Input(Input::FillStart)),
            other => panic!("a judge in two rooms at once: {other:?}"),
        }
        schedule::remove_room(&db, &admin, third)
            .await
            .expect("removed");
        assert_eq!(schedule::fill(&db, &admin, &fill).await, Ok(8));
        let laid = schedule::load(&db).await.expect("laid out");
        for room in &laid.rooms {
            let mut starts: Vec<i64> = laid
                .rows
                .iter()
                .filter_map(|r| r.slot.as_ref())
                .filter(|s| s.room_id == room.id)
                .map(|s| s.starts_at)
                .collect();
            starts.sort_unstable();
            assert!(!starts.is_empty());
            // 08.00 WIB is 01.00 UTC; then every 30 minutes.
            assert_eq!(starts[0].rem_euclid(86_400_000), 3_600_000);
            assert!(starts.windows(2).all(|w| w[1] - w[0] == 30 * 60_000));
        }
        assert_eq!(
            schedule::fill(
                &db,
                &admin,
                &FillInput {
                    questions: "200".into(),
                    ..fill.clone()
                }
            )
            .await
            .map_err(|e| match e {
                AppError::Invalid(e) => e.field,
                _ => Field::entry("?"),
            }),
            Err(Field::Input(Input::FillQuestions))
        );

        // The agency of a finalist reads its slot; one with none presenting reads nothing.
        let finalist = &laid.rows[0];
        let (agency,): (i64,) = sqlx::query_as("SELECT agency_id FROM proposals WHERE id = $1")
            .bind(&finalist.proposal_id)
            .fetch_one(&db.pool)
            .await
            .expect("agency");
        let year = app::server::year::competitions::current(&db)
            .await
            .expect("c")
            .expect("year")
            .id;
        let slots = schedule::of_agency(&db, year, agency).await.expect("slots");
        assert!(slots.iter().any(|s| s.title == finalist.title));
        let (idle,): (i64,) = sqlx::query_as(
            "SELECT a.id FROM agencies a WHERE NOT EXISTS (
             SELECT 1 FROM proposals p JOIN slots s ON s.proposal_id = p.id
             WHERE p.agency_id = a.id) ORDER BY a.id LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .expect("an agency without a slot");
        assert!(schedule::of_agency(&db, year, idle)
            .await
            .expect("none")
            .is_empty());
    }
);

on_both_backends!(there_is_no_schedule_without_a_presentation_round, |db| {
    app::server::demo::seed_scenario(&db, &support::hasher(), Scenario::Deliberation)
        .await
        .expect("seed");
    let admin = admin(&db).await;
    let page = schedule::load(&db).await.expect("page");
    assert_eq!(page.round, None);
    assert!(!page.editable);
    assert_eq!(
        schedule::add_room(&db, &admin, "Ruang A", &[]).await,
        Err(AppError::PhaseBlocked(PhaseBlock::NoPresentationUnderWay))
    );
    assert_eq!(
        schedule::save(&db, &admin, &[]).await,
        Err(AppError::PhaseBlocked(PhaseBlock::NoPresentationUnderWay))
    );
});

on_both_servers!(
    the_schedule_page_works_as_plain_forms,
    Scenario::Presentation,
    |srv| {
        let db = &srv.db.db;
        let before = schedule::load(db).await.expect("schedule");
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let page = srv.page(&admin, app::routes::ADMIN_SCHEDULE).await;
        assert!(
            page.contains("Ruang Rapat Bupati") && page.contains("Ruang Rapat Sekretaris Daerah")
        );
        assert!(page.contains("action=\"/api/save_schedule\""));
        assert!(page.contains(&before.rows[0].title.replace('&', "&amp;")));

        // Two finalists at the same time in one room: back on the page, the clash named under
        // the later one's start, every value as typed.
        let form = as_form(&before);
        let mut posted: Vec<(String, String)> = Vec::new();
        for (i, f) in form.iter().enumerate() {
            let (room, day, start) = if i == 1 {
                (&form[0].room, &form[0].day, &form[0].start)
            } else {
                (&f.room, &f.day, &f.start)
            };
            for (part, value) in [
                ("proposal_id", &f.proposal_id),
                ("room", room),
                ("day", day),
                ("start", start),
                ("present", &f.present),
                ("questions", &f.questions),
            ] {
                posted.push((format!("slots[{i}][{part}]"), value.clone()));
            }
        }
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_schedule",
                app::routes::ADMIN_SCHEDULE,
                &posted,
            )
            .await;
        assert!(location.starts_with("/admin/schedule?error="), "{location}");
        assert!(
            html.contains("id=\"slot-2-start-error\" class=\"field-error\">Jadwal baris 2: Mulai (WIB): bertabrakan dengan jadwal"),
            "{html}"
        );
        assert!(html.contains(&format!(
            "id=\"slot-2-start\" name=\"slots[1][start]\" value=\"{}\"",
            form[0].start
        )));

        // A room added with a judge ticked.
        let judge = &before.judges[0];
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/add_schedule_room",
                app::routes::ADMIN_SCHEDULE,
                &[
                    ("name", "Aula <b>Setda</b>".to_string()),
                    ("judges[0][judge_id]", judge.0.to_string()),
                    ("judges[0][sit]", "1".to_string()),
                ],
            )
            .await;
        assert_eq!(location, "/admin/schedule?saved=room");
        assert!(html.contains("Aula &lt;b&gt;Setda&lt;/b&gt;"), "{html}");

        // Someone of a presenting agency reads its slot on their home page.
        let (email,): (String,) = sqlx::query_as(
            "SELECT u.email FROM users u
             WHERE u.role IN ('agency_head', 'agency_member') AND EXISTS (
                 SELECT 1 FROM proposals p JOIN slots s ON s.proposal_id = p.id
                 WHERE p.agency_id = u.agency_id)
             ORDER BY u.email LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .expect("its head");
        let agency = srv.plain_browser(&email).await;
        let home = srv.page(&agency, app::routes::AGENCY).await;
        assert!(home.contains("Jadwal presentasi Anda"), "{home}");
    }
);

on_both_backends!(
    the_agency_is_told_when_its_slot_is_set_moved_or_dropped,
    |db| {
        let before = seeded(&db).await;
        let admin = admin(&db).await;
        let form = as_form(&before);
        let told = |db: Db| async move {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'scheduled'")
                    .fetch_one(&db.pool)
                    .await
                    .expect("count");
            n
        };
        // Saved as it stands: nothing changed, nobody told.
        assert_eq!(schedule::save(&db, &admin, &form).await, Ok(8));
        assert_eq!(told(db.clone()).await, 0);

        // A finalist whose agency has people to tell, taken off the schedule: they are told,
        // and only they.
        let mut pick = None;
        for (i, row) in before.rows.iter().enumerate() {
            let (agency, people): (i64, i64) = sqlx::query_as(
                "SELECT p.agency_id, (SELECT COUNT(*) FROM users u
                     WHERE u.agency_id = p.agency_id AND u.active = 1
                     AND u.role IN ('agency_head', 'agency_member'))
                 FROM proposals p WHERE p.id = $1",
            )
            .bind(&row.proposal_id)
            .fetch_one(&db.pool)
            .await
            .expect("the finalist's agency");
            if people > 0 {
                pick = Some((i, agency, people));
                break;
            }
        }
        let (last, agency, people) = pick.expect("a finalist of an agency with accounts");
        let row = &before.rows[last];
        let mut dropped = form.clone();
        dropped[last].room = String::new();
        assert_eq!(schedule::save(&db, &admin, &dropped).await, Ok(7));
        assert_eq!(told(db.clone()).await, people);
        let head: i64 = sqlx::query_scalar(
            "SELECT id FROM users WHERE agency_id = $1 AND role = 'agency_head' AND active = 1
             ORDER BY id LIMIT 1",
        )
        .bind(agency)
        .fetch_one(&db.pool)
        .await
        .expect("the agency's head");
        let newest = |db: Db| async move {
            app::server::infra::notify::list(&db, head)
                .await
                .expect("notifications")
                .items
                .into_iter()
                .next()
                .expect("a notification")
                .notice
        };
        let dropped_notice = newest(db.clone()).await;
        assert!(matches!(
            &dropped_notice,
            app::models::Notice::Scheduled { proposal_id, slot: None, .. } if *proposal_id == row.proposal_id
        ));
        assert!(dropped_notice
            .sentence(app::i18n::Lang::Id)
            .contains("tidak lagi ada di jadwal presentasi"));

        // Put back with a minute less to present: told where, when (in WIB) and how long.
        let mut back = form.clone();
        let slot = row
            .slot
            .as_ref()
            .expect("the demo schedules every finalist");
        back[last].present = (slot.present_minutes - 1).to_string();
        assert_eq!(schedule::save(&db, &admin, &back).await, Ok(8));
        assert_eq!(told(db.clone()).await, 2 * people);
        let room = before
            .rooms
            .iter()
            .find(|r| r.id == slot.room_id)
            .expect("its room");
        let sentence = newest(db.clone()).await.sentence(app::i18n::Lang::Id);
        let when = app::i18n::iso_clock(slot.starts_at);
        assert!(
            sentence.contains(&format!("pukul {when} WIB di {}", room.name)),
            "{sentence}"
        );
        assert!(
            sentence.contains(&format!("{} menit presentasi", slot.present_minutes - 1)),
            "{sentence}"
        );
        assert!(sentence.contains(&row.title), "{sentence}");

        // Saving the page again tells nobody anything new.
        assert_eq!(schedule::save(&db, &admin, &back).await, Ok(8));
        assert_eq!(told(db.clone()).await, 2 * people);

        // The room itself removed: the agencies of its finalists are told their slot is gone.
        schedule::remove_room(&db, &admin, slot.room_id)
            .await
            .expect("removed");
        assert!(told(db.clone()).await >= 3 * people);
        let dropped_twice = app::server::infra::notify::list(&db, head)
            .await
            .expect("notifications")
            .items
            .into_iter()
            .filter(|n| {
                matches!(
                    &n.notice,
                    app::models::Notice::Scheduled { proposal_id, slot: None, .. }
                        if *proposal_id == row.proposal_id
                )
            })
            .count();
        assert_eq!(dropped_twice, 2);
    }
);
