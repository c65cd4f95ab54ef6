//! HTTP tests against the real router on a free port: sessions and cookies, refusals, pages,
//! and the permission test that walks every registered server function.

mod support;

use app::error::AppError;
use app::models::{CurrentUser, Role};
use app::permissions::{rule_for_path, Access};
use app::server::demo;
use reqwest::{Client, StatusCode};
use support::{Backend, TestServer};

fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

const DEMO: [(Role, &str); 4] = [
    (Role::Admin, "admin@inovasi.test"),
    (Role::Judge, "juri1@inovasi.test"),
    (Role::AgencyHead, "kepala.dukcapil@inovasi.test"),
    (Role::AgencyMember, "staf.dukcapil@inovasi.test"),
];

macro_rules! http_test {
    ($name:ident, |$srv:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($srv: &TestServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let s = TestServer::start(Backend::Sqlite).await.expect("sqlite");
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(s) = TestServer::start(Backend::Postgres).await else { return };
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
        }
    };
}

http_test!(health_check_answers, |srv| {
    let res = reqwest::get(srv.url("/healthz")).await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.expect("body"), "ok");
});

http_test!(sign_in_sets_a_safe_cookie_and_rotates_the_session, |srv| {
    let c = srv.client();
    let res = c
        .post(srv.url("/api/login"))
        .header("accept", "application/json")
        .form(&[
            ("email", " Admin@Inovasi.test "),
            ("password", demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(server::SESSION_COOKIE))
        .expect("a session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let user: CurrentUser = res.json().await.expect("user");
    assert_eq!(user.role, Role::Admin);

    let first_id = cookie.split(';').next().unwrap_or_default().to_string();
    let (status, body) = srv.call(&c, "/api/fetch_current_user", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("admin@inovasi.test"));

    // Signing in again issues a new session id; the old one no longer works.
    let (status, _) = srv
        .call(
            &c,
            "/api/login",
            &[
                ("email", "admin@inovasi.test"),
                ("password", demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let stale = Client::new();
    let res = stale
        .post(srv.url("/api/fetch_current_user"))
        .header("cookie", first_id)
        .send()
        .await
        .expect("stale");
    assert_eq!(res.text().await.expect("body"), "null");

    // Signing out ends the session.
    let (status, _) = srv.call(&c, "/api/logout", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = srv.call(&c, "/api/fetch_current_user", &[]).await;
    assert_eq!(body, "null");
});

http_test!(
    wrong_credentials_do_not_reveal_the_account_and_get_throttled,
    |srv| {
        let c = srv.client();
        let (s1, known) = srv
            .call(
                &c,
                "/api/login",
                &[("email", "admin@inovasi.test"), ("password", "salah")],
            )
            .await;
        let (s2, unknown) = srv
            .call(
                &c,
                "/api/login",
                &[("email", "tidak.ada@inovasi.test"), ("password", "salah")],
            )
            .await;
        assert_eq!(s1, StatusCode::UNAUTHORIZED);
        assert_eq!(
            (s1, &known),
            (s2, &unknown),
            "same answer for a known and an unknown email"
        );
        assert_eq!(error_of(&known), AppError::BadCredentials);

        let (status, body) = srv
            .call(
                &c,
                "/api/login",
                &[("email", "bukan email"), ("password", "x")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(matches!(error_of(&body), AppError::Invalid(fe) if fe.field == "email"));

        for _ in 0..4 {
            srv.call(
                &c,
                "/api/login",
                &[("email", "admin@inovasi.test"), ("password", "salah")],
            )
            .await;
        }
        // Five failures: even the right password is refused for now.
        let (status, body) = srv
            .call(
                &c,
                "/api/login",
                &[
                    ("email", "admin@inovasi.test"),
                    ("password", demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(matches!(error_of(&body), AppError::Throttled { .. }));
    }
);

http_test!(cross_site_posts_are_refused, |srv| {
    let c = srv.client();
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let res = c
            .post(srv.url("/api/login"))
            .header(header, value)
            .form(&[
                ("email", "admin@inovasi.test"),
                ("password", demo::DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            error_of(&res.text().await.expect("body")),
            AppError::CrossSite
        );
    }
    let res = c
        .post(srv.url("/api/login"))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "admin@inovasi.test"),
            ("password", demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::OK);
});

http_test!(
    every_server_function_refuses_anonymous_and_wrong_roles,
    |srv| {
        let anonymous = srv.client();
        let mut checked = 0;
        for (path, _method) in server_fn::axum::server_fn_paths() {
            // Every registered server function must have a rule: a new one without a rule fails here.
            let rule =
                rule_for_path(path).unwrap_or_else(|| panic!("no permission rule for {path}"));
            checked += 1;
            if rule.access != Access::Public {
                let (status, body) = srv.call(&anonymous, path, &[]).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {path}");
                assert_eq!(
                    error_of(&body),
                    AppError::Unauthenticated,
                    "anonymous {path}"
                );
            }
            for (role, email) in DEMO {
                // A fresh session per call: some endpoints (logout) end the session they run in.
                let client = srv.signed_in(email).await;
                let (status, body) = srv.call(&client, path, &[]).await;
                if rule.admits(Some(role)) {
                    // An admitted role may still meet the phase rule (the demo is mid-way
                    // through submission): that refusal says so, and only a phase-bound rule
                    // gives it.
                    let phase_refusal = status == StatusCode::FORBIDDEN
                        && error_of(&body) == AppError::WrongPhase
                        && rule.phases != app::permissions::Phases::Any;
                    assert!(
                        phase_refusal
                            || (status != StatusCode::UNAUTHORIZED
                                && status != StatusCode::FORBIDDEN),
                        "{role:?} is allowed {path} but was refused: {status} {body}"
                    );
                } else {
                    assert_eq!(
                        status,
                        StatusCode::FORBIDDEN,
                        "{role:?} must be refused {path}"
                    );
                    assert_eq!(error_of(&body), AppError::Forbidden, "{role:?} {path}");
                }
            }
        }
        // The plain routes under the same table: downloads and exports. The crest is public once
        // an admin has uploaded one.
        let admin = support::user(&srv.db.db, "admin@inovasi.test").await;
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(image::RgbaImage::new(8, 8))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        app::server::identity::set_crest(&srv.db.db, &srv.files, &admin, Some(&png))
            .await
            .expect("crest");
        for endpoint in app::permissions::ROUTE_ENDPOINTS {
            let url = match *endpoint {
                "download_attachment" => "/files/any",
                "export_compliance" => "/admin/compliance.csv",
                "export_audit" => "/admin/audit.csv",
                "export_results" => "/admin/results.csv",
                "export_recap" => "/admin/results/berita-acara.pdf",
                "export_certificate" => "/admin/results/piagam/any",
                "export_decree" => "/admin/results/rancangan-sk.pdf",
                "export_dossier" => "/admin/nominasi/semua.zip",
                "export_compendium" => "/kompendium.pdf",
                "export_gallery" => "/galeri.json",
                "crest" => "/lambang.png",
                "room_events" => "/live/rooms/1",
                "slides" => "/presentasi/bahan/any",
                "visit_photo" => "/kunjungan/foto/any",
                other => panic!("route {other} has no sample address in this test"),
            };
            let rule = app::permissions::rule(endpoint).expect("route rule");
            let res = anonymous.get(srv.url(url)).send().await.expect("get");
            if rule.access == Access::Public {
                // No year of this server's data is published: the book is "not found", which
                // is an answer, not a refusal.
                let expected = match *endpoint {
                    "export_compendium" => StatusCode::NOT_FOUND,
                    _ => StatusCode::OK,
                };
                assert_eq!(res.status(), expected, "anonymous {url}");
            } else {
                assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "anonymous {url}");
            }
            for (role, email) in DEMO {
                let client = srv.signed_in(email).await;
                let status = client.get(srv.url(url)).send().await.expect("get").status();
                if rule.admits(Some(role)) {
                    assert!(
                        status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                        "{role:?} {url}: {status}"
                    );
                } else {
                    assert_eq!(
                        status,
                        StatusCode::FORBIDDEN,
                        "{role:?} must be refused {url}"
                    );
                }
            }
        }
        assert_eq!(
            checked + app::permissions::ROUTE_ENDPOINTS.len(),
            app::permissions::RULES.len(),
            "a rule without a server function or route"
        );
    }
);

http_test!(pages_are_refused_to_the_wrong_role, |srv| {
    let anonymous = srv.client();
    let res = anonymous
        .get(srv.url(app::routes::ADMIN))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.text().await.expect("body").contains("Silakan masuk"));

    let judge = srv.signed_in("juri1@inovasi.test").await;
    let res = judge
        .get(srv.url(app::routes::ADMIN))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body = res.text().await.expect("body");
    assert!(body.contains("Akses ditolak"));
    assert!(
        !body.contains("Instansi wajib"),
        "no admin data leaks into the refusal"
    );

    let admin = srv.signed_in("admin@inovasi.test").await;
    let res = admin
        .get(srv.url(app::routes::ADMIN))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.expect("body");
    assert!(body.contains("Ringkasan tahun kompetisi"));
    assert!(body.contains("Kepatuhan Satu Instansi Satu Inovasi"));

    let member = srv.signed_in("staf.dukcapil@inovasi.test").await;
    let res = member
        .get(srv.url(app::routes::AGENCY))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.expect("body");
    assert!(body.contains("Jemput Bola Keliling Desa"));
    assert!(
        !body.contains("Posyandu Digital"),
        "another agency's proposal"
    );

    let res = anonymous
        .get(srv.url("/tidak-ada"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
});

http_test!(language_cookie_sets_the_page_language, |srv| {
    let c = srv.client();
    let body = c
        .get(srv.url("/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(body.contains("<html lang=\"id\""));
    assert!(body.contains("Kriteria penilaian"));
    let (status, _) = srv.call(&c, "/api/set_language", &[("lang", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    let body = c
        .get(srv.url("/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("Judging criteria"));
    let (status, body) = srv.call(&c, "/api/set_language", &[("lang", "fr")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(matches!(error_of(&body), AppError::Invalid(fe) if fe.field == "language"));
});

http_test!(deactivating_a_user_signs_them_out_everywhere, |srv| {
    let staff = srv.signed_in("staf.smpn1@inovasi.test").await;
    let (_, me) = srv.call(&staff, "/api/fetch_current_user", &[]).await;
    let me: CurrentUser = serde_json::from_str::<Option<CurrentUser>>(&me)
        .expect("json")
        .expect("signed in");
    let admin = srv.signed_in("admin@inovasi.test").await;
    let id = me.id.to_string();
    let (status, body) = srv
        .call(
            &admin,
            "/api/set_user_active",
            &[("user_id", &id), ("active", "false")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = srv.call(&staff, "/api/fetch_current_user", &[]).await;
    assert_eq!(body, "null", "the open session ended");
    let c = srv.client();
    let (status, _) = srv
        .call(
            &c,
            "/api/login",
            &[
                ("email", "staf.smpn1@inovasi.test"),
                ("password", demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a deactivated account cannot sign in"
    );

    // An admin cannot lock themselves out.
    let (_, admin_me) = srv.call(&admin, "/api/fetch_current_user", &[]).await;
    let admin_me: CurrentUser = serde_json::from_str::<Option<CurrentUser>>(&admin_me)
        .expect("json")
        .expect("admin");
    let (status, _) = srv
        .call(
            &admin,
            "/api/set_user_active",
            &[("user_id", &admin_me.id.to_string()), ("active", "false")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
});

http_test!(forms_work_without_script_and_bring_errors_back, |srv| {
    let c = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let post = |path: &str, form: &[(&str, &str)], referer: &str| {
        plain_post(srv, &c, path, referer).form(form).send()
    };
    let res = post(
        "/api/login",
        &[("email", "admin@inovasi.test"), ("password", "salah")],
        "/login",
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(location.starts_with("/login?error="), "{location}");
    let page = c
        .get(srv.url(&location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("Email atau kata sandi salah."),
        "the error is shown on the form"
    );

    let res = post(
        "/api/login",
        &[
            ("email", "admin@inovasi.test"),
            ("password", demo::DEMO_PASSWORD),
        ],
        &location,
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/admin");

    // The language switch: back to the same page, without an old error, in English.
    let res = post(
        "/api/set_language",
        &[("lang", "en")],
        "/admin/users?error=x",
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/admin/users");
    let page = c
        .get(srv.url(app::routes::ADMIN_USERS))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(page.contains("<html lang=\"en\""));
    assert!(page.contains("Deactivate"));

    // A refusal for a form posted by the wrong role also comes back as a page.
    let res = post("/api/logout", &[], "/").await.expect("logout");
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/");
    let res = post(
        "/api/set_user_active",
        &[("user_id", "1"), ("active", "false")],
        "/admin/users",
    )
    .await
    .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Back to the form's page; the error waits in this browser's session under the id given.
    let location = res.headers()["location"].to_str().expect("ascii");
    let id = location
        .strip_prefix("/admin/users?error=")
        .expect("back to the page");
    assert!(
        id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{location}"
    );
});

http_test!(
    malformed_requests_get_a_clear_refusal_never_a_crash,
    |srv| {
        let admin = srv.signed_in("admin@inovasi.test").await;
        let bodies: [&[u8]; 5] = [
            b"%%%=&&&=%zz",
            b"user_id=not-a-number&active=maybe",
            b"email=\xff\xfe&password=\x00",
            b"lang=en&lang=id&lang[]=x",
            &[0u8; 4096],
        ];
        for (path, _) in server_fn::axum::server_fn_paths() {
            if path.ends_with("/logout") {
                continue; // would end the session the other calls need
            }
            for body in bodies {
                let res = admin
                    .post(srv.url(path))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("accept", "application/json")
                    .body(body.to_vec())
                    .send()
                    .await
                    .expect("post");
                let status = res.status();
                let text = res.text().await.expect("body");
                assert!(
                    status.as_u16() < 500,
                    "{path} answered {status} to a malformed body: {text}"
                );
                if !status.is_success() {
                    error_of(&text);
                }
            }
        }
        // The server is still up and the session still works.
        let (status, body) = srv.call(&admin, "/api/fetch_current_user", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("admin@inovasi.test"));
    }
);

http_test!(static_assets_are_served_compressed, |srv| {
    let c = Client::builder().build().expect("client");
    let res = c
        .get(srv.url("/pkg/inovasi.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers().get("content-encoding").map(|v| v.as_bytes()),
        Some(&b"br"[..])
    );
    let res = c
        .get(srv.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.headers().get("content-encoding").map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
});

/// A form post as a browser without script makes it: a page accepted back, the page it was
/// posted from named.
fn plain_post(srv: &TestServer, c: &Client, path: &str, referer: &str) -> reqwest::RequestBuilder {
    c.post(srv.url(path))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", srv.url(referer))
}

/// Posts the criteria form as a browser without script would, and returns the page it is sent
/// back to.
async fn criteria_sent_back(srv: &TestServer, c: &Client, form: &[(String, String)]) -> String {
    let res = plain_post(srv, c, "/api/save_criteria", "/admin/criteria")
        .form(form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(location.starts_with("/admin/criteria?error="), "{location}");
    c.get(srv.url(&location))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body")
}

/// What a page holds after the first `start` and before the next `end` (empty when absent).
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    page.split_once(start)
        .and_then(|(_, rest)| rest.split(end).next())
        .unwrap_or_default()
}

/// One row of the criteria form, as its fields are named.
fn criterion_row(i: usize, name: &str, weight: &str) -> Vec<(String, String)> {
    [
        ("name", name),
        ("weight", weight),
        ("scale_min", "1"),
        ("scale_max", "10"),
        ("counts", "on"),
    ]
    .into_iter()
    .map(|(what, v)| (format!("criteria[{i}][{what}]"), v.to_string()))
    .collect()
}

http_test!(
    a_refused_form_keeps_what_was_typed_beside_its_error,
    |srv| {
        let c = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let res = plain_post(srv, &c, "/api/login", "/login")
            .form(&[
                ("email", "admin@inovasi.test"),
                ("password", demo::DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("sign in");
        assert_eq!(res.status(), StatusCode::FOUND);

        // Weights that total 105: refused, and the page shows what was typed, not what is stored.
        let form = [
            criterion_row(0, "Kebaruan yang diketik", "60"),
            criterion_row(1, "Manfaat", "45"),
        ]
        .concat();
        let page = criteria_sent_back(srv, &c, &form).await;
        assert!(
            page.contains("value=\"Kebaruan yang diketik\""),
            "the typed name is kept"
        );
        assert!(page.contains("value=\"45\""), "the typed weight is kept");
        assert!(
            page.contains("berjumlah 105, harus tepat 100"),
            "the error is shown"
        );
        assert!(
            page.contains("href=\"#criteria-0-weight\""),
            "the summary links to the field"
        );
        let first_weight = between(&page, "id=\"criteria-0-weight\"", ">");
        assert!(first_weight.contains("autofocus"), "{first_weight}");
        assert!(
            first_weight.contains("aria-invalid=\"true\""),
            "{first_weight}"
        );
        let stored: Vec<String> = sqlx::query_scalar("SELECT name FROM criteria")
            .fetch_all(&srv.db.db.pool)
            .await
            .expect("criteria");
        assert!(
            !stored.iter().any(|n| n == "Kebaruan yang diketik"),
            "nothing was saved"
        );

        // A mistake in the third row of the form, after an empty second row: named where it is.
        let form = [
            criterion_row(0, "Kebaruan", "50"),
            criterion_row(1, "", ""),
            criterion_row(2, "Manfaat", "lima puluh"),
        ]
        .concat();
        let page = criteria_sent_back(srv, &c, &form).await;
        assert!(
            page.contains("value=\"lima puluh\""),
            "the typed weight is kept"
        );
        let error = between(&page, "id=\"criteria-2-weight-error\"", "</p>");
        assert!(
            error.contains("harus berupa angka"),
            "the error sits beside row 3: {error}"
        );
    }
);

http_test!(
    the_sign_in_form_works_without_script_and_keeps_the_email_not_the_password,
    |srv| {
        let browser = Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        // A malformed email: back to the page, the error under the field, the email as typed.
        let (location, page) = srv
            .post_form(
                &browser,
                "/api/login",
                "/login",
                &[("email", "bukan-email<b>"), ("password", "rahasia-sekali")],
            )
            .await;
        assert!(location.starts_with("/login"), "{location}");
        let field = page
            .split("id=\"email\"")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .expect("the email input");
        assert!(field.contains("value=\"bukan-email&lt;b&gt;\""), "{field}");
        assert!(field.contains("aria-invalid=\"true\""), "{field}");
        assert!(page.contains("bukan alamat email yang valid"));
        assert!(
            !page.contains("rahasia-sekali"),
            "the password never comes back"
        );
        // The wrong password: one answer above the button, nothing about which part.
        let (_, page) = srv
            .post_form(
                &browser,
                "/api/login",
                "/login",
                &[
                    ("email", "admin@inovasi.test"),
                    ("password", "salah-sekali"),
                ],
            )
            .await;
        assert!(page.contains("Email atau kata sandi salah."));
        // The right one: straight to the role's home.
        let res = browser
            .post(srv.url("/api/login"))
            .header("accept", "text/html")
            .header("referer", srv.url("/login"))
            .form(&[
                ("email", "admin@inovasi.test"),
                ("password", demo::DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("post");
        assert!(res.status().is_redirection());
        assert_eq!(res.headers()["location"], "/admin");
    }
);

http_test!(pages_without_islands_ship_no_wasm, |srv| {
    let page = |c: Client, path: &'static str| async move {
        let res = c.get(srv.url(path)).send().await.expect("page");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.text().await.expect("body")
    };
    let runtime = |html: &str| {
        html.contains("/pkg/inovasi.js")
            || html.contains("inovasi_bg.wasm")
            || html.contains("hydrateIslands")
    };
    let visitor = srv.client();
    let admin = srv.signed_in("admin@inovasi.test").await;
    let member = srv.signed_in("staf.dukcapil@inovasi.test").await;
    // Rendered whole on the server: plain links and forms, no runtime to download.
    for (c, path) in [
        (&visitor, "/"),
        (&visitor, "/galeri"),
        (&visitor, "/aturan-penilaian"),
        (&visitor, "/login"),
        (&admin, "/admin"),
        (&admin, "/admin/agencies"),
        (&admin, "/admin/year"),
    ] {
        let html = page(c.clone(), path).await;
        assert!(!runtime(&html), "{path} carries the islands' runtime");
        assert!(html.contains("/pkg/inovasi.css"), "{path} keeps its styles");
        assert!(
            html.contains("serviceWorker.register"),
            "{path} keeps offline pages"
        );
    }
    // Pages with an island keep the runtime that brings it to life.
    // (This server's site has no lighter bundles: each such page keeps the full one.)
    for (c, path) in [(&member, "/agency"), (&admin, "/admin/form/preview")] {
        let html = page(c.clone(), path).await;
        assert!(html.contains("<leptos-island"), "{path} has an island");
        assert!(runtime(&html), "{path} lost the runtime its island needs");
    }
});
