//! Database tests: every test runs on a fresh SQLite file and on a fresh Postgres database.

mod support;

use app::error::AppError;
use app::models::{ProposalStatus, Role, SheetState};
use app::server::demo::{self, SeedOutcome};
use app::server::{
    home, infra::audit, infra::session_store, infra::throttle, people::users, year::competitions,
};
use app::validation::Email;
use sqlx::Row;

on_both_backends!(schema_has_every_core_table, |db| {
    for table in [
        "agencies",
        "users",
        "sessions",
        "login_failures",
        "competitions",
        "competition_phases",
        "competition_agencies",
        "deadline_extensions",
        "categories",
        "rounds",
        "criteria",
        "rubric_levels",
        "form_sections",
        "questions",
        "proposals",
        "proposal_fields",
        "sync_receipts",
        "attachments",
        "competition_judges",
        "judge_assignments",
        "conflict_declarations",
        "score_sheets",
        "scores",
        "results",
        "audit_events",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db.pool)
            .await
            .unwrap_or_else(|e| panic!("table {table}: {e}"));
        assert_eq!(n, 0, "{table} starts empty");
    }
    // Migrating again is a no-op.
    db.migrate().await.expect("second migration run");
    if db.backend == app::server::infra::db::Backend::Sqlite {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&db.pool)
            .await
            .expect("pragma");
        assert_eq!(mode, "wal", "readers must not block the writer");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&db.pool)
            .await
            .expect("pragma");
        assert_eq!(fk, 1);
    } else {
        let jit: String = sqlx::query_scalar("SHOW jit")
            .fetch_one(&db.pool)
            .await
            .expect("show jit");
        assert_eq!(jit, "off", "compiling a big read took longer than the read");
    }
});

on_both_backends!(demo_seed_builds_a_year_in_submission, |db| {
    let caches = app::server::http::state::Caches::default();
    let hasher = support::hasher();
    let SeedOutcome::Seeded(accounts) = demo::seed_demo(&db, &hasher).await.expect("seed") else {
        panic!("empty database was not seeded");
    };
    for role in Role::ALL {
        assert!(
            accounts.iter().any(|a| a.role == role),
            "a demo account for {role:?}"
        );
    }
    let c = competitions::current(&db)
        .await
        .expect("current")
        .expect("a year");
    assert_eq!(c.name, demo::COMPETITION_NAME);
    assert_eq!(c.phase, app::models::Phase::SubmissionOpen);
    assert_eq!(c.phases.len(), 7);
    let ends = c.current_phase_ends_at().expect("submission end");
    assert!(
        ends > app::server::infra::db::now_ms(),
        "the demo deadline lies ahead"
    );

    let weights: i64 = sqlx::query("SELECT weight FROM criteria WHERE competition_id = $1")
        .bind(c.id)
        .fetch_all(&db.pool)
        .await
        .expect("criteria")
        .iter()
        .map(|r| r.try_get::<i64, _>("weight").expect("weight"))
        .sum();
    assert_eq!(weights, 100);

    let public = home::public_overview(&db, &caches.public_overview)
        .await
        .expect("public");
    assert_eq!(
        public.categories,
        vec!["Perangkat Daerah", "Kesehatan", "Pendidikan"]
    );
    assert_eq!(public.criteria.len(), 5);
    assert!(public.agencies_total >= 15);

    let admin = home::admin_overview(&db).await.expect("admin");
    assert_eq!(admin.agencies_total, public.agencies_total);
    assert_eq!(admin.agencies_started, 3);
    assert_eq!(admin.agencies_submitted, 1);
    let statuses: Vec<ProposalStatus> = admin.proposals_by_status.iter().map(|(s, _)| *s).collect();
    assert!(statuses.contains(&ProposalStatus::Draft));
    assert!(statuses.contains(&ProposalStatus::AwaitingApproval));
    assert!(statuses.contains(&ProposalStatus::Submitted));

    // Seeding twice writes nothing.
    assert!(matches!(
        demo::seed_demo(&db, &hasher).await.expect("again"),
        SeedOutcome::NotEmpty
    ));
});

on_both_backends!(agency_overview_shows_only_own_proposals, |db| {
    let hasher = support::hasher();
    demo::seed_demo(&db, &hasher).await.expect("seed");
    let staff = Email::parse("staf.dukcapil@inovasi.test").expect("email");
    let id = users::id_by_email(&db, &staff)
        .await
        .expect("lookup")
        .expect("exists");
    let me = users::load_current(&db, id)
        .await
        .expect("load")
        .expect("active");
    let agency = me.agency_id.expect("member of an agency");
    let overview = home::agency_overview(&db, agency, id)
        .await
        .expect("overview");
    assert_eq!(
        overview.agency_name,
        "Dinas Kependudukan dan Pencatatan Sipil"
    );
    assert_eq!(overview.proposals.len(), 2);
    assert!(overview
        .proposals
        .iter()
        .all(|p| !p.title.contains("Posyandu")));
    assert!(overview.deadline_at.is_some());

    // An extension for this agency moves its deadline, and only its deadline.
    let c = competitions::current(&db).await.expect("c").expect("year");
    let later = overview.deadline_at.unwrap_or(0) + 7 * 86_400_000;
    let admin = users::id_by_email(&db, &Email::parse("admin@inovasi.test").expect("e"))
        .await
        .expect("admin")
        .expect("exists");
    sqlx::query(
        "INSERT INTO deadline_extensions (competition_id, agency_id, deadline_at, reason, granted_by, granted_at)
         VALUES ($1, $2, $3, 'banjir', $4, $5)",
    )
    .bind(c.id)
    .bind(agency)
    .bind(later)
    .bind(admin)
    .bind(app::server::infra::db::now_ms())
    .execute(&db.pool)
    .await
    .expect("extension");
    assert_eq!(
        competitions::deadline_for(&db, c.id, agency)
            .await
            .expect("d"),
        Some(later)
    );
    assert_eq!(
        competitions::deadline_for(&db, c.id, agency + 1)
            .await
            .expect("d"),
        overview.deadline_at
    );
});

on_both_backends!(
    judge_sees_assigned_proposals_but_not_conflicted_ones,
    |db| {
        let hasher = support::hasher();
        demo::seed_demo(&db, &hasher).await.expect("seed");
        let judge = users::id_by_email(&db, &Email::parse("juri1@inovasi.test").expect("e"))
            .await
            .expect("j")
            .expect("exists");
        assert!(home::judge_overview(&db, judge)
            .await
            .expect("o")
            .assignments
            .is_empty());

        let proposals: Vec<String> = sqlx::query_scalar("SELECT id FROM proposals ORDER BY title")
            .fetch_all(&db.pool)
            .await
            .expect("proposals");
        let now = app::server::infra::db::now_ms();
        for p in &proposals[..2] {
            sqlx::query(
                "INSERT INTO judge_assignments (round_id, proposal_id, judge_id, assigned_by,
                     assigned_at)
                 SELECT r.id, p.id, $2, $2, $3 FROM proposals p
                 JOIN rounds r ON r.competition_id = p.competition_id AND r.is_current = 1
                 WHERE p.id = $1",
            )
            .bind(p)
            .bind(judge)
            .bind(now)
            .execute(&db.pool)
            .await
            .expect("assign");
        }
        sqlx::query("INSERT INTO conflict_declarations (proposal_id, judge_id, reason, declared_at) VALUES ($1, $2, 'saudara kandung', $3)")
        .bind(&proposals[1])
        .bind(judge)
        .bind(now)
        .execute(&db.pool)
        .await
        .expect("conflict");
        let o = home::judge_overview(&db, judge).await.expect("o");
        assert_eq!(o.assignments.len(), 1);
        assert_eq!(o.assignments[0].proposal_id, proposals[0]);
        assert_eq!(o.assignments[0].sheet, SheetState::NotStarted);
    }
);

on_both_backends!(deactivation_ends_sessions_and_is_audited, |db| {
    let hasher = support::hasher();
    demo::seed_demo(&db, &hasher).await.expect("seed");
    let admin = users::id_by_email(&db, &Email::parse("admin@inovasi.test").expect("e"))
        .await
        .expect("a")
        .expect("exists");
    let staff = users::id_by_email(&db, &Email::parse("staf.smpn1@inovasi.test").expect("e"))
        .await
        .expect("s")
        .expect("exists");
    for sid in ["s1", "s2"] {
        sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, '{}', $3)",
        )
        .bind(sid)
        .bind(staff)
        .bind(app::server::infra::db::now_ms() + 3_600_000)
        .execute(&db.pool)
        .await
        .expect("session");
    }
    users::set_active(&db, admin, staff, false)
        .await
        .expect("deactivate");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(staff)
        .fetch_one(&db.pool)
        .await
        .expect("count");
    assert_eq!(left, 0, "every session of a deactivated user is gone");
    assert!(users::load_current(&db, staff)
        .await
        .expect("load")
        .is_none());
    assert!(
        users::find_credentials(&db, &Email::parse("staf.smpn1@inovasi.test").expect("e"))
            .await
            .expect("creds")
            .is_some_and(|c| !c.active)
    );

    users::set_active(&db, admin, staff, true)
        .await
        .expect("reactivate");
    assert!(users::load_current(&db, staff)
        .await
        .expect("load")
        .is_some());
    assert!(matches!(
        users::set_active(&db, admin, 999_999, false).await,
        Err(AppError::NotFound)
    ));

    // Two audit rows, chained: the second's prev_hash is the first's hash, and both reseal.
    let rows = sqlx::query("SELECT at, actor_id, action, object_kind, object_id, before_json, after_json, prev_hash, hash FROM audit_events ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("audit");
    assert_eq!(rows.len(), 2);
    let mut prev = audit::GENESIS.to_string();
    for r in &rows {
        let stored_prev: String = r.get("prev_hash");
        assert_eq!(stored_prev, prev);
        let before: Option<String> = r.get("before_json");
        let after: Option<String> = r.get("after_json");
        let action: String = r.get("action");
        let kind: String = r.get("object_kind");
        let object: String = r.get("object_id");
        let hash = audit::seal(
            &prev,
            r.get("at"),
            r.get("actor_id"),
            &action,
            &kind,
            &object,
            before.as_deref(),
            after.as_deref(),
        );
        assert_eq!(hash, r.get::<String, _>("hash"));
        prev = hash;
    }
});

on_both_backends!(email_is_unique_and_agency_roles_need_an_agency, |db| {
    let email = Email::parse("a@b.go.id").expect("e");
    users::create(
        &db.pool,
        users::NewUser {
            email: &email,
            name: "A",
            role: Role::Judge,
            agency_id: None,
            password_hash: None,
        },
    )
    .await
    .expect("first");
    let again = users::create(
        &db.pool,
        users::NewUser {
            email: &email,
            name: "B",
            role: Role::Judge,
            agency_id: None,
            password_hash: None,
        },
    )
    .await;
    assert_eq!(
        again,
        Err(AppError::Conflict {
            what: "users_email_key".into()
        })
    );
    let orphan = users::create(
        &db.pool,
        users::NewUser {
            email: &Email::parse("c@d.go.id").expect("e"),
            name: "C",
            role: Role::AgencyMember,
            agency_id: None,
            password_hash: None,
        },
    )
    .await;
    assert!(matches!(orphan, Err(AppError::Invalid(_))));
});

on_both_backends!(failed_sign_ins_are_throttled_per_account, |db| {
    let email = Email::parse("siapa.saja@inovasi.test").expect("e");
    let ip = Some("10.0.0.7".parse().expect("ip"));
    let subjects = throttle::sign_in_subjects(&email, ip);
    for _ in 0..throttle::MAX_PER_ACCOUNT {
        throttle::claim(&db, &subjects)
            .await
            .expect("still allowed")
            .keep();
    }
    match throttle::claim(&db, &subjects).await {
        Err(AppError::Throttled { retry_after_secs }) => {
            assert!(retry_after_secs > 0 && retry_after_secs <= 15 * 60)
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    // Another account from the same office address is not locked out by it.
    let other = Email::parse("lain@inovasi.test").expect("e");
    throttle::claim(&db, &throttle::sign_in_subjects(&other, ip))
        .await
        .expect("other account")
        .release(&db)
        .await
        .expect("release");
    throttle::clear_account(&db, &email).await.expect("clear");
    throttle::claim(&db, &subjects)
        .await
        .expect("cleared")
        .keep();
});

on_both_backends!(parallel_guesses_cannot_outrun_the_throttle, |db| {
    // 200 guesses at one account, 20 at a time, each claiming its attempt before "checking the
    // password" as sign_in does: no more than the limit may ever get as far as the check.
    let email = Email::parse("sasaran@inovasi.test").expect("e");
    let checked = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(20));
    let mut tasks = Vec::new();
    for n in 0..200u32 {
        let (db, email, checked, gate) = (db.clone(), email.clone(), checked.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let _slot = gate.acquire().await.expect("gate");
            // Many addresses, as a botnet would use: only the account limit can hold.
            let ip = Some(std::net::IpAddr::from([
                10,
                1,
                (n / 250) as u8,
                (n % 250) as u8,
            ]));
            match throttle::claim(&db, &throttle::sign_in_subjects(&email, ip)).await {
                Ok(claim) => {
                    checked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    claim.keep();
                }
                Err(AppError::Throttled { .. }) => {}
                Err(e) => panic!("unexpected: {e:?}"),
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    // (Racing guesses may also refuse each other, so fewer is possible; more never.)
    let checked = checked.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        checked <= throttle::MAX_PER_ACCOUNT,
        "{checked} passwords were checked"
    );
});

on_both_backends!(concurrent_read_then_write_transactions_do_not_fail, |db| {
    // Forty writers, each reading a counter and then writing it back, the pattern that fails
    // with SQLITE_BUSY under deferred transactions. With begin_write every one succeeds and no
    // increment is lost.
    sqlx::query("INSERT INTO sync_receipts (record_kind, record_id, idempotency_key, response, created_at) VALUES ('t', 'counter', 'k', '0', 0)")
        .execute(&db.pool)
        .await
        .expect("counter");
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            let v: String = sqlx::query_scalar(
                "SELECT response FROM sync_receipts WHERE record_id = 'counter'",
            )
            .fetch_one(&mut *tx)
            .await?;
            tokio::task::yield_now().await;
            let n: i64 = v.parse().unwrap_or(0) + 1;
            sqlx::query("UPDATE sync_receipts SET response = $1 WHERE record_id = 'counter'")
                .bind(n.to_string())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<(), AppError>(())
        }));
    }
    for t in tasks {
        t.await.expect("join").expect("no busy error");
    }
    let v: String =
        sqlx::query_scalar("SELECT response FROM sync_receipts WHERE record_id = 'counter'")
            .fetch_one(&db.pool)
            .await
            .expect("read");
    // Postgres runs READ COMMITTED: without a row lock increments could be lost there, so only
    // SQLite (one writer at a time) promises the exact count; both must not error.
    if db.backend == app::server::infra::db::Backend::Sqlite {
        assert_eq!(v, "40");
    }
});

on_both_backends!(a_write_dropped_as_it_begins_leaves_no_lock_behind, |db| {
    // A request is dropped wherever it waits when its browser goes away (offline, tab closed).
    // Each start of a write below is polled, given time to run its BEGIN, polled again (it then
    // waits on the driver once more) and dropped there: once, that left SQLite's write lock
    // held for good and every later sign-in failed with "database is locked".
    for pause_ms in 0..6u64 {
        let mut begin = Box::pin(db.begin_write());
        if !poll_once(&mut begin).await {
            std::thread::sleep(std::time::Duration::from_millis(pause_ms));
            poll_once(&mut begin).await;
        }
        drop(begin);
    }
    // Eight writes at once, each on a connection of its own, all go through.
    let mut writes = Vec::new();
    for n in 0..8 {
        let db = db.clone();
        writes.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            sqlx::query("INSERT INTO login_failures (subject, at) VALUES ($1, $2)")
                .bind(format!("after-drop:{n}"))
                .bind(n)
                .execute(&mut *tx)
                .await?;
            tokio::task::yield_now().await;
            tx.commit().await?;
            Ok::<(), AppError>(())
        }));
    }
    for w in writes {
        w.await
            .expect("join")
            .expect("a write after the dropped ones");
    }
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE subject LIKE 'after-drop:%'")
            .fetch_one(&db.pool)
            .await
            .expect("count");
    assert_eq!(kept, 8);
});

/// Polls a future once, as a server does before the request is dropped; whether it finished.
async fn poll_once<F: std::future::Future + Unpin>(f: &mut F) -> bool {
    std::future::poll_fn(|cx| {
        std::task::Poll::Ready(std::pin::Pin::new(&mut *f).poll(cx).is_ready())
    })
    .await
}

on_both_backends!(session_store_round_trip, |db| {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    let store = session_store::DbSessionStore::new(db.clone());
    let mut record = Record {
        id: Id::default(),
        data: [("uid".to_string(), serde_json::json!(42))]
            .into_iter()
            .collect(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    // users.id 42 does not exist: the foreign key must not matter for anonymous-looking ids,
    // so use a real user.
    let email = Email::parse("x@y.go.id").expect("e");
    let uid = users::create(
        &db.pool,
        users::NewUser {
            email: &email,
            name: "X",
            role: Role::Judge,
            agency_id: None,
            password_hash: None,
        },
    )
    .await
    .expect("user");
    record.data.insert("uid".into(), serde_json::json!(uid));
    store.create(&mut record).await.expect("create");
    let loaded = store.load(&record.id).await.expect("load").expect("found");
    assert_eq!(loaded.data.get("uid"), Some(&serde_json::json!(uid)));
    assert_eq!(
        session_store::end_sessions_of(&db.pool, uid)
            .await
            .expect("end"),
        1
    );
    assert!(store.load(&record.id).await.expect("load").is_none());

    // Expired sessions are neither loaded nor kept.
    let mut old = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
    };
    store.create(&mut old).await.expect("create old");
    assert!(store.load(&old.id).await.expect("load").is_none());
    assert_eq!(store.delete_expired().await.expect("cleanup"), 1);
});

on_both_backends!(compliance_register_ranks_every_obligated_agency, |db| {
    use app::models::{AgencyKind, ComplianceFilter, ComplianceLevel};
    use app::server::year::compliance;
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let all = compliance::register(&db, ComplianceFilter::default())
        .await
        .expect("register");
    assert_eq!(all.total, 15);
    assert_eq!(all.rows.len(), 15);
    assert_eq!(all.complied, 1, "only the puskesmas has submitted");
    let level = |name: &str| {
        all.rows
            .iter()
            .find(|r| r.agency_name == name)
            .map(|r| (r.level, r.proposals))
    };
    assert_eq!(
        level("Dinas Kependudukan dan Pencatatan Sipil"),
        Some((ComplianceLevel::AwaitingApproval, 2))
    );
    assert_eq!(
        level("Puskesmas Sukamaju"),
        Some((ComplianceLevel::Submitted, 1))
    );
    assert_eq!(
        level("SMP Negeri 1 Sukamaju"),
        Some((ComplianceLevel::Draft, 1))
    );
    assert_eq!(level("Dinas Sosial"), Some((ComplianceLevel::None, 0)));

    let not_started = compliance::register(
        &db,
        ComplianceFilter {
            level: Some(ComplianceLevel::None),
            kind: None,
        },
    )
    .await
    .expect("filtered");
    assert_eq!(not_started.rows.len(), 12);
    assert_eq!(
        not_started.total, 15,
        "the share is of all agencies, whatever the filter"
    );
    let health = compliance::register(
        &db,
        ComplianceFilter {
            level: None,
            kind: Some(AgencyKind::Kesehatan),
        },
    )
    .await
    .expect("filtered");
    assert!(health.rows.iter().all(|r| r.kind == AgencyKind::Kesehatan));
    assert_eq!(health.rows.len(), 5);

    // Screening outcomes: failed screening still met the duty; passing moves the agency on.
    sqlx::query("UPDATE proposals SET status = 'screened_in' WHERE title LIKE 'Posyandu%'")
        .execute(&db.pool)
        .await
        .expect("screen");
    let after = compliance::register(&db, ComplianceFilter::default())
        .await
        .expect("register");
    assert_eq!(
        after
            .rows
            .iter()
            .find(|r| r.agency_name == "Puskesmas Sukamaju")
            .map(|r| r.level),
        Some(ComplianceLevel::PassedScreening)
    );
    assert!(compliance::parse_filter(Some("hampir"), None).is_err());
    assert!(compliance::parse_filter(Some(""), Some("")).is_ok());

    let csv = compliance::to_csv(&after, app::i18n::Lang::Id).expect("csv");
    let text = String::from_utf8(csv).expect("utf-8");
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains(
        "Instansi,Jenis instansi,Kepala instansi,Status,Jumlah proposal,Terakhir diubah"
    ));
    assert!(text.contains("Dinas Sosial,Perangkat daerah,\"Agus Salim, S.Sos.\",Belum memulai,0,"));
});

on_both_backends!(the_audit_trail_detects_edited_and_deleted_events, |db| {
    use app::models::AuditFilter;
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let admin = users::id_by_email(&db, &Email::parse("admin@inovasi.test").expect("e"))
        .await
        .expect("a")
        .expect("admin");
    let staff = users::id_by_email(&db, &Email::parse("staf.smpn1@inovasi.test").expect("e"))
        .await
        .expect("s")
        .expect("staff");
    for active in [false, true, false, true] {
        users::set_active(&db, admin, staff, active)
            .await
            .expect("toggle");
    }
    let intact = audit::verify(&db).await.expect("verify");
    assert!(
        matches!(intact, audit::Verdict::Intact { events: 4, .. }),
        "{intact:?}"
    );

    let listed = audit::list(
        &db,
        &AuditFilter {
            action: Some("user.de".into()),
            ..AuditFilter::default()
        },
        100,
    )
    .await
    .expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .all(|e| e.action == "user.deactivate"
            && e.actor_email.as_deref() == Some("admin@inovasi.test")));
    let by_other = audit::list(
        &db,
        &AuditFilter {
            actor_email: Some("juri1@inovasi.test".into()),
            ..AuditFilter::default()
        },
        100,
    )
    .await
    .expect("list");
    assert!(by_other.is_empty());

    // Someone with database access rewrites history: the trail says where.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_events ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("ids");
    sqlx::query("UPDATE audit_events SET after_json = '{\"active\":true}' WHERE id = $1")
        .bind(ids[2])
        .execute(&db.pool)
        .await
        .expect("tamper");
    assert_eq!(
        audit::verify(&db).await.expect("verify"),
        audit::Verdict::Broken {
            event_id: ids[2],
            reason: "its content no longer matches its seal (the row was edited)".into()
        }
    );
    sqlx::query("DELETE FROM audit_events WHERE id = $1")
        .bind(ids[2])
        .execute(&db.pool)
        .await
        .expect("delete");
    match audit::verify(&db).await.expect("verify") {
        audit::Verdict::Broken { event_id, .. } => {
            assert_eq!(event_id, ids[3], "the row after the gap")
        }
        other => panic!("a deleted event went unnoticed: {other:?}"),
    }
});

on_both_backends!(an_anchor_exposes_a_resealed_or_shortened_trail, |db| {
    for n in 0..4 {
        audit::record(
            &db,
            audit::Event {
                actor_id: None,
                action: audit::AuditAction::CategoryAdd,
                object_kind: "test",
                object_id: n.to_string(),
                before: None,
                after: Some(serde_json::json!({ "n": n })),
            },
        )
        .await
        .expect("record");
    }
    let anchor = audit::head(&db).await.expect("head").expect("a seal");
    assert!(matches!(
        audit::verify_anchored(&db, &anchor).await.expect("verify"),
        audit::Verdict::Intact { events: 4, .. }
    ));

    // Someone with write access edits the first event and reseals everything after it: the
    // chain alone looks intact, the anchor does not.
    type Row = (
        i64,
        i64,
        Option<i64>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, at, actor_id, action, object_kind, object_id, before_json, after_json
         FROM audit_events ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await
    .expect("rows");
    let mut prev = audit::GENESIS.to_string();
    for (i, (id, at, actor, action, kind, object, before, after)) in rows.into_iter().enumerate() {
        let object = if i == 0 { "diubah".to_string() } else { object };
        let hash = audit::seal(
            &prev,
            at,
            actor,
            &action,
            &kind,
            &object,
            before.as_deref(),
            after.as_deref(),
        );
        sqlx::query(
            "UPDATE audit_events SET object_id = $1, prev_hash = $2, hash = $3 WHERE id = $4",
        )
        .bind(&object)
        .bind(&prev)
        .bind(&hash)
        .bind(id)
        .execute(&db.pool)
        .await
        .expect("reseal");
        prev = hash;
    }
    assert!(matches!(
        audit::verify(&db).await.expect("verify"),
        audit::Verdict::Intact { .. }
    ));
    assert!(matches!(
        audit::verify_anchored(&db, &anchor).await.expect("verify"),
        audit::Verdict::Broken { .. }
    ));

    // So does dropping the newest events, anchored at the newest seal.
    let anchor = audit::head(&db).await.expect("head").expect("a seal");
    sqlx::query("DELETE FROM audit_events WHERE id = (SELECT MAX(id) FROM audit_events)")
        .execute(&db.pool)
        .await
        .expect("drop");
    assert!(matches!(
        audit::verify(&db).await.expect("verify"),
        audit::Verdict::Intact { events: 3, .. }
    ));
    assert!(matches!(
        audit::verify_anchored(&db, &anchor).await.expect("verify"),
        audit::Verdict::Broken { .. }
    ));
});

on_both_backends!(published_demo_shows_three_years_of_results, |db| {
    let caches = app::server::http::state::Caches::default();
    let hasher = support::hasher();
    demo::seed_scenario(&db, &hasher, demo::Scenario::Published)
        .await
        .expect("seed");
    let c = competitions::current(&db)
        .await
        .expect("current")
        .expect("a year");
    assert_eq!(c.name, demo::COMPETITION_NAME);
    assert_eq!(c.phase, app::models::Phase::Published);
    let now = app::server::infra::db::now_ms();
    assert!(
        c.phases
            .iter()
            .any(|p| p.phase == app::models::Phase::Published
                && p.starts_at <= now
                && now <= p.ends_at),
        "today lies in the published phase"
    );
    // The gallery: this year and the two before, each with its winner first.
    let page = app::server::results::gallery::search(
        &db,
        &caches.gallery,
        &app::models::GalleryFilter::default(),
        1,
        None,
    )
    .await
    .expect("gallery");
    assert_eq!(page.years, vec![2026, 2025, 2024]);
    for year in [2024, 2025, 2026] {
        let items: Vec<_> = page.items.iter().filter(|i| i.year == year).collect();
        assert!(items.len() >= 5, "{year}: {} innovations", items.len());
        assert_eq!(
            items[0].award,
            Some(app::models::Award::Winner),
            "{year}: the winner first"
        );
        assert!(
            items.iter().all(|i| !i.summary.is_empty()),
            "{year}: every innovation has its summary"
        );
    }
    // This year went through the organisers' own steps: decided, locked, published, audited.
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_events ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("audit");
    for action in ["results.decide", "results.lock"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
    let nominated: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM results WHERE nominated = 1")
        .fetch_one(&db.pool)
        .await
        .expect("nominated");
    assert_eq!(
        nominated, 3,
        "one innovation a year goes on to the province"
    );
    // An earlier year's innovation reads as its agency's feedback: scores and the judges' words.
    let (proposal, agency): (String, i64) = sqlx::query_as(
        "SELECT p.id, p.agency_id FROM proposals p JOIN competitions c ON c.id = p.competition_id
         WHERE c.year = 2024 AND p.status = 'winner'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("the 2024 winner");
    let feedback = app::server::results::feedback::load(&db, agency, &proposal)
        .await
        .expect("feedback");
    assert_eq!(feedback.year, 2024);
    assert_eq!(feedback.rounds.len(), 1, "a year of one round");
    let round = &feedback.rounds[0];
    assert!(!round.overall_comments.is_empty(), "the judges' comment");
    assert!(
        round.criteria.iter().all(|c| c.mean.is_some()),
        "every criterion scored"
    );
});

on_both_backends!(
    the_public_overview_is_read_from_memory_until_the_year_changes,
    |db| {
        let caches = app::server::http::state::Caches::default();
        let hasher = support::hasher();
        demo::seed_demo(&db, &hasher).await.expect("seed");
        let admin = support::user(&db, "admin@inovasi.test").await;
        let first = home::public_overview(&db, &caches.public_overview)
            .await
            .expect("overview");
        let year = first.competition.as_ref().expect("a year").id;
        // Written behind the app's back (another server, a tool): not seen until the cache's
        // short time is up, because the page is served from memory.
        sqlx::query("UPDATE competitions SET name = 'Diubah di luar aplikasi' WHERE id = $1")
            .bind(year)
            .execute(&db.pool)
            .await
            .expect("update");
        let again = home::public_overview(&db, &caches.public_overview)
            .await
            .expect("overview");
        assert_eq!(again, first, "served from memory");
        // A change made through the app is seen at once, and so is what was written before it.
        app::server::year::criteria::add_category(&db, &caches, &admin, "Desa dan Kelurahan", "")
            .await
            .expect("category");
        let after = home::public_overview(&db, &caches.public_overview)
            .await
            .expect("overview");
        assert!(after.categories.iter().any(|c| c == "Desa dan Kelurahan"));
        assert_eq!(
            after.competition.map(|c| c.name).as_deref(),
            Some("Diubah di luar aplikasi")
        );
    }
);
