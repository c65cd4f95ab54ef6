//! E-mail for notifications on both backends: the outbox row is written with the notification
//! (an event that is refused e-mails nobody), as each person chose (at once, in the daily
//! digest, not at all; mandatory kinds always); the worker sends each e-mail once, even with
//! two workers at the same moment; a refusing mail server delays, never loses, and after the
//! last try the e-mail waits for the organisers' retry; the hourly limit turns a flood into
//! the digest; an e-mail to an account since deactivated, or about a notice days old, is
//! dropped, not sent.

mod support;

use std::collections::BTreeMap;

use app::error::AppError;
use app::models::{CurrentUser, Phase};
use app::server::http::state::Caches;
use app::server::infra::db::now_ms;
use app::server::infra::outbox::{self, Round, MAX_ATTEMPTS};
use app::server::people::notice_prefs;
use app::server::submission::{screening, send_back};
use app::server::year::setup;
use app::server::{demo, Db};

const BASE: Option<&str> = Some("https://inovasi.wonosobokab.test");

async fn queued(db: &Db, user: &CurrentUser) -> Vec<(String, i64, i64, Option<String>)> {
    sqlx::query_as(
        "SELECT status, digest, attempts, last_error FROM outbox WHERE user_id = $1 ORDER BY id",
    )
    .bind(user.id)
    .fetch_all(&db.pool)
    .await
    .expect("outbox")
}

async fn rows(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

fn choices(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn subject(message: &str) -> &str {
    message
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap_or_default()
}

on_both_backends!(
    each_email_goes_once_as_chosen_and_survives_a_failing_server,
    |db| {
        demo::seed_demo(&db, &support::hasher())
            .await
            .expect("seed");
        let admin = support::user(&db, "admin@inovasi.test").await;
        let staff = support::user(&db, "staf.puskesmas@inovasi.test").await;
        let head = support::user(&db, "kepala.puskesmas@inovasi.test").await;
        let sink = support::SmtpSink::start().await;
        let mailer = sink.mailer();
        let agency = staff.agency_id.expect("an agency");

        // Choices: a tampered form is refused whole and stores nothing.
        for bad in [
            choices(&[("screened", "digest"), ("deadline_extended", "app")]),
            choices(&[("screened", "digest"), ("sheet_reopened", "app")]),
            choices(&[("screened", "sms")]),
        ] {
            assert!(matches!(
                notice_prefs::save(&db, &staff, &bad, None).await,
                Err(AppError::Invalid(_))
            ));
        }
        let prefs = notice_prefs::load(&db, &staff, true).await.expect("prefs");
        assert!(prefs
            .prefs
            .iter()
            .all(|p| p.delivery == app::models::Delivery::Email));
        assert!(prefs
            .prefs
            .iter()
            .any(|p| p.kind == "deadline_extended" && p.mandatory));
        assert!(!prefs.prefs.iter().any(|p| p.kind == "sheet_reopened"));
        notice_prefs::save(
            &db,
            &staff,
            &choices(&[("screened", "digest"), ("sent_back", "digest")]),
            None,
        )
        .await
        .expect("staff's choices");
        notice_prefs::save(&db, &head, &choices(&[("screened", "app")]), None)
            .await
            .expect("head's choice");
        notice_prefs::set_language(&db, head.id, app::i18n::Lang::En)
            .await
            .expect("head reads English");

        // A refused event e-mails nobody.
        let caches = Caches::default();
        setup::move_phase(&db, &caches, &admin, Phase::Screening)
            .await
            .expect("screening");
        let id: String = sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
            .fetch_one(&db.pool)
            .await
            .expect("handed in");
        assert!(screening::decide(&db, &admin, &id, false, " ")
            .await
            .is_err());
        assert_eq!(rows(&db).await, 0);

        // Screening's outcome: into the member's digest; the head wanted it in the app only.
        screening::decide(&db, &admin, &id, false, "Judul <sama> dengan 2025.")
            .await
            .expect("fail");
        assert_eq!(queued(&db, &staff).await.len(), 1);
        assert_eq!(queued(&db, &staff).await[0].1, 1, "in the digest");
        assert!(queued(&db, &head).await.is_empty());

        // Sent back: the member's digest again; the head at once.
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
        assert_eq!(queued(&db, &head).await.len(), 1);

        // The mail server refuses: nothing is lost, the e-mail waits a minute and tries again.
        sink.refusing(true);
        let now = now_ms();
        let round = outbox::deliver_due(&db, &mailer, BASE, now)
            .await
            .expect("round");
        assert_eq!(round.retrying, 1, "{round:?}");
        let (status, _, attempts, error) = queued(&db, &head).await.remove(0);
        assert_eq!((status.as_str(), attempts), ("pending", 1));
        assert!(error.expect("the server's answer").contains("451"));
        assert!(sink.received().is_empty());
        // Not yet due: nothing happens.
        let round = outbox::deliver_due(&db, &mailer, BASE, now + 30_000)
            .await
            .expect("round");
        assert_eq!(round, Round::default());

        sink.refusing(false);
        let round = outbox::deliver_due(&db, &mailer, BASE, now + 61_000)
            .await
            .expect("round");
        assert_eq!(round.sent, 1, "{round:?}");
        let mails = sink.received();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains("kepala.puskesmas@inovasi.test"));
        assert!(mails[0].contains("multipart/alternative"));
        // In the head's language, naming the kind only.
        assert_eq!(
            subject(&mails[0]),
            "Inovasi: Proposal sent back by the organisers"
        );
        // Sent once: a later round finds nothing.
        let round = outbox::deliver_due(&db, &mailer, BASE, now + 120_000)
            .await
            .expect("round");
        assert_eq!(round.sent, 0);

        // The digest: both of the member's notices in one e-mail at 07:00 WIB, not before.
        let digest_at = outbox::next_digest_at(now);
        let round = outbox::deliver_due(&db, &mailer, BASE, digest_at - 1)
            .await
            .expect("round");
        assert_eq!(round.sent, 0);
        let round = outbox::deliver_due(&db, &mailer, BASE, digest_at)
            .await
            .expect("round");
        assert_eq!(round.sent, 2, "{round:?}");
        let mails = sink.received();
        assert_eq!(mails.len(), 2, "one e-mail for two notices");
        assert!(mails[1].contains("staf.puskesmas@inovasi.test"));
        assert_eq!(subject(&mails[1]), "Inovasi: 2 pemberitahuan hari ini");

        // A mandatory notice: every person of the agency, at once, whatever they chose; two
        // workers at the same moment send each e-mail once.
        setup::grant_extension(&db, &admin, agency, &day, "Listrik padam.")
            .await
            .expect("extended");
        let people: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE agency_id = $1 AND active = 1")
                .bind(agency)
                .fetch_one(&db.pool)
                .await
                .expect("people");
        let now = now_ms();
        let second = sink.mailer();
        let (a, b) = tokio::join!(
            outbox::deliver_due(&db, &mailer, BASE, now),
            outbox::deliver_due(&db, &second, BASE, now)
        );
        let (a, b) = (a.expect("a"), b.expect("b"));
        assert_eq!((a.sent + b.sent) as i64, people, "{a:?} {b:?}");
        assert_eq!(sink.received().len() as i64, 2 + people);

        // A server that keeps refusing: after the last try the e-mail is failed, and waits.
        setup::grant_extension(&db, &admin, agency, &day, "Diperpanjang lagi.")
            .await
            .expect("extended again");
        sink.refusing(true);
        let mut at = now_ms();
        for _ in 0..MAX_ATTEMPTS {
            outbox::deliver_due(&db, &mailer, BASE, at)
                .await
                .expect("round");
            at += 4 * 3600 * 1000;
        }
        let failed: Vec<i64> = sqlx::query_scalar("SELECT id FROM outbox WHERE status = 'failed'")
            .fetch_all(&db.pool)
            .await
            .expect("failed");
        assert_eq!(failed.len() as i64, people);
        let round = outbox::deliver_due(&db, &mailer, BASE, at)
            .await
            .expect("round");
        assert_eq!(
            round.claimed, 0,
            "a failed e-mail is not tried again by itself"
        );
        // The organisers' retry (audited) puts it back in line; a sent one cannot be retried.
        sink.refusing(false);
        assert!(outbox::retry(&db, admin.id, failed[0])
            .await
            .expect("retry"));
        assert!(!outbox::retry(&db, admin.id, failed[0])
            .await
            .expect("twice"));
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'mail.retry'")
                .fetch_one(&db.pool)
                .await
                .expect("audit");
        assert_eq!(audited, 1);
        let round = outbox::deliver_due(&db, &mailer, BASE, now_ms())
            .await
            .expect("round");
        assert_eq!(round.sent, 1);

        // The hourly limit: after ten e-mails in an hour, the next waits for the digest.
        let notification: i64 =
            sqlx::query_scalar("SELECT MAX(id) FROM notifications WHERE user_id = $1")
                .bind(head.id)
                .fetch_one(&db.pool)
                .await
                .expect("a notification");
        let now = now_ms();
        for _ in 0..outbox::HOURLY_LIMIT {
            sqlx::query(
                "INSERT INTO outbox (user_id, notification_id, digest, status, attempts, due_at,
                                 created_at, sent_at)
             VALUES ($1, $2, 0, 'sent', 1, $3, $3, $3)",
            )
            .bind(head.id)
            .bind(notification)
            .bind(now - 60_000)
            .execute(&db.pool)
            .await
            .expect("an e-mail sent earlier");
        }
        setup::grant_extension(&db, &admin, agency, &day, "Sekali lagi.")
            .await
            .expect("extended a third time");
        let round = outbox::deliver_due(&db, &mailer, BASE, now_ms())
            .await
            .expect("round");
        assert_eq!(round.deferred, 1, "{round:?}");
        let deferred: (String, i64) = sqlx::query_as(
            "SELECT status, digest FROM outbox WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(head.id)
        .fetch_one(&db.pool)
        .await
        .expect("the head's newest");
        assert_eq!(deferred, ("pending".to_string(), 1));

        // Deactivated since: dropped, not sent. Days old when its turn comes: dropped.
        sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
            .bind(head.id)
            .execute(&db.pool)
            .await
            .expect("deactivated");
        let before = sink.received().len();
        let round = outbox::deliver_due(&db, &mailer, BASE, outbox::next_digest_at(now_ms()))
            .await
            .expect("round");
        assert_eq!(round.dropped, 1, "{round:?}");
        setup::grant_extension(&db, &admin, agency, &day, "Terakhir.")
            .await
            .expect("extended a fourth time");
        let round = outbox::deliver_due(&db, &mailer, BASE, now_ms() + 4 * 86_400_000)
            .await
            .expect("round");
        assert_eq!(round.dropped as i64, people - 1, "{round:?}");
        assert_eq!(sink.received().len(), before);
    }
);

// Over HTTP: the choices as a plain form (kept, shown selected, a tampered one refused), the
// outbox page for the organisers only, and its retry.
on_both_servers!(
    choices_and_the_outbox_page_work_as_plain_forms,
    demo::Scenario::Submission,
    |srv| {
        use reqwest::StatusCode;
        let member = srv.plain_browser("staf.puskesmas@inovasi.test").await;
        let res = member
            .post(srv.url("/api/save_notice_prefs"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", srv.url(app::routes::NOTIFICATIONS))
            .form(&[
                ("delivery[screened]", "digest"),
                ("delivery[submitted]", "app"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()["location"], app::routes::NOTIFICATIONS_SAVED);
        let page = srv.page(&member, app::routes::NOTIFICATIONS_SAVED).await;
        assert!(page.contains("Tersimpan."));
        assert!(
            page.contains(r#"<option value="digest" selected"#),
            "{page}"
        );
        assert!(page.contains("Selalu dikirim lewat e-mail"));
        // No SMTP server here: the page says the choices wait for one.
        assert!(page.contains("belum diatur untuk mengirim e-mail"));
        let (status, _) = srv
            .call(
                &member,
                "/api/save_notice_prefs",
                &[("delivery[deadline_extended]", "app")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // The outbox: organisers only.
        let (status, _) = srv.call(&member, "/api/fetch_outbox", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let admin = srv.signed_in("admin@inovasi.test").await;
        let agency = support::user(&srv.db.db, "staf.puskesmas@inovasi.test")
            .await
            .agency_id
            .expect("agency")
            .to_string();
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
        let failed: i64 = sqlx::query_scalar("SELECT MIN(id) FROM outbox")
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("queued");
        sqlx::query("UPDATE outbox SET status = 'failed', attempts = 6, last_error = '550 <no such user>' WHERE id = $1")
            .bind(failed)
            .execute(&srv.db.db.pool)
            .await
            .expect("failed");
        let page = srv.page(&admin, app::routes::ADMIN_OUTBOX).await;
        assert!(page.contains("E-mail belum diatur"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; listrik padam"));
        assert!(!page.contains("<script>alert(1)"));
        assert!(page.contains("550 &lt;no such user&gt;"));
        assert_eq!(page.matches("Kirim ulang</button>").count(), 1);

        let (status, _) = srv
            .call(&member, "/api/retry_mail", &[("id", &failed.to_string())])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = srv
            .call(&admin, "/api/retry_mail", &[("id", &failed.to_string())])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = srv
            .call(&admin, "/api/retry_mail", &[("id", &failed.to_string())])
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "pending now: nothing to retry"
        );
        let (status, _) = srv.call(&admin, "/api/retry_mail", &[("id", "x")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // A row this build cannot read (a newer release's notice) leaves the page standing.
        let someone = support::user(&srv.db.db, "staf.puskesmas@inovasi.test").await;
        let notification: i64 = sqlx::query_scalar(
            "INSERT INTO notifications (user_id, kind, notice, created_at)
             VALUES ($1, 'from_the_future', '{\"kind\":\"from_the_future\"}', $2) RETURNING id",
        )
        .bind(someone.id)
        .bind(now_ms())
        .fetch_one(&srv.db.db.pool)
        .await
        .expect("a notice of a newer release");
        sqlx::query(
            "INSERT INTO outbox (user_id, notification_id, status, due_at, created_at)
             VALUES ($1, $2, 'failed', 0, 0)",
        )
        .bind(someone.id)
        .bind(notification)
        .execute(&srv.db.db.pool)
        .await
        .expect("its e-mail");
        let res = admin
            .get(srv.url(app::routes::ADMIN_OUTBOX))
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.expect("body");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; listrik padam"));
        let res = member
            .get(srv.url(app::routes::NOTIFICATIONS))
            .send()
            .await
            .expect("page");
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "the person's own list stands too"
        );
    }
);

// A round's e-mails go a few at a time over kept connections: the mail server sees a few of
// them, not one per e-mail, and every e-mail arrives once. lettre hands a used connection back
// to its pool from a task of its own, so a send that starts in that instant may open one more
// than `SENDS_AT_ONCE` (the pool closes the spare afterwards); thirty e-mails over at most twice
// that many connections still shows every one is reused, and holds however busy the machine.
on_both_backends!(a_round_reuses_a_few_connections_for_many_emails, |db| {
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let sink = support::SmtpSink::start().await;
    let mailer = sink.mailer();
    let people: Vec<i64> = sqlx::query_scalar("SELECT id FROM users WHERE active = 1 ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("people");
    assert!(
        people.len() > 2 * app::server::infra::delivery::SENDS_AT_ONCE,
        "{} people in the demo",
        people.len()
    );
    const EACH: usize = 3;
    let mut tx = db.begin_write().await.expect("tx");
    for id in &people {
        for day in 1..=EACH as i64 {
            // Mandatory, so e-mailed at once whatever each person chose.
            app::server::infra::notify::user(
                &mut tx,
                *id,
                &app::models::Notice::DeadlineExtended {
                    deadline_at: now_ms() + day * 86_400_000,
                    reason: "Listrik padam.".into(),
                },
            )
            .await
            .expect("notify");
        }
    }
    tx.commit().await.expect("commit");
    let emails = EACH * people.len();
    let now = now_ms();
    let mut sent = 0;
    loop {
        let round = outbox::deliver_due(&db, &mailer, BASE, now)
            .await
            .expect("round");
        sent += round.sent;
        if round.claimed == 0 {
            break;
        }
    }
    assert_eq!(sent, emails);
    assert_eq!(sink.received().len(), emails, "each e-mail once");
    assert!(
        sink.connections() <= 2 * app::server::infra::delivery::SENDS_AT_ONCE,
        "{} connections for {} e-mails",
        sink.connections(),
        emails
    );
});

// A mailbox that does not exist: the mail server refuses it for good (550), so the e-mail fails
// at its first try, with the server's answer for the organisers, instead of six tries in vain.
on_both_backends!(an_address_refused_for_good_fails_at_once, |db| {
    demo::seed_demo(&db, &support::hasher())
        .await
        .expect("seed");
    let sink = support::SmtpSink::start().await;
    let mailer = sink.mailer();
    let judge = support::user(&db, "juri1@inovasi.test").await;
    sqlx::query("UPDATE users SET email = 'tidak.ada@inovasi.test' WHERE id = $1")
        .bind(judge.id)
        .execute(&db.pool)
        .await
        .expect("a mistyped address");
    let mut tx = db.begin_write().await.expect("tx");
    app::server::infra::notify::user(
        &mut tx,
        judge.id,
        &app::models::Notice::Assigned { count: 2 },
    )
    .await
    .expect("notify");
    tx.commit().await.expect("commit");
    let now = now_ms();
    while outbox::deliver_due(&db, &mailer, BASE, now)
        .await
        .expect("round")
        .claimed
        > 0
    {}
    let (status, attempts, error) = queued(&db, &judge)
        .await
        .pop()
        .map(|(s, _, a, e)| (s, a, e))
        .expect("queued");
    assert_eq!((status.as_str(), attempts), ("failed", 1));
    assert!(error.expect("the answer").contains("no such mailbox"));
    // Nothing more is tried for it later.
    let round = outbox::deliver_due(&db, &mailer, BASE, now + 86_400_000)
        .await
        .expect("round");
    assert_eq!(round.claimed, 0);
});
