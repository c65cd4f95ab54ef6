//! Proposal drafts on both backends: saves, per-field conflicts, idempotency, deadlines, agency
//! scope, read-only after submission, and the way through the agency head to submission.

mod support;

use app::error::{AppError, Problem};
use app::models::{
    question_field, CurrentUser, FieldChange, Fields, ProposalForm, ProposalStatus, QuestionKind,
    SaveOutcome, SaveRequest,
};
use app::server::demo;
use app::server::{infra::db::Db, submission::proposals, year::competitions, year::form};
use serde_json::{json, Value};
use support::user;

async fn setup(db: &Db) -> (CurrentUser, ProposalForm) {
    demo::seed_demo(db, &support::hasher()).await.expect("seed");
    let staff = user(db, "staf.dukcapil@inovasi.test").await;
    let c = competitions::current(db).await.expect("c").expect("year");
    let form = form::load(db, c.id, staff.agency_id.expect("agency"))
        .await
        .expect("form");
    (staff, form)
}

fn question(form: &ProposalForm, kind: QuestionKind, n: usize) -> i64 {
    form.questions()
        .filter(|q| q.kind == kind)
        .nth(n)
        .expect("question")
        .id
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

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

on_both_backends!(a_draft_begun_offline_is_created_and_saved, |db| {
    let (staff, form) = setup(&db).await;
    let id = new_id();
    let summary = question_field(question(&form, QuestionKind::LongText, 0));
    let out = proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(
            &id,
            0,
            "k1",
            &[
                ("title", Value::Null, json!("Layanan Adminduk Keliling")),
                (&summary, Value::Null, json!("Ringkas.")),
            ],
        ),
    )
    .await
    .expect("save");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 1,
            others: vec![]
        }
    );
    let row = proposals::find(&db, &id)
        .await
        .expect("find")
        .expect("created");
    assert_eq!(row.agency_id, staff.agency_id.expect("agency"));
    assert_eq!(row.status, ProposalStatus::Draft);
    let state = proposals::state(&db, &row).await.expect("state");
    assert_eq!(
        state.fields.get("title"),
        Some(&json!("Layanan Adminduk Keliling"))
    );
    assert_eq!(state.fields.get(&summary), Some(&json!("Ringkas.")));
    // The list shows the title.
    let list = app::server::home::agency_overview(&db, row.agency_id, staff.id)
        .await
        .expect("list");
    assert!(list
        .proposals
        .iter()
        .any(|p| p.id == id && p.title == "Layanan Adminduk Keliling"));
});

on_both_backends!(a_retried_save_is_stored_once, |db| {
    let (staff, form) = setup(&db).await;
    let id = new_id();
    let r = req(&id, 0, "same-key", &[("title", Value::Null, json!("A"))]);
    let first = proposals::save_draft(&db, &staff, &form, &r)
        .await
        .expect("first");
    let again = proposals::save_draft(&db, &staff, &form, &r)
        .await
        .expect("retry");
    assert_eq!(first, again);
    let row = proposals::find(&db, &id).await.expect("find").expect("row");
    assert_eq!(row.version, 1, "the retry wrote nothing");
    // Retries racing each other: still stored once.
    let r2 = req(&id, 1, "race", &[("title", json!("A"), json!("B"))]);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, staff, form, r2) = (db.clone(), staff.clone(), form.clone(), r2.clone());
        tasks.push(tokio::spawn(async move {
            proposals::save_draft(&db, &staff, &form, &r2).await
        }));
    }
    for t in tasks {
        assert_eq!(
            t.await.expect("join").expect("save"),
            SaveOutcome::Saved {
                version: 2,
                others: vec![]
            }
        );
    }
    assert_eq!(
        proposals::find(&db, &id)
            .await
            .expect("f")
            .expect("r")
            .version,
        2
    );
});

on_both_backends!(different_fields_merge_and_the_same_field_conflicts, |db| {
    let (staff, form) = setup(&db).await;
    let head = user(&db, "kepala.dukcapil@inovasi.test").await;
    let id = new_id();
    let q1 = question_field(question(&form, QuestionKind::LongText, 0));
    let q2 = question_field(question(&form, QuestionKind::LongText, 1));
    proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(&id, 0, "a1", &[("title", Value::Null, json!("Awal"))]),
    )
    .await
    .expect("v1");
    // Two people start from version 1; the head changes q1, the member changes q2: both merge.
    let out = proposals::save_draft(
        &db,
        &head,
        &form,
        &req(&id, 1, "h1", &[(&q1, Value::Null, json!("versi kepala"))]),
    )
    .await
    .expect("head");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 2,
            others: vec![]
        }
    );
    let out = proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(&id, 1, "s1", &[(&q2, Value::Null, json!("versi staf"))]),
    )
    .await
    .expect("staff");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 3,
            others: vec![(q1.clone(), json!("versi kepala"))]
        }
    );
    // The member now edits q1 from the old base: a conflict, nothing written, both kept.
    let out = proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(
            &id,
            1,
            "s2",
            &[
                (&q1, Value::Null, json!("versi staf untuk q1")),
                ("title", json!("Awal"), json!("Judul baru")),
            ],
        ),
    )
    .await
    .expect("conflict");
    assert_eq!(
        out,
        SaveOutcome::Conflict {
            version: 3,
            theirs: vec![(q1.clone(), json!("versi kepala"))],
            others: vec![(q2.clone(), json!("versi staf"))],
        }
    );
    let row = proposals::find(&db, &id).await.expect("f").expect("r");
    let state = proposals::state(&db, &row).await.expect("state");
    assert_eq!(state.fields.get(&q1), Some(&json!("versi kepala")));
    assert_eq!(
        state.fields.get("title"),
        Some(&json!("Awal")),
        "a save with a conflict writes nothing"
    );
    assert_eq!(row.version, 3);
    // Resolved against the server's value, it goes through.
    let out = proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(
            &id,
            3,
            "s3",
            &[
                (&q1, json!("versi kepala"), json!("gabungan")),
                ("title", json!("Awal"), json!("Judul baru")),
            ],
        ),
    )
    .await
    .expect("resolved");
    assert_eq!(
        out,
        SaveOutcome::Saved {
            version: 4,
            others: vec![]
        }
    );
});

on_both_backends!(bad_values_are_refused_and_nothing_is_stored, |db| {
    let (staff, form) = setup(&db).await;
    let id = new_id();
    let summary = form
        .questions()
        .find(|q| q.word_limit == Some(200))
        .expect("summary")
        .id;
    let long = vec!["kata"; 201].join(" ");
    let result = proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(
            &id,
            0,
            "k",
            &[
                ("title", Value::Null, json!("Sah")),
                (&question_field(summary), Value::Null, json!(long)),
            ],
        ),
    )
    .await;
    match result {
        Err(AppError::Invalid(fe)) => {
            assert_eq!(fe.field, question_field(summary));
            assert_eq!(fe.problem, Problem::TooManyWords { max: 200 });
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    assert!(
        proposals::find(&db, &id).await.expect("find").is_none(),
        "nothing stored, not even the title"
    );
    for (field, value) in [
        ("q999999", json!("x")),
        ("category", json!(987654)),
        (
            question_field(question(&form, QuestionKind::Number, 0)).as_str(),
            json!("seratus"),
        ),
        (
            question_field(question(&form, QuestionKind::Date, 0)).as_str(),
            json!("31-12-2024"),
        ),
        (
            question_field(question(&form, QuestionKind::SingleChoice, 0)).as_str(),
            json!("Lainnya"),
        ),
        (
            question_field(question(&form, QuestionKind::Evidence, 0)).as_str(),
            json!("berkas.pdf"),
        ),
    ] {
        let r = proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(&id, 0, "k", &[(field, Value::Null, value)]),
        )
        .await;
        assert!(matches!(r, Err(AppError::Invalid(_))), "{field}: {r:?}");
    }
    for bad in [
        req("not-a-uuid", 0, "k", &[("title", Value::Null, json!("x"))]),
        req(&id, 0, "", &[("title", Value::Null, json!("x"))]),
        req(&id, 0, "k", &[]),
        req(
            &id,
            0,
            "k",
            &[
                ("title", Value::Null, json!("x")),
                ("title", Value::Null, json!("y")),
            ],
        ),
        req(&id, -1, "k", &[("title", Value::Null, json!("x"))]),
    ] {
        let r = proposals::save_draft(&db, &staff, &form, &bad).await;
        assert!(matches!(r, Err(AppError::BadRequest { .. })), "{r:?}");
    }
    assert!(proposals::find(&db, &id).await.expect("find").is_none());
});

on_both_backends!(another_agency_cannot_touch_a_proposal, |db| {
    let (staff, form) = setup(&db).await;
    let other = user(&db, "staf.puskesmas@inovasi.test").await;
    let id = new_id();
    proposals::save_draft(
        &db,
        &staff,
        &form,
        &req(
            &id,
            0,
            "k1",
            &[("title", Value::Null, json!("Milik Dukcapil"))],
        ),
    )
    .await
    .expect("save");
    let r = proposals::save_draft(
        &db,
        &other,
        &form,
        &req(
            &id,
            1,
            "k2",
            &[("title", json!("Milik Dukcapil"), json!("Dibajak"))],
        ),
    )
    .await;
    assert_eq!(
        r,
        Err(AppError::NotFound),
        "looks like a proposal that does not exist"
    );
    let row = proposals::find(&db, &id).await.expect("f").expect("r");
    let state = proposals::state(&db, &row).await.expect("s");
    assert_eq!(state.fields.get("title"), Some(&json!("Milik Dukcapil")));
});

on_both_backends!(
    the_deadline_closes_drafts_and_an_extension_reopens_one_agency,
    |db| {
        let (staff, mut form) = setup(&db).await;
        let id = new_id();
        proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(
                &id,
                0,
                "k1",
                &[("title", Value::Null, json!("Tepat waktu"))],
            ),
        )
        .await
        .expect("before the deadline");
        // Move the submission phase's end into the past.
        let past = app::server::infra::db::now_ms() - 60_000;
        sqlx::query("UPDATE competition_phases SET ends_at = $1 WHERE phase = 'submission_open'")
            .bind(past)
            .execute(&db.pool)
            .await
            .expect("move deadline");
        form = form::load(&db, form.competition_id, staff.agency_id.expect("a"))
            .await
            .expect("form");
        let r = proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(
                &id,
                1,
                "k2",
                &[("title", json!("Tepat waktu"), json!("Terlambat"))],
            ),
        )
        .await;
        assert_eq!(r, Err(AppError::DeadlinePassed));
        let r = proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(&new_id(), 0, "k3", &[("title", Value::Null, json!("Baru"))]),
        )
        .await;
        assert_eq!(
            r,
            Err(AppError::DeadlinePassed),
            "no new proposals after the deadline either"
        );

        let admin = user(&db, "admin@inovasi.test").await;
        sqlx::query(
        "INSERT INTO deadline_extensions (competition_id, agency_id, deadline_at, reason, granted_by, granted_at)
         VALUES ($1, $2, $3, 'listrik padam', $4, $5)",
    )
    .bind(form.competition_id)
    .bind(staff.agency_id)
    .bind(app::server::infra::db::now_ms() + 86_400_000)
    .bind(admin.id)
    .bind(app::server::infra::db::now_ms())
    .execute(&db.pool)
    .await
    .expect("extension");
        form = form::load(&db, form.competition_id, staff.agency_id.expect("a"))
            .await
            .expect("form");
        let r = proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(
                &id,
                1,
                "k4",
                &[("title", json!("Tepat waktu"), json!("Dengan perpanjangan"))],
            ),
        )
        .await;
        assert_eq!(
            r,
            Ok(SaveOutcome::Saved {
                version: 2,
                others: vec![]
            })
        );
    }
);

/// Fills every required field of the demo form.
fn complete_changes(form: &ProposalForm) -> Vec<(String, Value, Value)> {
    let mut out = vec![
        (
            "title".to_string(),
            Value::Null,
            json!("Jemput Bola Akta Kelahiran"),
        ),
        (
            "category".to_string(),
            Value::Null,
            json!(form.categories[0].id),
        ),
    ];
    for q in form.questions().filter(|q| q.required) {
        let value = match q.kind {
            QuestionKind::LongText | QuestionKind::ShortText => json!("Uraian singkat yang jelas."),
            QuestionKind::Date => json!("2023-01-15"),
            QuestionKind::SingleChoice => json!(q.options[0]),
            QuestionKind::MultipleChoice => json!([q.options[0]]),
            QuestionKind::Number => json!(10),
            QuestionKind::Team => json!([{"name": "Dewi Anggraini", "role": "Ketua tim"}]),
            QuestionKind::Evidence => continue,
        };
        out.push((question_field(q.id), Value::Null, value));
    }
    out
}

on_both_backends!(
    a_complete_draft_goes_through_the_head_and_then_cannot_change,
    |db| {
        let (staff, form) = setup(&db).await;
        let head = user(&db, "kepala.dukcapil@inovasi.test").await;
        let id = new_id();
        proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(
                &id,
                0,
                "k1",
                &[("title", Value::Null, json!("Belum lengkap"))],
            ),
        )
        .await
        .expect("save");
        let row = proposals::find(&db, &id).await.expect("f").expect("r");
        match proposals::request_approval(&db, &staff, &form, &row).await {
            Err(AppError::Incomplete { fields }) => {
                assert!(fields.contains(&"category".to_string()))
            }
            other => panic!("an incomplete draft went through: {other:?}"),
        }
        let changes = complete_changes(&form);
        let changes: Vec<(&str, Value, Value)> = changes
            .iter()
            .map(|(f, b, v)| {
                if f == "title" {
                    (f.as_str(), json!("Belum lengkap"), v.clone())
                } else {
                    (f.as_str(), b.clone(), v.clone())
                }
            })
            .collect();
        proposals::save_draft(&db, &staff, &form, &req(&id, 1, "k2", &changes))
            .await
            .expect("complete");
        let row = proposals::find(&db, &id).await.expect("f").expect("r");
        proposals::request_approval(&db, &staff, &form, &row)
            .await
            .expect("to the head");
        let row = proposals::find(&db, &id).await.expect("f").expect("r");
        assert_eq!(row.status, ProposalStatus::AwaitingApproval);
        // While it waits for the head, nobody edits it.
        let r = proposals::save_draft(
            &db,
            &staff,
            &form,
            &req(
                &id,
                row.version,
                "k3",
                &[("title", json!("Jemput Bola Akta Kelahiran"), json!("x"))],
            ),
        )
        .await;
        assert_eq!(r, Err(AppError::ReadOnly));

        // The head sends it back with a note; the note is required.
        assert!(matches!(
            proposals::return_to_draft(&db, &head, &form, &row, "  ").await,
            Err(AppError::Invalid(_))
        ));
        proposals::return_to_draft(&db, &head, &form, &row, "Lengkapi data capaian.")
            .await
            .expect("back");
        let row = proposals::find(&db, &id).await.expect("f").expect("r");
        assert_eq!(row.status, ProposalStatus::Draft);
        assert_eq!(row.head_note.as_deref(), Some("Lengkapi data capaian."));

        proposals::approve_and_submit(&db, &head, &form, &row)
            .await
            .expect("submit");
        let row = proposals::find(&db, &id).await.expect("f").expect("r");
        assert_eq!(row.status, ProposalStatus::Submitted);
        let r = proposals::save_draft(
            &db,
            &head,
            &form,
            &req(
                &id,
                row.version,
                "k4",
                &[("title", json!("Jemput Bola Akta Kelahiran"), json!("x"))],
            ),
        )
        .await;
        assert_eq!(r, Err(AppError::ReadOnly));
        assert_eq!(
            proposals::approve_and_submit(&db, &head, &form, &row).await,
            Err(AppError::ReadOnly)
        );
        let events: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE object_id = $1")
                .bind(&id)
                .fetch_one(&db.pool)
                .await
                .expect("audit");
        assert_eq!(events, 3, "request, return, submit are in the audit trail");
        let fields: Fields = proposals::state(&db, &row).await.expect("s").fields;
        assert_eq!(
            fields.get("title"),
            Some(&json!("Jemput Bola Akta Kelahiran"))
        );
    }
);

on_both_backends!(an_innovation_must_have_run_a_year_by_the_deadline, |db| {
    let (staff, form) = setup(&db).await;
    let id = new_id();
    let start = form
        .questions()
        .find(|q| q.is_start_date)
        .expect("start question")
        .id;
    let mut changes = complete_changes(&form);
    for c in &mut changes {
        if c.0 == question_field(start) {
            c.2 = json!("2026-11-01");
        }
    }
    let changes: Vec<(&str, Value, Value)> = changes
        .iter()
        .map(|(f, b, v)| (f.as_str(), b.clone(), v.clone()))
        .collect();
    proposals::save_draft(&db, &staff, &form, &req(&id, 0, "k", &changes))
        .await
        .expect("save");
    let row = proposals::find(&db, &id).await.expect("f").expect("r");
    match proposals::request_approval(&db, &staff, &form, &row).await {
        Err(AppError::Incomplete { fields }) => assert_eq!(fields, vec![question_field(start)]),
        other => panic!("a too-recent innovation went through: {other:?}"),
    }
});
