//! Telemetry as an organiser's IT officer meets it: an error's reference finds its log line, that
//! line names the request (the id the answer carried), what was asked and by which role, and the
//! whole cause; the request id is always ours; `/healthz` answers while the process lives and
//! `/readyz` only when the database can serve; no password reaches the log.

mod support;

use std::sync::{Arc, Mutex, OnceLock};

use app::server::demo;
use reqwest::StatusCode;
use server::telemetry::{self, LogFormat};
use support::{Backend, TestDb, TestServer};

/// Everything the tests' servers log, as text lines.
#[derive(Clone, Default)]
struct Written(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The log of this test binary (one subscriber for the process, as in the server).
fn log() -> &'static Written {
    static LOG: OnceLock<Written> = OnceLock::new();
    LOG.get_or_init(|| {
        let written = Written::default();
        let sink = written.clone();
        let subscriber = telemetry::subscriber(
            LogFormat::Text,
            "info,inovasi_requests=debug,app=debug,server=debug".into(),
            move || sink.clone(),
        );
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        written
    })
}

fn log_text() -> String {
    String::from_utf8_lossy(&log().0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

fn request_id(res: &reqwest::Response) -> String {
    res.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("every answer carries its request id")
        .to_string()
}

async fn an_error_reference_leads_to_its_request(backend: Backend) {
    log();
    let Some(srv) = TestServer::start(backend).await else {
        return;
    };
    let admin = srv.signed_in("admin@inovasi.test").await;
    // The audit trail's table gone from under the server: reading it fails inside.
    sqlx::query("ALTER TABLE audit_events RENAME TO audit_events_gone")
        .execute(&srv.db.db.pool)
        .await
        .expect("rename");
    let res = admin
        .post(srv.url("/api/fetch_audit"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let id = request_id(&res);
    let body = res.text().await.expect("body");
    let answer: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
    let reference = answer["internal"]["reference"]
        .as_str()
        .unwrap_or_else(|| panic!("the answer gives a reference: {body}"))
        .to_string();
    assert!(
        !body.contains("audit_events"),
        "the browser sees no database detail: {body}"
    );

    let text = log_text();
    let line = text
        .lines()
        .find(|l| l.contains(&reference))
        .unwrap_or_else(|| panic!("a log line carries reference {reference}:\n{text}"));
    assert!(line.contains(&id), "it names request {id}: {line}");
    assert!(
        line.contains("endpoint=\"fetch_audit\""),
        "it names the endpoint: {line}"
    );
    assert!(line.contains("role=\"admin\""), "it names the role: {line}");
    assert!(
        line.contains("audit_events"),
        "it carries the database's own message, the cause: {line}"
    );

    // The same failure met on a page, as an organiser sees it: the page is rendered on tasks of
    // its own, and its log line still names the request.
    let res = admin
        .get(srv.url(app::routes::ADMIN_AUDIT))
        .send()
        .await
        .expect("page");
    let id = request_id(&res);
    let html = res.text().await.expect("page");
    let code = html
        .split("kode ")
        .skip(1)
        .map(|rest| rest.chars().take(8).collect::<String>())
        .find(|c| c.len() == 8 && c.chars().all(|ch| ch.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("the page shows the error's code: {html}"));
    let text = log_text();
    let line = text
        .lines()
        .find(|l| l.contains(&code))
        .unwrap_or_else(|| panic!("a log line carries code {code}:\n{text}"));
    assert!(line.contains(&id), "it names request {id}: {line}");
    srv.db.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_reference_leads_to_its_request_sqlite() {
    support::bounded(an_error_reference_leads_to_its_request(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_reference_leads_to_its_request_postgres() {
    support::bounded(an_error_reference_leads_to_its_request(Backend::Postgres)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_id_is_ours_and_no_password_is_logged() {
    log();
    let Some(srv) = TestServer::start(Backend::Sqlite).await else {
        return;
    };
    let client = srv.client();
    let res = client
        .post(srv.url("/api/login"))
        .header("accept", "application/json")
        .header("x-request-id", "forged-by-the-caller")
        .form(&[
            ("email", "admin@inovasi.test"),
            ("password", demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), StatusCode::OK);
    let id = request_id(&res);
    assert_ne!(id, "forged-by-the-caller");
    assert_eq!(id.len(), 16, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");

    let second = request_id(
        &reqwest::get(srv.url(app::routes::GALLERY))
            .await
            .expect("get"),
    );
    assert_ne!(second, id, "each request its own id");

    let text = log_text();
    assert!(
        text.lines()
            .any(|l| l.contains(&id) && l.contains("answered") && l.contains("status=200")),
        "the sign-in is logged as answered, under its id:\n{text}"
    );
    assert!(
        !text.contains(demo::DEMO_PASSWORD),
        "no password in the log:\n{text}"
    );
    assert!(!text.contains("forged-by-the-caller"), "{text}");
    srv.db.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_needs_the_database_and_its_schema_liveness_does_not() {
    log();
    let Some(srv) = TestServer::start(Backend::Sqlite).await else {
        return;
    };
    let ready = reqwest::get(srv.url("/readyz")).await.expect("readyz");
    assert_eq!(ready.status(), StatusCode::OK);
    srv.db.destroy().await;

    // A database with no schema yet (a server started before `inovasi migrate` ran).
    let Some(empty) = TestDb::empty(Backend::Sqlite).await else {
        return;
    };
    let base = support::serve(server::router(support::state(&empty.db))).await;
    let health = reqwest::get(format!("{base}/healthz"))
        .await
        .expect("healthz");
    assert_eq!(health.status(), StatusCode::OK, "the process is alive");
    let ready = reqwest::get(format!("{base}/readyz"))
        .await
        .expect("readyz");
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        ready.text().await.expect("body"),
        "database schema out of date"
    );

    // The schema there, but one migration short of this binary's.
    empty.db.migrate_to(1).await.expect("first migration");
    let ready = reqwest::get(format!("{base}/readyz"))
        .await
        .expect("readyz");
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        ready.text().await.expect("body"),
        "database schema out of date"
    );
    empty.db.migrate().await.expect("the rest");
    let ready = reqwest::get(format!("{base}/readyz"))
        .await
        .expect("readyz");
    assert_eq!(ready.status(), StatusCode::OK);
    empty.destroy().await;
}
