//! Running the year from the browser, on both backends: phase changes with their reasons,
//! phase dates, judging settings, deadline extensions; and the dates form over HTTP.

mod support;

use app::error::{AppError, Problem};
use app::models::{CurrentUser, Phase, PhaseBlock};
use app::server::demo::{self, Scenario};
use app::server::judging::assign;
use app::server::{infra::db::Db, year::competitions, year::setup};
use reqwest::StatusCode;
use support::{body_of, Backend, TestServer};

async fn admin(db: &Db) -> CurrentUser {
    support::user(db, "admin@inovasi.test").await
}

async fn phase(db: &Db) -> Phase {
    competitions::current(db)
        .await
        .expect("c")
        .expect("year")
        .phase
}

fn blocked(r: Result<(), AppError>) -> PhaseBlock {
    match r {
        Err(AppError::PhaseBlocked(b)) => b,
        other => panic!("expected a blocked phase change, got {other:?}"),
    }
}

fn invalid(r: Result<(), AppError>) -> (String, Problem) {
    match r {
        Err(AppError::Invalid(e)) => (e.field.to_string(), e.problem),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

on_both_backends!(phases_move_only_when_the_year_is_ready, |db| {
    let caches = app::server::http::state::Caches::default();
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let admin = admin(&db).await;
    assert_eq!(
        blocked(setup::move_phase(&db, &caches, &admin, Phase::Judging).await),
        PhaseBlock::NotAllowed
    );
    setup::move_phase(&db, &caches, &admin, Phase::Screening)
        .await
        .expect("to screening");
    assert_eq!(phase(&db).await, Phase::Screening);
    // The demo's submitted proposal is not screened yet.
    assert_eq!(
        blocked(setup::move_phase(&db, &caches, &admin, Phase::Judging).await),
        PhaseBlock::UnscreenedProposals { count: 1 }
    );
    sqlx::query("UPDATE proposals SET status = 'screened_in' WHERE status = 'submitted'")
        .execute(&db.pool)
        .await
        .expect("screen");
    assert_eq!(
        blocked(setup::move_phase(&db, &caches, &admin, Phase::Judging).await),
        PhaseBlock::JudgesMissing { count: 1 }
    );
    let year = competitions::current(&db)
        .await
        .expect("c")
        .expect("year")
        .id;
    let board = assign::board(&db, year, true).await.expect("board");
    let preview = board.preview.expect("preview");
    assert_eq!(preview.new.len(), 3);
    assign::commit(&db, &admin, year, &preview.fingerprint)
        .await
        .expect("commit");
    setup::move_phase(&db, &caches, &admin, Phase::Judging)
        .await
        .expect("to judging");
    assert_eq!(phase(&db).await, Phase::Judging);
    // No way back once judging has begun.
    assert_eq!(
        blocked(setup::move_phase(&db, &caches, &admin, Phase::Screening).await),
        PhaseBlock::NotAllowed
    );
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE action = 'competition.phase' ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("audit");
    assert_eq!(actions.len(), 2);
});

on_both_backends!(settings_dates_and_extensions_refuse_bad_input, |db| {
    let caches = app::server::http::state::Caches::default();
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let admin = admin(&db).await;

    // Judges per proposal: a number from 1 to 10.
    assert_eq!(
        invalid(setup::save_settings(&db, &caches, &admin, true, "0").await),
        (
            "judges_per_proposal".to_string(),
            Problem::OutOfRange {
                min: Some(1),
                max: Some(10)
            }
        )
    );
    assert_eq!(
        invalid(setup::save_settings(&db, &caches, &admin, true, "tiga").await).1,
        Problem::NotANumber
    );
    setup::save_settings(&db, &caches, &admin, true, "5")
        .await
        .expect("settings");
    let setup = setup::setup(&db).await.expect("setup");
    assert!(setup.blind_judging);
    assert_eq!(setup.judges_per_proposal, 5);

    // Dates: overlapping or backwards phases are named, and nothing is stored.
    let before = competitions::current(&db)
        .await
        .expect("c")
        .expect("year")
        .phases;
    let mut rows: Vec<(Phase, String, String)> = Phase::ALL
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let m = i + 1;
            (p, format!("2027-{m:02}-01"), format!("2027-{m:02}-20"))
        })
        .collect();
    rows[2].1 = "2027-02-15".into();
    assert_eq!(
        invalid(setup::save_dates(&db, &caches, &admin, &rows).await),
        ("screening_from".to_string(), Problem::OverlapsPrevious)
    );
    rows[2].1 = "2027-03-01".into();
    rows[4].2 = "2027-04-30".into();
    assert_eq!(
        invalid(setup::save_dates(&db, &caches, &admin, &rows).await),
        ("deliberation_to".to_string(), Problem::EndsBeforeStart)
    );
    rows[4].2 = "2027-05-31".into();
    rows[6].2 = "31/12/2027".into();
    assert_eq!(
        invalid(setup::save_dates(&db, &caches, &admin, &rows).await),
        ("archived_to".to_string(), Problem::NotADate)
    );
    assert_eq!(
        competitions::current(&db)
            .await
            .expect("c")
            .expect("year")
            .phases,
        before
    );
    rows[6].2 = "2027-12-31".into();
    setup::save_dates(&db, &caches, &admin, &rows)
        .await
        .expect("dates");
    let phases = competitions::current(&db)
        .await
        .expect("c")
        .expect("year")
        .phases;
    let judging = phases
        .iter()
        .find(|p| p.phase == Phase::Judging)
        .expect("judging");
    // 2027-04-01 00:00 WIB is 2027-03-31 17:00 UTC.
    assert_eq!(judging.starts_at, 1_806_512_400_000);
    assert_eq!(app::i18n::iso_day(judging.ends_at), "2027-04-20");

    // Extensions: a date ahead, a reason, an obligated agency.
    let agency: i64 = sqlx::query_scalar("SELECT id FROM agencies WHERE short_name = 'Dinsos'")
        .fetch_one(&db.pool)
        .await
        .expect("Dinsos");
    assert_eq!(
        invalid(setup::grant_extension(&db, &admin, agency, "2020-01-01", "Banjir").await).1,
        Problem::InThePast
    );
    assert_eq!(
        invalid(setup::grant_extension(&db, &admin, agency, "2099-01-01", " ").await),
        ("reason".to_string(), Problem::Required)
    );
    assert_eq!(
        invalid(setup::grant_extension(&db, &admin, 999_999, "2099-01-01", "x").await).0,
        "agency"
    );
    setup::grant_extension(&db, &admin, agency, "2099-01-01", "Kantor terdampak banjir")
        .await
        .expect("grant");
    let year = competitions::current(&db)
        .await
        .expect("c")
        .expect("year")
        .id;
    let deadline = competitions::deadline_for(&db, year, agency)
        .await
        .expect("deadline")
        .expect("a deadline");
    assert_eq!(app::i18n::iso_day(deadline), "2099-01-01");
    setup::revoke_extension(&db, &admin, agency)
        .await
        .expect("revoke");
    assert_eq!(
        setup::revoke_extension(&db, &admin, agency).await,
        Err(AppError::NotFound)
    );

    // Once judging has begun, the judging settings are fixed.
    sqlx::query("UPDATE competitions SET phase = 'judging'")
        .execute(&db.pool)
        .await
        .expect("phase");
    assert_eq!(
        blocked(setup::save_settings(&db, &caches, &admin, false, "3").await),
        PhaseBlock::SettingsLocked
    );
});

macro_rules! year_http_test {
    ($name:ident, |$srv:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($srv: &TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let s = TestServer::start_with(Backend::Sqlite, Scenario::Submission).await.expect("sqlite");
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(s) = TestServer::start_with(Backend::Postgres, Scenario::Submission).await else { return };
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
        }
    };
}

year_http_test!(the_dates_form_posts_every_phase, |srv| {
    let admin = srv.signed_in("admin@inovasi.test").await;
    let names: Vec<(String, String)> = Phase::ALL
        .into_iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let m = i + 1;
            [
                (
                    format!("dates[{}_from]", p.as_str()),
                    format!("2028-{m:02}-01"),
                ),
                (
                    format!("dates[{}_to]", p.as_str()),
                    format!("2028-{m:02}-25"),
                ),
            ]
        })
        .collect();
    let form: Vec<(&str, &str)> = names
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body) = srv.call(&admin, "/api/save_phase_dates", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let phases = competitions::current(&srv.db.db)
        .await
        .expect("c")
        .expect("year")
        .phases;
    assert_eq!(
        app::i18n::iso_day(phases[0].starts_at),
        "2028-01-01",
        "{phases:?}"
    );
    // A judge may not touch them.
    let judge = srv.signed_in("juri1@inovasi.test").await;
    let (status, _) = srv.call(&judge, "/api/save_phase_dates", &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The page renders for the admin with every phase's dates.
    let page = admin
        .get(srv.url(app::routes::ADMIN_YEAR))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("2028-07-25"), "the archived phase's last day");
});

on_both_backends!(screening_checks_and_decides, |db| {
    let caches = app::server::http::state::Caches::default();
    use app::models::ProposalStatus;
    use app::server::submission::screening;
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let admin = admin(&db).await;
    setup::move_phase(&db, &caches, &admin, Phase::Screening)
        .await
        .expect("screening");
    // The same title handed in an earlier year.
    let old: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, created_at)
         VALUES (2025, 'Lomba 2025', 'archived', 0) RETURNING id",
    )
    .fetch_one(&db.pool)
    .await
    .expect("2025");
    sqlx::query(
        "INSERT INTO proposals (id, competition_id, agency_id, title, status, created_by,
             created_at, updated_at)
         SELECT 'lama-1', $1, agency_id, title, 'not_selected', created_by, 0, 0
         FROM proposals WHERE status = 'submitted'",
    )
    .bind(old)
    .execute(&db.pool)
    .await
    .expect("old proposal");

    let list = screening::list(&db).await.expect("list");
    assert!(list.open);
    assert_eq!(list.items.len(), 1);
    let item = &list.items[0];
    assert_eq!(item.title, "Posyandu Digital Ibu Hamil (PODIUM)");
    assert!(
        !item.checks.complete,
        "the demo proposal leaves required items empty"
    );
    assert!(item.checks.missing > 0);
    assert_eq!(
        item.checks.running_long_enough,
        Some(true),
        "running since 2023"
    );
    assert_eq!(
        item.checks.duplicates,
        vec!["Posyandu Digital Ibu Hamil (PODIUM) (2025)".to_string()]
    );

    let id = item.proposal_id.clone();
    assert_eq!(
        invalid(screening::decide(&db, &admin, &id, false, "  ").await),
        ("reason".to_string(), Problem::Required)
    );
    screening::decide(&db, &admin, &id, false, "Sudah pernah diajukan tahun 2025.")
        .await
        .expect("fail");
    let list = screening::list(&db).await.expect("list");
    assert_eq!(list.items[0].status, ProposalStatus::ScreenedOut);
    assert_eq!(
        list.items[0].note.as_deref(),
        Some("Sudah pernah diajukan tahun 2025.")
    );
    // The agency reads the outcome and the reason on its home page.
    let staff = support::user(&db, "staf.puskesmas@inovasi.test").await;
    let agency =
        app::server::home::agency_overview(&db, staff.agency_id.expect("an agency"), staff.id)
            .await
            .expect("overview");
    let own = agency
        .proposals
        .iter()
        .find(|p| p.id == id)
        .expect("its proposal");
    assert_eq!(own.status, ProposalStatus::ScreenedOut);
    assert_eq!(
        own.screening_note.as_deref(),
        Some("Sudah pernah diajukan tahun 2025.")
    );
    // Changed while screening lasts.
    screening::decide(&db, &admin, &id, true, "")
        .await
        .expect("pass");
    assert_eq!(
        screening::list(&db).await.expect("list").items[0].status,
        ProposalStatus::ScreenedIn
    );
    let draft: String =
        sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'draft' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .expect("a draft");
    assert_eq!(
        screening::decide(&db, &admin, &draft, true, "").await,
        Err(AppError::ReadOnly)
    );
    assert_eq!(
        screening::decide(&db, &admin, "tidak-ada", true, "").await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        screening::decide(&db, &admin, "lama-1", true, "").await,
        Err(AppError::NotFound),
        "another year's proposal"
    );
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'proposal.screen'")
            .fetch_one(&db.pool)
            .await
            .expect("audit");
    assert_eq!(n, 2);
});

year_http_test!(screening_happens_only_in_its_phase, |srv| {
    let admin = srv.signed_in("admin@inovasi.test").await;
    let id: String = sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
        .fetch_one(&srv.db.db.pool)
        .await
        .expect("submitted");
    let form = [
        ("proposal_id", id.as_str()),
        ("decision", "pass"),
        ("reason", ""),
    ];
    let (status, body) = srv.call(&admin, "/api/screen_proposal", &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("wrong_phase"), "{body}");
    let page = admin
        .get(srv.url(app::routes::ADMIN_SCREENING))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Posyandu Digital"));
    assert!(html.contains("Keputusan seleksi hanya dapat dibuat pada tahap seleksi"));
});

on_both_backends!(criteria_total_100_and_lock_once_scored, |db| {
    let caches = app::server::http::state::Caches::default();
    use app::models::{CriteriaPreset, CriterionDraft};
    use app::server::year::criteria;
    demo::seed_scenario(&db, &support::hasher(), Scenario::Judging)
        .await
        .expect("seed");
    let admin = admin(&db).await;
    let before = criteria::setup(&db).await.expect("setup");
    assert_eq!(before.criteria.len(), 5);
    assert!(!before.locked);

    // Weights that do not total 100: named, and nothing changes.
    let mut drafts: Vec<CriterionDraft> = before
        .criteria
        .iter()
        .map(CriterionDraft::from_info)
        .collect();
    drafts[0].weight = "30".into();
    assert_eq!(
        invalid(criteria::replace(&db, &caches, &admin, &drafts).await),
        ("weights".to_string(), Problem::WeightsTotal { total: 105 })
    );
    assert_eq!(
        criteria::setup(&db).await.expect("setup").criteria,
        before.criteria
    );

    // The national preset.
    criteria::replace(&db, &caches, &admin, &CriteriaPreset::Kipp2023.criteria())
        .await
        .expect("kipp");
    let kipp = criteria::setup(&db).await.expect("setup").criteria;
    assert_eq!(
        kipp.iter().map(|c| c.weight).collect::<Vec<_>>(),
        vec![10, 15, 5, 30, 20, 5, 15]
    );
    criteria::replace(&db, &caches, &admin, &CriteriaPreset::Regency.criteria())
        .await
        .expect("regency");

    // Once a judge has scored, the criteria are fixed.
    let year = competitions::current(&db)
        .await
        .expect("c")
        .expect("year")
        .id;
    let sheet: String = sqlx::query_scalar(
        "INSERT INTO score_sheets (id, round_id, proposal_id, judge_id, created_at, updated_at)
         SELECT 'sheet-1', ja.round_id, ja.proposal_id, ja.judge_id, 0, 0
         FROM judge_assignments ja LIMIT 1
         RETURNING id",
    )
    .fetch_one(&db.pool)
    .await
    .expect("sheet");
    let criterion: i64 =
        sqlx::query_scalar("SELECT id FROM criteria WHERE competition_id = $1 LIMIT 1")
            .bind(year)
            .fetch_one(&db.pool)
            .await
            .expect("criterion");
    sqlx::query("INSERT INTO scores (sheet_id, criterion_id, value, value_version, updated_at) VALUES ($1, $2, 7, 1, 0)")
        .bind(&sheet)
        .bind(criterion)
        .execute(&db.pool)
        .await
        .expect("score");
    assert!(criteria::setup(&db).await.expect("setup").locked);
    assert_eq!(
        blocked(
            criteria::replace(&db, &caches, &admin, &CriteriaPreset::Kipp2023.criteria()).await
        ),
        PhaseBlock::CriteriaInUse
    );

    // Categories: a used one stays; a new one can be added and removed.
    let used: i64 = sqlx::query_scalar(
        "SELECT category_id FROM proposals WHERE category_id IS NOT NULL LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("used");
    assert_eq!(
        blocked(criteria::remove_category(&db, &caches, &admin, used).await),
        PhaseBlock::CategoryInUse
    );
    criteria::add_category(
        &db,
        &caches,
        &admin,
        "Desa dan Kelurahan",
        "Pemerintah desa",
    )
    .await
    .expect("add");
    assert_eq!(
        invalid(criteria::add_category(&db, &caches, &admin, "desa dan kelurahan", "").await).0,
        "name"
    );
    let added = criteria::setup(&db)
        .await
        .expect("setup")
        .categories
        .into_iter()
        .find(|c| c.1 == "Desa dan Kelurahan")
        .expect("added")
        .0;
    criteria::remove_category(&db, &caches, &admin, added)
        .await
        .expect("remove");
});

year_http_test!(the_criteria_form_posts_its_rows, |srv| {
    let admin = srv.signed_in("admin@inovasi.test").await;
    // A visitor has the public home, which lists the criteria (and is kept once rendered).
    let visitor = srv.client();
    for _ in 0..2 {
        let home = body_of(&visitor, srv.url(app::routes::HOME)).await;
        assert!(!home.contains("Kebaruan Gagasan"), "not a criterion yet");
    }
    let form = [
        ("criteria[0][name]", "Kebaruan Gagasan"),
        ("criteria[0][weight]", "60"),
        ("criteria[0][scale_min]", "1"),
        ("criteria[0][scale_max]", "5"),
        ("criteria[0][counts]", "on"),
        ("criteria[0][description]", ""),
        ("criteria[0][rubric]", "1-2: biasa\n3-5: baru"),
        ("criteria[1][name]", "Manfaat"),
        ("criteria[1][weight]", "40"),
        ("criteria[1][scale_min]", "1"),
        ("criteria[1][scale_max]", "5"),
        ("criteria[1][description]", ""),
        ("criteria[1][rubric]", ""),
        // A spare row left empty.
        ("criteria[2][name]", ""),
        ("criteria[2][weight]", ""),
        ("criteria[2][scale_min]", "1"),
        ("criteria[2][scale_max]", "10"),
        ("criteria[2][description]", ""),
        ("criteria[2][rubric]", ""),
    ];
    let (status, body) = srv.call(&admin, "/api/save_criteria", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let setup = app::server::year::criteria::setup(&srv.db.db)
        .await
        .expect("setup");
    assert_eq!(setup.criteria.len(), 2);
    assert_eq!(setup.criteria[0].levels.len(), 2);
    assert!(!setup.criteria[1].counts_toward_ranking);
    // The visitor's next look at the home page shows them at once, not the page kept before.
    let home = body_of(&visitor, srv.url(app::routes::HOME)).await;
    assert!(home.contains("Kebaruan Gagasan"), "{home}");
    // 60 + 30: the error names the total.
    let mut bad = form.to_vec();
    bad[8] = ("criteria[1][weight]", "30");
    let (status, body) = srv.call(&admin, "/api/save_criteria", &bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("weights_total"), "{body}");
    let page = admin
        .get(srv.url(app::routes::ADMIN_CRITERIA))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page
        .text()
        .await
        .expect("html")
        .contains("Jumlah bobot: 100"));
});

year_http_test!(the_agency_reads_screenings_outcome_and_reason, |srv| {
    // A fail with its reason, which is the organisers' text: shown as text, never as markup.
    sqlx::query(
        "UPDATE proposals SET status = 'screened_out',
             screening_note = '<script>alert(1)</script> Bukti dukung tidak terbaca.'
         WHERE status = 'submitted'",
    )
    .execute(&srv.db.db.pool)
    .await
    .expect("screened out");
    let staff = srv.signed_in("staf.puskesmas@inovasi.test").await;
    let page = staff
        .get(srv.url(app::routes::AGENCY))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Alasan panitia"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Bukti dukung tidak terbaca."));
    assert!(!html.contains("<script>alert(1)"));
    // Another agency sees nothing of it.
    let other = srv.signed_in("staf.dukcapil@inovasi.test").await;
    let html = other
        .get(srv.url(app::routes::AGENCY))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!html.contains("Bukti dukung tidak terbaca"));
});
