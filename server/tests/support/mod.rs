//! Test support: a fresh database per test on SQLite and on Postgres, and a running server.
//!
//! Postgres is found at `INOVASI_TEST_POSTGRES_URL` (default: the local server on 127.0.0.1:5432).
//! Each test creates its own database there and drops it afterwards. When Postgres cannot be
//! reached the Postgres half of each test is skipped loudly, except when `CI=true`, where that is
//! a failure.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use app::server::http::state::SecurityConfig;
use app::server::infra::passwords::PasswordHasher;
use app::server::{demo, AppState, Db};
use server::Config;

pub const DEFAULT_PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A throwaway database; dropping it removes the SQLite file or the Postgres database.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "inovasi_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        uuid::Uuid::new_v4()
            .simple()
            .to_string()
            .get(..8)
            .unwrap_or("x")
    )
}

fn pg_admin_url() -> String {
    std::env::var("INOVASI_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_PG_ADMIN_URL.to_string())
}

fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// Server log lines (internal errors carry their detail only there) go to the test's output.
fn init_tracing() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,app=info")
        .with_test_writer()
        .try_init();
}

impl TestDb {
    /// A fresh, migrated database, or `None` when Postgres is unreachable outside CI.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        TestDb::create(backend, true).await
    }

    /// A fresh database without any table (what a restore starts from).
    #[allow(dead_code)]
    pub async fn empty(backend: Backend) -> Option<TestDb> {
        TestDb::create(backend, false).await
    }

    async fn create(backend: Backend, migrate: bool) -> Option<TestDb> {
        init_tracing();
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                let url = format!("sqlite://{}", path.display());
                let db = Db::connect(&url, 8).await.expect("open sqlite");
                if migrate {
                    db.migrate().await.expect("migrate sqlite");
                }
                Some(TestDb {
                    db,
                    url,
                    cleanup: Cleanup::File(path),
                })
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let admin = match Db::connect(&admin_url, 1).await {
                    Ok(a) => a,
                    Err(e) => {
                        if in_ci() {
                            panic!("CI=true and Postgres is unreachable at {admin_url}: {e}");
                        }
                        eprintln!(
                            "\n!!!!!!!! SKIPPING the Postgres half of this test: cannot reach {admin_url} ({e}).\n\
                             !!!!!!!! Set INOVASI_TEST_POSTGRES_URL or start Postgres. In CI this is a failure.\n"
                        );
                        return None;
                    }
                };
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin.pool)
                    .await
                    .expect("create test database");
                admin.pool.close().await;
                let url = match admin_url.rsplit_once('/') {
                    Some((base, _)) => format!("{base}/{name}"),
                    None => panic!("INOVASI_TEST_POSTGRES_URL needs a database part"),
                };
                let db = Db::connect(&url, 8).await.expect("connect test database");
                if migrate {
                    db.migrate().await.expect("migrate postgres");
                }
                Some(TestDb {
                    db,
                    url,
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }

    /// Closes the pool and removes the database.
    pub async fn destroy(self) {
        self.db.pool.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(admin) = Db::connect(&admin_url, 1).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&admin.pool)
                        .await;
                    admin.pool.close().await;
                }
            }
        }
    }
}

/// Cheap to build once per test binary: the decoy hash in a `PasswordHasher` costs one argon2 run.
pub fn hasher() -> PasswordHasher {
    PasswordHasher::new(2).expect("hasher")
}

/// A site root with compressible stand-ins for the built assets: how they are served, not what
/// they contain, is under test.
fn test_site_root() -> String {
    static ROOT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("inovasi-test-site-{}", std::process::id()));
        let pkg = root.join("pkg");
        std::fs::create_dir_all(&pkg).expect("site root");
        std::fs::write(pkg.join("inovasi.wasm"), "wasm ".repeat(2000)).expect("wasm");
        std::fs::write(pkg.join("inovasi.css"), "body { margin: 0 }\n".repeat(200)).expect("css");
        std::fs::write(
            root.join("sw.js"),
            "self.addEventListener('fetch', () => {});\n",
        )
        .expect("sw");
        root.display().to_string()
    })
    .clone()
}

/// An `AppState` on a test database.
pub fn state(db: &Db) -> AppState {
    let config = Config {
        database_url: String::new(),
        site_addr: "127.0.0.1:0".parse().expect("addr"),
        site_root: test_site_root(),
        env: leptos::config::Env::PROD,
        trust_proxy: false,
        public_url: None,
        max_connections: 8,
        files: server::FilesConfig::Directory(std::env::temp_dir().join("unused")),
        smtp: None,
        webhook: None,
        templates_dir: None,
    };
    AppState {
        leptos_options: config.leptos_options(),
        db: db.clone(),
        hasher: hasher(),
        files: app::server::infra::files::FileStore::memory(),
        security: Arc::new(SecurityConfig {
            trust_proxy: false,
            secure_cookies: false,
            public_url: None,
        }),
        caches: Default::default(),
        mailer: None,
        webhook: None,
        templates: Default::default(),
        live: app::server::presentation::hub::RoomHub::start(db),
    }
}

use reqwest::{Client, StatusCode};

/// `app` on a free port of its own: its base address.
#[allow(dead_code)]
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    format!("http://{addr}")
}

/// The real router on a free port, over a fresh database holding the demo data.
pub struct TestServer {
    pub base: String,
    pub db: TestDb,
    /// The server's attachment store (in memory).
    pub files: app::server::infra::files::FileStore,
}

impl TestServer {
    pub async fn start(backend: Backend) -> Option<TestServer> {
        Self::start_with(backend, demo::Scenario::Submission).await
    }

    /// The same over the demo at another moment of the year (e.g. mid-way through judging).
    pub async fn start_with(backend: Backend, scenario: demo::Scenario) -> Option<TestServer> {
        Self::start_with_mailer(backend, scenario, None).await
    }

    /// The same, e-mailing through `mailer` (a test SMTP server).
    pub async fn start_with_mailer(
        backend: Backend,
        scenario: demo::Scenario,
        mailer: Option<app::server::infra::mail::Mailer>,
    ) -> Option<TestServer> {
        Self::start_tuned(backend, scenario, |state| state.mailer = mailer).await
    }

    /// The same with `tune` applied to the server's state first (a mailer, replaced templates).
    pub async fn start_tuned(
        backend: Backend,
        scenario: demo::Scenario,
        tune: impl FnOnce(&mut AppState),
    ) -> Option<TestServer> {
        let db = TestDb::new(backend).await?;
        let mut state = state(&db.db);
        tune(&mut state);
        demo::seed_scenario(&state.db, &state.hasher, scenario)
            .await
            .expect("seed");
        let files = state.files.clone();
        Some(TestServer {
            base: serve(server::router(state)).await,
            db,
            files,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A second server process's worth over the same database (its own state, pool and room
    /// listener, as behind a load balancer): its base address.
    #[allow(dead_code)]
    pub async fn beside(&self) -> String {
        let db = Db::connect(&self.db.url, 4).await.expect("second pool");
        serve(server::router(state(&db))).await
    }

    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .build()
            .expect("client")
    }

    pub async fn call(
        &self,
        client: &Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let res = client
            .post(self.url(path))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        let status = res.status();
        (status, res.text().await.expect("body"))
    }

    /// A browser without script, signed in as `email`: it stops at each redirect, as a test
    /// reads where a plain form's post leads.
    #[allow(dead_code)]
    pub async fn plain_browser(&self, email: &str) -> Client {
        let c = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        self.sign_in(&c, email).await;
        c
    }

    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        self.sign_in(&c, email).await;
        c
    }

    async fn sign_in(&self, client: &Client, email: &str) {
        let (status, body) = self
            .call(
                client,
                "/api/login",
                &[("email", email), ("password", demo::DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {email}: {body}");
    }

    /// A plain form posted to `endpoint` from `page`, as a browser without script posts it (its
    /// page named in `Referer`), followed to where it leads: that address and its HTML. Refused:
    /// 303 back to the page with the error; done: the function's own redirect (302).
    #[allow(dead_code)]
    pub async fn post_form(
        &self,
        client: &Client,
        endpoint: &str,
        page: &str,
        form: &(impl serde::Serialize + ?Sized),
    ) -> (String, String) {
        let res = client
            .post(self.url(endpoint))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(page))
            .form(form)
            .send()
            .await
            .expect("post");
        assert!(
            res.status().is_redirection(),
            "{endpoint}: {}",
            res.status()
        );
        let location = res.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_string();
        let html = self.page(client, &location).await;
        (location, html)
    }

    /// The page at `path` as `client` gets it.
    #[allow(dead_code)]
    pub async fn page(&self, client: &Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body")
    }
}

/// How long one test body may take, however busy the machine: a test that has not finished by
/// then hangs, and fails with its name instead of holding up the whole run.
pub const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(240);

/// Runs a test body, failing it if it outlasts `TEST_LIMIT`.
pub async fn bounded<F: std::future::Future>(body: F) -> F::Output {
    match tokio::time::timeout(TEST_LIMIT, body).await {
        Ok(out) => out,
        Err(_) => panic!("the test did not finish within {TEST_LIMIT:?}: something hangs"),
    }
}

/// Runs one test body against SQLite and then Postgres, each on a fresh database.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            use super::*;

            async fn run($db: app::server::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = support::TestDb::new(support::Backend::Sqlite).await.expect("sqlite");
                support::bounded(run(t.db.clone())).await;
                t.destroy().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(t) = support::TestDb::new(support::Backend::Postgres).await else { return };
                support::bounded(run(t.db.clone())).await;
                t.destroy().await;
            }
        }
    };
}

/// A demo account as the server functions see it (signed in, active).
#[allow(dead_code)]
pub async fn user(db: &Db, email: &str) -> app::models::CurrentUser {
    use app::server::people::users;
    use app::validation::Email;
    let id = users::id_by_email(db, &Email::parse(email).expect("email"))
        .await
        .expect("lookup")
        .expect("exists");
    users::load_current(db, id)
        .await
        .expect("load")
        .expect("active")
}

/// Runs one HTTP test body against a server over SQLite and then over Postgres, each seeded
/// with the given moment of the demo year.
#[macro_export]
macro_rules! on_both_servers {
    ($name:ident, $scenario:expr, |$srv:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($srv: &support::TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let s = support::TestServer::start_with(support::Backend::Sqlite, $scenario)
                    .await
                    .expect("sqlite");
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(s) =
                    support::TestServer::start_with(support::Backend::Postgres, $scenario).await
                else {
                    return;
                };
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
        }
    };
}

/// A minimal SMTP server on a free port that accepts every message and keeps its text, so the
/// mail the app sends can be read back. Speaks just enough of RFC 5321 for lettre (no TLS, no
/// authentication: `smtp://127.0.0.1:<port>`).
#[allow(dead_code)]
pub async fn smtp_sink() -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let sink = SmtpSink::start().await;
    (sink.url, sink.inbox)
}

/// The same, with a switch: while `refuse` is on, every message is turned away with a
/// temporary failure (451), as a full or broken mail server does. An address with `tidak.ada`
/// in it is refused for good at `RCPT` (550), as a mailbox that does not exist is.
#[allow(dead_code)]
pub struct SmtpSink {
    pub url: String,
    pub inbox: Arc<std::sync::Mutex<Vec<String>>>,
    pub refuse: Arc<std::sync::atomic::AtomicBool>,
    /// Connections accepted so far.
    pub connections: Arc<std::sync::atomic::AtomicUsize>,
}

#[allow(dead_code)]
impl SmtpSink {
    pub async fn start() -> SmtpSink {
        use std::sync::atomic::{AtomicBool, Ordering};
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let inbox = Arc::new(std::sync::Mutex::new(Vec::new()));
        let refuse = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (kept, refusing, accepted) = (inbox.clone(), refuse.clone(), connections.clone());
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::SeqCst);
                let (inbox, refuse) = (kept.clone(), refusing.clone());
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(text) = data.as_mut() {
                            if line == "." {
                                let reply: &[u8] = if refuse.load(Ordering::SeqCst) {
                                    b"451 mailbox busy, try later\r\n"
                                } else {
                                    inbox.lock().expect("inbox").push(std::mem::take(text));
                                    b"250 queued\r\n"
                                };
                                data = None;
                                let _ = write.write_all(reply).await;
                            } else {
                                text.push_str(&line);
                                text.push('\n');
                            }
                            continue;
                        }
                        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            // A mailbox that does not exist, as a real server says so.
                            "RCPT" if line.contains("tidak.ada") => {
                                b"550 5.1.1 no such mailbox\r\n"
                            }
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink {
            url: format!("smtp://127.0.0.1:{port}"),
            inbox,
            refuse,
            connections,
        }
    }

    pub fn refusing(&self, on: bool) {
        self.refuse.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many connections the mail server has taken.
    pub fn connections(&self) -> usize {
        self.connections.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The messages received so far.
    pub fn received(&self) -> Vec<String> {
        self.inbox.lock().expect("inbox").clone()
    }

    pub fn mailer(&self) -> app::server::infra::mail::Mailer {
        app::server::infra::mail::Mailer::new(&self.url, "Inovasi <inovasi@wonosobo.test>")
            .expect("mailer")
    }
}

/// A real one-page PDF saying `text`, whose information dictionary names `author` (as a
/// clerk's word processor would), built the same way every time.
#[allow(dead_code)]
pub fn pdf_by(author: &str, text: &str) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        format!("BT /F1 12 Tf 72 760 Td ({text}) Tj ET").into_bytes(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! { "Author" => Object::string_literal(author) });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a test PDF");
    out
}

/// Whether `needle` occurs in the bytes.
#[allow(dead_code)]
pub fn bytes_contain(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A directory under the system's temporary one, removed with everything in it when dropped.
#[allow(dead_code)]
pub struct Scratch(pub std::path::PathBuf);

#[allow(dead_code)]
impl Scratch {
    pub fn new(what: &str) -> Scratch {
        Scratch(
            std::env::temp_dir().join(format!("inovasi-{what}-{}", uuid::Uuid::new_v4().simple())),
        )
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every table file of a backup in `dir`, decompressed, by table name, sorted.
#[allow(dead_code)]
pub fn backup_tables(dir: &std::path::Path) -> Vec<(String, String)> {
    use std::io::Read;
    let mut tables: Vec<(String, String)> = std::fs::read_dir(dir.join("tables"))
        .expect("tables")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .trim_end_matches(".jsonl.gz")
                .to_string();
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("open"))
                .read_to_string(&mut text)
                .expect("gzip");
            (name, text)
        })
        .collect();
    tables.sort();
    tables
}

/// The body of a GET, as text.
pub async fn body_of(c: &Client, url: String) -> String {
    c.get(url)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text")
}
