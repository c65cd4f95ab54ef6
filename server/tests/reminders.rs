//! Reminders on both backends: agencies that have handed in nothing are reminded 7 days and 1
//! day before their own deadline, judges with open sheets 3 days and 1 day before judging
//! closes; each once, even when two servers look at the same moment; none for a year that has
//! moved on.

mod support;

use app::models::{Notice, Phase};
use app::server::http::state::Caches;
use app::server::infra::db::now_ms;
use app::server::year::{reminders, setup};
use app::server::{demo, Db};

const DAY: i64 = 24 * 3600 * 1000;

async fn set_phase_end(db: &Db, phase: &str, ends_at: i64) {
    sqlx::query("UPDATE competition_phases SET ends_at = $1 WHERE phase = $2")
        .bind(ends_at)
        .bind(phase)
        .execute(&db.pool)
        .await
        .expect("phase end");
}

async fn notices_of(db: &Db, kind: &str) -> Vec<(i64, Notice)> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, notice FROM notifications WHERE kind = $1 ORDER BY id")
            .bind(kind)
            .fetch_all(&db.pool)
            .await
            .expect("notifications");
    rows.into_iter()
        .map(|(u, n)| (u, serde_json::from_str(&n).expect("a notice")))
        .collect()
}

on_both_backends!(agencies_that_handed_in_nothing_are_reminded_once, |db| {
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let now = now_ms();
    let deadline = now + 6 * DAY;
    set_phase_end(&db, "submission_open", deadline).await;
    // The agencies that owe a proposal: none of theirs handed in.
    let year = app::server::year::competitions::current(&db)
        .await
        .expect("current")
        .expect("a year");
    let owing: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM competition_agencies ca JOIN agencies a ON a.id = ca.agency_id
         WHERE ca.competition_id = $1 AND a.active = 1
           AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.agency_id = a.id
               AND p.competition_id = $1 AND p.status NOT IN ('draft', 'awaiting_approval'))
         ORDER BY a.id",
    )
    .bind(year.id)
    .fetch_all(&db.pool)
    .await
    .expect("owing");
    assert!(!owing.is_empty());
    let puskesmas = support::user(&db, "staf.puskesmas@inovasi.test").await;
    assert!(
        !owing.contains(&puskesmas.agency_id.expect("agency")),
        "the demo's Puskesmas has handed in"
    );

    // Two servers at the same moment: each agency told once.
    let (a, b) = tokio::join!(reminders::run_due(&db, now), reminders::run_due(&db, now));
    let (a, b) = (a.expect("a"), b.expect("b"));
    assert_eq!(a.agencies + b.agencies, owing.len(), "{a:?} {b:?}");
    let told = notices_of(&db, "deadline_near").await;
    let people: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u JOIN competition_agencies ca ON ca.agency_id = u.agency_id
         JOIN agencies a ON a.id = u.agency_id
         WHERE ca.competition_id = $1 AND u.active = 1 AND a.active = 1
           AND u.role IN ('agency_head', 'agency_member')
           AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.agency_id = a.id
               AND p.competition_id = $1 AND p.status NOT IN ('draft', 'awaiting_approval'))",
    )
    .bind(year.id)
    .fetch_one(&db.pool)
    .await
    .expect("people");
    assert_eq!(told.len() as i64, people);
    assert!(told.iter().all(|(_, n)| *n
        == Notice::DeadlineNear {
            deadline_at: deadline,
            days: 6
        }));
    assert!(!told.iter().any(|(u, _)| *u == puskesmas.id));
    // The e-mail goes with it, through the outbox.
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox o JOIN notifications n ON n.id = o.notification_id
         WHERE n.kind = 'deadline_near'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("outbox");
    assert_eq!(queued, people);

    // Later the same week: nothing new. A day before: the 1-day reminder, once.
    let later = reminders::run_due(&db, now + 2 * DAY).await.expect("later");
    assert_eq!(later.agencies, 0);
    let last = reminders::run_due(&db, deadline - DAY + 1000)
        .await
        .expect("last day");
    assert_eq!(last.agencies, owing.len());
    let again = reminders::run_due(&db, deadline - 1000)
        .await
        .expect("again");
    assert_eq!(again.agencies, 0);
    assert_eq!(
        notices_of(&db, "deadline_near").await.len() as i64,
        2 * people
    );

    // An agency with an extension is reminded by its own deadline.
    let admin = support::user(&db, "admin@inovasi.test").await;
    let extended = owing[0];
    let day = app::i18n::iso_day(now + 20 * DAY);
    setup::grant_extension(&db, &admin, extended, &day, "Banjir.")
        .await
        .expect("extended");
    let extension_end: i64 =
        sqlx::query_scalar("SELECT deadline_at FROM deadline_extensions WHERE agency_id = $1")
            .bind(extended)
            .fetch_one(&db.pool)
            .await
            .expect("extension");
    let round = reminders::run_due(&db, extension_end - 3 * DAY)
        .await
        .expect("own deadline");
    assert_eq!(
        round.agencies, 1,
        "reminded again before its new deadline; the rest are past"
    );
    assert!(matches!(
        notices_of(&db, "deadline_near").await.last(),
        Some((_, Notice::DeadlineNear { deadline_at, days: 3 })) if *deadline_at == extension_end
    ));

    // A year that has moved on reminds nobody.
    let caches = Caches::default();
    setup::move_phase(&db, &caches, &admin, Phase::Screening)
        .await
        .expect("screening");
    let round = reminders::run_due(&db, extension_end - DAY / 2)
        .await
        .expect("moved on");
    assert_eq!(round, reminders::Reminded::default());
});

on_both_backends!(
    judges_with_open_sheets_are_reminded_before_judging_closes,
    |db| {
        demo::seed_scenario(&db, &support::hasher(), demo::Scenario::Judging)
            .await
            .expect("seed");
        let now = now_ms();
        let closes = now + 10 * DAY;
        set_phase_end(&db, "judging", closes).await;
        assert_eq!(
            reminders::run_due(&db, now).await.expect("early"),
            reminders::Reminded::default(),
            "ten days before: nothing yet"
        );
        // Judges with open sheets, and how many each.
        let open: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT ja.judge_id, COUNT(*) FROM judge_assignments ja
         JOIN proposals p ON p.id = ja.proposal_id
         WHERE p.status = 'screened_in'
           AND NOT EXISTS (SELECT 1 FROM conflict_declarations cd
                           WHERE cd.proposal_id = ja.proposal_id AND cd.judge_id = ja.judge_id)
           AND NOT EXISTS (SELECT 1 FROM score_sheets s WHERE s.proposal_id = ja.proposal_id
                           AND s.judge_id = ja.judge_id AND s.status = 'submitted')
         GROUP BY ja.judge_id ORDER BY ja.judge_id",
        )
        .fetch_all(&db.pool)
        .await
        .expect("open sheets");
        assert!(!open.is_empty(), "the judging demo has open sheets");
        let round = reminders::run_due(&db, closes - 3 * DAY)
            .await
            .expect("3 days");
        assert_eq!(round.judges, open.len());
        let told = notices_of(&db, "sheets_open").await;
        let expected: Vec<(i64, Notice)> = open
            .iter()
            .map(|(judge, count)| {
                (
                    *judge,
                    Notice::SheetsOpen {
                        count: *count,
                        ends_at: closes,
                        days: 3,
                    },
                )
            })
            .collect();
        assert_eq!(told, expected);
        assert_eq!(
            reminders::run_due(&db, closes - 2 * DAY)
                .await
                .expect("again")
                .judges,
            0
        );
        assert_eq!(
            reminders::run_due(&db, closes - DAY)
                .await
                .expect("last day")
                .judges,
            open.len()
        );
        assert_eq!(
            reminders::run_due(&db, closes + 1).await.expect("closed"),
            reminders::Reminded::default()
        );
    }
);
