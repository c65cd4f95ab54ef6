//! Hostile input against the real router, on both backends: text that tries to become markup or
//! a spreadsheet formula, redirects that try to leave the site, messages smuggled into the
//! address, and the security headers that stand behind escaping.

mod support;

use app::models::{Award, Phase};
use app::server::demo::Scenario;
use app::server::results::{board, deliberation};
use app::server::{year::competitions, year::setup};
use reqwest::{Client, StatusCode};
use scraper::{Html, Selector};
use support::{body_of, user};

/// Text people (or attackers) type, each aimed at a different context.
/// The most telling first: a demo year may have fewer judged proposals than entries here.
const CORPUS: [&str; 8] = [
    "X</title><script>alert(1)</script>",
    "=HYPERLINK(\"http://evil.example\",\"klik\")",
    "\"><img src=x onerror=alert(1)> & 'kutip'",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|'/C calc'!A0",
    "</script><svg onload=alert(1)>",
    "javascript:alert(document.cookie)",
    "Layanan \u{202E}lanruj\u{202C} \u{1F600} terpadu",
];

/// The statuses of `n` form posts to `url`, the `i`-th with the fields `form(i)`.
async fn statuses_of_posts(
    c: &Client,
    url: &str,
    n: usize,
    form: impl Fn(usize) -> Vec<(&'static str, String)>,
) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for i in 0..n {
        let res = c
            .post(url)
            .header("accept", "application/json")
            .form(&form(i))
            .send()
            .await
            .expect("post");
        statuses.push(res.status());
    }
    statuses
}

/// A page that answers 200 and runs no script but ours, parsed.
async fn our_page(srv: &support::TestServer, c: &Client, path: String) -> Html {
    let res = c.get(srv.url(&path)).send().await.expect("page");
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    let page = Html::parse_document(&res.text().await.expect("body"));
    assert_only_our_scripts(&page, &csp, &path);
    page
}

fn select(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Every script in the page is one of ours: it carries the nonce the policy names, or is a file
/// of this site (`script-src 'self'`).
fn assert_only_our_scripts(page: &Html, csp: &str, context: &str) {
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{context}: no nonce in the policy: {csp}"));
    for script in page.select(&select("script")) {
        let own_file = script
            .value()
            .attr("src")
            .is_some_and(|src| src.starts_with('/') && !src.starts_with("//"));
        if own_file {
            continue;
        }
        assert_eq!(
            script.value().attr("nonce"),
            Some(nonce),
            "{context}: a script without our nonce: {}",
            script.html()
        );
    }
    for (name, value) in page
        .select(&select("*"))
        .flat_map(|e| e.value().attrs().collect::<Vec<_>>())
    {
        assert!(
            !name.starts_with("on"),
            "{context}: an event handler attribute {name}={value}"
        );
    }
}

on_both_servers!(
    hostile_titles_stay_text_on_every_page_and_export,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let year = competitions::current(db).await.expect("c").expect("year");
        let rows = board::load(db, year.clone()).await.expect("board").rows;
        assert!(rows.len() >= 5, "enough judged proposals: {}", rows.len());
        // Each hostile text becomes a judged proposal's title, as the wizard stores titles.
        let mut titled = Vec::new();
        for (row, text) in rows.iter().zip(CORPUS) {
            sqlx::query("UPDATE proposals SET title = $1 WHERE id = $2")
                .bind(text)
                .bind(&row.proposal_id)
                .execute(&db.pool)
                .await
                .expect("title");
            sqlx::query(
                "UPDATE proposal_fields SET value = $1 WHERE proposal_id = $2 AND field = 'title'",
            )
            .bind(serde_json::to_string(text).expect("json"))
            .bind(&row.proposal_id)
            .execute(&db.pool)
            .await
            .expect("title field");
            titled.push((row.proposal_id.clone(), text));
        }
        let decisions: Vec<_> = titled
            .iter()
            .map(|(id, _)| (id.clone(), Some(Award::Finalist), false))
            .collect();
        deliberation::save_decisions(db, &admin_user, &decisions)
            .await
            .expect("decide");

        // The organisers' results page and export, before publishing.
        let admin = srv.signed_in("admin@inovasi.test").await;
        let res = admin
            .get(srv.url(app::routes::ADMIN_RESULTS))
            .send()
            .await
            .expect("page");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        let page = Html::parse_document(&res.text().await.expect("body"));
        assert_only_our_scripts(&page, &csp, "/admin/results");
        let cells: Vec<String> = page
            .select(&select("table.results-table a"))
            .map(|a| a.text().collect())
            .collect();
        for (_, text) in &titled {
            assert!(cells.iter().any(|c| c == *text), "{text:?} shown as text");
        }
        let csv = body_of(&admin, srv.url(app::routes::ADMIN_RESULTS_CSV)).await;
        assert!(
            assert_no_live_formula(&csv, "/admin/results.csv") >= 3,
            "/admin/results.csv: the formula texts are there, as text"
        );

        deliberation::lock(db, &admin_user).await.expect("lock");
        setup::move_phase(
            db,
            &app::server::http::state::Caches::default(),
            &admin_user,
            Phase::Published,
        )
        .await
        .expect("publish");

        // The public gallery: each item's page, its title, its link-preview tags.
        let visitor = client();
        for (id, text) in &titled {
            let res = visitor
                .get(srv.url(&format!("/galeri/{id}")))
                .send()
                .await
                .expect("item");
            assert_eq!(res.status(), StatusCode::OK);
            let csp = res.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_string();
            let body = res.text().await.expect("body");
            let page = Html::parse_document(&body);
            let titles: Vec<String> = page
                .select(&select("title"))
                .map(|t| t.text().collect())
                .collect();
            assert_eq!(titles.len(), 1, "one title element: {titles:?}");
            assert!(
                titles[0].starts_with(text.trim()),
                "the title reads as typed: {:?} vs {text:?}",
                titles[0]
            );
            let og = page
                .select(&select("meta[property=\"og:title\"]"))
                .next()
                .and_then(|m| m.value().attr("content").map(str::to_string));
            assert_eq!(og.as_deref(), Some(*text), "og:title");
            assert_only_our_scripts(&page, &csp, &format!("/galeri/{id}"));
        }
        let list = body_of(&visitor, srv.url(app::routes::GALLERY)).await;
        let page = Html::parse_document(&list);
        let cards: Vec<String> = page
            .select(&select(".gallery-card a"))
            .map(|a| a.text().collect())
            .collect();
        for (_, text) in &titled {
            assert!(
                cards.iter().any(|c| c.contains(*text)),
                "{text:?} in the list"
            );
        }
        let csv = body_of(&visitor, srv.url(app::routes::GALLERY_CSV)).await;
        assert!(
            assert_no_live_formula(&csv, "/galeri.csv") >= 3,
            "/galeri.csv: the formula texts are there, as text"
        );
        let json: serde_json::Value = visitor
            .get(srv.url(app::routes::GALLERY_JSON))
            .send()
            .await
            .expect("json")
            .json()
            .await
            .expect("valid JSON");
        let text = json.to_string();
        for (_, hostile) in &titled {
            assert!(
                text.contains(&serde_json::to_string(hostile).expect("json")),
                "{hostile:?} round-trips in the open data"
            );
        }

        // Open data comes in pages, told in the headers; the body stays a plain list.
        let res = visitor
            .get(srv.url("/galeri.json?per_page=2&page=1"))
            .send()
            .await
            .expect("page 1");
        let total: usize = res.headers()["x-total-count"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("a count");
        assert!(total >= titled.len(), "{total}");
        let next = res.headers()["link"].to_str().expect("ascii").to_string();
        assert_eq!(next, "</galeri.json?page=2&per_page=2>; rel=\"next\"");
        let first: Vec<serde_json::Value> = res.json().await.expect("a list");
        assert_eq!(first.len(), 2);
        let last_page = total.div_ceil(2);
        let res = visitor
            .get(srv.url(&format!("/galeri.json?per_page=2&page={last_page}")))
            .send()
            .await
            .expect("last page");
        assert!(
            res.headers().get("link").is_none(),
            "no next after the last page"
        );
        let last: Vec<serde_json::Value> = res.json().await.expect("a list");
        assert_eq!(last.len(), total - (last_page - 1) * 2);
        assert_ne!(first, last);

        // "I want to replicate this" is anonymous: a few per address, then a pause.
        let statuses = statuses_of_posts(&visitor, &srv.url("/api/record_interest"), 11, |n| {
            vec![
                ("proposal_id", titled[0].0.clone()),
                ("name", format!("Pengunjung {n}")),
                ("organisation", "Kabupaten Tetangga".into()),
                ("contact", "pengunjung@example.org".into()),
            ]
        })
        .await;
        assert!(
            statuses[..10].iter().all(|s| s.is_success()),
            "{statuses:?}"
        );
        assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    }
);

/// No cell of the CSV starts like a formula (its text may follow a protective apostrophe).
/// Returns how many cells were formulas made harmless.
fn assert_no_live_formula(csv: &str, context: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut protected = 0;
    for record in reader.records() {
        for cell in record.expect("a CSV record").iter() {
            let first = cell.chars().next();
            let number =
                cell.parse::<f64>().is_ok() || cell.replace(',', ".").parse::<f64>().is_ok();
            assert!(
                number || !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{context}: a live formula {cell:?}"
            );
            if cell.starts_with("'=") || cell.starts_with("'-") || cell.starts_with("'@") {
                protected += 1;
            }
        }
    }
    protected
}

on_both_servers!(
    redirects_stay_on_this_site_and_errors_are_ours,
    Scenario::Submission,
    |srv| {
        let c = client();
        let post = |path: &str, form: &[(&str, &str)], referer: String| {
            c.post(srv.url(path))
                .header("accept", "text/html,application/xhtml+xml")
                .header("referer", referer)
                .form(form)
                .send()
        };
        // A page whose own address starts with two slashes posts a form: the answer never
        // leads off the site.
        for referer in [
            srv.url("//evil.example/x"),
            "https://evil.example/admin".to_string(),
            srv.url("/\\evil.example"),
        ] {
            let res = post("/api/set_language", &[("lang", "id")], referer.clone())
                .await
                .expect("post");
            let location = res.headers()["location"].to_str().expect("ascii");
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.contains("evil"),
                "{referer} led to {location}"
            );
            let res = post(
                "/api/login",
                &[("email", "admin@inovasi.test"), ("password", "salah")],
                referer.clone(),
            )
            .await
            .expect("post");
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().expect("ascii").to_string())
                .unwrap_or_default();
            assert!(!location.contains("evil"), "{referer} led to {location}");
        }

        // A message put into the address by someone else is never shown.
        let lure =
            serde_json::json!({ "internal": { "reference": "AKUN DIBLOKIR hubungi 0812-0000" } });
        let page = c
            .get(srv.url(&format!(
                "/login?error={}",
                form_urlencoded_value(&lure.to_string())
            )))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(!page.contains("DIBLOKIR"), "the smuggled text is not shown");

        // The server's own error comes back by its id, in the words of the dictionary.
        let res = post(
            "/api/login",
            &[("email", "admin@inovasi.test"), ("password", "salah")],
            srv.url(app::routes::LOGIN),
        )
        .await
        .expect("post");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let location = res.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_string();
        let id = location.strip_prefix("/login?error=").expect("an error id");
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        let page = body_of(&c, srv.url(&location)).await;
        assert!(page.contains("Email atau kata sandi salah."), "{page}");
        // Another browser with the same address sees nothing: the error is this session's.
        let stranger = client()
            .get(srv.url(&location))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(!stranger.contains("Email atau kata sandi salah."));
    }
);

fn form_urlencoded_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

on_both_servers!(
    pages_carry_a_strict_policy_and_private_ones_are_not_kept,
    Scenario::Submission,
    |srv| {
        let anon = client();
        let res = anon.get(srv.url("/")).send().await.expect("home");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(
            !csp.contains("'unsafe-inline' 'wasm") && !csp.contains("script-src 'unsafe-inline'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(
            res.headers().get("strict-transport-security").is_none(),
            "plain http: no HSTS"
        );
        assert_ne!(
            res.headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap_or_default()),
            Some("no-store"),
            "a public page may be kept"
        );
        assert_eq!(res.headers()["x-inovasi-account"], "-");
        let body = res.text().await.expect("body");
        let page = Html::parse_document(&body);
        assert_only_our_scripts(&page, &csp, "/");
        // The service worker runs under its script's policy: it may fetch the site's own pages.
        let sw = anon.get(srv.url("/sw.js")).send().await.expect("sw");
        assert_eq!(
            sw.headers()["content-security-policy"],
            "default-src 'self'; frame-ancestors 'none'"
        );
        // Each page gets a nonce of its own, also the public pages answered from memory
        // (http::page_cache): its scripts carry the new one, and none carries the old.
        for path in ["/", "/", "/galeri", "/galeri", "/login", "/login"] {
            let again = anon.get(srv.url(path)).send().await.expect("page");
            let again_csp = again.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_string();
            assert_ne!(again_csp, csp, "{path}");
            let old_nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .expect("nonce");
            let body = again.text().await.expect("body");
            assert!(!body.contains(old_nonce), "{path}");
            assert_only_our_scripts(&Html::parse_document(&body), &again_csp, path);
        }

        // A signed-in person's public pages are their own, even after a visitor's were kept.
        let admin = srv.signed_in("admin@inovasi.test").await;
        let res = admin.get(srv.url("/")).send().await.expect("home");
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert_ne!(res.headers()["x-inovasi-account"], "-");
        let home = res.text().await.expect("body");
        assert!(
            home.contains("href=\"/admin\""),
            "the admin's own way home: {home}"
        );
        for path in ["/admin", "/admin/compliance.csv"] {
            let res = admin.get(srv.url(path)).send().await.expect("private");
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
            assert_ne!(res.headers()["x-inovasi-account"], "-", "{path}");
        }
        let res = admin
            .post(srv.url("/api/fetch_current_user"))
            .send()
            .await
            .expect("server function");
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(res.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .starts_with("default-src 'none'"));
        // The built assets stay cacheable for everyone.
        let res = admin
            .get(srv.url("/pkg/inovasi.css"))
            .send()
            .await
            .expect("css");
        assert!(res
            .headers()
            .get("cache-control")
            .is_none_or(|v| v != "no-store"));
        // Two accounts get two different tags.
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let a = admin
            .get(srv.url(app::routes::ADMIN))
            .send()
            .await
            .expect("page")
            .headers()["x-inovasi-account"]
            .clone();
        let j = judge
            .get(srv.url(app::routes::JUDGE))
            .send()
            .await
            .expect("page")
            .headers()["x-inovasi-account"]
            .clone();
        assert_ne!(a, j);
    }
);

/// Behind https (the public address says so), browsers are told to keep to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_sites_send_hsts() {
    let db = support::TestDb::new(support::Backend::Sqlite)
        .await
        .expect("sqlite");
    let mut state = support::state(&db.db);
    state.security = std::sync::Arc::new(app::server::http::state::SecurityConfig {
        trust_proxy: false,
        secure_cookies: true,
        public_url: Some("https://inovasi.kabupaten.go.id".into()),
    });
    let app = server::router(state);
    let res = tower::ServiceExt::oneshot(
        app,
        axum::http::Request::get("/healthz")
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await
    .expect("response");
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    db.destroy().await;
}

on_both_servers!(
    anonymous_writes_are_throttled_per_address,
    Scenario::Submission,
    |srv| {
        // Made-up password links: refused as unknown, then throttled, never hashed.
        let url = srv.url("/api/set_password_with_link");
        let statuses = statuses_of_posts(&client(), &url, 12, |n| {
            vec![
                ("token", format!("{n:064x}")),
                ("password", "kata sandi yang cukup panjang".into()),
                ("password_again", "kata sandi yang cukup panjang".into()),
            ]
        })
        .await;
        assert_eq!(statuses[0], StatusCode::NOT_FOUND);
        assert_eq!(statuses[11], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    }
);

on_both_servers!(
    another_agencys_proposal_reads_like_none_at_all,
    Scenario::Submission,
    |srv| {
        let db = &srv.db.db;
        let foreign: (String, String) = sqlx::query_as(
            "SELECT p.id, p.title FROM proposals p JOIN agencies a ON a.id = p.agency_id
             WHERE a.name = 'Puskesmas Sukamaju' AND p.title <> '' LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .expect("a Puskesmas proposal");
        let unknown = uuid::Uuid::new_v4().to_string();
        let member = srv.signed_in("staf.dukcapil@inovasi.test").await;
        let mut answers = Vec::new();
        for id in [&foreign.0, &unknown] {
            let res = member
                .post(srv.url("/api/fetch_wizard"))
                .form(&[("proposal_id", id.as_str())])
                .send()
                .await
                .expect("wizard");
            let status = res.status();
            let data: serde_json::Value = res.json().await.expect("json");
            answers.push((status, data["proposal"].clone()));
            let page = member
                .get(srv.url(&format!("/agency/proposals/{id}")))
                .send()
                .await
                .expect("page");
            let status = page.status();
            let body = page.text().await.expect("body");
            assert!(
                !body.contains(&foreign.1),
                "nothing of the other agency's proposal"
            );
            answers.push((status, serde_json::Value::Null));
        }
        assert_eq!(answers[0], answers[2], "the wizard's answer");
        assert_eq!(answers[1].0, answers[3].0, "the page's status");
        assert_eq!(answers[0].1, serde_json::Value::Null);
    }
);

on_both_servers!(
    a_sign_in_lasts_a_working_day_for_organisers_and_a_month_for_others,
    Scenario::Submission,
    |srv| {
        let db = &srv.db.db;
        let hour = 60 * 60 * 1000;
        for (email, hours_ago, still_signed_in) in [
            ("admin@inovasi.test", 11, true),
            ("admin@inovasi.test", 13, false),
            ("juri1@inovasi.test", 13, true),
            ("juri1@inovasi.test", 31 * 24, false),
        ] {
            let c = srv.signed_in(email).await;
            // The session was busy all along; only the time of signing in is moved back.
            let sessions: Vec<(String, String)> = sqlx::query_as(
                "SELECT s.id, s.data FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE u.email = $1",
            )
            .bind(email)
            .fetch_all(&db.pool)
            .await
            .expect("sessions");
            for (id, data) in sessions {
                let mut data: serde_json::Value = serde_json::from_str(&data).expect("json");
                data["since"] =
                    serde_json::json!(app::server::infra::db::now_ms() - hours_ago * hour);
                sqlx::query("UPDATE sessions SET data = $1 WHERE id = $2")
                    .bind(data.to_string())
                    .bind(id)
                    .execute(&db.pool)
                    .await
                    .expect("backdate");
            }
            let (status, body) = srv.call(&c, "/api/fetch_current_user", &[]).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(
                body != "null",
                still_signed_in,
                "{email} signed in {hours_ago} h ago: {body}"
            );
        }
    }
);

// Pages rendered while the site's files are served beside them keep their own policy. (A file
// served through leptos_axum's `file_and_error_handler` took a reactive owner from whatever
// render last ran on its thread and moved that render's headers onto the file: a judge's tablet,
// fetching the scoring pages and the bundle at once, kept pages whose policy forbade their own
// scripts, and they could not come to life offline.)
on_both_servers!(
    pages_served_beside_files_keep_their_own_policy,
    Scenario::Judging,
    |srv| {
        let db = &srv.db.db;
        let sheets: Vec<String> = sqlx::query_scalar(
            "SELECT ja.proposal_id FROM judge_assignments ja JOIN users u ON u.id = ja.judge_id
             WHERE u.email = 'juri1@inovasi.test' ORDER BY ja.proposal_id",
        )
        .fetch_all(&db.pool)
        .await
        .expect("juri1's assignments");
        assert!(sheets.len() >= 3, "{sheets:?}");
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let mut pages: Vec<String> = sheets
            .iter()
            .map(|id| app::routes::judge_sheet(id))
            .collect();
        pages.push(app::routes::JUDGE.to_string());
        for round in 0..20 {
            let mut tasks = Vec::new();
            for path in &pages {
                for file in ["/pkg/inovasi.css", "/pkg/inovasi.wasm"] {
                    let (c, url) = (judge.clone(), srv.url(file));
                    tasks.push(tokio::spawn(async move {
                        let res = c.get(url).send().await.expect("file");
                        (file.to_string(), res.headers().clone(), String::new())
                    }));
                }
                let (c, url, path) = (judge.clone(), srv.url(path), path.clone());
                tasks.push(tokio::spawn(async move {
                    let res = c.get(url).send().await.expect("page");
                    assert_eq!(res.status(), StatusCode::OK, "{path}");
                    let headers = res.headers().clone();
                    (path, headers, res.text().await.expect("body"))
                }));
            }
            for task in tasks {
                let (path, headers, body) = task.await.expect("request");
                let csp = headers
                    .get("content-security-policy")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_else(|| panic!("round {round}: {path} without a policy"));
                if path.starts_with("/pkg/") {
                    assert_eq!(
                        csp,
                        app::server::http::security_headers::OTHER_POLICY,
                        "round {round}: a file with a page's headers: {path}"
                    );
                } else {
                    assert!(
                        csp.contains("'nonce-"),
                        "round {round}: {path} lost its render's policy: {csp}"
                    );
                    let page = Html::parse_document(&body);
                    assert_only_our_scripts(&page, csp, &format!("round {round}: {path}"));
                }
            }
        }
    }
);

on_both_servers!(
    a_blind_judge_sees_the_title_masked_and_no_extension,
    Scenario::Judging,
    |srv| {
        let db = &srv.db.db;
        let (proposal_id, agency_id, competition_id): (String, i64, i64) = sqlx::query_as(
            "SELECT id, agency_id, competition_id FROM proposals
             WHERE title = 'Antrean Poliklinik Daring RSUD'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("the RSUD proposal");
        let judge: String = sqlx::query_scalar(
            "SELECT u.email FROM judge_assignments ja JOIN users u ON u.id = ja.judge_id
             WHERE ja.proposal_id = $1 ORDER BY u.email LIMIT 1",
        )
        .bind(&proposal_id)
        .fetch_one(&db.pool)
        .await
        .expect("an assigned judge");
        // The organisers gave this agency an extension; it is between them.
        let extended = app::server::infra::db::now_ms() + 123_456_789;
        let admin_id: i64 =
            sqlx::query_scalar("SELECT id FROM users WHERE email = 'admin@inovasi.test'")
                .fetch_one(&db.pool)
                .await
                .expect("admin");
        sqlx::query(
            "INSERT INTO deadline_extensions (competition_id, agency_id, deadline_at, reason, granted_by, granted_at)
             VALUES ($1, $2, $3, 'listrik padam', $4, $5)",
        )
        .bind(competition_id)
        .bind(agency_id)
        .bind(extended)
        .bind(admin_id)
        .bind(app::server::infra::db::now_ms())
        .execute(&db.pool)
        .await
        .expect("extension");

        let c = srv.signed_in(&judge).await;
        let home = body_of(&c, srv.url(app::routes::JUDGE)).await;
        assert!(
            !home.contains("Antrean Poliklinik Daring RSUD"),
            "the list names the agency"
        );
        assert!(
            home.contains("Antrean Poliklinik Daring ▇▇▇"),
            "masked as in the copy"
        );
        let (status, scoring) = srv
            .call(
                &c,
                "/api/fetch_scoring",
                &[("proposal_id", proposal_id.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{scoring}");
        assert!(
            !scoring.contains(&extended.to_string()),
            "the extension reaches the judge"
        );
        assert!(!scoring.contains("Antrean Poliklinik Daring RSUD"));
    }
);

on_both_servers!(
    sign_ins_and_downloads_are_in_the_audit_trail,
    Scenario::Submission,
    |srv| {
        let db = &srv.db.db;
        let count = |action: &'static str, object: &'static str| async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND object_id LIKE $2",
            )
            .bind(action)
            .bind(object)
            .fetch_one(&db.pool)
            .await
            .expect("count")
        };
        let c = client();
        let (status, _) = srv
            .call(
                &c,
                "/api/login",
                &[("email", "admin@inovasi.test"), ("password", "bukan-ini")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(count("user.sign_in_failed", "%").await, 1);
        let admin = srv.signed_in("admin@inovasi.test").await;
        assert_eq!(count("user.sign_in", "%").await, 1);
        let res = admin
            .get(srv.url("/admin/compliance.csv?level=none"))
            .send()
            .await
            .expect("csv");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            count("file.download", "/admin/compliance.csv?level=none").await,
            1
        );
        // An agency reading its own agency's pages and files is no event.
        let member = srv.signed_in("staf.dukcapil@inovasi.test").await;
        member
            .get(srv.url(app::routes::AGENCY))
            .send()
            .await
            .expect("page");
        assert_eq!(count("file.download", "%").await, 1);
        // The trail's seals still hold.
        assert!(matches!(
            app::server::infra::audit::verify(db).await.expect("verify"),
            app::server::infra::audit::Verdict::Intact { .. }
        ));
    }
);

/// The text of every page of a PDF, which must parse.
fn pdf_text(bytes: &[u8], context: &str) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{context}: {e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .unwrap_or_else(|e| panic!("{context}: {e}"))
}

/// Whether the page shows `text` as text (not as markup): some element's text holds it.
fn shows_as_text(page: &Html, text: &str) -> bool {
    page.root_element()
        .text()
        .collect::<String>()
        .contains(text.trim())
}

on_both_servers!(
    hostile_text_typed_into_forms_stays_text,
    Scenario::Published,
    |srv| {
        let db = &srv.db.db;
        let year = competitions::current(db)
            .await
            .expect("current")
            .expect("a year")
            .id;
        let admin = srv.signed_in("admin@inovasi.test").await;

        // Agencies typed by the organisers: names, short names, heads' names.
        let agencies = [
            (CORPUS[0], "</script>", CORPUS[5]),
            (CORPUS[1], "=1+1", CORPUS[2]),
            (CORPUS[3], "'\"><b>", CORPUS[6]),
            (CORPUS[4], "@A1", CORPUS[7]),
        ];
        for (name, short, head) in agencies {
            let (status, body) = srv
                .call(
                    &admin,
                    "/api/add_agency",
                    &[
                        ("name", name),
                        ("short_name", short),
                        ("kind", "perangkat_daerah"),
                        ("head_name", head),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{name}: {body}");
            // Taking part in this year, so that the compliance register lists it too.
            let id: i64 = serde_json::from_str(&body).expect("the new agency's id");
            sqlx::query(
                "INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)",
            )
            .bind(year)
            .bind(id)
            .execute(&db.pool)
            .await
            .expect("taking part");
        }
        let page = our_page(srv, &admin, "/admin/agencies".into()).await;
        for (name, short, head) in agencies {
            for text in [name, short, head] {
                assert!(shows_as_text(&page, text), "/admin/agencies shows {text:?}");
            }
        }
        let page = our_page(srv, &admin, "/admin/compliance".into()).await;
        for (name, _, _) in agencies {
            assert!(
                shows_as_text(&page, name),
                "/admin/compliance shows {name:?}"
            );
        }
        let csv = body_of(&admin, srv.url(app::routes::ADMIN_COMPLIANCE_CSV)).await;
        assert!(
            assert_no_live_formula(&csv, "/admin/compliance.csv") >= 3,
            "/admin/compliance.csv: the formula texts are there, as text"
        );

        // An account invited under a hostile name.
        let (status, body) = srv
            .call(
                &admin,
                "/api/invite_user",
                &[
                    ("name", CORPUS[2]),
                    ("email", "tamu@kampus.test"),
                    ("role", "judge"),
                    ("agency_id", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page = our_page(srv, &admin, "/admin/users".into()).await;
        assert!(shows_as_text(&page, CORPUS[2]));
        let page = our_page(srv, &admin, "/admin/audit".into()).await;
        assert!(
            shows_as_text(&page, CORPUS[0]),
            "the audit trail names the agency"
        );
        let audit_csv = body_of(&admin, srv.url(app::routes::ADMIN_AUDIT_CSV)).await;
        assert_no_live_formula(&audit_csv, "/admin/audit.csv");

        // A published proposal of the head's agency: judges' comments and a visitor's interest
        // in hostile words reach the agency's feedback page.
        let proposal: String = sqlx::query_scalar(
            "SELECT p.id FROM proposals p JOIN results r ON r.proposal_id = p.id
             JOIN users u ON u.agency_id = p.agency_id AND u.email = 'kepala.dukcapil@inovasi.test'
             WHERE p.competition_id = $1",
        )
        .bind(year)
        .fetch_one(&db.pool)
        .await
        .expect("a published proposal of Dukcapil");
        sqlx::query(
            "UPDATE scores SET comment = $1
             WHERE sheet_id IN (SELECT id FROM score_sheets WHERE proposal_id = $2)",
        )
        .bind(CORPUS[5])
        .bind(&proposal)
        .execute(&db.pool)
        .await
        .expect("comments");
        sqlx::query("UPDATE score_sheets SET overall_comment = $1 WHERE proposal_id = $2")
            .bind(CORPUS[2])
            .bind(&proposal)
            .execute(&db.pool)
            .await
            .expect("overall");
        let visitor = client();
        let (status, body) = srv
            .call(
                &visitor,
                "/api/record_interest",
                &[
                    ("proposal_id", proposal.as_str()),
                    ("name", CORPUS[0]),
                    ("organisation", CORPUS[1]),
                    ("contact", CORPUS[6]),
                    ("message", CORPUS[7]),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let head = srv.signed_in("kepala.dukcapil@inovasi.test").await;
        let page = our_page(srv, &head, format!("/agency/feedback/{proposal}")).await;
        for text in [CORPUS[5], CORPUS[2], CORPUS[0], CORPUS[1], CORPUS[6]] {
            assert!(shows_as_text(&page, text), "feedback shows {text:?}");
        }

        // The recap and the certificate: a title that breaks PDF strings still reads as typed.
        let title = "Inovasi (kurung) \\ garis miring </title> %akhir";
        let winner: String = sqlx::query_scalar(
            "SELECT proposal_id FROM results WHERE award = 'winner'
             AND competition_id = $1 ORDER BY rank LIMIT 1",
        )
        .bind(year)
        .fetch_one(&db.pool)
        .await
        .expect("this year's winner");
        sqlx::query("UPDATE proposals SET title = $1 WHERE id = $2")
            .bind(title)
            .bind(&winner)
            .execute(&db.pool)
            .await
            .expect("title");
        sqlx::query(
            "UPDATE proposal_fields SET value = $1 WHERE proposal_id = $2 AND field = 'title'",
        )
        .bind(serde_json::to_string(title).expect("json"))
        .bind(&winner)
        .execute(&db.pool)
        .await
        .expect("title field");
        let recap = admin
            .get(srv.url(app::routes::ADMIN_RECAP_PDF))
            .send()
            .await
            .expect("recap")
            .bytes()
            .await
            .expect("bytes");
        let text = pdf_text(&recap, "berita acara");
        assert!(text.contains("Inovasi (kurung)"), "{text}");
        let certificate = admin
            .get(srv.url(&format!("/admin/results/piagam/{winner}")))
            .send()
            .await
            .expect("certificate");
        assert_eq!(certificate.status(), StatusCode::OK);
        let text = pdf_text(&certificate.bytes().await.expect("bytes"), "piagam");
        assert!(text.contains("garis miring"), "{text}");
    }
);

on_both_servers!(
    hostile_text_typed_into_the_wizard_stays_text,
    Scenario::Submission,
    |srv| {
        let member = srv.signed_in("staf.dukcapil@inovasi.test").await;
        let wizard: serde_json::Value = member
            .post(srv.url("/api/fetch_wizard"))
            .form(&[("", "")])
            .send()
            .await
            .expect("wizard")
            .json()
            .await
            .expect("json");
        let answer = wizard["form"]["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
            .find(|q| q["kind"] == "long_text")
            .map(|q| format!("q{}", q["id"]))
            .expect("a long-text question");
        let id = uuid::Uuid::new_v4().to_string();
        let save = |title: String, text: String, base: i64, key: &str| {
            let body = serde_json::json!({ "request": {
                "proposal_id": id, "base_version": base, "key": key,
                "changes": [
                    { "field": "title", "base": null, "value": title },
                    { "field": answer, "base": null, "value": text },
                ] } });
            member
                .post(srv.url("/api/save_draft"))
                .header("accept", "application/json")
                .json(&body)
                .send()
        };
        // A NUL (no database keeps one in text) and 10 kB where 200 characters fit: refused,
        // saying why, and nothing is stored.
        let res = save(format!("Judul{}", '\u{0}'), "isi".into(), 0, "k1")
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let res = save("x".repeat(10_000), "isi".into(), 0, "k2")
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let body = res.text().await.expect("body");
        assert!(
            body.contains("title") && body.contains("too_long"),
            "{body}"
        );
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE id = $1")
            .bind(&id)
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("count");
        assert_eq!(stored, 0);

        // Hostile text in the title and an answer, with controls and a 10 kB answer.
        let title = CORPUS[0].to_string();
        let text = format!("{}\n{}\t{}", CORPUS[5], CORPUS[2], "panjang ".repeat(150));
        let res = save(title.clone(), text, 0, "k3").await.expect("post");
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{}",
            res.text().await.unwrap_or_default()
        );
        let head = srv.signed_in("kepala.dukcapil@inovasi.test").await;
        let admin = srv.signed_in("admin@inovasi.test").await;
        for (who, path) in [
            (&member, "/agency".to_string()),
            (&member, format!("/agency/proposals/{id}")),
            (&head, format!("/proposals/{id}")),
            (&admin, "/admin/compliance".to_string()),
        ] {
            let page = our_page(srv, who, path.clone()).await;
            if path != "/admin/compliance" {
                assert!(
                    shows_as_text(&page, &title),
                    "{path} shows the title as typed"
                );
            }
        }
    }
);

// A textarea's text cannot end the element: leptos writes a textarea's children unescaped (as
// it does a script's), so the pages escape them (`textarea_text`). Here a section's description
// in the form builder; the broadcast test does the same for a broadcast's message.
on_both_servers!(
    a_textarea_cannot_be_ended_by_what_it_holds,
    Scenario::Submission,
    |srv| {
        let hostile = "</textarea><b id=\"pwned\">x</b> & <i>";
        sqlx::query("UPDATE form_sections SET description = $1")
            .bind(hostile)
            .execute(&srv.db.db.pool)
            .await
            .expect("descriptions");
        let admin = srv.signed_in("admin@inovasi.test").await;
        let page = our_page(srv, &admin, app::routes::ADMIN_FORM.to_string()).await;
        assert_eq!(page.select(&select("#pwned")).count(), 0);
        assert!(
            page.select(&select("textarea"))
                .any(|t| t.text().collect::<String>() == hostile),
            "the text is the textarea's, as typed"
        );
    }
);
