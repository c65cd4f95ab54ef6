//! In-app notifications on both backends: each event tells the right people (never the one who
//! caused it, never another agency) in its own transaction, so a refused event tells nobody;
//! a person reads and marks only their own.

mod support;

use app::error::AppError;
use app::models::{CurrentUser, Notice, Phase};
use app::server::http::state::Caches;
use app::server::infra::{db::now_ms, notify};
use app::server::submission::{proposals, screening, send_back};
use app::server::year::setup;
use app::server::{demo, Db};

async fn unread(db: &Db, user: &CurrentUser) -> u32 {
    notify::unread(db, user.id).await.expect("unread")
}

async fn newest(db: &Db, user: &CurrentUser) -> Notice {
    notify::list(db, user.id)
        .await
        .expect("list")
        .items
        .first()
        .expect("a notification")
        .notice
        .clone()
}

async fn total(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications")
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

on_both_backends!(each_event_tells_its_people_once, |db| {
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let admin = support::user(&db, "admin@inovasi.test").await;
    let staff = support::user(&db, "staf.puskesmas@inovasi.test").await;
    let head = support::user(&db, "kepala.puskesmas@inovasi.test").await;
    let elsewhere = support::user(&db, "staf.dukcapil@inovasi.test").await;
    let caches = Caches::default();
    setup::move_phase(&db, &caches, &admin, Phase::Screening)
        .await
        .expect("screening");
    let id: String = sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
        .fetch_one(&db.pool)
        .await
        .expect("handed in");
    let before = total(&db).await;

    // Refused events tell nobody.
    let draft: String =
        sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'draft' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .expect("a draft");
    assert_eq!(
        screening::decide(&db, &admin, &draft, true, "").await,
        Err(AppError::ReadOnly)
    );
    assert!(screening::decide(&db, &admin, &id, false, " ")
        .await
        .is_err());
    assert!(
        setup::grant_extension(&db, &admin, staff.agency_id.expect("a"), "2020-01-01", "x")
            .await
            .is_err()
    );
    assert_eq!(total(&db).await, before);

    // Screening's outcome: the agency's head and member, with the reason; nobody else.
    screening::decide(&db, &admin, &id, false, "Judul <sama> dengan 2025.")
        .await
        .expect("fail");
    for person in [&staff, &head] {
        assert_eq!(unread(&db, person).await, 1);
        assert!(matches!(
            newest(&db, person).await,
            Notice::Screened { passed: false, ref reason, ref proposal_id, .. }
                if reason == "Judul <sama> dengan 2025." && *proposal_id == id
        ));
    }
    assert_eq!(unread(&db, &elsewhere).await, 0);
    assert_eq!(unread(&db, &admin).await, 0);

    // Sent back to be fixed: both told, with the day.
    let item = send_back::detail(&db, &id).await.expect("detail").items[0]
        .item
        .clone();
    let day = app::i18n::iso_day(now_ms() + 3 * 86_400_000);
    let fix = [app::models::CheckDraft {
        item,
        verdict: "needs_fixing".into(),
        note: "Perbaiki judul.".into(),
    }];
    send_back::save(&db, &admin, &id, &fix, Some(&day))
        .await
        .expect("sent back");
    assert!(matches!(newest(&db, &staff).await, Notice::SentBack { .. }));
    assert_eq!(unread(&db, &head).await, 2);

    // The member asks the head: the head is told, the member (who did it) is not.
    let competition = app::server::year::competitions::current(&db)
        .await
        .expect("c")
        .expect("year");
    let form = send_back::form_for(&db, competition.id, staff.agency_id.expect("a"), &id)
        .await
        .expect("form");
    // The demo proposal lacks required answers: the refusal tells nobody either.
    let row = proposals::find(&db, &id).await.expect("f").expect("p");
    assert!(matches!(
        proposals::request_approval(&db, &staff, &form, &row).await,
        Err(AppError::Incomplete { .. })
    ));
    assert_eq!(unread(&db, &head).await, 2);
    sqlx::query("UPDATE proposals SET status = 'awaiting_approval' WHERE id = $1")
        .bind(&id)
        .execute(&db.pool)
        .await
        .expect("waiting for the head");
    // The head sends it back to the member with a note.
    let row = proposals::find(&db, &id).await.expect("f").expect("p");
    proposals::return_to_draft(&db, &head, &form, &row, "Lengkapi latar belakang.")
        .await
        .expect("returned");
    assert!(matches!(
        newest(&db, &staff).await,
        Notice::ReturnedToDraft { ref note, .. } if note == "Lengkapi latar belakang."
    ));
    assert_eq!(unread(&db, &staff).await, 3);
    assert_eq!(unread(&db, &head).await, 2, "not told of what they did");

    // A deadline extension: the agency's people.
    setup::grant_extension(
        &db,
        &admin,
        staff.agency_id.expect("a"),
        &day,
        "Server kabupaten padam.",
    )
    .await
    .expect("extended");
    assert!(matches!(
        newest(&db, &head).await,
        Notice::DeadlineExtended { ref reason, .. } if reason == "Server kabupaten padam."
    ));
    assert_eq!(unread(&db, &elsewhere).await, 0);

    // Marking read: one, then all; only the caller's own.
    let list = notify::list(&db, staff.id).await.expect("list");
    assert_eq!(list.unread, 4);
    assert!(list
        .items
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at));
    let heads_own = notify::list(&db, head.id).await.expect("list").items[0].id;
    notify::mark_read(&db, staff.id, Some(heads_own))
        .await
        .expect("not theirs: nothing happens");
    assert_eq!(unread(&db, &head).await, 3);
    notify::mark_read(&db, staff.id, Some(list.items[0].id))
        .await
        .expect("one");
    assert_eq!(unread(&db, &staff).await, 3);
    let list = notify::list(&db, staff.id).await.expect("list");
    assert!(list.items[0].read && !list.items[1].read);
    notify::mark_read(&db, staff.id, None).await.expect("all");
    assert_eq!(unread(&db, &staff).await, 0);
    assert_eq!(unread(&db, &head).await, 3);
});

// The bell and the page, over HTTP: the count in the header, the sentence escaped, marked read
// with a plain form; a tampered choice refused.
on_both_servers!(
    the_bell_counts_and_the_page_reads_and_marks,
    demo::Scenario::Submission,
    |srv| {
        use reqwest::StatusCode;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let staff = support::user(&srv.db.db, "staf.puskesmas@inovasi.test").await;
        let agency = staff.agency_id.expect("an agency").to_string();
        let day = app::i18n::iso_day(now_ms() + 5 * 86_400_000);
        let (status, body) = srv
            .call(
                &admin,
                "/api/grant_extension",
                &[
                    ("agency_id", agency.as_str()),
                    ("deadline", day.as_str()),
                    ("reason", "<script>alert(1)</script> listrik padam"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let member = srv.signed_in("staf.puskesmas@inovasi.test").await;
        let page = |path: &'static str| srv.page(&member, path);
        assert!(page(app::routes::AGENCY)
            .await
            .contains("Pemberitahuan: 1 belum dibaca"));
        let list = page(app::routes::NOTIFICATIONS).await;
        assert!(list.contains("Batas pengajuan instansi Anda diperpanjang sampai"));
        assert!(list.contains("&lt;script&gt;alert(1)&lt;/script&gt; listrik padam"));
        assert!(!list.contains("<script>alert(1)"));
        // Another agency hears nothing.
        let other = srv.signed_in("staf.dukcapil@inovasi.test").await;
        let theirs = srv.page(&other, app::routes::NOTIFICATIONS).await;
        assert!(theirs.contains("Belum ada pemberitahuan"));

        let (status, _) = srv
            .call(
                &member,
                "/api/mark_notifications_read",
                &[("which", "semua")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, body) = srv
            .call(&member, "/api/mark_notifications_read", &[("which", "all")])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(page(app::routes::AGENCY)
            .await
            .contains("Pemberitahuan: 0 belum dibaca"));
        // Anonymous callers are refused.
        let (status, _) = srv
            .call(&srv.client(), "/api/fetch_unread_count", &[])
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
);
