//! Judging on both backends: assignment scope (never the judge's own agency), score sheets
//! through the sync protocol (merge, idempotency, hand-in, lock, reopen), each round with its
//! own assignments and sheets, conflicts of interest, bad input refused with nothing stored,
//! blind reading copies, and confidentiality over HTTP.

mod support;

use app::error::{AppError, Problem};
use app::models::{
    comment_field, score_field, CriterionInfo, CurrentUser, FieldChange, SaveOutcome, SaveRequest,
    SheetStatus, SUBMITTED_FIELD,
};
use app::server::demo::{self, Scenario};
use app::server::judging::{self, blind, conflicts, sheets, Assigned};
use app::server::{home, infra::db::Db, year::competitions};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::Row;
use support::{user, Backend, TestServer};

async fn setup(db: &Db) -> i64 {
    demo::seed_scenario(db, &support::hasher(), Scenario::Judging)
        .await
        .expect("seed");
    competitions::current(db)
        .await
        .expect("c")
        .expect("year")
        .id
}

/// The proposals assigned to a judge, in list order.
async fn assignments(db: &Db, judge: &CurrentUser) -> Vec<String> {
    home::judge_overview(db, judge.id)
        .await
        .expect("overview")
        .assignments
        .into_iter()
        .map(|a| a.proposal_id)
        .collect()
}

fn req(id: &str, base_version: i64, key: &str, changes: &[(&str, Value, Value)]) -> SaveRequest {
    SaveRequest {
        proposal_id: id.to_string(),
        base_version,
        key: key.to_string(),
        changes: changes
            .iter()
            .map(|(f, base, value)| FieldChange {
                field: f.to_string(),
                base: base.clone(),
                value: value.clone(),
            })
            .collect(),
    }
}

/// Every criterion scored `score`, as one save from an empty sheet.
fn all_scores(criteria: &[CriterionInfo], score: i64) -> Vec<(String, Value, Value)> {
    criteria
        .iter()
        .map(|c| (score_field(c.id), Value::Null, json!(score)))
        .collect()
}

fn as_refs(v: &[(String, Value, Value)]) -> Vec<(&str, Value, Value)> {
    v.iter()
        .map(|(f, b, n)| (f.as_str(), b.clone(), n.clone()))
        .collect()
}

/// The judge hands in a fresh sheet with every criterion scored `score`, in one save.
async fn hand_in(
    db: &Db,
    judge: &CurrentUser,
    a: &Assigned,
    criteria: &[CriterionInfo],
    score: i64,
) -> Result<SaveOutcome, AppError> {
    let mut all = all_scores(criteria, score);
    all.push((SUBMITTED_FIELD.into(), Value::Null, json!(true)));
    let key = format!("hand-in-{}", a.round_id);
    sheets::save(
        db,
        judge,
        a,
        criteria,
        &req(&a.proposal_id, 0, &key, &as_refs(&all)),
    )
    .await
}

async fn stored_scores(db: &Db, judge: i64, proposal: &str) -> i64 {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM scores s JOIN score_sheets sh ON sh.id = s.sheet_id
         WHERE sh.judge_id = $1 AND sh.proposal_id = $2 AND s.value IS NOT NULL",
    )
    .bind(judge)
    .bind(proposal)
    .fetch_one(&db.pool)
    .await
    .expect("count")
    .try_get("n")
    .expect("n")
}

async fn audit_actions(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_events ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("audit")
}

on_both_backends!(judges_see_only_their_assignments, |db| {
    let competition = setup(&db).await;
    let judges = [
        user(&db, "juri1@inovasi.test").await,
        user(&db, "juri2@inovasi.test").await,
        user(&db, "juri3@inovasi.test").await,
        user(&db, "juri4@inovasi.test").await,
    ];
    // Every screened proposal has three judges; loads differ by at most one.
    let per_proposal: Vec<i64> = sqlx::query_scalar(
        "SELECT COUNT(ja.id) FROM proposals p LEFT JOIN judge_assignments ja ON ja.proposal_id = p.id
         WHERE p.status = 'screened_in' GROUP BY p.id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("counts");
    assert!(per_proposal.len() >= 5);
    assert!(per_proposal.iter().all(|n| *n == 3), "{per_proposal:?}");
    let mut loads = Vec::new();
    for j in &judges {
        loads.push(assignments(&db, j).await.len());
    }
    let spread = loads.iter().max().expect("max") - loads.iter().min().expect("min");
    assert!(spread <= 1, "{loads:?}");

    // juri4 works for Disdukcapil and is never given its proposals.
    let own: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM judge_assignments ja JOIN proposals p ON p.id = ja.proposal_id
         JOIN users u ON u.id = ja.judge_id WHERE u.agency_id = p.agency_id",
    )
    .fetch_one(&db.pool)
    .await
    .expect("own");
    assert_eq!(own, 0);

    // A proposal that is not theirs looks exactly like one that does not exist.
    let mine = assignments(&db, &judges[0]).await;
    let not_mine: Vec<String> =
        sqlx::query_scalar("SELECT id FROM proposals WHERE competition_id = $1")
            .bind(competition)
            .fetch_all(&db.pool)
            .await
            .expect("all");
    let stranger = not_mine
        .iter()
        .find(|p| !mine.contains(p))
        .expect("an unassigned proposal");
    assert_eq!(
        judging::assigned(&db, judges[0].id, stranger).await.err(),
        Some(AppError::NotFound)
    );
    assert_eq!(
        judging::assigned(&db, judges[0].id, &uuid::Uuid::new_v4().to_string())
            .await
            .err(),
        Some(AppError::NotFound)
    );
    assert_eq!(
        judging::assigned(&db, judges[0].id, "'; DROP TABLE scores; --")
            .await
            .err(),
        Some(AppError::NotFound)
    );
    assert!(judging::assigned(&db, judges[0].id, &mine[0]).await.is_ok());
});

async fn first_assignment(db: &Db, judge: &CurrentUser) -> (Assigned, Vec<CriterionInfo>) {
    let id = assignments(db, judge).await.remove(0);
    let a = judging::assigned(db, judge.id, &id)
        .await
        .expect("assigned");
    let criteria = judging::criteria(db, a.competition_id)
        .await
        .expect("criteria");
    (a, criteria)
}

on_both_backends!(a_sheet_saves_submits_and_locks, |db| {
    setup(&db).await;
    let judge = user(&db, "juri1@inovasi.test").await;
    let (a, criteria) = first_assignment(&db, &judge).await;
    let id = a.proposal_id.clone();
    let s1 = score_field(criteria[0].id);
    let c1 = comment_field(criteria[0].id);

    let first = req(
        &id,
        0,
        "k1",
        &[
            (&s1, Value::Null, json!(8)),
            (&c1, Value::Null, json!("Baru di tingkat provinsi.")),
        ],
    );
    let out = sheets::save(&db, &judge, &a, &criteria, &first)
        .await
        .expect("save");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 1,
            others: vec![]
        }
    );
    // The same save again (a lost answer, a retry) is stored once and answered the same.
    let again = sheets::save(&db, &judge, &a, &criteria, &first)
        .await
        .expect("retry");
    assert_eq!(again, out);
    let (version, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!((version, status), (1, SheetStatus::Draft));
    assert_eq!(fields.get(&s1), Some(&json!(8)));

    // Handing in with criteria unscored is refused, and nothing of that save is stored.
    let s2 = score_field(criteria[1].id);
    let early = req(
        &id,
        1,
        "k2",
        &[
            (&s2, Value::Null, json!(6)),
            (SUBMITTED_FIELD, Value::Null, json!(true)),
        ],
    );
    match sheets::save(&db, &judge, &a, &criteria, &early).await {
        Err(AppError::Incomplete { fields }) => {
            assert_eq!(fields.len(), criteria.len() - 2, "{fields:?}")
        }
        other => panic!("expected incomplete, got {other:?}"),
    }
    assert_eq!(stored_scores(&db, judge.id, &id).await, 1);

    // Complete: the scores and the hand-in travel in one save.
    let mut rest: Vec<(String, Value, Value)> = all_scores(&criteria[1..], 7);
    rest.push((SUBMITTED_FIELD.into(), Value::Null, json!(true)));
    let out = sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(&id, 1, "k3", &as_refs(&rest)),
    )
    .await
    .expect("submit");
    assert!(matches!(out, SaveOutcome::Saved { version: 2, .. }));
    let (_, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!(status, SheetStatus::Submitted);
    assert_eq!(fields.get(SUBMITTED_FIELD), Some(&json!(true)));

    // Locked: no later change is taken.
    let late = req(&id, 2, "k4", &[(&s1, json!(8), json!(10))]);
    assert_eq!(
        sheets::save(&db, &judge, &a, &criteria, &late).await,
        Err(AppError::ReadOnly)
    );
    let (_, fields, _) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!(fields.get(&s1), Some(&json!(8)));
    let actions = audit_actions(&db).await;
    assert_eq!(
        actions,
        vec!["score.save".to_string(), "score.submit".to_string()]
    );
});

/// Makes round `position` of the year (a presentation round, with one criterion) the current
/// one with `going_on` sent on from the round before, as advancing does; returns its id and its
/// criterion's id.
async fn open_round(db: &Db, competition: i64, position: i64, going_on: &str) -> (i64, i64) {
    sqlx::query(
        "INSERT INTO round_results (round_id, proposal_id, advanced)
         SELECT id, $1, 1 FROM rounds WHERE competition_id = $2 AND position = $3",
    )
    .bind(going_on)
    .bind(competition)
    .bind(position - 1)
    .execute(&db.pool)
    .await
    .expect("sent on");
    sqlx::query("UPDATE rounds SET is_current = 0 WHERE competition_id = $1")
        .bind(competition)
        .execute(&db.pool)
        .await
        .expect("leave the round");
    let round: i64 = sqlx::query_scalar(
        "INSERT INTO rounds (competition_id, position, kind, is_current, created_at)
         VALUES ($1, $2, 'presentation', 1, 0) RETURNING id",
    )
    .bind(competition)
    .bind(position)
    .fetch_one(&db.pool)
    .await
    .expect("round");
    let criterion: i64 = sqlx::query_scalar(
        "INSERT INTO criteria (competition_id, round_id, code, name, weight, position)
         VALUES ($1, $2, 'P1', 'Penyajian', 100, 0) RETURNING id",
    )
    .bind(competition)
    .bind(round)
    .fetch_one(&db.pool)
    .await
    .expect("criterion");
    (round, criterion)
}

on_both_backends!(
    each_round_keeps_its_own_assignments_sheets_and_scores,
    |db| {
        let competition = setup(&db).await;
        let judge = user(&db, "juri1@inovasi.test").await;
        let admin = user(&db, "admin@inovasi.test").await;
        let (a, criteria) = first_assignment(&db, &judge).await;
        let id = a.proposal_id.clone();
        hand_in(&db, &judge, &a, &criteria, 7)
            .await
            .expect("handed in, round 1");

        // The next round: nobody is assigned yet, so the judge's list is empty and the proposal
        // is not theirs to open.
        let (round, criterion) = open_round(&db, competition, 2, &id).await;
        assert!(assignments(&db, &judge).await.is_empty());
        assert!(matches!(
            judging::assigned(&db, judge.id, &id).await,
            Err(AppError::NotFound)
        ));

        // The same judge on the same proposal again, in this round: a new, empty sheet.
        judging::assign::assign(&db, &admin, competition, &id, judge.id)
            .await
            .expect("assigned in round 2");
        assert_eq!(assignments(&db, &judge).await, vec![id.clone()]);
        let a2 = judging::assigned(&db, judge.id, &id).await.expect("theirs");
        assert_eq!(a2.round_id, round);
        let criteria2 = judging::criteria(&db, competition).await.expect("criteria");
        assert_eq!(
            criteria2.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![criterion]
        );
        let (version, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
        assert_eq!((version, status), (0, SheetStatus::Draft));
        assert!(fields.is_empty(), "{fields:?}");
        hand_in(&db, &judge, &a2, &criteria2, 9)
            .await
            .expect("handed in, round 2");

        // The ranking reads this round's sheet alone.
        let inputs = app::server::results::inputs(&db, competition)
            .await
            .expect("inputs");
        assert_eq!(inputs.criteria.len(), 1);
        assert_eq!(
            inputs
                .scores
                .iter()
                .map(|s| (s.judge_id, s.criterion_id, s.value))
                .collect::<Vec<_>>(),
            vec![(judge.id, criterion, 9)]
        );

        // Round 1's sheet is as the judge handed it in.
        for sql in [
            "UPDATE rounds SET is_current = 0 WHERE competition_id = $1",
            "UPDATE rounds SET is_current = 1 WHERE competition_id = $1 AND position = 1",
        ] {
            sqlx::query(sql)
                .bind(competition)
                .execute(&db.pool)
                .await
                .expect("back to round 1");
        }
        let (_, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
        assert_eq!(status, SheetStatus::Submitted);
        assert_eq!(fields.get(&score_field(criteria[0].id)), Some(&json!(7)));
    }
);

on_both_backends!(two_devices_of_one_judge_merge_or_conflict, |db| {
    setup(&db).await;
    let judge = user(&db, "juri2@inovasi.test").await;
    let (a, criteria) = first_assignment(&db, &judge).await;
    let id = a.proposal_id.clone();
    let s1 = score_field(criteria[0].id);
    let c2 = comment_field(criteria[1].id);
    // Tablet scores 7; the laptop, still at version 0, scores 5 on the same criterion.
    sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(&id, 0, "t1", &[(&s1, Value::Null, json!(7))]),
    )
    .await
    .expect("tablet");
    let out = sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(
            &id,
            0,
            "l1",
            &[
                (&s1, Value::Null, json!(5)),
                (&c2, Value::Null, json!("catatan")),
            ],
        ),
    )
    .await
    .expect("laptop");
    assert_eq!(
        out,
        SaveOutcome::Conflict {
            version: 1,
            theirs: vec![(s1.clone(), json!(7))],
            others: vec![]
        }
    );
    // Nothing of the conflicting save was written.
    let (_, fields, _) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!(fields.get(&c2), None);
    // The comment alone goes through and brings the tablet's score along.
    let out = sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(&id, 0, "l2", &[(&c2, Value::Null, json!("catatan"))]),
    )
    .await
    .expect("comment");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 2,
            others: vec![(s1, json!(7))]
        }
    );
});

on_both_backends!(bad_input_is_refused_and_nothing_stored, |db| {
    setup(&db).await;
    let judge = user(&db, "juri3@inovasi.test").await;
    let (a, criteria) = first_assignment(&db, &judge).await;
    let id = a.proposal_id.clone();
    let s1 = score_field(criteria[0].id);
    let max = criteria[0].scale_max;

    // A score off the scale, named with its field and the scale.
    match sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(&id, 0, "b1", &[(&s1, Value::Null, json!(max + 1))]),
    )
    .await
    {
        Err(AppError::Invalid(e)) => {
            assert_eq!(e.field, s1);
            assert_eq!(
                e.problem,
                Problem::OutOfRange {
                    min: Some(criteria[0].scale_min),
                    max: Some(max)
                }
            );
        }
        other => panic!("expected invalid, got {other:?}"),
    }
    // A criterion of no one's sheet, a half score, a text where a score goes.
    for (field, value) in [
        ("s999999".to_string(), json!(5)),
        (s1.clone(), json!(6.5)),
        (s1.clone(), json!("8")),
    ] {
        let r = sheets::save(
            &db,
            &judge,
            &a,
            &criteria,
            &req(&id, 0, "b2", &[(&field, Value::Null, value)]),
        )
        .await;
        assert!(matches!(r, Err(AppError::Invalid(_))), "{field}: {r:?}");
    }
    assert_eq!(stored_scores(&db, judge.id, &id).await, 0);

    // After judging closed.
    sqlx::query("UPDATE competitions SET phase = 'deliberation'")
        .execute(&db.pool)
        .await
        .expect("phase");
    let closed = judging::assigned(&db, judge.id, &id)
        .await
        .expect("still assigned");
    assert_eq!(
        sheets::save(
            &db,
            &judge,
            &closed,
            &criteria,
            &req(&id, 0, "b3", &[(&s1, Value::Null, json!(5))])
        )
        .await,
        Err(AppError::WrongPhase)
    );
    assert_eq!(stored_scores(&db, judge.id, &id).await, 0);
    assert!(audit_actions(&db).await.is_empty());
});

on_both_backends!(a_conflict_takes_the_proposal_away, |db| {
    let competition = setup(&db).await;
    let judge = user(&db, "juri1@inovasi.test").await;
    let (a, _) = first_assignment(&db, &judge).await;
    let before = assignments(&db, &judge).await.len();

    // A reason is required.
    match conflicts::declare(&db, &judge, &a, "   ").await {
        Err(AppError::Invalid(e)) => {
            assert_eq!(e.field, "reason");
            assert_eq!(e.problem, Problem::Required);
        }
        other => panic!("expected a missing reason, got {other:?}"),
    }
    conflicts::declare(&db, &judge, &a, "Istri saya anggota tim inovasi ini.")
        .await
        .expect("declare");
    // Declaring twice is harmless.
    conflicts::declare(&db, &judge, &a, "lagi")
        .await
        .expect("again");

    let after = assignments(&db, &judge).await;
    assert_eq!(after.len(), before - 1);
    assert!(!after.contains(&a.proposal_id));
    assert_eq!(
        judging::assigned(&db, judge.id, &a.proposal_id).await.err(),
        Some(AppError::ConflictOfInterest)
    );
    // Admins see every declaration, with the reason.
    let list = conflicts::list(&db, competition).await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "Istri saya anggota tim inovasi ini.");
    assert_eq!(list[0].judge_name, judge.name);
    let overview = judging::overview::load(&db, competition)
        .await
        .expect("overview");
    let row = overview
        .proposals
        .iter()
        .find(|p| p.proposal_id == a.proposal_id)
        .expect("the proposal");
    assert!(row
        .sheets
        .iter()
        .any(|s| s.conflict && s.judge_name == judge.name));
    assert_eq!(
        audit_actions(&db).await,
        vec!["conflict.declare".to_string()]
    );
});

on_both_backends!(an_admin_reopens_and_the_judge_resubmits, |db| {
    setup(&db).await;
    let judge = user(&db, "juri2@inovasi.test").await;
    let admin = user(&db, "admin@inovasi.test").await;
    let (a, criteria) = first_assignment(&db, &judge).await;
    let id = a.proposal_id.clone();
    hand_in(&db, &judge, &a, &criteria, 6)
        .await
        .expect("submit");
    let sheet_id: String =
        sqlx::query_scalar("SELECT id FROM score_sheets WHERE judge_id = $1 AND proposal_id = $2")
            .bind(judge.id)
            .bind(&id)
            .fetch_one(&db.pool)
            .await
            .expect("sheet");
    // What the ranking reads: the scores as handed in, kept on the sheet.
    let handed_in = |db: Db, sheet_id: String| async move {
        sqlx::query_scalar::<_, Option<String>>("SELECT handed_in FROM score_sheets WHERE id = $1")
            .bind(sheet_id)
            .fetch_one(&db.pool)
            .await
            .expect("handed_in")
    };
    let copy = |first: i64| {
        criteria
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}:{}", c.id, if i == 0 { first } else { 6 }))
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(handed_in(db.clone(), sheet_id.clone()).await, Some(copy(6)));
    // The schema itself refuses a handed-in sheet without its copy.
    assert!(
        sqlx::query("UPDATE score_sheets SET handed_in = NULL WHERE id = $1")
            .bind(&sheet_id)
            .execute(&db.pool)
            .await
            .is_err()
    );

    assert!(matches!(
        sheets::reopen(&db, &admin, &sheet_id, "").await,
        Err(AppError::Invalid(_))
    ));
    sheets::reopen(
        &db,
        &admin,
        &sheet_id,
        "Juri salah memasukkan nilai kriteria 1.",
    )
    .await
    .expect("reopen");
    assert!(matches!(
        sheets::reopen(&db, &admin, &sheet_id, "lagi").await,
        Err(AppError::Conflict { .. })
    ));
    // The judge is told once, with the reason; the refused reopens told nobody.
    let told = app::server::infra::notify::list(&db, judge.id)
        .await
        .expect("notifications");
    assert_eq!(told.unread, 1);
    assert!(matches!(
        &told.items[0].notice,
        app::models::Notice::SheetReopened { proposal_id, reason, .. }
            if *proposal_id == id && reason == "Juri salah memasukkan nilai kriteria 1."
    ));
    let (version, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!(status, SheetStatus::Reopened);
    assert_eq!(fields.get(SUBMITTED_FIELD), None);
    assert_eq!(handed_in(db.clone(), sheet_id.clone()).await, None);

    // The judge's device (still at the submitted version) corrects a score: it learns the sheet
    // was reopened, and hands it in again.
    let s1 = score_field(criteria[0].id);
    let out = sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(&id, 1, "r2", &[(&s1, json!(6), json!(9))]),
    )
    .await
    .expect("correct");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: version + 1,
            others: vec![(SUBMITTED_FIELD.to_string(), Value::Null)]
        }
    );
    sheets::save(
        &db,
        &judge,
        &a,
        &criteria,
        &req(
            &id,
            version + 1,
            "r3",
            &[(SUBMITTED_FIELD, Value::Null, json!(true))],
        ),
    )
    .await
    .expect("resubmit");
    let (_, fields, status) = sheets::load(&db, judge.id, &id).await.expect("load");
    assert_eq!(status, SheetStatus::Submitted);
    assert_eq!(fields.get(&s1), Some(&json!(9)));
    assert_eq!(handed_in(db.clone(), sheet_id.clone()).await, Some(copy(9)));
    let actions = audit_actions(&db).await;
    assert_eq!(
        actions,
        [
            "score.submit",
            "score_sheet.reopen",
            "score.save",
            "score.submit"
        ]
        .map(String::from)
        .to_vec()
    );
});

on_both_backends!(blind_copies_name_no_one, |db| {
    setup(&db).await;
    let judge = user(&db, "juri1@inovasi.test").await;
    // The LAWA proposal (Disdukcapil) names the agency and its team in its answers.
    let id: String =
        sqlx::query_scalar("SELECT id FROM proposals WHERE title LIKE 'Layanan Adminduk%'")
            .fetch_one(&db.pool)
            .await
            .expect("LAWA");
    let a = judging::assigned(&db, judge.id, &id)
        .await
        .expect("juri1 judges LAWA");
    assert!(a.blind);
    let copy = judging::reading_copy(&db, &a).await.expect("copy");
    let text = serde_json::to_string(&copy).expect("json");
    for name in [
        "Kependudukan",
        "Disdukcapil",
        "DISDUKCAPIL",
        "Dewi Anggraini",
        "Agus Haryanto",
        "Bambang",
    ] {
        assert!(!text.contains(name), "{name} shows in the blind copy");
    }
    assert!(text.contains(blind::MASK));
    assert!(text.contains("Anggota 1"));
    assert!(text.contains("Ketua tim"), "roles stay");
    assert!(copy.state.agency_name.is_empty());

    // Not blind: the agency is named.
    sqlx::query("UPDATE competitions SET blind_judging = 0")
        .execute(&db.pool)
        .await
        .expect("not blind");
    let a = judging::assigned(&db, judge.id, &id)
        .await
        .expect("assigned");
    let copy = judging::reading_copy(&db, &a).await.expect("copy");
    assert_eq!(
        copy.state.agency_name,
        "Dinas Kependudukan dan Pencatatan Sipil"
    );
});

/// What a judge's request for someone else's (or no) proposal answers over HTTP.
async fn refusal(
    srv: &TestServer,
    client: &reqwest::Client,
    endpoint: &str,
    id: &str,
) -> (StatusCode, String) {
    srv.call(client, endpoint, &[("proposal_id", id)]).await
}

macro_rules! judging_http_test {
    ($name:ident, |$srv:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($srv: &TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let s = TestServer::start_with(Backend::Sqlite, Scenario::Judging).await.expect("sqlite");
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(s) = TestServer::start_with(Backend::Postgres, Scenario::Judging).await else { return };
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
        }
    };
}

judging_http_test!(judges_cannot_reach_other_sheets_or_proposals, |srv| {
    let db = &srv.db.db;
    let j1 = user(db, "juri1@inovasi.test").await;
    let j4 = user(db, "juri4@inovasi.test").await;
    let mine = assignments(db, &j1).await;
    let theirs = assignments(db, &j4).await;
    let only_j4 = theirs
        .iter()
        .find(|p| !mine.contains(p))
        .expect("a proposal juri4 judges and juri1 does not");

    // juri4 scores it, with a telling comment.
    let c4 = srv.signed_in("juri4@inovasi.test").await;
    let a = judging::assigned(db, j4.id, only_j4)
        .await
        .expect("assigned");
    let criteria = judging::criteria(db, a.competition_id)
        .await
        .expect("criteria");
    let c1 = comment_field(criteria[0].id);
    sheets::save(
        db,
        &j4,
        &a,
        &criteria,
        &req(
            only_j4,
            0,
            "h1",
            &[(&c1, Value::Null, json!("RAHASIA-JURI-4"))],
        ),
    )
    .await
    .expect("juri4 saves");
    let (status, body) = refusal(srv, &c4, "/api/fetch_scoring", only_j4).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("RAHASIA-JURI-4"),
        "juri4 sees their own comment"
    );

    // juri1: the same answer as for a proposal that does not exist, for reads and writes.
    let c1_client = srv.signed_in("juri1@inovasi.test").await;
    let nowhere = uuid::Uuid::new_v4().to_string();
    let absent = refusal(srv, &c1_client, "/api/fetch_scoring", &nowhere).await;
    assert_eq!(absent.0, StatusCode::NOT_FOUND);
    let other = refusal(srv, &c1_client, "/api/fetch_scoring", only_j4).await;
    assert_eq!(other, absent);
    assert!(!other.1.contains("RAHASIA"));
    let save = |id: &str| {
        json!({ "request": { "proposal_id": id, "base_version": 0, "key": "x1",
            "changes": [{ "field": c1, "base": null, "value": "ditimpa" }] } })
    };
    let post = |body: Value| {
        c1_client
            .post(srv.url("/api/save_score_sheet"))
            .header("accept", "application/json")
            .json(&body)
            .send()
    };
    let res = post(save(only_j4)).await.expect("post");
    let other_save = (res.status(), res.text().await.expect("body"));
    let res = post(save(&nowhere)).await.expect("post");
    let absent_save = (res.status(), res.text().await.expect("body"));
    assert_eq!(other_save, absent_save);
    assert_eq!(other_save.0, StatusCode::NOT_FOUND);
    // juri4's comment is untouched.
    let (_, fields, _) = sheets::load(db, j4.id, only_j4).await.expect("load");
    assert_eq!(fields.get(&c1), Some(&json!("RAHASIA-JURI-4")));

    // The page itself: a 404, no content of the proposal.
    let res = c1_client
        .get(srv.url(&format!("/judge/proposals/{only_j4}")))
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The judge's own list names its scoring pages for the offline cache.
    let res = c1_client
        .get(srv.url(app::routes::JUDGE))
        .send()
        .await
        .expect("list");
    assert_eq!(res.status(), StatusCode::OK);
    let header = res
        .headers()
        .get("x-inovasi-offline-pages")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(header.split(',').count(), mine.len());
    assert!(header.contains(&format!("/judge/proposals/{}", mine[0])));
    assert!(!header.contains(only_j4.as_str()));

    // Another role cannot score at all.
    let agency = srv.signed_in("staf.dukcapil@inovasi.test").await;
    let res = agency
        .post(srv.url("/api/save_score_sheet"))
        .header("accept", "application/json")
        .json(&save(&mine[0]))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
});

judging_http_test!(
    a_judge_reads_files_of_assigned_proposals_only_anonymised,
    |srv| {
        let db = &srv.db.db;
        let j1 = user(db, "juri1@inovasi.test").await;
        let mine = assignments(db, &j1).await;
        let proposal = &mine[0];
        // An evidence file on the assigned proposal, stored as an upload would.
        let question: i64 = sqlx::query_scalar(
            "SELECT q.id FROM questions q JOIN form_sections s ON s.id = q.section_id
         JOIN proposals p ON p.competition_id = s.competition_id
         WHERE q.kind = 'evidence' AND p.id = $1",
        )
        .bind(proposal)
        .fetch_one(&db.pool)
        .await
        .expect("slot");
        // Uploaded before judges' copies were made: cleaned the first time a judge opens it.
        let pdf = support::pdf_by("Kepala Disdukcapil", "Laporan capaian");
        let sha = srv
            .files
            .put(bytes::Bytes::from(pdf.clone()))
            .await
            .expect("store");
        let admin_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE role = 'admin'")
            .fetch_one(&db.pool)
            .await
            .expect("admin");
        sqlx::query(
        "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type, size_bytes,
             sha256, uploaded_by, uploaded_at)
         VALUES ('att-1', $1, $2, 'SK Kepala Disdukcapil.pdf', 'application/pdf', $3, $4, $5, 0)",
    )
    .bind(proposal)
    .bind(question)
    .bind(pdf.len() as i64)
    .bind(&sha)
    .bind(admin_id)
    .execute(&db.pool)
    .await
    .expect("attachment");
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let res = judge
            .get(srv.url("/files/att-1"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::OK);
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .to_string();
        // Shown in the browser, under a name that says nothing of the agency (blind judging).
        assert!(disposition.starts_with("inline;"), "{disposition}");
        assert!(disposition.contains("lampiran.pdf"), "{disposition}");
        assert!(!disposition.contains("Disdukcapil"), "{disposition}");
        // The same page without the author who would name the agency; the copy is kept.
        let read = res.bytes().await.expect("body").to_vec();
        assert!(support::bytes_contain(&read, "Laporan capaian"));
        assert!(!support::bytes_contain(&read, "Disdukcapil"));
        assert!(support::bytes_contain(&pdf, "Disdukcapil"));
        let kept: Option<String> =
            sqlx::query_scalar("SELECT judge_sha256 FROM attachments WHERE id = 'att-1'")
                .fetch_one(&db.pool)
                .await
                .expect("row");
        assert_eq!(kept, Some(app::server::infra::files::sha256_hex(&read)));
        // The organisers still get the file as it was uploaded.
        let admin = srv.signed_in("admin@inovasi.test").await;
        let res = admin
            .get(srv.url("/files/att-1"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.bytes().await.expect("body").to_vec(), pdf);
        // The reading copy lists it anonymised too.
        let body = srv
            .call(&judge, "/api/fetch_scoring", &[("proposal_id", proposal)])
            .await
            .1;
        assert!(body.contains("Lampiran 1.pdf"), "{body}");
        assert!(!body.contains("SK Kepala"));

        // The one judge of the four who is not assigned to it: not found.
        let mut outsider = None;
        for email in [
            "juri2@inovasi.test",
            "juri3@inovasi.test",
            "juri4@inovasi.test",
        ] {
            let j = user(db, email).await;
            if !assignments(db, &j).await.contains(proposal) {
                outsider = Some(email);
            }
        }
        let other = srv.signed_in(outsider.expect("a judge without it")).await;
        let res = other
            .get(srv.url("/files/att-1"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
);

on_both_backends!(
    assignment_board_fills_conflicts_and_refuses_broken_rules,
    |db| {
        use app::server::judging::assign;
        let competition = setup(&db).await;
        let admin = user(&db, "admin@inovasi.test").await;
        let j1 = user(&db, "juri1@inovasi.test").await;
        let j4 = user(&db, "juri4@inovasi.test").await;

        let board = assign::board(&db, competition, true).await.expect("board");
        assert_eq!(board.per_proposal, 3);
        assert!(board.proposals.iter().all(|p| p.missing == 0));
        assert_eq!(board.preview.as_ref().map(|p| p.new.len()), Some(0));

        // juri1 declares a conflict on a proposal of another agency than Disdukcapil: it needs a
        // judge again, and the plan gives it the one judge who has it not.
        let mine = assignments(&db, &j1).await;
        let mut target = None;
        for id in &mine {
            let a = judging::assigned(&db, j1.id, id).await.expect("assigned");
            let lawa: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM proposals p JOIN agencies a ON a.id = p.agency_id
             WHERE p.id = $1 AND a.short_name = 'Disdukcapil'",
            )
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .expect("agency");
            if lawa == 0 {
                target = Some(a);
                break;
            }
        }
        let target = target.expect("a proposal outside Disdukcapil");
        conflicts::declare(&db, &j1, &target, "Saya mantan kepala instansi ini.")
            .await
            .expect("declare");
        let board = assign::board(&db, competition, true).await.expect("board");
        let row = board
            .proposals
            .iter()
            .find(|p| p.proposal_id == target.proposal_id)
            .expect("row");
        assert_eq!(row.missing, 1);
        let preview = board.preview.expect("preview");
        assert_eq!(preview.new.len(), 1, "{preview:?}");
        assert_eq!(preview.new[0].0, row.title);
        assert_ne!(preview.new[0].1, j1.name);

        // A stale preview is refused and writes nothing; the fresh one commits.
        assert!(matches!(
            assign::commit(&db, &admin, competition, "stale").await,
            Err(AppError::Conflict { .. })
        ));
        assert_eq!(
            assign::commit(&db, &admin, competition, &preview.fingerprint).await,
            Ok(1)
        );
        let board = assign::board(&db, competition, false).await.expect("board");
        assert!(board.proposals.iter().all(|p| p.missing == 0));

        // By hand: the rules hold, each with its reason.
        let lawa: String =
            sqlx::query_scalar("SELECT id FROM proposals WHERE title LIKE 'Layanan Adminduk%'")
                .fetch_one(&db.pool)
                .await
                .expect("LAWA");
        let refused = |r: Result<(), AppError>, problem: Problem| match r {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.field, "judge");
                assert_eq!(e.problem, problem);
            }
            other => panic!("expected {problem:?}, got {other:?}"),
        };
        refused(
            assign::assign(&db, &admin, competition, &lawa, j4.id).await,
            Problem::OwnAgency,
        );
        refused(
            assign::assign(&db, &admin, competition, &target.proposal_id, j1.id).await,
            Problem::ConflictDeclared,
        );
        refused(
            assign::assign(&db, &admin, competition, &lawa, admin.id).await,
            Problem::NotInPool,
        );
        assert_eq!(
            assign::assign(
                &db,
                &admin,
                competition,
                &uuid::Uuid::new_v4().to_string(),
                j1.id
            )
            .await,
            Err(AppError::NotFound)
        );

        // A judge who handed in scores stays; one who did not can be taken off and put back.
        let scored = assignments(&db, &j1).await.remove(0);
        let a = judging::assigned(&db, j1.id, &scored)
            .await
            .expect("assigned");
        let criteria = judging::criteria(&db, a.competition_id)
            .await
            .expect("criteria");
        let mut all = all_scores(&criteria, 5);
        all.push((SUBMITTED_FIELD.into(), Value::Null, json!(true)));
        sheets::save(
            &db,
            &j1,
            &a,
            &criteria,
            &req(&scored, 0, "u1", &as_refs(&all)),
        )
        .await
        .expect("submit");
        assert!(matches!(
            assign::unassign(&db, &admin, &scored, j1.id).await,
            Err(AppError::Conflict { .. })
        ));
        let j2 = user(&db, "juri2@inovasi.test").await;
        let theirs = assignments(&db, &j2).await;
        assign::unassign(&db, &admin, &theirs[0], j2.id)
            .await
            .expect("unassign");
        assert!(!assignments(&db, &j2).await.contains(&theirs[0]));
        assign::assign(&db, &admin, competition, &theirs[0], j2.id)
            .await
            .expect("assign back");

        // The pool: only judge accounts.
        assert!(matches!(
            assign::set_pool(&db, &admin, competition, admin.id, true, None).await,
            Err(AppError::Invalid(_))
        ));
        assign::set_pool(&db, &admin, competition, j4.id, false, None)
            .await
            .expect("out of the pool");
        let board = assign::board(&db, competition, false).await.expect("board");
        assert!(!board.judges.iter().any(|j| j.user_id == j4.id && j.in_pool));
        let actions = audit_actions(&db).await;
        for expected in [
            "assignment.auto",
            "assignment.remove",
            "assignment.add",
            "judge_pool.set",
        ] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{expected} in {actions:?}"
            );
        }
    }
);
