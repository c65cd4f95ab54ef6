//! The rounds of a year (issue 16; docs/rounds.md), on both backends: set from a preset before
//! judging and fixed after, who goes on from each round checked field by field with nothing
//! stored on a refusal, and a round locked by sending proposals on — by its rule, or by the
//! organisers' choice with a reason — after which the next round is judged on its own; the
//! results page's plain form for it, refused and kept as typed, then taken; and the rounds
//! combined into one result, by shares or by the last round, set and refused share by share.

mod support;

use app::error::{AppError, Field, Problem, RoundPart};
use app::models::{
    AdvanceRule, Basis, Combination, CurrentUser, Phase, PhaseBlock, RoundKind, RoundPreset,
    RoundRuleInput, RoundWeightInput,
};
use app::server::demo::{self, Scenario};
use app::server::http::state::Caches;
use app::server::results::{advance, board, deliberation, feedback};
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

        // The round's own berita acara: its frozen ranking, its rule, whom it sent on and why.
        assert!(
            html.contains(&format!(
                "href=\"{}\"",
                app::routes::round_recap(1).replace('&', "&amp;")
            )),
            "{html}"
        );
        let res = admin
            .get(srv.url(&app::routes::round_recap(1)))
            .send()
            .await
            .expect("recap");
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        // Words as read, whatever line the layout broke them onto.
        let text = pdf_text(&res.bytes().await.expect("bytes"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("Babak 1 dari 2"), "{text}");
        assert!(
            text.contains("Selisih nilai tipis; panitia memilih."),
            "{text}"
        );
        assert!(text.contains("Yang lolos: 2 proposal"), "{text}");
        // A round not locked, or no round at all, finds nothing.
        for babak in ["2", "9", "satu"] {
            let res = admin
                .get(srv.url(&format!("{}?babak={babak}", app::routes::ADMIN_RECAP_PDF)))
                .send()
                .await
                .expect("recap");
            assert_eq!(
                res.status(),
                reqwest::StatusCode::NOT_FOUND,
                "babak={babak}"
            );
        }
    }
);

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF opens");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text extracts")
}

fn share(position: &str, weight: &str) -> RoundWeightInput {
    RoundWeightInput {
        position: position.into(),
        weight: weight.into(),
    }
}

on_both_backends!(
    how_the_rounds_combine_is_set_and_checked_share_by_share,
    |db| {
        let year = seeded(&db, Scenario::Submission).await;
        let admin = admin(&db).await;
        rounds::apply_preset(&db, &admin, RoundPreset::Regency)
            .await
            .expect("two rounds");
        assert_eq!(
            rounds::plan(&db).await.expect("plan").combination,
            Combination::LastDecides,
            "until the organisers weigh them, the last round decides"
        );

        // Each refusal names the round's share, or the total; nothing is stored.
        let refused = [
            (
                vec![share("1", "40"), share("2", "")],
                Some(2),
                "a share missing",
            ),
            (
                vec![share("1", "empat puluh"), share("2", "60")],
                Some(1),
                "not a number",
            ),
            (
                vec![share("1", "-10"), share("2", "110")],
                Some(1),
                "below 0",
            ),
            (
                vec![share("1", "40"), share("2", "120")],
                Some(2),
                "above 100",
            ),
            (
                vec![share("1", "40"), share("2", "50")],
                None,
                "a total of 90",
            ),
        ];
        for (shares, position, what) in refused {
            match rounds::save_combination(&db, &admin, Combination::Weights, &shares).await {
                Err(AppError::Invalid(e)) => match position {
                    Some(position) => assert_eq!(
                        e.field,
                        Field::Round {
                            position,
                            part: RoundPart::Weight
                        },
                        "{what}"
                    ),
                    None => {
                        assert_eq!(e.field, Field::Input(app::error::Input::RoundWeights));
                        assert_eq!(e.problem, Problem::WeightsTotal { total: 90 });
                    }
                },
                other => panic!("{what}: {other:?}"),
            }
        }
        // A form from before the rounds changed: refused whole.
        assert!(matches!(
            rounds::save_combination(
                &db,
                &admin,
                Combination::Weights,
                &[share("1", "40"), share("2", "30"), share("3", "30")]
            )
            .await,
            Err(AppError::Conflict { .. })
        ));
        let plan = rounds::plan(&db).await.expect("plan");
        assert_eq!(plan.combination, Combination::LastDecides);
        assert!(plan.rounds.iter().all(|r| r.weight.is_none()));
        assert_eq!(audited(&db, "rounds.combination").await, 0);

        rounds::save_combination(
            &db,
            &admin,
            Combination::Weights,
            &[share("1", "37,5"), share("2", " 62.5 ")],
        )
        .await
        .expect("37.5 / 62.5");
        let plan = rounds::plan(&db).await.expect("plan");
        assert_eq!(plan.combination, Combination::Weights);
        assert_eq!(
            plan.rounds.iter().map(|r| r.weight).collect::<Vec<_>>(),
            vec![Some(37.5), Some(62.5)]
        );
        // Back to the last round deciding: the shares stay for a return to weights.
        rounds::save_combination(&db, &admin, Combination::LastDecides, &[])
            .await
            .expect("last decides");
        let plan = rounds::plan(&db).await.expect("plan");
        assert_eq!(plan.combination, Combination::LastDecides);
        assert_eq!(plan.rounds[1].weight, Some(62.5));
        assert_eq!(audited(&db, "rounds.combination").await, 2);
        // A new list of rounds starts over with the last round deciding.
        rounds::save_combination(
            &db,
            &admin,
            Combination::Weights,
            &[share("1", "50"), share("2", "50")],
        )
        .await
        .expect("50 / 50");
        rounds::apply_preset(&db, &admin, RoundPreset::Kipp)
            .await
            .expect("KIPP");
        let plan = rounds::plan(&db).await.expect("plan");
        assert_eq!(plan.combination, Combination::LastDecides);
        assert!(plan.rounds.iter().all(|r| r.weight.is_none()));

        // Fixed once judging begins.
        sqlx::query("UPDATE competitions SET phase = 'judging' WHERE id = $1")
            .bind(year)
            .execute(&db.pool)
            .await
            .expect("judging");
        assert_eq!(
            rounds::save_combination(&db, &admin, Combination::LastDecides, &[]).await,
            Err(AppError::PhaseBlocked(PhaseBlock::RoundsFixed))
        );
    }
);

/// One handed-in sheet per proposal in the year's current round, on its one criterion (scale
/// 1–10, weight 100): `values[i]` for `proposals[i]`.
async fn judge_current_round(db: &Db, year: i64, proposals: &[String], values: &[i64]) {
    let round = rounds::current(&db.pool, year).await.expect("round");
    let criterion: i64 = sqlx::query_scalar(
        "INSERT INTO criteria (competition_id, round_id, code, name, weight, scale_min, scale_max,
             position)
         VALUES ($1, $2, 'P1', 'Penyajian', 100, 1, 10, 1) RETURNING id",
    )
    .bind(year)
    .bind(round)
    .fetch_one(&db.pool)
    .await
    .expect("criterion");
    let judge = support::user(db, "juri1@inovasi.test").await;
    for (proposal, value) in proposals.iter().zip(values) {
        let sheet = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO score_sheets (id, round_id, proposal_id, judge_id, status, created_at,
                 updated_at, submitted_at, handed_in)
             VALUES ($1, $2, $3, $4, 'submitted', 0, 0, 0, $5)",
        )
        .bind(&sheet)
        .bind(round)
        .bind(proposal)
        .bind(judge.id)
        .bind(app::server::judging::handed_in::encode([(
            criterion, *value,
        )]))
        .execute(&db.pool)
        .await
        .expect("sheet");
        sqlx::query(
            "INSERT INTO scores (sheet_id, criterion_id, value, value_version, comment,
                 comment_version, updated_at)
             VALUES ($1, $2, $3, 1, 'Presentasi jelas.', 1, 0)",
        )
        .bind(&sheet)
        .bind(criterion)
        .bind(*value)
        .execute(&db.pool)
        .await
        .expect("score");
    }
}

on_both_backends!(the_rounds_combine_into_one_official_ranking, |db| {
    let year = seeded(&db, Scenario::Deliberation).await;
    let admin = admin(&db).await;
    second_round(&db, year, 3.0).await;
    for sql in [
        "UPDATE competitions SET round_combination = 'weights' WHERE id = $1",
        "UPDATE rounds SET weight = 40 WHERE competition_id = $1 AND position = 1",
        "UPDATE rounds SET weight = 60 WHERE competition_id = $1 AND position = 2",
    ] {
        sqlx::query(sql)
            .bind(year)
            .execute(&db.pool)
            .await
            .expect("40 / 60");
    }
    let competition = competitions::current(&db).await.expect("c").expect("year");
    let first = board::load(&db, competition).await.expect("board");
    assert!(
        first
            .rows
            .iter()
            .all(|r| r.combined.is_none() && r.earlier.is_empty()),
        "the first round is its own result"
    );
    let desk: Vec<(String, f64)> = first.rows[..3]
        .iter()
        .map(|r| {
            let s = r.standing(first.basis).score.expect("scored");
            (r.proposal_id.clone(), s)
        })
        .collect();
    let ids: Vec<String> = desk.iter().map(|(id, _)| id.clone()).collect();
    advance::advance(&db, &Caches::default(), &admin, &ids, "")
        .await
        .expect("the best three go on");

    // The presentation: the desk round's third presents best, its first worst.
    judge_current_round(&db, year, &ids, &[1, 4, 10]).await;
    let presentation = [0.0, 100.0 / 3.0, 100.0];
    let competition = competitions::current(&db).await.expect("c").expect("year");
    let b = board::load(&db, competition.clone()).await.expect("board");
    assert_eq!(b.rows.len(), 3, "only those sent on");
    let mut expected: Vec<(String, f64)> = desk
        .iter()
        .zip(presentation)
        .map(|((id, s), p)| (id.clone(), 0.4 * s + 0.6 * p))
        .collect();
    expected.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (n, (row, (id, score))) in b.rows.iter().zip(&expected).enumerate() {
        assert_eq!(&row.proposal_id, id, "place {}", n + 1);
        let official = row.standing(Basis::Raw);
        assert!(
            (official.score.expect("combined") - score).abs() < 1e-6,
            "{official:?} ≠ {score}"
        );
        assert_eq!(official.rank, Some(n as u32 + 1));
        let desk_place = ids.iter().position(|i| i == id).expect("sent on");
        assert_eq!(
            row.earlier.iter().map(|s| s.rank).collect::<Vec<_>>(),
            vec![Some(desk_place as u32 + 1)],
            "the desk round's rank, as frozen"
        );
        assert!(
            (row.own(Basis::Raw).score.expect("own") - presentation[desk_place]).abs() < 1e-6,
            "this round's own score beside it"
        );
    }

    // Left to the last round: the presentation alone orders them.
    sqlx::query("UPDATE competitions SET round_combination = 'last_decides' WHERE id = $1")
        .bind(year)
        .execute(&db.pool)
        .await
        .expect("last decides");
    let b = board::load(&db, competition).await.expect("board");
    let order: Vec<&str> = b.rows.iter().map(|r| r.proposal_id.as_str()).collect();
    assert_eq!(
        order,
        vec![ids[2].as_str(), ids[1].as_str(), ids[0].as_str()]
    );
    let csv = String::from_utf8(
        app::server::results::exports::ranking_csv(&b, app::i18n::Lang::Id).expect("csv"),
    )
    .expect("utf-8");
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.contains("Babak 1"), "{header}");

    // Locked and published: the presentation's best reads both its rounds; the desk round's
    // fourth, who did not go on, reads the round it stopped in.
    sqlx::query("UPDATE competitions SET phase = 'deliberation' WHERE id = $1")
        .bind(year)
        .execute(&db.pool)
        .await
        .expect("deliberation");
    deliberation::lock(&db, &admin).await.expect("locked");
    app::server::year::setup::move_phase(&db, &Caches::default(), &admin, Phase::Published)
        .await
        .expect("published");
    let agency_of = |id: String| {
        let db = db.clone();
        async move {
            let agency: i64 = sqlx::query_scalar("SELECT agency_id FROM proposals WHERE id = $1")
                .bind(&id)
                .fetch_one(&db.pool)
                .await
                .expect("agency");
            (agency, id)
        }
    };
    let (agency, best) = agency_of(ids[2].clone()).await;
    let fb = feedback::load(&db, agency, &best).await.expect("feedback");
    assert_eq!(fb.of, 2);
    assert_eq!(
        fb.rounds.iter().map(|r| r.went_on).collect::<Vec<_>>(),
        vec![Some(true), None]
    );
    assert_eq!(fb.rounds[1].criteria[0].name, "Penyajian");
    assert_eq!(fb.rounds[1].criteria[0].mean, Some(10.0));
    assert_eq!(fb.rounds[1].criteria[0].comments, vec!["Presentasi jelas."]);
    assert!(
        (fb.score.unwrap_or_default() - 100.0).abs() < 1e-6,
        "the last round decided: {:?}",
        fb.score
    );
    assert!(first.rows.len() >= 4, "a proposal that stopped at the desk");
    let (agency, fourth) = agency_of(first.rows[3].proposal_id.clone()).await;
    let fb = feedback::load(&db, agency, &fourth)
        .await
        .expect("feedback");
    assert_eq!(fb.rounds.len(), 1);
    assert_eq!(fb.rounds[0].went_on, Some(false));
    assert_eq!(fb.award, None);
    assert_eq!(fb.score, first.rows[3].standing(first.basis).score);
    assert_eq!(
        fb.rank_in_category,
        first.rows[3].standing(first.basis).rank_in_category
    );
    // And it is one of the year's innovations in the public gallery.
    let shown = app::server::results::gallery::detail(&db, &fourth)
        .await
        .expect("in the gallery");
    assert_eq!(shown.item.title, first.rows[3].title);
});

on_both_servers!(
    the_rounds_page_sets_the_combination_as_a_plain_form,
    Scenario::Submission,
    |srv| {
        let db = &srv.db.db;
        rounds::apply_preset(db, &admin(db).await, RoundPreset::Regency)
            .await
            .expect("two rounds");
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let page = srv.page(&admin, app::routes::ADMIN_ROUNDS).await;
        assert!(page.contains("action=\"/api/save_round_combination\""));
        assert!(page.contains(
            "id=\"combination-last_decides\" name=\"combination\" value=\"last_decides\" checked"
        ));

        // Shares of 40 and 50: back on the page, the total named, the shares as typed.
        let mut form: Vec<(String, String)> = vec![("combination".into(), "weights".into())];
        for (i, (position, weight)) in [("1", "40"), ("2", "50")].into_iter().enumerate() {
            form.push((format!("weights[{i}][position]"), position.into()));
            form.push((format!("weights[{i}][weight]"), weight.into()));
        }
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_round_combination",
                app::routes::ADMIN_ROUNDS,
                &form,
            )
            .await;
        assert!(location.starts_with("/admin/rounds?error="), "{location}");
        assert!(
            html.contains("id=\"round-weights-error\" class=\"field-error\">Jumlah bobot: berjumlah 90, harus tepat 100"),
            "{html}"
        );
        assert!(
            html.contains("name=\"weights[1][weight]\" value=\"50\""),
            "{html}"
        );
        assert!(html
            .contains("id=\"combination-weights\" name=\"combination\" value=\"weights\" checked"));

        form[4].1 = "60".into();
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_round_combination",
                app::routes::ADMIN_ROUNDS,
                &form,
            )
            .await;
        assert_eq!(location, "/admin/rounds?saved=combination");
        assert!(
            html.contains("bobot 60%"),
            "the list shows each share: {html}"
        );
        let plan = rounds::plan(db).await.expect("plan");
        assert_eq!(plan.combination, Combination::Weights);
        assert_eq!(plan.rounds[1].weight, Some(60.0));
    }
);

// `seed-demo --presentation`: the year in its presentation round, reached through the
// organisers' own code: the desk round locked with its best eight sent on, the presentation
// round with its own criteria, two rooms with their panels and the day scheduled, the first two
// of each room scored and the third presenting now, the rounds weighed.
on_both_backends!(the_presentation_demo_is_a_year_in_its_second_round, |db| {
    let year = seeded(&db, Scenario::Presentation).await;
    let plan = rounds::plan(&db).await.expect("plan");
    assert_eq!(plan.rounds.len(), 2);
    assert!(plan.rounds[0].locked_at.is_some() && plan.rounds[1].current);
    assert_eq!(plan.combination, Combination::Weights);
    let competition = competitions::current(&db).await.expect("c").expect("year");
    assert_eq!(competition.phase, Phase::Judging);
    let b = board::load(&db, competition).await.expect("board");
    assert_eq!(b.rows.len(), 8, "the best eight present");
    assert_eq!(b.criteria.len(), 3, "the presentation's own criteria");
    assert!(b.rows.iter().all(|r| r.earlier.len() == 1));
    let ranked = b
        .rows
        .iter()
        .filter(|r| r.standing(b.basis).rank.is_some())
        .count();
    assert_eq!(ranked, 4, "the four who presented are ranked");
    assert!(
        !b.missing.is_empty(),
        "the others' sheets are still to come"
    );
    let assigned: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM judge_assignments ja JOIN rounds r ON r.id = ja.round_id
         WHERE r.competition_id = $1 AND r.position = 2",
    )
    .bind(year)
    .fetch_one(&db.pool)
    .await
    .expect("assignments");
    assert_eq!(assigned, 16, "each finalist before its room's panel of two");
    let schedule = app::server::presentation::schedule::load(&db)
        .await
        .expect("schedule");
    assert_eq!(schedule.rooms.len(), 2);
    assert!(
        schedule.rows.iter().all(|r| r.slot.is_some()),
        "the day is scheduled"
    );
    let now = app::server::infra::db::now_ms();
    let presenting = schedule
        .rows
        .iter()
        .filter_map(|r| r.slot.as_ref())
        .filter(|s| s.starts_at <= now && now < s.ends_at())
        .count();
    assert_eq!(presenting, 2, "one presenting now in each room");
});
