//! Field verification (issue 16; docs/rounds.md "Field verification"), from the regency's field
//! round (`seed-demo --field`), on both databases: a judge's visit report saved field by field
//! as the tablet sends it (retries stored once, hand-in only when complete, read-only after),
//! photos judged by content and stored once per id, who may see them, the checklist the
//! organisers write, and the report as the organisers read it.

mod support;

use app::server::demo::Scenario;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A finalist of the field round, a judge who visits it, and a judge who does not.
async fn visit_of(db: &app::server::Db) -> (String, String, String) {
    let (proposal, judge): (String, String) = sqlx::query_as(
        "SELECT ja.proposal_id, u.email FROM judge_assignments ja
         JOIN rounds r ON r.id = ja.round_id AND r.is_current = 1 AND r.kind = 'field'
         JOIN users u ON u.id = ja.judge_id
         ORDER BY ja.proposal_id, u.email LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .expect("an assignment in the field round");
    let other: String = sqlx::query_scalar(
        "SELECT u.email FROM users u WHERE u.role = 'judge' AND NOT EXISTS (
             SELECT 1 FROM judge_assignments ja JOIN rounds r ON r.id = ja.round_id
             WHERE r.is_current = 1 AND ja.judge_id = u.id AND ja.proposal_id = $1)
         ORDER BY u.email LIMIT 1",
    )
    .bind(&proposal)
    .fetch_one(&db.pool)
    .await
    .expect("a judge who does not visit it");
    (proposal, judge, other)
}

async fn save(
    srv: &support::TestServer,
    client: &reqwest::Client,
    proposal: &str,
    base_version: i64,
    key: &str,
    changes: Value,
) -> (StatusCode, Value) {
    let res = client
        .post(srv.url("/api/save_visit"))
        .header("accept", "application/json")
        .json(&json!({ "request": {
            "proposal_id": proposal, "base_version": base_version, "key": key, "changes": changes,
        } }))
        .send()
        .await
        .expect("save");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn photo(
    srv: &support::TestServer,
    client: &reqwest::Client,
    proposal: &str,
    id: &str,
    claim: Option<i64>,
    bytes: &[u8],
) -> (StatusCode, Value) {
    let mut form = reqwest::multipart::Form::new()
        .text("proposal_id", proposal.to_string())
        .text("photo_id", id.to_string())
        .text("taken_at", "1796601600000");
    if let Some(claim) = claim {
        form = form.text("claim", claim.to_string());
    }
    let form = form.part(
        "file",
        reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("foto.jpg"),
    );
    let res = client
        .post(srv.url("/api/upload_visit_photo"))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn count(db: &app::server::Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .expect(sql)
}

on_both_servers!(
    a_visit_is_reported_and_read_by_the_organisers,
    Scenario::Field,
    |srv| {
        let db = &srv.db.db;
        let (proposal, judge_email, other_email) = visit_of(db).await;
        let judge = srv.signed_in(&judge_email).await;

        // The scoring page carries the checklist, with the round's claims.
        let page = srv.page(&judge, &app::routes::judge_sheet(&proposal)).await;
        assert!(
            page.contains("Verifikasi lapangan"),
            "no checklist on the page"
        );
        assert!(
            page.contains("Inovasi berjalan di lokasi"),
            "no claim on the page"
        );
        assert!(
            page.contains("VisitChecklist"),
            "the checklist is not an island"
        );

        // A first save, and its retry (the answer lost on the way): stored once.
        let first = json!([
            { "field": "visited_on", "base": null, "value": "2026-12-07" },
            { "field": "visitors", "base": null, "value": "Tim verifikasi <b>Bappeda</b>" },
            { "field": "k1", "base": null, "value": "confirmed" },
            { "field": "w1", "base": null, "value": "<script>alert(1)</script> Loket antrean dipakai" },
        ]);
        let (status, saved) = save(srv, &judge, &proposal, 0, "v-1", first.clone()).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["saved"]["version"], json!(1));
        let (status, again) = save(srv, &judge, &proposal, 0, "v-1", first).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(again, saved);
        assert_eq!(count(db, "SELECT COUNT(*) FROM visit_fields").await, 4);
        assert_eq!(count(db, "SELECT MAX(version) FROM visits").await, 1);

        // Handing in with claims still open: refused, naming them, nothing stored.
        let (status, refused) = save(
            srv,
            &judge,
            &proposal,
            1,
            "v-2",
            json!([{ "field": "submitted", "base": null, "value": true }]),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(
            refused["incomplete"]["fields"],
            json!(["k2", "k3", "k4", "k5"])
        );
        // A field the checklist does not have, or a finding that is not one: refused whole.
        for bad in [
            json!([{ "field": "k9", "base": null, "value": "confirmed" }]),
            json!([{ "field": "k2", "base": null, "value": "mungkin" }]),
            json!([{ "field": "visited_on", "base": "2026-12-07", "value": "7 Desember" }]),
        ] {
            let (status, _) = save(srv, &judge, &proposal, 1, "v-bad", bad).await;
            assert!(status.is_client_error(), "{status}");
        }
        assert_eq!(count(db, "SELECT MAX(version) FROM visits").await, 1);
        assert_eq!(count(db, "SELECT COUNT(*) FROM visit_fields").await, 4);

        // A judge who does not visit it: as if it did not exist.
        let other = srv.signed_in(&other_email).await;
        let (status, _) = save(
            srv,
            &other,
            &proposal,
            0,
            "o-1",
            json!([{ "field": "k1", "base": null, "value": "not_seen" }]),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Photos: judged by content; stored once per id however often sent.
        let id = uuid::Uuid::new_v4().to_string();
        let (status, stored) = photo(srv, &judge, &proposal, &id, Some(1), PNG).await;
        assert_eq!(status, StatusCode::OK, "{stored}");
        assert_eq!(stored["claim"], json!(1));
        let (status, again) = photo(srv, &judge, &proposal, &id, Some(1), PNG).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(again, stored);
        assert_eq!(count(db, "SELECT COUNT(*) FROM visit_photos").await, 1);
        let fake = uuid::Uuid::new_v4().to_string();
        let (status, refused) = photo(
            srv,
            &judge,
            &proposal,
            &fake,
            None,
            b"bukan foto, hanya teks",
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(
            refused["invalid"]["problem"],
            json!("not_a_photo"),
            "{refused}"
        );
        let (status, _) = photo(
            srv,
            &judge,
            &proposal,
            &uuid::Uuid::new_v4().to_string(),
            Some(9),
            PNG,
        )
        .await;
        assert!(
            status.is_client_error(),
            "a claim the checklist lacks: {status}"
        );
        // Another judge may neither add to this visit nor take this photo's id.
        let (status, _) = photo(srv, &other, &proposal, &id, None, PNG).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(count(db, "SELECT COUNT(*) FROM visit_photos").await, 1);

        // The photo opens for its judge and the organisers only.
        let route = app::routes::visit_photo(&id);
        let res = judge.get(srv.url(&route)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "image/png");
        let res = other.get(srv.url(&route)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let agency = srv.signed_in("kepala.dukcapil@inovasi.test").await;
        let res = agency.get(srv.url(&route)).send().await.expect("get");
        assert!(res.status().is_client_error());
        let admin = srv.signed_in("admin@inovasi.test").await;
        let res = admin.get(srv.url(&route)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK);

        // Complete and hand in; afterwards the report is read-only.
        let rest: Vec<Value> = (2..=5)
        .map(|n| json!({ "field": format!("k{n}"), "base": null, "value": if n == 3 { "not_seen" } else { "partly" } }))
        .chain([json!({ "field": "submitted", "base": null, "value": true })])
        .collect();
        let (status, done) = save(srv, &judge, &proposal, 1, "v-3", json!(rest)).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let (status, _) = save(
            srv,
            &judge,
            &proposal,
            2,
            "v-4",
            json!([{ "field": "notes", "base": null, "value": "terlambat" }]),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "handed in, so read-only");
        assert_eq!(
            count(
                db,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'visit.submit'"
            )
            .await,
            1
        );

        // The organisers read it on the finalist's result page, every piece of text escaped.
        let detail = srv
            .page(&admin, &app::routes::admin_result(&proposal))
            .await;
        assert!(
            detail.contains("Verifikasi lapangan"),
            "no report on the result page"
        );
        assert!(detail.contains("Terbukti") && detail.contains("Tidak terlihat"));
        assert!(detail.contains(&route), "no photo on the result page");
        assert!(
            !detail.contains("<script>alert(1)"),
            "the visitor's text was not escaped"
        );
        assert!(detail.contains("&lt;script&gt;alert(1)"));
        assert!(!detail.contains("<b>Bappeda</b>"));
    }
);

on_both_servers!(
    the_organisers_reopen_a_report_and_the_judge_hands_it_in_again,
    Scenario::Field,
    |srv| {
        let db = &srv.db.db;
        let (proposal, judge_email, other_email) = visit_of(db).await;
        let judge = srv.signed_in(&judge_email).await;
        let all: Vec<Value> = (1..=5)
            .map(|n| json!({ "field": format!("k{n}"), "base": null, "value": "confirmed" }))
            .chain([
                json!({ "field": "visited_on", "base": null, "value": "2026-12-07" }),
                json!({ "field": "submitted", "base": null, "value": true }),
            ])
            .collect();
        let (status, done) = save(srv, &judge, &proposal, 0, "r-1", json!(all)).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        let visit_id: String = sqlx::query_scalar("SELECT id FROM visits")
            .fetch_one(&db.pool)
            .await
            .expect("the report");
        let result_page = app::routes::admin_result(&proposal);
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let detail = srv.page(&admin, &result_page).await;
        assert!(
            detail.contains("Buka kembali laporan"),
            "no way to reopen it"
        );
        let form = |reason: &str| {
            vec![
                ("visit_id".to_string(), visit_id.clone()),
                ("reason".to_string(), reason.to_string()),
            ]
        };

        // No reason: refused, naming the reason, and the report stays handed in.
        let (location, html) = srv
            .post_form(&admin, "/api/reopen_visit", &result_page, &form("  "))
            .await;
        assert!(location.starts_with(&result_page), "{location}");
        assert!(html.contains("Alasan"), "the error names the reason");
        let handed_in = "SELECT COUNT(*) FROM visits WHERE submitted_at IS NOT NULL";
        assert_eq!(count(db, handed_in).await, 1);

        // Neither the judge nor another may reopen it.
        for who in [&judge, &srv.signed_in(&other_email).await] {
            let (status, _) = srv
                .call(
                    who,
                    "/api/reopen_visit",
                    &[("visit_id", &visit_id), ("reason", "saya sendiri")],
                )
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN);
        }
        assert_eq!(count(db, handed_in).await, 1);

        // Reopened with a reason: back to the result page, the judge told, audited.
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/reopen_visit",
                &result_page,
                &form("Foto klaim 2 salah gedung."),
            )
            .await;
        assert_eq!(location, result_page);
        assert!(html.contains("belum diserahkan"), "not shown as reopened");
        assert_eq!(count(db, handed_in).await, 0);
        assert_eq!(
            count(
                db,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'visit.reopen'"
            )
            .await,
            1
        );
        let judge_id = support::user(db, &judge_email).await.id;
        let told = app::server::infra::notify::list(db, judge_id)
            .await
            .expect("notifications");
        assert!(told.items.iter().any(|n| matches!(
            &n.notice,
            app::models::Notice::VisitReopened { proposal_id, reason, .. }
                if *proposal_id == proposal && reason == "Foto klaim 2 salah gedung."
        )));
        // Reopening what is not handed in: refused.
        let (status, _) = srv
            .call(
                &srv.signed_in("admin@inovasi.test").await,
                "/api/reopen_visit",
                &[("visit_id", &visit_id), ("reason", "lagi")],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);

        // The judge's page says so; the tablet, still at the handed-in version, learns of the
        // reopening from the version, corrects, and hands it in again.
        let page = srv.page(&judge, &app::routes::judge_sheet(&proposal)).await;
        assert!(
            page.contains("Panitia membuka kembali laporan ini"),
            "the page does not say so"
        );
        let (status, corrected) = save(
            srv,
            &judge,
            &proposal,
            1,
            "r-2",
            json!([{ "field": "w2", "base": null, "value": "Foto gedung yang benar" }]),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{corrected}");
        assert_eq!(corrected["saved"]["version"], json!(3));
        let (status, _) = save(
            srv,
            &judge,
            &proposal,
            3,
            "r-3",
            json!([{ "field": "submitted", "base": null, "value": true }]),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(count(db, handed_in).await, 1);
    }
);

on_both_servers!(
    the_organisers_write_the_checklist_until_the_first_report,
    Scenario::Field,
    |srv| {
        let db = &srv.db.db;
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let position: i64 = count(db, "SELECT position FROM rounds WHERE kind = 'field'").await;
        let rounds = app::routes::ADMIN_ROUNDS;
        let form = |claims: &str| {
            vec![
                ("position".to_string(), position.to_string()),
                ("claims".to_string(), claims.to_string()),
            ]
        };
        // Too long a claim: refused naming the round's checklist, what was typed kept.
        let long = "x".repeat(301);
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_visit_claims",
                rounds,
                &form(&format!("Ada loket\n{long}")),
            )
            .await;
        assert!(location.starts_with(rounds), "{location}");
        assert!(
            html.contains(&format!("Babak {position}: Klaim yang diverifikasi")),
            "the error names the round's checklist"
        );
        assert!(html.contains("Ada loket"), "what was typed is kept");
        let stored: String =
            sqlx::query_scalar("SELECT visit_claims FROM rounds WHERE kind = 'field'")
                .fetch_one(&db.pool)
                .await
                .expect("claims");
        assert!(
            stored.starts_with("Inovasi berjalan"),
            "nothing stored: {stored}"
        );

        // Written: blank lines dropped, and the judges' pages show it.
        let (location, _) = srv
            .post_form(
                &admin,
                "/api/save_visit_claims",
                rounds,
                &form("Ada loket daring\n\n  Petugas terlatih  \n"),
            )
            .await;
        assert!(location.contains("saved=claims"), "{location}");
        let stored: String =
            sqlx::query_scalar("SELECT visit_claims FROM rounds WHERE kind = 'field'")
                .fetch_one(&db.pool)
                .await
                .expect("claims");
        assert_eq!(stored, "Ada loket daring\nPetugas terlatih");

        // A round that is not a field round: not found. Another role: refused.
        let (status, _) = srv
            .call(
                &srv.signed_in("admin@inovasi.test").await,
                "/api/save_visit_claims",
                &[("position", "1"), ("claims", "x")],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (proposal, judge_email, _) = visit_of(db).await;
        let judge = srv.signed_in(&judge_email).await;
        let (status, _) = srv
            .call(
                &judge,
                "/api/save_visit_claims",
                &[("position", &position.to_string()), ("claims", "x")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Once a visit is reported the checklist stays as it is.
        let (status, body) = save(
            srv,
            &judge,
            &proposal,
            0,
            "c-1",
            json!([{ "field": "k2", "base": null, "value": "confirmed" }]),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = srv
            .call(
                &srv.signed_in("admin@inovasi.test").await,
                "/api/save_visit_claims",
                &[("position", &position.to_string()), ("claims", "Lain")],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let page = srv
            .page(&srv.signed_in("admin@inovasi.test").await, rounds)
            .await;
        assert!(
            page.contains("tidak lagi berubah"),
            "the page says the checklist is fixed"
        );
    }
);
