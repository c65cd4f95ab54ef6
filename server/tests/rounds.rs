//! The rounds of a year (issue 16; docs/rounds.md), on both backends: set from a preset before
//! judging and fixed after, who goes on from each round checked field by field with nothing
//! stored on a refusal, and a round locked by sending proposals on — by its rule, or by the
//! organisers' choice with a reason — after which the next round is judged on its own; the
//! results page's plain form for it, refused and kept as typed, then taken.

mod support;

use app::error::{AppError, Field, Problem, RoundPart};
use app::models::{
    AdvanceRule, CurrentUser, Phase, PhaseBlock, RoundKind, RoundPreset, RoundRuleInput,
};
use app::server::demo::{self, Scenario};
use app::server::http::state::Caches;
use app::server::results::{advance, board, deliberation};
use app::server::year::{competitions, rounds};
use app::server::Db;

async fn admin(db: &Db) -> CurrentUser {
    support::user(db, "admin@inovasi.test").await
}

async fn seeded(db: &Db, scenario: Scenario) -> i64 {
    demo::seed_scenario(db, &support::hasher(), scenario)
        .await
        .expect("seed");
    competitions::current(db)
        .await
        .expect("c")
        .expect("year")
        .id
}

fn rule(position: &str, rule: &str, value: &str) -> RoundRuleInput {
    RoundRuleInput {
        position: position.into(),
        rule: rule.into(),
        value: value.into(),
    }
}

async fn audited(db: &Db, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action)
        .fetch_one(&db.pool)
        .await
        .expect("audit")
}

on_both_backends!(rounds_are_set_from_a_preset_with_rules_checked, |db| {
    let year = seeded(&db, Scenario::Submission).await;
    let admin = admin(&db).await;
    let plan = rounds::plan(&db).await.expect("plan");
    assert!(plan.editable);
    assert_eq!(
        plan.rounds.len(),
        1,
        "every year starts with its desk round"
    );
    assert_eq!(plan.rounds[0].kind, RoundKind::Desk);
    assert!(plan.rounds[0].current);
    let first = plan.rounds[0].id;

    rounds::apply_preset(&db, &admin, RoundPreset::Kipp)
        .await
        .expect("KIPP");
    let plan = rounds::plan(&db).await.expect("plan");
    let kinds: Vec<RoundKind> = plan.rounds.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![RoundKind::Desk, RoundKind::Presentation, RoundKind::Field]
    );
    assert_eq!(
        plan.rounds[0].id, first,
        "the first round stays, with its criteria"
    );
    assert_eq!(plan.rounds[0].rule, Some(AdvanceRule::TopN));
    assert_eq!(plan.rounds[0].value, Some(99.0));
    assert_eq!(plan.rounds[2].rule, None);
    rounds::apply_preset(&db, &admin, RoundPreset::Regency)
        .await
        .expect("regency");
    assert_eq!(rounds::plan(&db).await.expect("plan").rounds.len(), 2);
    assert_eq!(
        app::server::judging::criteria(&db, year)
            .await
            .expect("criteria")
            .len(),
        5,
        "the desk round's criteria are untouched"
    );

    // Who goes on: each refusal names the round and the input, and nothing is stored.
    let refused = [
        (
            rule("1", "undian", ""),
            RoundPart::Rule,
            "a rule that is not one",
        ),
        (rule("1", "top_n", ""), RoundPart::Value, "N missing"),
        (
            rule("1", "top_n", "2,5"),
            RoundPart::Value,
            "half a proposal",
        ),
        (rule("1", "top_n", "0"), RoundPart::Value, "nobody"),
        (rule("1", "pass_mark", "120"), RoundPart::Value, "above 100"),
        (
            rule("1", "pass_mark", "delapan"),
            RoundPart::Value,
            "not a number",
        ),
    ];
    for (input, part, what) in refused {
        match rounds::save_rules(&db, &admin, &[input]).await {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.field, Field::Round { position: 1, part }, "{what}")
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    // A form from before the rounds changed (or a made-up round) is refused whole.
    assert!(matches!(
        rounds::save_rules(
            &db,
            &admin,
            &[rule("1", "top_n", "5"), rule("2", "top_n", "3")]
        )
        .await,
        Err(AppError::Conflict { .. })
    ));
    assert!(matches!(
        rounds::save_rules(&db, &admin, &[rule("satu", "top_n", "5")]).await,
        Err(AppError::NotFound)
    ));
    let plan = rounds::plan(&db).await.expect("plan");
    assert_eq!(
        (plan.rounds[0].rule, plan.rounds[0].value),
        (Some(AdvanceRule::TopN), Some(10.0)),
        "nothing stored"
    );
    rounds::save_rules(&db, &admin, &[rule("1", "pass_mark", " 85,5 ")])
        .await
        .expect("a pass mark");
    let plan = rounds::plan(&db).await.expect("plan");
    assert_eq!(
        (plan.rounds[0].rule, plan.rounds[0].value),
        (Some(AdvanceRule::PassMark), Some(85.5))
    );
    rounds::save_rules(&db, &admin, &[rule("1", "choice", "")])
        .await
        .expect("the organisers' choice");
    assert_eq!(audited(&db, "rounds.plan").await, 2);
    assert_eq!(audited(&db, "rounds.rules").await, 2);
});

on_both_backends!(rounds_are_fixed_once_judging_has_begun, |db| {
    seeded(&db, Scenario::Judging).await;
    let admin = admin(&db).await;
    assert!(!rounds::plan(&db).await.expect("plan").editable);
    assert_eq!(
        rounds::apply_preset(&db, &admin, RoundPreset::Regency).await,
        Err(AppError::PhaseBlocked(PhaseBlock::RoundsFixed))
    );
    assert_eq!(rounds::plan(&db).await.expect("plan").rounds.len(), 1);
});

/// Adds a presentation round after the desk round of a year already deliberating (the rounds
/// are fixed by then; the test writes what `apply_preset` would have before judging), with the
/// desk round sending on its best `n`.
async fn second_round(db: &Db, year: i64, n: f64) -> i64 {
    sqlx::query(
        "UPDATE rounds SET advance_rule = 'top_n', advance_value = $1
         WHERE competition_id = $2 AND position = 1",
    )
    .bind(n)
    .bind(year)
    .execute(&db.pool)
    .await
    .expect("rule");
    sqlx::query_scalar(
        "INSERT INTO rounds (competition_id, position, kind, created_at)
         VALUES ($1, 2, 'presentation', 0) RETURNING id",
    )
    .bind(year)
    .fetch_one(&db.pool)
    .await
    .expect("round 2")
}

on_both_backends!(
    a_round_sends_its_best_on_and_the_next_round_judges_only_them,
    |db| {
        let year = seeded(&db, Scenario::Deliberation).await;
        let admin = admin(&db).await;
        let caches = Caches::default();
        let next = second_round(&db, year, 2.0).await;

        // Another round follows: the results are not locked, proposals are sent on instead.
        assert_eq!(
            deliberation::lock(&db, &admin).await,
            Err(AppError::PhaseBlocked(PhaseBlock::RoundsFollow))
        );
        let competition = competitions::current(&db).await.expect("c").expect("year");
        let b = board::load(&db, competition).await.expect("board");
        let ranked: Vec<String> = b.rows.iter().map(|r| r.proposal_id.clone()).collect();
        assert_eq!(
            b.advancing,
            ranked[..2].to_vec(),
            "the rule proposes the best two"
        );

        // Refused, nothing stored: nobody ticked, a made-up or repeated proposal, and a choice
        // other than the rule's without a reason.
        assert_eq!(
            advance::advance(&db, &caches, &admin, &[], "").await,
            Err(AppError::PhaseBlocked(PhaseBlock::NobodyAdvances))
        );
        for tampered in [
            vec!["00000000-0000-4000-8000-000000000000".to_string()],
            vec![ranked[0].clone(), ranked[0].clone()],
        ] {
            assert_eq!(
                advance::advance(&db, &caches, &admin, &tampered, "").await,
                Err(AppError::NotFound)
            );
        }
        let other = vec![ranked[0].clone(), ranked[2].clone()];
        match advance::advance(&db, &caches, &admin, &other, "  ").await {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.field, Field::Input(app::error::Input::Reason));
                assert_eq!(e.problem, Problem::Required);
            }
            other => panic!("a reason is needed: {other:?}"),
        }
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM round_results")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(kept, 0);
        assert_eq!(
            rounds::current(&db.pool, year).await.expect("current"),
            rounds::first(&db.pool, year).await.expect("first")
        );

        // With a reason, the organisers' own choice goes on.
        let went = advance::advance(
            &db,
            &caches,
            &admin,
            &other,
            "Peringkat 2 dan 3 selisih 0,1; panitia memilih yang belum pernah presentasi.",
        )
        .await
        .expect("advanced");
        assert_eq!(went, 2);
        assert_eq!(
            rounds::current(&db.pool, year).await.expect("current"),
            next
        );
        let phase = competitions::current(&db)
            .await
            .expect("c")
            .expect("year")
            .phase;
        assert_eq!(phase, Phase::Judging, "the next round is judged");
        let plan = rounds::plan(&db).await.expect("plan");
        assert!(plan.rounds[0].locked_at.is_some());
        assert!(plan.rounds[0].reason.contains("selisih 0,1"));
        let advanced: Vec<String> = sqlx::query_scalar(
            "SELECT proposal_id FROM round_results WHERE advanced = 1 ORDER BY rank",
        )
        .fetch_all(&db.pool)
        .await
        .expect("advanced");
        assert_eq!(advanced, other);
        let frozen: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM round_results WHERE score IS NOT NULL")
                .fetch_one(&db.pool)
                .await
                .expect("frozen");
        assert_eq!(
            frozen as usize,
            ranked.len(),
            "the round's whole ranking is kept"
        );
        let event: String = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'round.advance'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("audited");
        assert!(
            event.contains(&ranked[1]),
            "whom the rule proposed: {event}"
        );
        assert!(event.contains("selisih 0,1"), "{event}");

        // Round 2: only those two are there to assign and to rank, with no sheet yet.
        let assignment = app::server::judging::assign::board(&db, year, false)
            .await
            .expect("assignment board");
        let mut on_board: Vec<String> = assignment
            .proposals
            .iter()
            .map(|p| p.proposal_id.clone())
            .collect();
        on_board.sort();
        let mut expected = other.clone();
        expected.sort();
        assert_eq!(on_board, expected);
        assert!(assignment.proposals.iter().all(|p| p.judges.is_empty()));
        let inputs = app::server::results::inputs(&db, year)
            .await
            .expect("inputs");
        assert_eq!(inputs.entries.len(), 2);
        assert!(inputs.scores.is_empty());
    }
);

on_both_backends!(nobody_goes_on_from_the_last_round, |db| {
    seeded(&db, Scenario::Deliberation).await;
    let admin = admin(&db).await;
    let any: String =
        sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'screened_in' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .expect("a proposal");
    assert_eq!(
        advance::advance(&db, &Caches::default(), &admin, &[any], "").await,
        Err(AppError::PhaseBlocked(PhaseBlock::LastRound))
    );
});

on_both_servers!(
    the_results_page_sends_proposals_on_as_a_plain_form,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let year = competitions::current(db).await.expect("c").expect("year");
        second_round(db, year.id, 2.0).await;
        let ranked: Vec<String> = board::load(db, year)
            .await
            .expect("board")
            .rows
            .iter()
            .map(|r| r.proposal_id.clone())
            .collect();
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let page = srv.page(&admin, app::routes::ADMIN_RESULTS).await;
        assert!(
            page.contains("action=\"/api/advance_round\""),
            "the form to send on"
        );
        assert!(
            !page.contains("action=\"/api/lock_results\""),
            "no lock while a round follows"
        );
        assert!(page.contains("id=\"advance-0\" name=\"picks[0][go]\" value=\"1\" checked"));
        assert!(!page.contains("id=\"advance-2\" name=\"picks[2][go]\" value=\"1\" checked"));

        // Another choice than the rule's, without a reason: back on the page, the reason asked
        // for under its field, the ticks as they were.
        let mut form: Vec<(String, String)> = Vec::new();
        for (i, id) in ranked.iter().enumerate().take(3) {
            form.push((format!("picks[{i}][proposal_id]"), id.clone()));
            if i != 1 {
                form.push((format!("picks[{i}][go]"), "1".into()));
            }
        }
        form.push(("reason".into(), String::new()));
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/advance_round",
                app::routes::ADMIN_RESULTS,
                &form,
            )
            .await;
        assert!(location.starts_with("/admin/results?error="), "{location}");
        assert!(
            html.contains("id=\"advance-reason-error\" class=\"field-error\">Alasan: wajib diisi"),
            "{html}"
        );
        assert!(html.contains("id=\"advance-2\" name=\"picks[2][go]\" value=\"1\" checked"));
        assert!(!html.contains("id=\"advance-1\" name=\"picks[1][go]\" value=\"1\" checked"));

        form.pop();
        form.push((
            "reason".into(),
            "Selisih nilai tipis; panitia memilih.".into(),
        ));
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/advance_round",
                app::routes::ADMIN_RESULTS,
                &form,
            )
            .await;
        assert_eq!(location, "/admin/results?saved=advanced");
        assert!(
            html.contains("Babak dikunci dan babak berikutnya berjalan"),
            "{html}"
        );
        let went: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM round_results WHERE advanced = 1")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(went, 2);
    }
);
