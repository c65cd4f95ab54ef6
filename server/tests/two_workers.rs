//! Two `inovasi serve` processes on one Postgres, each with its mail worker, deliver every
//! queued e-mail exactly once (issue 18): the claim's `FOR UPDATE SKIP LOCKED` holds across
//! processes, not only across connections of one.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::models::Notice;
use app::server::demo;
use app::server::infra::db::now_ms;
use support::{Backend, TestDb};

/// Notices per person: more than one round's claim in all, so both workers find work.
const EACH: usize = 4;

/// A real server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(database_url: &str, smtp_url: &str, files: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_inovasi"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("INOVASI_FILES_DIR", files)
        .env("INOVASI_SMTP_URL", smtp_url)
        .env("INOVASI_MAIL_FROM", "Inovasi <inovasi@wonosobo.test>")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start inovasi serve");
    Server(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_deliver_each_email_once() {
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    support::bounded(async {
        demo::seed_demo(&db.db, &support::hasher())
            .await
            .expect("seed");
        // No deadline within a week, so the servers' reminder rounds e-mail nobody: the only
        // e-mails are the ones queued here.
        sqlx::query("UPDATE competition_phases SET ends_at = $1 WHERE phase = 'submission_open'")
            .bind(now_ms() + 30 * 86_400_000)
            .execute(&db.db.pool)
            .await
            .expect("a later deadline");
        let people: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE active = 1 ORDER BY id")
                .fetch_all(&db.db.pool)
                .await
                .expect("people");
        let mut tx = db.db.begin_write().await.expect("tx");
        for id in &people {
            for n in 0..EACH {
                // Mandatory: e-mailed at once whatever each person chose.
                app::server::infra::notify::user(
                    &mut tx,
                    *id,
                    &Notice::DeadlineExtended {
                        deadline_at: now_ms() + 86_400_000,
                        reason: format!("Perpanjangan ke-{n}"),
                    },
                )
                .await
                .expect("notify");
            }
        }
        tx.commit().await.expect("commit");
        let expected = people.len() * EACH;

        let sink = support::SmtpSink::start().await;
        let files = support::Scratch::new("two-workers");
        let mut a = serve(&db.url, &sink.url, &files.0);
        let mut b = serve(&db.url, &sink.url, &files.0);
        let deadline = Instant::now() + Duration::from_secs(90);
        while sink.received().len() < expected {
            assert!(
                Instant::now() < deadline,
                "{} of {expected} e-mails arrived",
                sink.received().len()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Time for a late duplicate to arrive, had a row been taken twice.
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(sink.received().len(), expected, "each e-mail once");
        for (name, server) in [("first", &mut a), ("second", &mut b)] {
            let exited = server.0.try_wait().expect("the process");
            assert!(exited.is_none(), "the {name} server stopped: {exited:?}");
        }
        let (sent, tries): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(MAX(attempts), 0) FROM outbox WHERE status = 'sent'",
        )
        .fetch_one(&db.db.pool)
        .await
        .expect("outbox");
        assert_eq!((sent, tries), (expected as i64, 1), "each row claimed once");
    })
    .await;
    db.destroy().await;
}
