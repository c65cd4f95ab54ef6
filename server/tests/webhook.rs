//! The outgoing webhook on both backends: with a gateway configured, each notification gets a
//! gateway delivery in its own transaction (none for a rolled-back event); the worker posts it
//! signed, once even with two workers; a gateway that answers 500 or hangs delays the message,
//! never loses it; a deployment that drops its gateway drops what still waited for it.

mod support;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::models::Notice;
use app::server::infra::db::now_ms;
use app::server::infra::notify;
use app::server::infra::outbox;
use app::server::infra::webhook::{self, Webhook};
use app::server::{demo, Db};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;

const BASE: Option<&str> = Some("https://inovasi.wonosobokab.test");
const SECRET: &str = "rahasia-gateway-wonosobo";

const ANSWER: u8 = 0;
const FAIL: u8 = 1;
const HANG: u8 = 2;
const REFUSE: u8 = 3;

/// A messaging gateway on a free port that keeps each call (its headers and body) and answers
/// as `mode` says: 200, 500, or not within the webhook's timeout.
struct Gateway {
    url: String,
    calls: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    mode: Arc<AtomicU8>,
}

impl Gateway {
    async fn start() -> Gateway {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(AtomicU8::new(ANSWER));
        let (kept, how) = (calls.clone(), mode.clone());
        let app = axum::Router::new().route(
            "/hook",
            post(move |headers: HeaderMap, body: Bytes| {
                let (kept, how) = (kept.clone(), how.clone());
                async move {
                    match how.load(Ordering::SeqCst) {
                        FAIL => (StatusCode::INTERNAL_SERVER_ERROR, "gateway down"),
                        REFUSE => (StatusCode::UNPROCESSABLE_ENTITY, "unknown recipient"),
                        HANG => {
                            tokio::time::sleep(Duration::from_secs(5)).await;
                            (StatusCode::OK, "late")
                        }
                        _ => {
                            kept.lock().expect("calls").push((headers, body));
                            (StatusCode::OK, "ok")
                        }
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        Gateway {
            url: format!("http://{addr}/hook"),
            calls,
            mode,
        }
    }

    /// The webhook to it, giving it a second to answer (10 s in service).
    fn hook(&self) -> Webhook {
        Webhook::with_timeout(&self.url, SECRET, Duration::from_secs(1)).expect("webhook")
    }
}

async fn rows(db: &Db, channel: &str, status: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE channel = $1 AND status = $2")
        .bind(channel)
        .bind(status)
        .fetch_one(&db.pool)
        .await
        .expect("count")
}

/// Tells every judge something, in one committed transaction; returns how many were told.
async fn tell_judges(db: &Db, text: &str) -> i64 {
    let judges: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'judge' AND active = 1")
            .fetch_all(&db.pool)
            .await
            .expect("judges");
    let mut tx = db.begin_write().await.expect("tx");
    for id in &judges {
        let notice = Notice::Broadcast {
            broadcast_id: 1,
            text_id: text.to_string(),
            text_en: String::new(),
            judge: true,
        };
        notify::user(&mut tx, *id, &notice).await.expect("notify");
    }
    tx.commit().await.expect("commit");
    judges.len() as i64
}

on_both_backends!(
    the_gateway_gets_each_notice_once_signed_and_late_never_lost,
    |db| {
        demo::seed_demo(&db, &support::hasher())
            .await
            .expect("seed");
        let gateway = Gateway::start().await;
        let hook = gateway.hook();

        // Without a gateway, a notification is e-mailed only.
        outbox::set_webhook(&db, false).await.expect("off");
        let mail = rows(&db, "email", "pending").await;
        let n = tell_judges(&db, "Tanpa gateway").await;
        assert_eq!(rows(&db, "email", "pending").await, mail + n);
        assert_eq!(rows(&db, "webhook", "pending").await, 0);

        // With one, every notice also waits for the gateway; a rolled-back event for nobody.
        outbox::set_webhook(&db, true).await.expect("on");
        outbox::set_webhook(&db, true)
            .await
            .expect("on again, at another server's start");
        let mut tx = db.begin_write().await.expect("tx");
        let someone: i64 = sqlx::query_scalar("SELECT id FROM users WHERE role = 'judge' LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .expect("a judge");
        notify::user(&mut tx, someone, &Notice::Assigned { count: 1 })
            .await
            .expect("notify");
        tx.rollback().await.expect("rollback");
        assert_eq!(rows(&db, "webhook", "pending").await, 0);
        let text = "Lembar nilai <b>ditunggu</b> & terima kasih";
        assert_eq!(tell_judges(&db, text).await, n);
        assert_eq!(rows(&db, "webhook", "pending").await, n);
        assert_eq!(rows(&db, "email", "pending").await, mail + 2 * n);

        // A gateway that answers 500: every delivery waits for a later try, saying why.
        let now = now_ms();
        gateway.mode.store(FAIL, Ordering::SeqCst);
        let round = outbox::deliver_webhooks(&db, &hook, BASE, now)
            .await
            .expect("round");
        assert_eq!((round.retrying, round.sent), (n as usize, 0));
        let error: Option<String> =
            sqlx::query_scalar("SELECT last_error FROM outbox WHERE channel = 'webhook' LIMIT 1")
                .fetch_one(&db.pool)
                .await
                .expect("error");
        let error = error.expect("recorded");
        assert!(
            error.contains("500") && error.contains("gateway down"),
            "{error}"
        );
        // The gateway's worker never takes the e-mails.
        assert_eq!(rows(&db, "email", "pending").await, mail + 2 * n);

        // One that hangs: a failed try after the timeout, not a stuck worker.
        gateway.mode.store(HANG, Ordering::SeqCst);
        let round = outbox::deliver_webhooks(&db, &hook, BASE, now + 61_000)
            .await
            .expect("round");
        assert_eq!(round.retrying, n as usize);
        let error: Option<String> =
            sqlx::query_scalar("SELECT last_error FROM outbox WHERE channel = 'webhook' LIMIT 1")
                .fetch_one(&db.pool)
                .await
                .expect("error");
        assert!(error.expect("recorded").contains("did not answer"));

        // Back up: two workers at the same moment post each delivery once, signed.
        gateway.mode.store(ANSWER, Ordering::SeqCst);
        let second = gateway.hook();
        let later = now + 10 * 60_000;
        let (a, b) = tokio::join!(
            outbox::deliver_webhooks(&db, &hook, BASE, later),
            outbox::deliver_webhooks(&db, &second, BASE, later)
        );
        let sent = a.expect("a").sent + b.expect("b").sent;
        assert_eq!(sent, n as usize);
        assert_eq!(rows(&db, "webhook", "sent").await, n);
        let calls = gateway.calls.lock().expect("calls").clone();
        assert_eq!(calls.len(), n as usize);
        let mut ids = std::collections::BTreeSet::new();
        for (headers, body) in &calls {
            let header = |name: &str| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .expect(name)
                    .to_string()
            };
            let timestamp: i64 = header("x-inovasi-timestamp").parse().expect("seconds");
            assert_eq!(
                header("x-inovasi-signature"),
                format!("sha256={}", webhook::sign(SECRET, timestamp, body))
            );
            let json: serde_json::Value = serde_json::from_slice(body).expect("json");
            assert_eq!(json["kind"], "broadcast");
            // User text as written: the gateway escapes it for its own medium.
            assert_eq!(json["text"], text);
            assert_eq!(json["link"], "https://inovasi.wonosobokab.test/judge");
            assert!(json["recipient"]["email"]
                .as_str()
                .expect("email")
                .ends_with("@inovasi.test"));
            assert_eq!(header("x-inovasi-delivery"), json["id"].to_string());
            ids.insert(json["id"].to_string());
        }
        assert_eq!(ids.len(), n as usize, "each delivery once");

        // A gateway that refuses the request itself (422): failed at once, no retries in vain.
        gateway.mode.store(REFUSE, Ordering::SeqCst);
        tell_judges(&db, "Ditolak").await;
        let round = outbox::deliver_webhooks(&db, &hook, BASE, now_ms())
            .await
            .expect("round");
        assert_eq!((round.failed, round.retrying), (n as usize, 0));
        let refused: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT attempts, last_error FROM outbox WHERE channel = 'webhook' AND status = 'failed'",
    )
    .fetch_all(&db.pool)
    .await
    .expect("failed");
        assert_eq!(refused.len(), n as usize);
        assert!(refused
            .iter()
            .all(|(a, e)| *a == 1 && e.as_deref().is_some_and(|e| e.contains("422"))));

        // The deployment drops its gateway: what still waited for it is dropped, saying why, and
        // new notices are e-mailed only.
        gateway.mode.store(FAIL, Ordering::SeqCst);
        tell_judges(&db, "Satu lagi").await;
        outbox::set_webhook(&db, false).await.expect("off");
        assert_eq!(rows(&db, "webhook", "pending").await, 0);
        assert_eq!(rows(&db, "webhook", "dropped").await, n);
        tell_judges(&db, "Tanpa gateway lagi").await;
        assert_eq!(rows(&db, "webhook", "pending").await, 0);
        // The organisers' page shows the gateway's deliveries beside the e-mails.
        let page = outbox::page(&db, false, false).await.expect("page");
        assert!(page.items.iter().any(|i| i.webhook));
        assert!(page.items.iter().any(|i| !i.webhook));
    }
);
