//! The server process killed (SIGKILL, no chance to clean up) while 50 writers save drafts or
//! score sheets at once, on both databases: every save the server acknowledged is in the
//! database afterwards. A device drops its pending copy of a save only once it is acknowledged
//! (docs/sync.md), so an acknowledged save that vanished would be work lost for good.

mod support;

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::models::{comment_field, SaveOutcome};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use support::{Backend, TestDb};

const WRITERS: usize = 50;

/// The real `inovasi` binary serving `url` on a free port, killed when dropped.
struct Server {
    child: Child,
    base: String,
    _files: support::Scratch,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn inovasi(database_url: &str, files: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_inovasi"));
    command
        .env("DATABASE_URL", database_url)
        .env("INOVASI_FILES_DIR", files)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

async fn start(database_url: &str, judging: bool) -> Server {
    let files = support::Scratch::new("crash");
    let mut seed = inovasi(database_url, &files.0);
    seed.arg("seed-demo");
    if judging {
        seed.arg("--judging");
    }
    let status = seed.status().expect("run inovasi seed-demo");
    assert!(status.success(), "seed-demo failed");
    if judging {
        // Fifty more judges with a sheet each, so that fifty judges write at once.
        let db = app::server::Db::connect(database_url, 4)
            .await
            .expect("open the seeded database");
        bench::seed::judges(&db, &support::hasher(), 50, 1)
            .await
            .expect("seed fifty judges");
        db.pool.close().await;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = inovasi(database_url, &files.0)
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("start inovasi serve");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _files: files,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(res) = reqwest::get(format!("{}/healthz", server.base)).await {
            if res.status() == StatusCode::OK {
                return server;
            }
        }
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn signed_in(base: &str, email: &str) -> Client {
    let c = Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let res = c
        .post(format!("{base}/api/login"))
        .header("accept", "application/json")
        .form(&[
            ("email", email),
            ("password", app::server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), StatusCode::OK, "login {email}");
    c
}

/// One writer: saves `field` of `record` again and again with a new value each time, until the
/// server is gone; returns the last value the server acknowledged.
async fn write_until_gone(
    client: Client,
    url: String,
    record: String,
    field: String,
    writer: usize,
    acknowledged: Arc<Mutex<usize>>,
) -> Option<String> {
    let mut version = 0;
    let mut base = Value::Null;
    let mut last = None;
    for n in 0.. {
        let value = format!("penulis {writer} simpanan {n}");
        let body = json!({ "request": {
            "proposal_id": record, "base_version": version, "key": format!("{writer}-{n}"),
            "changes": [{ "field": field, "base": base, "value": value }] } });
        let Ok(res) = client
            .post(&url)
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await
        else {
            return last;
        };
        if res.status() != StatusCode::OK {
            // The server died mid-answer, or refused: nothing was acknowledged.
            return last;
        }
        let Ok(outcome) = res.json::<SaveOutcome>().await else {
            return last;
        };
        match outcome {
            SaveOutcome::Saved { version: v, .. } => {
                version = v;
                base = Value::String(value.clone());
                last = Some(value);
                if let Ok(mut count) = acknowledged.lock() {
                    *count += 1;
                }
            }
            // The sheet already held a value for the field (an earlier demo comment): start
            // from it, as a device would after choosing.
            SaveOutcome::Conflict {
                version: v, theirs, ..
            } if last.is_none() => {
                version = v;
                base = theirs
                    .into_iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, value)| value)
                    .unwrap_or(Value::Null);
            }
            other => panic!("writer {writer}: a save of its own record answered {other:?}"),
        }
    }
    last
}

/// Starts the writers, kills the server once they have been acknowledged a few hundred saves,
/// and returns what each writer was last acknowledged.
async fn kill_during(
    server: &mut Server,
    writers: Vec<(Client, String, String, String)>,
) -> Vec<(String, String, Option<String>)> {
    let acknowledged = Arc::new(Mutex::new(0usize));
    let mut tasks = Vec::new();
    for (i, (client, url, record, field)) in writers.into_iter().enumerate() {
        let ack = acknowledged.clone();
        let (r, f) = (record.clone(), field.clone());
        tasks.push((
            record,
            field,
            tokio::spawn(write_until_gone(client, url, r, f, i, ack)),
        ));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().map(|c| *c).unwrap_or(0) < 4 * WRITERS {
        assert!(Instant::now() < deadline, "the saves did not get going");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // SIGKILL: no shutdown, no flushing, no rollback by the process.
    server.child.kill().expect("kill -9");
    server.child.wait().expect("reaped");
    let killed_at = acknowledged.lock().map(|c| *c).unwrap_or(0);
    let mut out = Vec::new();
    for (record, field, task) in tasks {
        out.push((record, field, task.await.expect("writer")));
    }
    eprintln!(
        "killed with {} writers after {killed_at} acknowledged saves",
        out.len()
    );
    out
}

/// Every acknowledged value is in the database (or a later one from the same writer, whose
/// acknowledgement the kill cut off).
fn assert_kept(writer: usize, stored: Option<String>, acked: &Option<String>) {
    let Some(acked) = acked else { return };
    let number = |s: &str| {
        s.rsplit(' ')
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let stored = stored.unwrap_or_else(|| panic!("writer {writer}: {acked:?} was lost"));
    assert!(
        stored.starts_with(&format!("penulis {writer} ")) && number(&stored) >= number(acked),
        "writer {writer}: acknowledged {acked:?}, the database holds {stored:?}"
    );
}

async fn drafts(backend: Backend) {
    let Some(db) = TestDb::empty(backend).await else {
        return;
    };
    let mut server = start(&db.url, false).await;
    let member = signed_in(&server.base, "staf.dukcapil@inovasi.test").await;
    let url = format!("{}/api/save_draft", server.base);
    let writers = (0..WRITERS)
        .map(|_| {
            // Ids minted as a device mints them: each writer its own new proposal.
            let id = uuid::Uuid::new_v4().to_string();
            (member.clone(), url.clone(), id, "title".to_string())
        })
        .collect();
    let results = kill_during(&mut server, writers).await;
    let mut checked = 0;
    for (i, (record, _, acked)) in results.iter().enumerate() {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT value FROM proposal_fields WHERE proposal_id = $1 AND field = 'title'",
        )
        .bind(record)
        .fetch_optional(&db.db.pool)
        .await
        .expect("read");
        let stored = stored.and_then(|json| serde_json::from_str::<String>(&json).ok());
        checked += usize::from(acked.is_some());
        assert_kept(i, stored, acked);
    }
    assert!(
        checked > WRITERS / 2,
        "only {checked} writers were acknowledged"
    );
    drop(server);
    db.destroy().await;
}

async fn score_sheets(backend: Backend) {
    let Some(db) = TestDb::empty(backend).await else {
        return;
    };
    let mut server = start(&db.url, true).await;
    // Open sheets, one writer each: the bench judges' first.
    let open: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT u.email, a.proposal_id, MIN(c.id) FROM judge_assignments a
         JOIN users u ON u.id = a.judge_id
         JOIN proposals p ON p.id = a.proposal_id
         JOIN criteria c ON c.competition_id = p.competition_id
         WHERE NOT EXISTS (SELECT 1 FROM score_sheets s WHERE s.proposal_id = a.proposal_id
                           AND s.judge_id = a.judge_id AND s.status = 'submitted')
           AND NOT EXISTS (SELECT 1 FROM conflict_declarations d
                           WHERE d.proposal_id = a.proposal_id AND d.judge_id = a.judge_id)
         GROUP BY u.email, a.proposal_id ORDER BY u.email, a.proposal_id",
    )
    .fetch_all(&db.db.pool)
    .await
    .expect("open sheets");
    assert!(open.len() >= WRITERS, "{} open sheets", open.len());
    let url = format!("{}/api/save_score_sheet", server.base);
    let mut clients = std::collections::HashMap::new();
    let mut writers = Vec::new();
    for (email, proposal, criterion) in open.into_iter().take(WRITERS) {
        if !clients.contains_key(&email) {
            clients.insert(email.clone(), signed_in(&server.base, &email).await);
        }
        let client = clients[&email].clone();
        writers.push((client, url.clone(), proposal, comment_field(criterion)));
    }
    let results = kill_during(&mut server, writers).await;
    for (i, (proposal, field, acked)) in results.iter().enumerate() {
        let criterion: i64 = field.trim_start_matches('c').parse().expect("criterion");
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT sc.comment FROM scores sc JOIN score_sheets s ON s.id = sc.sheet_id
             WHERE s.proposal_id = $1 AND sc.criterion_id = $2 AND sc.comment LIKE $3",
        )
        .bind(proposal)
        .bind(criterion)
        .bind(format!("penulis {i} %"))
        .fetch_optional(&db.db.pool)
        .await
        .expect("read");
        assert_kept(i, stored, acked);
    }
    drop(server);
    db.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_drafts_survive_a_kill_on_sqlite() {
    support::bounded(drafts(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_drafts_survive_a_kill_on_postgres() {
    support::bounded(drafts(Backend::Postgres)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_scores_survive_a_kill_on_sqlite() {
    support::bounded(score_sheets(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_scores_survive_a_kill_on_postgres() {
    support::bounded(score_sheets(Backend::Postgres)).await;
}
