//! Random and malformed requests against every server function and every route, on both
//! databases, as every role and as nobody: wrong types, unknown and deeply nested fields, huge
//! arrays and deep JSON, broken multipart, invalid UTF-8, hostile text. After each burst:
//! no 5xx (a malformed request is the sender's fault: 4xx), the server still answers, and in
//! the end nothing was stored — every table holds what it held before, row for row.
//!
//! The payloads come from a seeded generator: a failure names its seed and request, and the
//! same seed repeats it (`INOVASI_FUZZ_SEED`). Bounded in time: about 20 s per database.

mod support;

use app::server::infra::backup;
use app::server::infra::files::FileStore;
use reqwest::{Client, Method, StatusCode};
use support::{Backend, TestServer};

/// Every signed-in role of the demo, and nobody.
const WHO: [Option<&str>; 5] = [
    None,
    Some("admin@inovasi.test"),
    Some("juri1@inovasi.test"),
    Some("kepala.dukcapil@inovasi.test"),
    Some("staf.dukcapil@inovasi.test"),
];

/// Field names the server functions use, so that some payloads get past the first unknown key.
const KEYS: &[&str] = &[
    "id",
    "proposal_id",
    "competition_id",
    "question_id",
    "attachment_id",
    "sheet_id",
    "user_id",
    "agency_id",
    "title",
    "name",
    "email",
    "password",
    "token",
    "reason",
    "note",
    "phase",
    "request",
    "form",
    "criteria",
    "decisions",
    "lang",
    "page",
    "q",
];

/// The seeded source of every choice: the same seed, the same requests.
struct Dice(rand::rngs::StdRng);

impl Dice {
    fn new(seed: u64) -> Dice {
        use rand::SeedableRng;
        Dice(rand::rngs::StdRng::seed_from_u64(seed))
    }

    fn below(&mut self, n: usize) -> usize {
        use rand::Rng;
        self.0.gen_range(0..n)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A value as a hostile or careless client would send it.
fn value(d: &mut Dice) -> String {
    match d.below(14) {
        0 => String::new(),
        1 => "-1".into(),
        2 => "99999999999999999999999999".into(),
        3 => "1e308".into(),
        4 => "NaN".into(),
        5 => "true".into(),
        6 => "x".repeat(10_000 + d.below(50_000)),
        7 => "X</title><script>alert(1)</script>".into(),
        8 => "=HYPERLINK(\"http://evil.example\")".into(),
        9 => "\u{0}\u{1}\u{7f}\u{202E}".into(),
        10 => uuid::Uuid::new_v4().to_string(),
        11 => "{\"a\":[1,{\"b\":null}]}".into(),
        12 => "../../etc/passwd".into(),
        _ => (0..d.below(40))
            .map(|_| char::from(32 + d.below(95) as u8))
            .collect(),
    }
}

fn key(d: &mut Dice) -> String {
    let base = d.pick(KEYS).to_string();
    match d.below(6) {
        0 => format!("{base}[{}]", d.below(1000)),
        1 => format!("{base}{}", "[a]".repeat(1 + d.below(300))),
        2 => format!("{base}[]"),
        3 => value(d).chars().take(30).collect(),
        _ => base,
    }
}

/// One request body with its content type.
fn payload(d: &mut Dice) -> (Option<&'static str>, Vec<u8>) {
    const FORM: &str = "application/x-www-form-urlencoded";
    const JSON: &str = "application/json";
    match d.below(12) {
        // Random fields, percent-encoded properly.
        0..=3 => {
            let pairs: Vec<(String, String)> =
                (0..d.below(8)).map(|_| (key(d), value(d))).collect();
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            (Some(FORM), body.into_bytes())
        }
        // Broken percent-encoding and bytes that are not UTF-8.
        4 => (Some(FORM), b"title=%ZZ%&id=%C3%28&\xff\xfe\xfd=\xc0\xaf".to_vec()),
        // JSON nested deeper than any parser should follow.
        5 => {
            let depth = 5_000 + d.below(20_000);
            let mut body = "[".repeat(depth).into_bytes();
            body.extend(std::iter::repeat_n(b']', depth));
            (Some(JSON), body)
        }
        // A huge array where a record is expected.
        6 => {
            let items = vec!["0"; 100_000 + d.below(100_000)].join(",");
            (Some(JSON), format!("{{\"request\":[{items}]}}").into_bytes())
        }
        // The right shape with the wrong types.
        7 => (
            Some(JSON),
            br#"{"request":{"proposal_id":{"x":1},"base_version":"nol","changes":"semua","key":[1,2]}}"#
                .to_vec(),
        ),
        // Cut off in the middle.
        8 => (Some(JSON), br#"{"request":{"proposal_id":"abc","chan"#.to_vec()),
        // Multipart that never closes, with a field far larger than any id.
        9 => {
            let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"proposal_id\"\r\n\r\n".to_vec();
            body.extend(std::iter::repeat_n(b'a', 300_000));
            body.extend_from_slice(b"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4");
            (Some("multipart/form-data; boundary=XyZ"), body)
        }
        // A content type nobody speaks, and none at all.
        10 => (Some("application/x-made-up"), value(d).into_bytes()),
        _ => (None, Vec::new()),
    }
}

/// A page address with its parameters filled with junk and a junk query.
fn page_address(d: &mut Dice, route: &str) -> String {
    let path: Vec<String> = route
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') || segment.starts_with(':') {
                let junk = value(d);
                let junk: String = junk.chars().take(200).collect();
                form_urlencoded::byte_serialize(junk.as_bytes()).collect()
            } else {
                segment.to_string()
            }
        })
        .collect();
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs((0..d.below(4)).map(|_| {
            let v: String = value(d).chars().take(500).collect();
            (key(d), v)
        }))
        .finish();
    format!("{}?{query}", path.join("/"))
}

/// Every kept table as a backup writes it (sorted, every column).
async fn snapshot(srv: &TestServer) -> Vec<(String, String)> {
    let dir = support::Scratch::new("fuzz");
    backup::backup(&srv.db.db, &FileStore::memory(), &dir.0)
        .await
        .expect("snapshot");
    support::backup_tables(&dir.0)
}

/// Tables that requests are meant to change whatever they carry: the trail of sign-ins,
/// refusals and downloads.
const CHANGED_BY_ANY_REQUEST: &[&str] = &["audit_events"];

async fn fuzz(backend: Backend) {
    let Some(srv) = TestServer::start(backend).await else {
        return;
    };
    let seed = std::env::var("INOVASI_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::from(rand_seed()));
    eprintln!("fuzz seed {seed} (INOVASI_FUZZ_SEED={seed} repeats this run)");
    let mut d = Dice::new(seed);
    let mut clients: Vec<(Option<&str>, Client)> = Vec::new();
    for who in WHO {
        let client = match who {
            Some(email) => srv.signed_in(email).await,
            None => srv.client(),
        };
        clients.push((who, client));
    }
    // After signing in, which rightly records when each account last did.
    let before = snapshot(&srv).await;
    let fns: Vec<String> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert!(fns.len() > 50, "{} server functions", fns.len());
    let mut sent = 0usize;
    for path in &fns {
        // Ending the session would leave the rest of the run anonymous; logging out is a
        // request that is meant to change something.
        if path.ends_with("/logout") {
            continue;
        }
        for (who, client) in &clients {
            for _ in 0..4 {
                let (content_type, body) = payload(&mut d);
                let mut request = client.request(Method::POST, srv.url(path));
                if let Some(ct) = content_type {
                    request = request.header("content-type", ct);
                }
                if d.below(2) == 0 {
                    request = request.header("accept", "application/json");
                }
                let context = format!(
                    "seed {seed}, {who:?} POST {path} ({content_type:?}, {} bytes: {:?}…)",
                    body.len(),
                    String::from_utf8_lossy(&body[..body.len().min(80)])
                );
                let res = request.body(body).send().await;
                sent += 1;
                // The server may close the connection on a body it refuses while it is still
                // arriving; that is an answer too. A status is checked when there is one.
                if let Ok(res) = res {
                    assert!(
                        !res.status().is_server_error(),
                        "{context}: {} {}",
                        res.status(),
                        res.text().await.unwrap_or_default()
                    );
                }
            }
            if d.below(2) == 0 {
                // (A connection the server closed on a refused body may fail the next request.)
                if let Ok(res) = client.get(srv.url(path)).send().await {
                    assert!(
                        !res.status().is_server_error(),
                        "GET {path}: {}",
                        res.status()
                    );
                }
            }
        }
        alive(&srv).await;
    }

    // Every page, download and export, with junk in its parameters and query.
    let mut routes = server::page_paths();
    routes.extend(
        [
            "/files/{id}",
            "/admin/compliance.csv",
            "/admin/audit.csv",
            "/admin/results.csv",
            "/admin/results.xlsx",
            "/admin/results/berita-acara.pdf",
            "/admin/results/piagam/{id}",
            "/galeri.json",
            "/galeri.csv",
            "/lambang.png",
        ]
        .map(String::from),
    );
    for route in &routes {
        for (who, client) in &clients {
            for _ in 0..2 {
                let address = page_address(&mut d, route);
                let res = client.get(srv.url(&address)).send().await;
                sent += 1;
                if let Ok(res) = res {
                    assert!(
                        !res.status().is_server_error(),
                        "seed {seed}, {who:?} GET {}: {}",
                        address.chars().take(300).collect::<String>(),
                        res.status()
                    );
                }
            }
        }
        alive(&srv).await;
    }
    eprintln!("fuzz: {sent} requests");

    let after = snapshot(&srv).await;
    assert_eq!(before.len(), after.len());
    for ((name, was), (_, is)) in before.iter().zip(&after) {
        if CHANGED_BY_ANY_REQUEST.contains(&name.as_str()) {
            continue;
        }
        assert!(
            was == is,
            "seed {seed}: {name} changed under malformed requests"
        );
    }
    srv.db.destroy().await;
}

fn rand_seed() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(7)
}

async fn alive(srv: &TestServer) {
    let res = reqwest::get(srv.url("/healthz")).await.expect("healthz");
    assert_eq!(res.status(), StatusCode::OK, "the server stopped answering");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_4xx_and_store_nothing_on_sqlite() {
    support::bounded(fuzz(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_4xx_and_store_nothing_on_postgres() {
    support::bounded(fuzz(Backend::Postgres)).await;
}
