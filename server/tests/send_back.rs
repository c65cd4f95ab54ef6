//! Screening's administrative check with send-back, on both backends: each refusal stores
//! nothing; a sent-back proposal is a draft its agency may change until the fix-by day (and not
//! after); handing it in again answers the send-back; judging waits for open send-backs.

mod support;

use app::error::{AppError, Field, Input, Problem};
use app::models::{
    question_field, CheckDraft, CurrentUser, FieldChange, Phase, PhaseBlock, ProposalForm,
    ProposalStatus, QuestionKind, SaveOutcome, SaveRequest, Verdict,
};
use app::server::http::state::Caches;
use app::server::submission::{proposals, screening, send_back};
use app::server::year::{competitions, form, setup};
use app::server::{demo, infra::db::now_ms, Db};
use serde_json::{json, Value};

const DAY_MS: i64 = 86_400_000;

fn day(offset_days: i64) -> String {
    app::i18n::iso_day(now_ms() + offset_days * DAY_MS)
}

fn check(item: &str, verdict: &str, note: &str) -> CheckDraft {
    CheckDraft {
        item: item.to_string(),
        verdict: verdict.to_string(),
        note: note.to_string(),
    }
}

/// The demo in screening, and its one handed-in proposal (PKM Sukamaju's).
async fn screening_year(db: &Db) -> (CurrentUser, String) {
    demo::seed_demo(db, &support::hasher()).await.expect("seed");
    let admin = support::user(db, "admin@inovasi.test").await;
    setup::move_phase(db, &Caches::default(), &admin, Phase::Screening)
        .await
        .expect("screening");
    // The year's own deadline is over: from now on only a send-back lets the agency edit.
    sqlx::query(
        "UPDATE competition_phases SET starts_at = $1, ends_at = $2 WHERE phase = 'submission_open'",
    )
    .bind(now_ms() - 30 * DAY_MS)
    .bind(now_ms() - DAY_MS)
    .execute(&db.pool)
    .await
    .expect("deadline passed");
    let id: String = sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
        .fetch_one(&db.pool)
        .await
        .expect("handed in");
    (admin, id)
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

async fn status(db: &Db, id: &str) -> ProposalStatus {
    proposals::find(db, id)
        .await
        .expect("find")
        .expect("exists")
        .status
}

fn invalid(r: Result<(), AppError>) -> (Field, Problem) {
    match r {
        Err(AppError::Invalid(fe)) => (fe.field, fe.problem),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// A value for each item the proposal still lacks, so that it can be handed in.
fn fill(form: &ProposalForm, missing: &[String], fields: &app::models::Fields) -> SaveRequest {
    let changes = missing
        .iter()
        .map(|field| {
            let value = if field == "title" {
                json!("Posyandu Digital Ibu Hamil (PODIUM)")
            } else if field == "category" {
                json!(form.categories[0].id)
            } else {
                let q = form
                    .questions()
                    .find(|q| question_field(q.id) == *field)
                    .expect("a question");
                match q.kind {
                    QuestionKind::LongText | QuestionKind::ShortText => json!("Sudah dilengkapi."),
                    QuestionKind::Date => json!("2023-08-17"),
                    QuestionKind::SingleChoice => json!(q.options[0]),
                    QuestionKind::MultipleChoice => json!([q.options[0]]),
                    QuestionKind::Number => json!(12),
                    QuestionKind::Team => json!([{"name": "Bidan Sari", "role": "Ketua tim"}]),
                    QuestionKind::Evidence => panic!("no evidence is required in the demo"),
                }
            };
            FieldChange {
                field: field.clone(),
                base: fields.get(field).cloned().unwrap_or(Value::Null),
                value,
            }
        })
        .collect();
    SaveRequest {
        proposal_id: String::new(),
        base_version: 0,
        key: uuid::Uuid::new_v4().to_string(),
        changes,
    }
}

on_both_backends!(a_refused_check_stores_nothing, |db| {
    let (admin, id) = screening_year(&db).await;
    let detail = send_back::detail(&db, &id).await.expect("detail");
    assert!(detail.open);
    assert_eq!(detail.items[0].item, "title");
    assert_eq!(detail.items[1].item, "category");
    assert!(
        detail.items.iter().any(|i| i.missing),
        "the demo proposal leaves required items empty"
    );
    let question = detail.items[2].item.clone();

    // "Needs fixing" without its note: named by its row.
    assert_eq!(
        invalid(
            send_back::save(
                &db,
                &admin,
                &id,
                &[
                    check("title", "accepted", ""),
                    check(&question, "needs_fixing", "  ")
                ],
                None
            )
            .await
        ),
        (Field::Check { row: 2 }, Problem::Required)
    );
    let fix = [check(&question, "needs_fixing", "Lengkapi uraian.")];
    assert_eq!(
        invalid(send_back::save(&db, &admin, &id, &fix, Some("besok")).await),
        (Field::Input(Input::FixBy), Problem::NotADate)
    );
    assert_eq!(
        invalid(send_back::save(&db, &admin, &id, &fix, Some("2020-01-31")).await),
        (Field::Input(Input::FixBy), Problem::InThePast)
    );
    assert_eq!(
        send_back::save(
            &db,
            &admin,
            &id,
            &[check(&question, "accepted", "")],
            Some(&day(3))
        )
        .await,
        Err(AppError::PhaseBlocked(PhaseBlock::NothingToFix))
    );
    // Tampered: an item the form does not have, a verdict that is neither.
    for tampered in [
        check("q999999", "accepted", ""),
        check(&question, "maybe", "x"),
    ] {
        assert!(matches!(
            send_back::save(&db, &admin, &id, &[tampered], None).await,
            Err(AppError::BadRequest { .. })
        ));
    }
    assert_eq!(
        send_back::save(&db, &admin, "tidak-ada", &fix, None).await,
        Err(AppError::NotFound)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM screening_checks").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM send_backs").await, 0);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action IN ('proposal.check', 'proposal.send_back')"
        )
        .await,
        0
    );
    assert_eq!(status(&db, &id).await, ProposalStatus::Submitted);

    // A draft is the agency's, not the organisers': nothing to check.
    let draft: String =
        sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'draft' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .expect("a draft");
    assert_eq!(
        send_back::save(&db, &admin, &draft, &[check("title", "accepted", "")], None).await,
        Err(AppError::ReadOnly)
    );

    // Saved without a day: verdicts only, the proposal stays with the organisers.
    send_back::save(
        &db,
        &admin,
        &id,
        &[
            check("title", "accepted", ""),
            check(&question, "needs_fixing", "Lengkapi uraian."),
        ],
        None,
    )
    .await
    .expect("checks saved");
    let detail = send_back::detail(&db, &id).await.expect("detail");
    assert_eq!(detail.items[0].verdict, Some(Verdict::Accepted));
    assert_eq!(detail.items[2].verdict, Some(Verdict::NeedsFixing));
    assert_eq!(detail.items[2].note, "Lengkapi uraian.");
    assert_eq!(detail.items[1].verdict, None, "not checked yet");
    assert!(detail.history.is_empty());
    assert_eq!(status(&db, &id).await, ProposalStatus::Submitted);
});

on_both_backends!(a_sent_back_proposal_is_fixed_and_handed_in_again, |db| {
    let (admin, id) = screening_year(&db).await;
    let staff = support::user(&db, "staf.puskesmas@inovasi.test").await;
    let head = support::user(&db, "kepala.puskesmas@inovasi.test").await;
    let agency = staff.agency_id.expect("an agency");
    let competition = competitions::current(&db).await.expect("c").expect("year");
    let detail = send_back::detail(&db, &id).await.expect("detail");
    let missing: Vec<String> = detail
        .items
        .iter()
        .filter(|i| i.missing)
        .map(|i| i.item.clone())
        .collect();
    let drafts: Vec<CheckDraft> = missing
        .iter()
        .map(|item| check(item, "needs_fixing", "Wajib diisi <b>lengkap</b>."))
        .collect();

    // Before the send-back the agency cannot touch it: its deadline has passed.
    let regular = form::load(&db, competition.id, agency).await.expect("form");
    let before = proposals::state(
        &db,
        &proposals::find(&db, &id).await.expect("f").expect("p"),
    )
    .await
    .expect("state");
    let mut request = fill(&regular, &missing, &before.fields);
    request.proposal_id = id.clone();
    request.base_version = before.version;
    assert_eq!(
        proposals::save_draft(&db, &staff, &regular, &request).await,
        Err(AppError::ReadOnly)
    );

    send_back::save(&db, &admin, &id, &drafts, Some(&day(3)))
        .await
        .expect("sent back");
    assert_eq!(status(&db, &id).await, ProposalStatus::Draft);
    let list = screening::list(&db).await.expect("list");
    let item = list
        .items
        .iter()
        .find(|i| i.proposal_id == id)
        .expect("still listed");
    assert!(item.fix_by.is_some());
    assert_eq!(item.send_backs, 1);
    // The agency sees what to fix and by when.
    let home = app::server::home::agency_overview(&db, agency, staff.id)
        .await
        .expect("overview");
    let own = home.proposals.iter().find(|p| p.id == id).expect("its own");
    assert_eq!(own.status, ProposalStatus::Draft);
    assert_eq!(own.fix_by, item.fix_by);
    let asked = send_back::fix_request(&db, &id)
        .await
        .expect("request")
        .expect("open");
    assert_eq!(asked.items.len(), missing.len());
    assert_eq!(asked.items[0].note, "Wajib diisi <b>lengkap</b>.");
    assert!(asked.sent_by.is_empty(), "the agency is not told who");

    // Judging waits for it.
    assert_eq!(
        setup::move_phase(&db, &Caches::default(), &admin, Phase::Judging).await,
        Err(AppError::PhaseBlocked(PhaseBlock::SendBacksOpen {
            count: 1
        }))
    );

    // Under the year's own deadline it is still closed; the fix-by day opens it.
    let version = proposals::find(&db, &id)
        .await
        .expect("f")
        .expect("p")
        .version;
    request.base_version = version;
    assert_eq!(
        proposals::save_draft(&db, &staff, &regular, &request).await,
        Err(AppError::DeadlinePassed)
    );
    let fixing = send_back::form_for(&db, competition.id, agency, &id)
        .await
        .expect("form");
    assert_eq!(fixing.deadline_at, item.fix_by);
    let saved = proposals::save_draft(&db, &staff, &fixing, &request)
        .await
        .expect("fixed");
    assert!(matches!(saved, SaveOutcome::Saved { .. }));
    let row = proposals::find(&db, &id).await.expect("f").expect("p");
    proposals::request_approval(&db, &staff, &fixing, &row)
        .await
        .expect("to the head");
    let row = proposals::find(&db, &id).await.expect("f").expect("p");
    proposals::approve_and_submit(&db, &head, &fixing, &row)
        .await
        .expect("handed in again");
    assert_eq!(status(&db, &id).await, ProposalStatus::Submitted);

    // Answered: the organisers see it back, with its history; the agency's request is gone.
    let detail = send_back::detail(&db, &id).await.expect("detail");
    assert_eq!(detail.history.len(), 1);
    assert!(detail.history[0].resubmitted_at.is_some());
    assert!(!detail.items.iter().any(|i| i.missing), "now complete");
    assert_eq!(send_back::fix_request(&db, &id).await.expect("r"), None);
    let item = screening::list(&db)
        .await
        .expect("list")
        .items
        .into_iter()
        .find(|i| i.proposal_id == id)
        .expect("listed");
    assert_eq!(item.status, ProposalStatus::Submitted);
    assert_eq!(item.fix_by, None);
    assert_eq!(item.send_backs, 1);
    screening::decide(&db, &admin, &id, true, "")
        .await
        .expect("passed");

    // Sent back again, and the day passes: the agency can no longer change it, and judging no
    // longer waits for it.
    send_back::save(&db, &admin, &id, &drafts[..1], Some(&day(1)))
        .await
        .expect("sent back again");
    sqlx::query("UPDATE send_backs SET fix_by = $1 WHERE resubmitted_at IS NULL")
        .bind(now_ms() - 1)
        .execute(&db.pool)
        .await
        .expect("the day passes");
    let late = send_back::form_for(&db, competition.id, agency, &id)
        .await
        .expect("form");
    let row = proposals::find(&db, &id).await.expect("f").expect("p");
    assert_eq!(
        proposals::request_approval(&db, &staff, &late, &row).await,
        Err(AppError::DeadlinePassed)
    );
    assert_ne!(
        setup::move_phase(&db, &Caches::default(), &admin, Phase::Judging).await,
        Err(AppError::PhaseBlocked(PhaseBlock::SendBacksOpen {
            count: 1
        }))
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'proposal.send_back'"
        )
        .await,
        2
    );
});

async fn check_page_after_post(
    srv: &support::TestServer,
    c: &reqwest::Client,
    id: &str,
    form: &[(String, String)],
) -> (String, String) {
    let page = app::routes::screening_check(id);
    srv.post_form(c, "/api/save_screening_checks", &page, form)
        .await
}

on_both_servers!(
    the_check_page_keeps_what_was_typed_and_sends_back,
    demo::Scenario::Submission,
    |srv| {
        let organiser = srv.signed_in("admin@inovasi.test").await;
        let (code, body) = srv
            .call(&organiser, "/api/move_phase", &[("to", "screening")])
            .await;
        assert_eq!(code, reqwest::StatusCode::OK, "{body}");
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let id: String = sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("handed in");
        let detail = send_back::detail(&srv.db.db, &id).await.expect("detail");
        let hostile = "<script>alert(1)</script> ganti judul";
        // Every row is posted, as the page does: its item and note, and a verdict where one is
        // chosen (an unchosen radio posts nothing).
        let form = |question_note: &str| {
            let mut form = vec![("proposal_id".to_string(), id.clone())];
            for (i, item) in detail.items.iter().enumerate() {
                form.push((format!("checks[{i}][item]"), item.item.clone()));
                let (verdict, note) = match i {
                    0 => ("needs_fixing", hostile),
                    2 => ("needs_fixing", question_note),
                    _ => ("", ""),
                };
                if !verdict.is_empty() {
                    form.push((format!("checks[{i}][verdict]"), verdict.to_string()));
                }
                form.push((format!("checks[{i}][note]"), note.to_string()));
            }
            form.push(("fix_by".into(), day(5)));
            form.push(("send_back".into(), "1".into()));
            form
        };
        // Refused (row 3 lacks its note): back on the check page with everything as typed.
        let (location, html) = check_page_after_post(srv, &admin, &id, &form("")).await;
        assert!(
            location.starts_with(&app::routes::screening_check(&id)),
            "{location}"
        );
        assert!(html.contains("Butir 3: Catatan"), "the error names the row");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; ganti judul"));
        assert!(!html.contains("<script>alert(1)"));
        assert!(
            html.contains(&format!("value=\"{}\"", day(5))),
            "the day kept"
        );
        assert_eq!(status(&srv.db.db, &id).await, ProposalStatus::Submitted);

        // Mended: sent back, and the list says until when.
        let (location, html) =
            check_page_after_post(srv, &admin, &id, &form("Lampirkan data capaian.")).await;
        assert_eq!(location, app::routes::ADMIN_SCREENING);
        assert!(html.contains("Dikembalikan untuk diperbaiki"), "{html}");
        assert_eq!(status(&srv.db.db, &id).await, ProposalStatus::Draft);

        // The agency's wizard opens with the request, escaped; another agency learns nothing.
        let staff = srv.signed_in("staf.puskesmas@inovasi.test").await;
        let wizard = staff
            .get(srv.url(&app::routes::agency_proposal(&id)))
            .send()
            .await
            .expect("wizard")
            .text()
            .await
            .expect("body");
        assert!(wizard.contains("Panitia meminta perbaikan"));
        assert!(wizard.contains("Lampirkan data capaian."));
        assert!(wizard.contains("&lt;script&gt;alert(1)&lt;/script&gt; ganti judul"));
        assert!(!wizard.contains("<script>alert(1)"));
        let home = staff
            .get(srv.url(app::routes::AGENCY))
            .send()
            .await
            .expect("home")
            .text()
            .await
            .expect("body");
        assert!(home.contains("ajukan ulang paling lambat"));
        let other = srv.signed_in("staf.dukcapil@inovasi.test").await;
        let (status_code, body) = srv
            .call(&other, "/api/fetch_fix_request", &[("proposal_id", &id)])
            .await;
        assert_eq!(status_code, reqwest::StatusCode::OK);
        assert_eq!(body, "null");
        // Judges and agencies cannot send back.
        let (status_code, _) = srv
            .call(
                &staff,
                "/api/save_screening_checks",
                &[("proposal_id", &id)],
            )
            .await;
        assert_eq!(status_code, reqwest::StatusCode::FORBIDDEN);
    }
);
