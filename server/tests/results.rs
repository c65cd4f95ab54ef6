//! Results on both backends: which sheets count, deliberation and locking (nothing changes
//! after), publishing only once locked, the agency's anonymous feedback, the gallery (odd search
//! text included), replication interest, and the result files opened and read back.

mod support;

use app::error::AppError;
use app::models::{Award, Basis, DecisionInput, GalleryFilter, Phase, PhaseBlock};
use app::server::demo::{self, Scenario};
use app::server::results::{self, board, deliberation, feedback, gallery};
use app::server::{infra::db::Db, year::competitions, year::setup};
use reqwest::StatusCode;
use support::user;

async fn setup(db: &Db, scenario: Scenario) -> app::models::CompetitionSummary {
    demo::seed_scenario(db, &support::hasher(), scenario)
        .await
        .expect("seed");
    competitions::current(db)
        .await
        .expect("current")
        .expect("year")
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

on_both_backends!(only_handed_in_unconflicted_sheets_count, |db| {
    let year = setup(&db, Scenario::Deliberation).await;
    let criteria = count(&db, "SELECT COUNT(*) FROM criteria").await as usize;
    let sheets = count(&db, "SELECT COUNT(*) FROM score_sheets").await as usize;
    // Titles come back exactly, whatever they hold (the year is read as one JSON text on SQLite).
    let odd = "Kartu \"Sehat\" \\ Desa; 1:2,3 [x] — ✓\nbaris kedua";
    sqlx::query(
        "UPDATE proposals SET title = $1
         WHERE id = (SELECT MIN(id) FROM proposals WHERE status = 'screened_in')",
    )
    .bind(odd)
    .execute(&db.pool)
    .await
    .expect("title");
    let inputs = results::inputs(&db, year.id).await.expect("inputs");
    assert_eq!(inputs.info.iter().filter(|i| i.title == odd).count(), 1);
    assert!(matches!(
        results::inputs(&db, year.id + 1000).await,
        Err(app::error::AppError::NotFound)
    ));
    assert_eq!(
        inputs.entries.len() as i64,
        count(
            &db,
            "SELECT COUNT(*) FROM proposals WHERE status = 'screened_in'"
        )
        .await
    );
    assert_eq!(inputs.scores.len(), sheets * criteria);
    // The ranking reads each sheet's handed-in copy: the very scores the sheets hold.
    let mut from_scores: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.proposal_id, s.judge_id, sc.criterion_id, sc.value
         FROM score_sheets s JOIN scores sc ON sc.sheet_id = s.id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("scores");
    let mut read: Vec<(String, i64, i64, i64)> = inputs
        .scores
        .iter()
        .map(|s| {
            (
                inputs.entries[s.entry].proposal_id.clone(),
                s.judge_id,
                s.criterion_id,
                s.value,
            )
        })
        .collect();
    from_scores.sort();
    read.sort();
    assert_eq!(read, from_scores);
    assert!(board::missing(&db, year.id)
        .await
        .expect("missing")
        .is_empty());

    // One sheet reopened, another's judge declares a conflict: both leave the ranking.
    let ids: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, proposal_id, judge_id FROM score_sheets ORDER BY id LIMIT 2")
            .fetch_all(&db.pool)
            .await
            .expect("sheets");
    sqlx::query("UPDATE score_sheets SET status = 'reopened' WHERE id = $1")
        .bind(&ids[0].0)
        .execute(&db.pool)
        .await
        .expect("reopen");
    sqlx::query(
        "INSERT INTO conflict_declarations (proposal_id, judge_id, reason, declared_at)
         VALUES ($1, $2, 'kerabat', 0)",
    )
    .bind(&ids[1].1)
    .bind(ids[1].2)
    .execute(&db.pool)
    .await
    .expect("conflict");
    let inputs = results::inputs(&db, year.id).await.expect("inputs");
    assert_eq!(inputs.scores.len(), (sheets - 2) * criteria);
    let missing = board::missing(&db, year.id).await.expect("missing");
    assert_eq!(
        missing.len(),
        1,
        "the reopened sheet waits; the conflicted one never will"
    );
    assert_eq!(missing[0].status, Some(app::models::SheetStatus::Reopened));
});

on_both_backends!(deliberation_locks_then_publishes, |db| {
    let caches = app::server::http::state::Caches::default();
    let year = setup(&db, Scenario::Deliberation).await;
    let admin = user(&db, "admin@inovasi.test").await;
    let before = board::load(&db, year.clone()).await.expect("board");
    assert!(before.editable);
    assert_eq!(before.basis, Basis::Raw);
    let top = before.rows[0].clone();
    assert_eq!(top.raw.rank, Some(1));
    assert!(top.raw.score.is_some());
    let last = before.rows.last().expect("rows").clone();

    // Publishing before locking is refused, saying why.
    let e = setup::move_phase(&db, &caches, &admin, Phase::Published)
        .await
        .expect_err("not locked");
    assert_eq!(e, AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));

    deliberation::save_settings(&db, &admin, 60.0, Basis::Normalised)
        .await
        .expect("settings");
    let decisions = deliberation::parse_decisions(&[
        DecisionInput {
            proposal_id: top.proposal_id.clone(),
            award: "winner".into(),
            nominated: Some("on".into()),
        },
        DecisionInput {
            proposal_id: before.rows[1].proposal_id.clone(),
            award: "finalist".into(),
            nominated: None,
        },
    ])
    .expect("parse");
    deliberation::save_decisions(&db, &admin, &decisions)
        .await
        .expect("decide");
    // A proposal of no year: refused, nothing written.
    let stranger = deliberation::parse_decisions(&[DecisionInput {
        proposal_id: uuid::Uuid::new_v4().to_string(),
        award: "winner".into(),
        nominated: None,
    }])
    .expect("parse");
    assert_eq!(
        deliberation::save_decisions(&db, &admin, &stranger).await,
        Err(AppError::NotFound)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM results").await, 2);

    deliberation::lock(&db, &admin).await.expect("lock");
    let locked = board::load(&db, year.clone()).await.expect("board");
    assert!(!locked.editable);
    assert!(locked.locked_at.is_some());
    assert_eq!(locked.pass_mark, 60.0);
    // The official (normalised) score is what was stored, for every judged proposal.
    let stored: Vec<(String, Option<f64>, Option<i64>)> =
        sqlx::query_as("SELECT proposal_id, score, rank FROM results")
            .fetch_all(&db.pool)
            .await
            .expect("results");
    assert_eq!(stored.len(), locked.rows.len());
    for r in &locked.rows {
        let (_, score, rank) = stored
            .iter()
            .find(|(id, _, _)| *id == r.proposal_id)
            .expect("stored row");
        assert_eq!(*score, r.normalised.score);
        assert_eq!(*rank, r.normalised.rank.map(i64::from));
    }

    // Nothing that feeds the ranking changes now.
    let refused = AppError::PhaseBlocked(PhaseBlock::ResultsLocked);
    assert_eq!(
        deliberation::save_settings(&db, &admin, 90.0, Basis::Raw).await,
        Err(refused.clone())
    );
    assert_eq!(
        deliberation::save_decisions(&db, &admin, &decisions).await,
        Err(refused.clone())
    );
    assert_eq!(deliberation::lock(&db, &admin).await, Err(refused));
    assert_eq!(
        results::settings(&db, year.id)
            .await
            .expect("settings")
            .pass_mark,
        60.0
    );

    // A reader before publication: the gallery is empty (and kept in memory so).
    let unpublished = gallery::search(&db, &caches.gallery, &GalleryFilter::default(), 1, Some(24))
        .await
        .expect("gallery before");
    assert_eq!(unpublished.total, 0);
    setup::move_phase(&db, &caches, &admin, Phase::Published)
        .await
        .expect("publish");
    let status = |id: String| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM proposals WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await
                .expect("status")
        }
    };
    assert_eq!(status(top.proposal_id.clone()).await, "winner");
    assert_eq!(status(before.rows[1].proposal_id.clone()).await, "finalist");
    assert_eq!(status(last.proposal_id.clone()).await, "not_selected");

    // The agency sees its feedback, no judge named; another agency sees nothing.
    let agency_id: i64 = sqlx::query_scalar("SELECT agency_id FROM proposals WHERE id = $1")
        .bind(&top.proposal_id)
        .fetch_one(&db.pool)
        .await
        .expect("agency");
    let fb = feedback::load(&db, agency_id, &top.proposal_id)
        .await
        .expect("feedback");
    assert_eq!(fb.award, Some(Award::Winner));
    assert_eq!((fb.rounds.len(), fb.of), (1, 1));
    let round = &fb.rounds[0];
    assert_eq!(round.went_on, None, "the year ended with it");
    assert_eq!(round.criteria.len(), locked.criteria.len());
    assert!(round.criteria[0].mean.is_some());
    assert!(
        !round.criteria[0].comments.is_empty(),
        "the demo's comment on the first criterion"
    );
    assert!(!round.overall_comments.is_empty());
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM users WHERE role = 'judge'")
        .fetch_all(&db.pool)
        .await
        .expect("judges");
    let shown = serde_json::to_string(&fb).expect("json");
    for n in names {
        assert!(!shown.contains(&n), "judge {n} named in feedback");
    }
    assert_eq!(
        feedback::load(&db, agency_id + 1000, &top.proposal_id).await,
        Err(AppError::NotFound)
    );

    // The public finds the winner, and can ask to replicate it.
    let page = gallery::search(
        &db,
        &caches.gallery,
        &GalleryFilter {
            award: Some("winner".into()),
            ..GalleryFilter::default()
        },
        1,
        Some(24),
    )
    .await
    .expect("gallery");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].proposal_id, top.proposal_id);
    assert!(
        !page.items[0].summary.is_empty(),
        "the summary was frozen at locking"
    );
    let by_title = gallery::search(
        &db,
        &caches.gallery,
        &GalleryFilter {
            q: Some(top.title[..6].to_lowercase()),
            ..GalleryFilter::default()
        },
        1,
        Some(24),
    )
    .await
    .expect("search");
    assert!(by_title
        .items
        .iter()
        .any(|i| i.proposal_id == top.proposal_id));
    // An agency renamed is found under its new name at once.
    let agency = app::server::people::agencies::get(&db, agency_id)
        .await
        .expect("agency");
    app::server::people::agencies::update(
        &db,
        &caches,
        &admin,
        agency_id,
        &app::models::AgencyInput {
            name: "Dinas Inovasi Terbarukan".into(),
            short_name: agency.short_name.clone(),
            kind: agency.kind,
            head_name: agency.head_name.clone(),
        },
    )
    .await
    .expect("rename");
    let renamed = gallery::search(
        &db,
        &caches.gallery,
        &GalleryFilter {
            q: Some("inovasi terbarukan".into()),
            ..GalleryFilter::default()
        },
        1,
        Some(24),
    )
    .await
    .expect("search renamed");
    assert!(renamed
        .items
        .iter()
        .any(|i| i.proposal_id == top.proposal_id && i.agency_name == "Dinas Inovasi Terbarukan"));
    let input = gallery::InterestInput {
        name: "Rina",
        organisation: "Dinas Kesehatan Kab. Lain",
        contact: "rina@example.org",
        message: "Kami ingin belajar.",
    };
    gallery::record_interest(&db, &top.proposal_id, input.clone())
        .await
        .expect("interest");
    let missing_name = gallery::InterestInput {
        name: " ",
        ..input.clone()
    };
    match gallery::record_interest(&db, &top.proposal_id, missing_name).await {
        Err(AppError::Invalid(e)) => assert_eq!(e.field, "name"),
        other => panic!("expected a named field error, got {other:?}"),
    }
    let fb = feedback::load(&db, agency_id, &top.proposal_id)
        .await
        .expect("feedback");
    assert_eq!(fb.interests.len(), 1);
    assert_eq!(fb.interests[0].organisation, "Dinas Kesehatan Kab. Lain");
});

on_both_backends!(locking_waits_for_every_sheet, |db| {
    let caches = app::server::http::state::Caches::default();
    setup(&db, Scenario::Judging).await;
    let admin = user(&db, "admin@inovasi.test").await;
    setup::move_phase(&db, &caches, &admin, Phase::Deliberation)
        .await
        .expect("to deliberation");
    match deliberation::lock(&db, &admin).await {
        Err(AppError::PhaseBlocked(PhaseBlock::SheetsMissing { count, examples })) => {
            assert!(count > 0);
            assert_eq!(examples.len(), 3);
            assert!(
                examples[0].contains('('),
                "names the judge: {}",
                examples[0]
            );
        }
        other => panic!("expected missing sheets, got {other:?}"),
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM results").await, 0);
    let message = AppError::PhaseBlocked(PhaseBlock::SheetsMissing {
        count: 2,
        examples: vec!["A (Juri)".into()],
    })
    .message(app::i18n::Lang::Id);
    assert!(message.contains("2 lembar"), "{message}");
});

on_both_backends!(gallery_takes_odd_search_text_literally, |db| {
    let caches = app::server::http::state::Caches::default();
    setup(&db, Scenario::Deliberation).await;
    for q in [
        "%",
        "_",
        "\\",
        "'; DROP TABLE results; --",
        "ümlaut ✓",
        &"x".repeat(5000),
    ] {
        let page = gallery::search(
            &db,
            &caches.gallery,
            &GalleryFilter {
                q: Some(q.to_string()),
                year: Some("abc".into()),
                ..GalleryFilter::default()
            },
            1,
            Some(24),
        )
        .await
        .expect("no crash");
        // Nothing is published yet in this scenario, and these match nothing anyway.
        assert_eq!(page.total, 0, "{q}");
    }
    assert!(count(&db, "SELECT COUNT(*) FROM proposals").await > 0);
});

on_both_servers!(
    result_files_open_and_read_back,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let year = competitions::current(db).await.expect("c").expect("year");
        let top = board::load(db, year.clone()).await.expect("board").rows[0].clone();
        deliberation::save_decisions(
            db,
            &admin_user,
            &[(top.proposal_id.clone(), Some(Award::Winner), false)],
        )
        .await
        .expect("decide");
        let admin = srv.signed_in("admin@inovasi.test").await;

        let csv = admin
            .get(srv.url(app::routes::ADMIN_RESULTS_CSV))
            .send()
            .await
            .expect("csv");
        assert_eq!(csv.status(), StatusCode::OK);
        let text = csv.text().await.expect("text");
        let first_row = text.lines().nth(1).expect("a row");
        assert!(first_row.starts_with("1,"), "{first_row}");
        assert!(first_row.contains(&top.title), "{first_row}");

        let xlsx = admin
            .get(srv.url(app::routes::ADMIN_RESULTS_XLSX))
            .send()
            .await
            .expect("xlsx")
            .bytes()
            .await
            .expect("bytes");
        use calamine::{DataType, Reader};
        let mut book =
            calamine::Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).expect("opens as xlsx");
        assert_eq!(
            book.sheet_names(),
            vec!["Peringkat", "Per kriteria", "Per juri"]
        );
        let ranking = book.worksheet_range("Peringkat").expect("ranking sheet");
        assert_eq!(
            ranking.get_value((1, 2)),
            Some(&calamine::Data::String(top.title.clone()))
        );
        let score = ranking.get_value((1, 5)).and_then(|d| d.as_f64());
        assert!((score.expect("a numeric score") - top.raw.score.expect("scored")).abs() < 1e-9);
        let judges = book.worksheet_range("Per juri").expect("judges sheet");
        let sheets = count(db, "SELECT COUNT(*) FROM score_sheets").await as usize;
        assert_eq!(
            judges.height(),
            sheets + 1,
            "one row per sheet under the header"
        );

        // The recap names every judge of the panel.
        let recap = admin
            .get(srv.url(app::routes::ADMIN_RECAP_PDF))
            .send()
            .await
            .expect("pdf");
        assert_eq!(recap.status(), StatusCode::OK);
        let pdf = lopdf::Document::load_mem(&recap.bytes().await.expect("bytes")).expect("opens");
        let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
        let text = pdf.extract_text(&pages).expect("text");
        assert!(text.contains("BERITA ACARA"), "{text}");
        for judge in ["juri1", "juri2", "juri3", "juri4"] {
            let name: String = sqlx::query_scalar("SELECT name FROM users WHERE email = $1")
                .bind(format!("{judge}@inovasi.test"))
                .fetch_one(&db.pool)
                .await
                .expect("name");
            assert!(text.contains(&name), "{name} on the recap");
        }

        // A certificate only once the results are locked, and only for an awarded proposal.
        let url = srv.url(&format!("/admin/results/piagam/{}", top.proposal_id));
        let early = admin.get(&url).send().await.expect("cert");
        assert_eq!(early.status(), StatusCode::CONFLICT);
        deliberation::lock(db, &admin_user).await.expect("lock");
        let cert = admin.get(&url).send().await.expect("cert");
        assert_eq!(cert.status(), StatusCode::OK);
        let pdf = lopdf::Document::load_mem(&cert.bytes().await.expect("bytes")).expect("opens");
        let text = pdf.extract_text(&[1]).expect("text");
        assert!(text.contains("PIAGAM PENGHARGAAN"), "{text}");
        assert!(text.contains(&top.agency_name), "{text}");
        assert!(text.contains("Pemenang"), "{text}");
        // Signed by the admin who locked, as the committee's chair, until a signer is set.
        assert!(text.contains(&admin_user.name), "{text}");
        assert!(text.contains("Ketua Panitia"), "{text}");
        let set = admin
            .post(srv.url("/api/save_certificate_signer"))
            .form(&[
                ("signer_name", " Drs. H. Ahmad  Yani, M.Si. "),
                ("signer_title", "Bupati Sukamaju"),
            ])
            .send()
            .await
            .expect("signer");
        assert!(set.status().is_success(), "{}", set.status());
        let too_long = admin
            .post(srv.url("/api/save_certificate_signer"))
            .form(&[
                ("signer_name", "x".repeat(121).as_str()),
                ("signer_title", ""),
            ])
            .send()
            .await
            .expect("signer");
        assert_eq!(too_long.status(), StatusCode::BAD_REQUEST);
        let error: AppError = too_long.json().await.expect("an AppError");
        assert!(
            matches!(error, AppError::Invalid(ref e) if e.field == "signer_name"),
            "{error:?}"
        );
        let cert = admin.get(&url).send().await.expect("cert");
        let pdf = lopdf::Document::load_mem(&cert.bytes().await.expect("bytes")).expect("opens");
        let text = pdf.extract_text(&[1]).expect("text");
        assert!(text.contains("Drs. H. Ahmad Yani, M.Si."), "{text}");
        assert!(text.contains("Bupati Sukamaju"), "{text}");
        assert!(!text.contains(&admin_user.name), "{text}");
        let other = board::load(db, year).await.expect("board").rows[1].clone();
        let none = admin
            .get(srv.url(&format!("/admin/results/piagam/{}", other.proposal_id)))
            .send()
            .await
            .expect("cert");
        assert_eq!(none.status(), StatusCode::NOT_FOUND);

        // Not for a judge.
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let res = judge
            .get(srv.url(app::routes::ADMIN_RESULTS_CSV))
            .send()
            .await
            .expect("csv");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
);

on_both_servers!(
    an_export_of_a_year_without_scores_says_so,
    Scenario::Judging,
    |srv| {
        let admin = srv.signed_in("admin@inovasi.test").await;
        let res = admin
            .get(srv.url(app::routes::ADMIN_RESULTS_XLSX))
            .send()
            .await
            .expect("xlsx");
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let error: AppError = res.json().await.expect("an AppError");
        assert_eq!(error, AppError::PhaseBlocked(PhaseBlock::NoScores));
        // Clicked from the results page, the refusal comes back to that page, said in words.
        let page = clicked_on_results_page(srv, &admin, app::routes::ADMIN_RESULTS_XLSX).await;
        assert!(
            page.contains("Belum ada nilai yang diserahkan juri"),
            "the error on the page"
        );
    }
);

on_both_servers!(
    the_draft_decree_names_the_nominees_once_the_results_are_locked,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let year = competitions::current(db).await.expect("c").expect("year");
        let rows = board::load(db, year.clone()).await.expect("board").rows;
        let (nominee, other) = (rows[1].clone(), rows[0].clone());
        let url = srv.url(app::routes::ADMIN_DECREE_PDF);
        // Before the results are locked the nominations may still change: refused.
        let early = admin.get(&url).send().await.expect("decree");
        assert_eq!(early.status(), StatusCode::CONFLICT);
        let error: AppError = early.json().await.expect("an AppError");
        assert_eq!(error, AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
        deliberation::save_decisions(
            db,
            &admin_user,
            &[
                (other.proposal_id.clone(), Some(Award::Winner), false),
                (nominee.proposal_id.clone(), Some(Award::Finalist), true),
            ],
        )
        .await
        .expect("decide");
        deliberation::lock(db, &admin_user).await.expect("lock");
        let results = admin
            .get(srv.url(app::routes::ADMIN_RESULTS))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("text");
        assert!(
            results.contains(app::routes::ADMIN_DECREE_PDF),
            "the link on the results page"
        );
        let res = admin.get(&url).send().await.expect("decree");
        assert_eq!(res.status(), StatusCode::OK);
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(disposition.contains("rancangan-sk-"), "{disposition}");
        let pdf = lopdf::Document::load_mem(&res.bytes().await.expect("bytes")).expect("opens");
        let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
        assert!(pages.len() >= 2, "the decree and its appendix");
        let text: String = pdf
            .extract_text(&pages)
            .expect("text")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // The demo's identity: "Pemerintah Kabupaten Sukamaju" heads a regency, its Bupati decrees.
        assert!(text.contains("KEPUTUSAN BUPATI SUKAMAJU"), "{text}");
        assert!(
            text.contains("/SK/INOVASI/"),
            "the decree series, number left open: {text}"
        );
        assert!(text.contains(&nominee.title), "{text}");
        assert!(text.contains(&nominee.agency_name), "{text}");
        assert!(!text.contains(&other.title), "only the nominees: {text}");
        // Not for a judge.
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let res = judge.get(&url).send().await.expect("decree");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
);

on_both_servers!(
    a_draft_decree_without_nominees_says_what_to_do,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let admin = srv.signed_in("admin@inovasi.test").await;
        deliberation::lock(db, &admin_user).await.expect("lock");
        let results = admin
            .get(srv.url(app::routes::ADMIN_RESULTS))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("text");
        assert!(
            !results.contains(app::routes::ADMIN_DECREE_PDF),
            "no link without nominees"
        );
        let res = admin
            .get(srv.url(app::routes::ADMIN_DECREE_PDF))
            .send()
            .await
            .expect("decree");
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let error: AppError = res.json().await.expect("an AppError");
        assert_eq!(error, AppError::PhaseBlocked(PhaseBlock::NoNominees));
        let page = clicked_on_results_page(srv, &admin, app::routes::ADMIN_DECREE_PDF).await;
        assert!(
            page.contains("Belum ada inovasi yang diusulkan ke provinsi"),
            "the reason on the results page"
        );
    }
);

/// A download link clicked on the results page: a refusal comes back to that page, whose text
/// is returned.
async fn clicked_on_results_page(
    srv: &support::TestServer,
    browser: &reqwest::Client,
    path: &str,
) -> String {
    let res = browser
        .get(srv.url(path))
        .header("accept", "text/html")
        .header("referer", srv.url(app::routes::ADMIN_RESULTS))
        .send()
        .await
        .expect("download");
    assert!(
        res.url().path().ends_with(app::routes::ADMIN_RESULTS),
        "{}",
        res.url()
    );
    res.text().await.expect("page")
}
