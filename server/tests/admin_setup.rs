//! The organisers' set-up tools on both backends: agencies (one at a time and CSV import, all or
//! nothing), accounts by invitation link and password reset, a new year copied from the last,
//! and the form builder; then the same over HTTP as a browser posts them.

mod support;

use app::error::{AppError, FieldError, Input, Problem};
use app::models::{
    AgencyInput, AgencyKind, LinkPurpose, Phase, PhaseBlock, QuestionInput, QuestionKind, Role,
    SectionInput,
};
use app::server::demo::{self, Scenario};
use app::server::{
    people::account_links, people::agencies, people::users, year::competitions, year::form,
    year::form_builder, year::new_year, Db,
};
use app::validation::{Email, NewPassword, PersonName};
use reqwest::StatusCode;
use support::user;

async fn seeded(db: &Db) -> app::models::CurrentUser {
    demo::seed_demo(db, &support::hasher()).await.expect("seed");
    user(db, "admin@inovasi.test").await
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .expect(sql)
}

fn agency(name: &str) -> AgencyInput {
    AgencyInput {
        name: name.into(),
        short_name: None,
        kind: AgencyKind::PerangkatDaerah,
        head_name: Some("Kepala".into()),
    }
}

fn token_of(url: &str) -> String {
    url.split("token=")
        .nth(1)
        .expect("token in link")
        .to_string()
}

on_both_backends!(agencies_are_added_renamed_and_deactivated, |db| {
    let caches = app::server::http::state::Caches::default();
    let admin = seeded(&db).await;
    let before = agencies::list(&db).await.expect("list").len();
    let id = agencies::add(&db, &caches, &admin, &agency("Dinas Pariwisata"))
        .await
        .expect("add");
    assert_eq!(agencies::list(&db).await.expect("list").len(), before + 1);
    // It joins the register of the year taking proposals (the demo is in submission).
    let joined = count(
        &db,
        &format!("SELECT COUNT(*) FROM competition_agencies WHERE agency_id = {id}"),
    )
    .await;
    assert_eq!(joined, 1);
    // The same name, however spaced or cased, is refused.
    assert_eq!(
        agencies::add(&db, &caches, &admin, &agency("  dinas   PARIWISATA")).await,
        Err(FieldError::new(Input::Name, Problem::AlreadyExists).into())
    );
    let disdukcapil = agencies::list(&db)
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.short_name.as_deref() == Some("Disdukcapil"))
        .expect("demo agency");
    assert_eq!(
        agencies::update(&db, &caches, &admin, id, &agency(&disdukcapil.name)).await,
        Err(FieldError::new(Input::Name, Problem::AlreadyExists).into())
    );
    let mut renamed = agency("Dinas Kebudayaan dan Pariwisata");
    renamed.kind = AgencyKind::PerangkatDaerah;
    agencies::update(&db, &caches, &admin, id, &renamed)
        .await
        .expect("rename");
    assert_eq!(
        agencies::get(&db, id).await.expect("get").name,
        "Dinas Kebudayaan dan Pariwisata"
    );

    // Deactivating an agency shuts its accounts out, sessions included.
    let staff = user(&db, "staf.dukcapil@inovasi.test").await;
    sqlx::query("INSERT INTO sessions (id, user_id, data, expires_at) VALUES ('s1', $1, '{}', $2)")
        .bind(staff.id)
        .bind(i64::MAX / 2)
        .execute(&db.pool)
        .await
        .expect("session");
    agencies::set_active(&db, &admin, disdukcapil.id, false)
        .await
        .expect("deactivate");
    assert!(users::load_current(&db, staff.id)
        .await
        .expect("load")
        .is_none());
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sessions WHERE id = 's1'").await,
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'agency'"
        )
        .await,
        3
    );
});

on_both_backends!(an_import_is_all_or_nothing, |db| {
    let caches = app::server::http::state::Caches::default();
    let admin = seeded(&db).await;
    let before = agencies::list(&db).await.expect("list").len();
    // One clash with an existing agency keeps every row out, and names its line.
    let file = "nama;jenis;kepala\nDinas Pertanian;Perangkat Daerah;Ir. Sri\nDinas Sosial;opd;\nSMA Negeri 1;Sekolah;\n";
    match agencies::import(&db, &caches, &admin, file.as_bytes()).await {
        Err(AppError::ImportRejected { rows, total }) => {
            assert_eq!(total, 1);
            assert_eq!((rows[0].line, rows[0].column.as_str()), (3, "name"));
            assert_eq!(rows[0].problem, Problem::AlreadyExists);
        }
        other => panic!("expected a row report, got {other:?}"),
    }
    assert_eq!(agencies::list(&db).await.expect("list").len(), before);
    // Broken rows likewise; another encoding is refused before any row is read.
    assert!(matches!(
        agencies::import(&db, &caches, &admin, b"nama,jenis\nDinas A,opd\nDinas B,\n").await,
        Err(AppError::ImportRejected { .. })
    ));
    assert_eq!(
        agencies::import(&db, &caches, &admin, b"nama,jenis\nDinas Caf\xe9,opd\n").await,
        Err(FieldError::new(Input::File, Problem::NotUtf8).into())
    );
    assert_eq!(agencies::list(&db).await.expect("list").len(), before);

    let added = agencies::import(
        &db,
        &caches,
        &admin,
        "nama;jenis;kepala\nDinas Pertanian;Perangkat Daerah;Ir. Sri\nSMA Negeri 1;Sekolah;\n"
            .as_bytes(),
    )
    .await
    .expect("import");
    assert_eq!(added, 2);
    let list = agencies::list(&db).await.expect("list");
    assert_eq!(list.len(), before + 2);
    let sma = list
        .iter()
        .find(|a| a.name == "SMA Negeri 1")
        .expect("imported");
    assert_eq!(sma.kind, AgencyKind::Pendidikan);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'agency.import'"
        )
        .await,
        1
    );
});

on_both_backends!(invitations_and_resets_work_once, |db| {
    let admin = seeded(&db).await;
    let state = support::state(&db);
    let invitation = users::Invitation {
        email: Email::parse("Operator.Baru@Inovasi.test").expect("email"),
        name: PersonName::parse("Operator Baru").expect("name"),
        role: Role::AgencyMember,
        agency_id: Some(
            user(&db, "staf.dukcapil@inovasi.test")
                .await
                .agency_id
                .expect("agency"),
        ),
    };
    let id = users::invite(&db, &admin, &invitation)
        .await
        .expect("invite");
    assert_eq!(
        users::invite(&db, &admin, &invitation).await,
        Err(FieldError::new(Input::Email, Problem::AlreadyExists).into())
    );
    let listed = users::list(&db).await.expect("list");
    let new = listed.iter().find(|u| u.id == id).expect("listed");
    assert!(!new.has_password, "no password until the link is used");

    let first = account_links::issue(
        &db,
        &admin,
        id,
        LinkPurpose::Invite,
        "http://inovasi.local/",
    )
    .await
    .expect("link");
    assert!(
        first
            .url
            .starts_with("http://inovasi.local/account/setup?token="),
        "{}",
        first.url
    );
    let link = account_links::issue(&db, &admin, id, LinkPurpose::Invite, "http://inovasi.local")
        .await
        .expect("second link");
    // The newer link voids the older one; the database never holds the secret itself.
    assert_eq!(
        account_links::peek(&db, &token_of(&first.url)).await,
        Err(AppError::NotFound)
    );
    let token = token_of(&link.url);
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM account_tokens WHERE token_hash = '{token}'")
        )
        .await,
        0
    );
    let info = account_links::peek(&db, &token).await.expect("valid");
    assert_eq!(info.email, "operator.baru@inovasi.test");
    assert_eq!(info.purpose, LinkPurpose::Invite);

    let password = NewPassword::parse("sandi-baru-yang-panjang").expect("password");
    account_links::redeem(&state, None, &token, &password)
        .await
        .expect("redeem");
    let creds = users::find_credentials(&db, &invitation.email)
        .await
        .expect("creds")
        .expect("account");
    assert!(state
        .hasher
        .verify("sandi-baru-yang-panjang".into(), creds.password_hash)
        .await
        .expect("verify"));
    // Once only.
    assert_eq!(
        account_links::redeem(&state, None, &token, &password).await,
        Err(AppError::NotFound)
    );

    // A reset link, expired: refused like a made-up one.
    let reset = account_links::issue(&db, &admin, id, LinkPurpose::Reset, "http://x")
        .await
        .expect("reset");
    sqlx::query("UPDATE account_tokens SET expires_at = 1")
        .execute(&db.pool)
        .await
        .expect("expire");
    assert_eq!(
        account_links::peek(&db, &token_of(&reset.url)).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        account_links::peek(&db, "made-up").await,
        Err(AppError::NotFound)
    );
    // No link for a deactivated account.
    users::set_active(&db, admin.id, id, false)
        .await
        .expect("deactivate");
    assert!(
        account_links::issue(&db, &admin, id, LinkPurpose::Reset, "http://x")
            .await
            .is_err()
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'user.%'"
        )
        .await,
        6,
        "create, two invitation links, password set, reset link, deactivation"
    );
});

on_both_backends!(a_new_year_copies_the_setup_once_results_are_out, |db| {
    let caches = app::server::http::state::Caches::default();
    let admin = seeded(&db).await;
    let old = competitions::current(&db).await.expect("c").expect("year");
    let input = new_year::parse("2027", "", true).expect("valid");
    assert_eq!(
        new_year::create(&db, &caches, &admin, &input).await,
        Err(AppError::PhaseBlocked(PhaseBlock::YearRunning))
    );
    sqlx::query("UPDATE competitions SET phase = 'published'")
        .execute(&db.pool)
        .await
        .expect("publish");
    let same = new_year::parse(&old.year.to_string(), "", true).expect("valid");
    assert_eq!(
        new_year::create(&db, &caches, &admin, &same).await,
        Err(FieldError::new(Input::Year, Problem::AlreadyExists).into())
    );
    let id = new_year::create(&db, &caches, &admin, &input)
        .await
        .expect("create");
    let current = competitions::current(&db).await.expect("c").expect("year");
    assert_eq!(
        (current.id, current.year, current.phase),
        (id, 2027, Phase::Setup)
    );
    assert_eq!(current.name, "Lomba Inovasi Pelayanan Publik 2027");
    for table in [
        "categories",
        "criteria",
        "form_sections",
        "competition_judges",
    ] {
        let sql = |c: i64| format!("SELECT COUNT(*) FROM {table} WHERE competition_id = {c}");
        let (was, now) = (count(&db, &sql(old.id)).await, count(&db, &sql(id)).await);
        assert!(was > 0, "{table}: the demo has some");
        assert_eq!(was, now, "{table} copied");
    }
    let rubric = |c: i64| {
        format!(
            "SELECT COUNT(*) FROM rubric_levels l JOIN criteria c ON c.id = l.criterion_id WHERE c.competition_id = {c}"
        )
    };
    assert_eq!(
        count(&db, &rubric(old.id)).await,
        count(&db, &rubric(id)).await
    );
    let old_form = form::load(&db, old.id, 0).await.expect("old form");
    let new_form = form::load(&db, id, 0).await.expect("new form");
    let shape = |f: &app::models::ProposalForm| {
        f.questions()
            .map(|q| (q.kind, q.label.clone(), q.required, q.is_start_date))
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&old_form), shape(&new_form));
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM proposals WHERE competition_id = {id}")
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM competition_agencies WHERE competition_id = {id}")
        )
        .await,
        count(&db, "SELECT COUNT(*) FROM agencies WHERE active = 1").await
    );
    // Only one year in set-up at a time: the next waits for this one's results.
    let next = new_year::parse("2028", "", false).expect("valid");
    assert_eq!(
        new_year::create(&db, &caches, &admin, &next).await,
        Err(AppError::PhaseBlocked(PhaseBlock::YearRunning))
    );
});

fn question(kind: QuestionKind, label: &str) -> QuestionInput {
    QuestionInput {
        kind,
        label: label.into(),
        help: String::new(),
        required: true,
        word_limit: None,
        char_limit: None,
        min_value: None,
        max_value: None,
        options: Vec::new(),
        max_files: None,
        is_start_date: false,
        kipp_section: None,
    }
}

on_both_backends!(the_form_is_replaced_whole_until_proposals_exist, |db| {
    let admin = seeded(&db).await;
    let form = vec![
        SectionInput {
            title: "Profil".into(),
            description: "Tentang inovasi".into(),
            questions: vec![
                QuestionInput {
                    word_limit: Some(300),
                    ..question(QuestionKind::LongText, "Latar belakang")
                },
                QuestionInput {
                    is_start_date: true,
                    ..question(QuestionKind::Date, "Mulai berjalan")
                },
            ],
        },
        SectionInput {
            title: "Bukti".into(),
            description: String::new(),
            questions: vec![QuestionInput {
                max_files: Some(3),
                ..question(QuestionKind::Evidence, "Dokumen pendukung")
            }],
        },
    ];
    // The demo year has proposals: its form is fixed, and says why.
    let proposals = count(&db, "SELECT COUNT(*) FROM proposals").await;
    assert_eq!(
        form_builder::replace(&db, &admin, &form).await,
        Err(AppError::PhaseBlocked(PhaseBlock::FormInUse {
            count: proposals as u32
        }))
    );
    let before = form_builder::load(&db).await.expect("load");
    assert_eq!(before.proposals, proposals);

    sqlx::query("DELETE FROM proposals")
        .execute(&db.pool)
        .await
        .expect("clear");
    form_builder::replace(&db, &admin, &form)
        .await
        .expect("replace");
    let after = form_builder::load(&db).await.expect("load");
    assert_eq!(after.proposals, 0);
    let titles: Vec<&str> = after.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Profil", "Bukti"]);
    let q = &after.sections[0].questions;
    assert_eq!(
        (q[0].label.as_str(), q[0].word_limit),
        ("Latar belakang", Some(300))
    );
    assert!(q[1].is_start_date);
    assert_eq!(after.sections[1].questions[0].max_files, Some(3));
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'form.replace'"
        )
        .await,
        1
    );
});

on_both_servers!(
    admins_import_invite_and_build_over_http,
    Scenario::Submission,
    |srv| {
        let admin = srv.signed_in("admin@inovasi.test").await;
        let db = &srv.db.db;

        // A CSV with a broken row, posted as the page's plain form: back to the page with the report.
        let file = reqwest::multipart::Part::bytes(
            b"nama,jenis\nDinas Baru,opd\nDinas Lain,koperasi\n".to_vec(),
        )
        .file_name("instansi.csv")
        .mime_str("text/csv")
        .expect("mime");
        let res = admin
            .post(srv.url("/api/import_agencies"))
            .header("accept", "text/html")
            .header("referer", srv.url(app::routes::ADMIN_AGENCIES))
            .multipart(reqwest::multipart::Form::new().part("file", file))
            .send()
            .await
            .expect("import");
        // (The client follows the server's redirect back to the page.)
        let landed = res.url().to_string();
        assert!(
            landed.contains("/admin/agencies?error="),
            "back on the page with the error: {landed}"
        );
        let page = res.text().await.expect("body");
        assert!(
            page.contains("Baris yang perlu diperbaiki"),
            "the report is on the page"
        );
        assert!(page.contains("<td>3</td>"), "names line 3");
        assert_eq!(
            count(
                db,
                "SELECT COUNT(*) FROM agencies WHERE name = 'Dinas Baru'"
            )
            .await,
            0
        );

        let file = reqwest::multipart::Part::bytes(b"nama,jenis\nDinas Baru,opd\n".to_vec())
            .file_name("a.csv");
        let res = admin
            .post(srv.url("/api/import_agencies"))
            .header("accept", "application/json")
            .multipart(reqwest::multipart::Form::new().part("file", file))
            .send()
            .await
            .expect("import");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.text().await.expect("body"), "1");

        // An invitation: the link is shown once on the users page, and opens the account.
        let agency_id: i64 =
            sqlx::query_scalar("SELECT id FROM agencies WHERE name = 'Dinas Baru'")
                .fetch_one(&db.pool)
                .await
                .expect("agency");
        let agency = agency_id.to_string();
        let form = [
            ("name", "Rina Operator"),
            ("email", "rina@dinasbaru.test"),
            ("role", "agency_head"),
            ("agency_id", agency.as_str()),
        ];
        let (status, body) = srv.call(&admin, "/api/invite_user", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page = admin
            .get(srv.url(app::routes::ADMIN_USERS))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        let token = page
            .split("/account/setup?token=")
            .nth(1)
            .map(|rest| {
                rest.chars()
                    .take_while(char::is_ascii_hexdigit)
                    .collect::<String>()
            })
            .expect("the link is on the page");
        assert_eq!(token.len(), 64);
        let again = admin
            .get(srv.url(app::routes::ADMIN_USERS))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("body");
        assert!(!again.contains(&token), "shown once only");

        let visitor = srv.client();
        let setup = visitor
            .get(srv.url(&format!("/account/setup?token={token}")))
            .send()
            .await
            .expect("setup page")
            .text()
            .await
            .expect("body");
        assert!(
            setup.contains("Rina Operator"),
            "the page names the account"
        );
        let (status, body) = srv
            .call(
                &visitor,
                "/api/set_password_with_link",
                &[
                    ("token", &token),
                    ("password", "kata sandi rina"),
                    ("password_again", "kata sandi lain"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("mismatch"), "{body}");
        let (status, body) = srv
            .call(
                &visitor,
                "/api/set_password_with_link",
                &[
                    ("token", &token),
                    ("password", "kata sandi rina"),
                    ("password_again", "kata sandi rina"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = srv
            .call(
                &visitor,
                "/api/login",
                &[
                    ("email", "rina@dinasbaru.test"),
                    ("password", "kata sandi rina"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "the new account signs in: {body}");

        // The form builder's nested fields arrive whole (after the proposals are gone).
        sqlx::query("DELETE FROM proposals")
            .execute(&db.pool)
            .await
            .expect("clear");
        let form = [
            ("sections[0][title]", "Profil inovasi"),
            ("sections[0][description]", ""),
            ("sections[0][questions][0][kind]", "short_text"),
            ("sections[0][questions][0][label]", "Nama inovasi"),
            ("sections[0][questions][0][required]", "on"),
            ("sections[0][questions][1][kind]", "single_choice"),
            ("sections[0][questions][1][label]", "Jenis"),
            ("sections[0][questions][1][options]", "Digital\nNon-digital"),
            ("sections[0][questions][2][kind]", "short_text"),
            ("sections[0][questions][2][label]", ""),
            ("sections[1][title]", "Bukti"),
            ("sections[1][questions][0][kind]", "evidence"),
            ("sections[1][questions][0][label]", "Dokumen"),
            ("sections[1][questions][0][max_files]", "2"),
            ("edit", "question_down:0:0"),
        ];
        let (status, body) = srv.call(&admin, "/api/save_form", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let stored = form_builder::load(db).await.expect("load");
        let labels: Vec<Vec<&str>> = stored
            .sections
            .iter()
            .map(|s| s.questions.iter().map(|q| q.label.as_str()).collect())
            .collect();
        assert_eq!(labels, vec![vec!["Jenis", "Nama inovasi"], vec!["Dokumen"]]);
        let preview = admin
            .get(srv.url(app::routes::ADMIN_FORM_PREVIEW))
            .send()
            .await
            .expect("preview");
        assert_eq!(preview.status(), StatusCode::OK);
        let html = preview.text().await.expect("body");
        assert!(
            html.contains("Profil inovasi") && html.contains("Pratinjau formulir"),
            "the wizard renders the form"
        );

        // None of it for anyone else.
        let agency_user = srv.signed_in("staf.dukcapil@inovasi.test").await;
        for path in [
            "/api/invite_user",
            "/api/save_form",
            "/api/add_agency",
            "/api/create_year",
        ] {
            let (status, _) = srv.call(&agency_user, path, &[]).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
    }
);

/// With SMTP configured the link also goes to the person, and the admin's page says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_are_emailed_when_smtp_is_configured() {
    let (url, inbox) = support::smtp_sink().await;
    let mailer =
        app::server::infra::mail::Mailer::new(&url, "Panitia Inovasi <panitia@inovasi.test>")
            .expect("mailer");
    let srv = support::TestServer::start_with_mailer(
        support::Backend::Sqlite,
        Scenario::Submission,
        Some(mailer),
    )
    .await
    .expect("sqlite");
    let admin = srv.signed_in("admin@inovasi.test").await;
    let form = [
        ("name", "Juri Tamu"),
        ("email", "juri.tamu@kampus.test"),
        ("role", "judge"),
        ("agency_id", ""),
    ];
    let (status, body) = srv.call(&admin, "/api/invite_user", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = admin
        .get(srv.url(app::routes::ADMIN_USERS))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("juga sudah dikirim ke email"),
        "the admin is told"
    );
    let token = page
        .split("/account/setup?token=")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
        .expect("the link is on the page");
    let mails = inbox.lock().expect("inbox").clone();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].contains("To: \"Juri Tamu\" <juri.tamu@kampus.test>"),
        "{}",
        mails[0]
    );
    // The body is quoted-printable: undo its soft line breaks and escaped '='.
    let body = mails[0].replace("=\n", "").replace("=3D", "=");
    assert!(body.contains(&token), "the same link: {body}");
    srv.db.destroy().await;
}

/// A mail server that cannot be reached loses nothing: the link is still shown, with a warning.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_email_still_shows_the_link() {
    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mailer = app::server::infra::mail::Mailer::new(
        &format!("smtp://127.0.0.1:{closed}"),
        "panitia@inovasi.test",
    )
    .expect("mailer");
    let srv = support::TestServer::start_with_mailer(
        support::Backend::Sqlite,
        Scenario::Submission,
        Some(mailer),
    )
    .await
    .expect("sqlite");
    let admin = srv.signed_in("admin@inovasi.test").await;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'staf.dukcapil@inovasi.test'")
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("user");
    let (status, body) = srv
        .call(
            &admin,
            "/api/issue_reset_link",
            &[("user_id", &id.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = admin
        .get(srv.url(app::routes::ADMIN_USERS))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Email gagal terkirim"), "the admin is told");
    assert!(
        page.contains("/account/setup?token="),
        "and still gets the link"
    );
    srv.db.destroy().await;
}
