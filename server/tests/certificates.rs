//! The regency's identity and the certificates anyone can verify (issue 17), on both backends:
//! the identity saved and refused field by field, the crest checked by content, a certificate
//! issued once on download with its number, QR and verification address printed, the public
//! verification page (genuine, withdrawn, unknown), withdrawal with a reason, and a new number
//! after it.

mod support;

use app::error::{AppError, ServerProblem};
use app::server::demo::Scenario;
use app::server::results::certificates;
use reqwest::StatusCode;

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF opens");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text extracts")
}

/// The identity form as the page posts it, with `changes` over the demo's values.
fn identity_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("government_name", "Pemerintah Kabupaten Sukamaju"),
        ("place", "Sukamaju"),
        ("certificate_signer_name", "H. Bambang Sutrisno, S.H."),
        ("certificate_signer_title", "Bupati Sukamaju"),
        ("certificate_signer_nip", "19700101 199503 1 001"),
        ("recap_signer_name", ""),
        ("recap_signer_title", ""),
        ("recap_signer_nip", ""),
        ("decree_signer_name", ""),
        ("decree_signer_title", ""),
        ("decree_signer_nip", ""),
        ("certificate_pattern", "{n}/PIAGAM/INOVASI/{year}"),
        ("certificate_next", "1"),
        ("decree_pattern", "{n}/SK/INOVASI/{year}"),
        ("decree_next", "1"),
    ];
    for (name, value) in changes {
        if let Some(field) = form.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        }
    }
    form
}

fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn a_png() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(900, 1200, |x, y| {
        image::Rgba([
            (x % 255) as u8,
            60,
            (y % 255) as u8,
            if x < 450 { 255 } else { 0 },
        ])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    png
}

async fn upload_crest(
    srv: &support::TestServer,
    client: &reqwest::Client,
    bytes: Vec<u8>,
    name: &str,
) -> (StatusCode, String) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    let res = client
        .post(srv.url("/api/upload_crest"))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status();
    (status, res.text().await.expect("body"))
}

on_both_servers!(
    the_identity_is_saved_whole_or_refused_by_field,
    Scenario::Submission,
    |srv| {
        let db = &srv.db.db;
        let admin = srv.signed_in("admin@inovasi.test").await;
        // The demo names its government and place.
        let identity = app::server::identity::load(db).await.expect("identity");
        assert_eq!(identity.government_name, "Pemerintah Kabupaten Sukamaju");
        assert_eq!(identity.numbering_year, Some(2026));

        let (status, body) = srv
            .call(&admin, "/api/save_identity", &identity_form(&[]))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let identity = app::server::identity::load(db).await.expect("identity");
        let signer = identity
            .signatory(app::models::DocumentKind::Certificate)
            .expect("a certificate signer");
        assert_eq!(signer.nip, "19700101 199503 1 001");
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'identity.save'")
                .fetch_one(&db.pool)
                .await
                .expect("audit");
        assert_eq!(audited, 1);

        // Each bad field is named, and nothing of the form is written.
        for (changes, field) in [
            (
                vec![("certificate_signer_nip", "1970")],
                "certificate_signer_nip",
            ),
            (
                vec![("recap_signer_title", "Ketua Tim Penilai")],
                "recap_signer_name",
            ),
            (vec![("decree_pattern", "SK/{year}")], "decree_pattern"),
            (
                vec![("certificate_pattern", "{n}/{tahun}")],
                "certificate_pattern",
            ),
            (vec![("certificate_next", "nol")], "certificate_next"),
        ] {
            let mut changes = changes;
            changes.push(("place", "Kota Lain"));
            let (status, body) = srv
                .call(&admin, "/api/save_identity", &identity_form(&changes))
                .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {body}");
            assert!(
                matches!(error_of(&body), AppError::Invalid(ref e) if e.field == field),
                "{field}: {body}"
            );
        }
        let identity = app::server::identity::load(db).await.expect("identity");
        assert_eq!(identity.place, "Sukamaju", "a refused form writes nothing");

        // The page, without script: the refused form comes back as typed, the error beside the
        // field.
        let plain = srv.plain_browser("admin@inovasi.test").await;
        let form = identity_form(&[
            ("government_name", "Pemerintah <b>Kabupaten</b> Sukamaju"),
            ("certificate_signer_nip", "1970 01"),
        ]);
        let (location, html) = srv
            .post_form(
                &plain,
                "/api/save_identity",
                app::routes::ADMIN_IDENTITY,
                &form,
            )
            .await;
        assert!(
            location.starts_with(app::routes::ADMIN_IDENTITY),
            "{location}"
        );
        assert!(html.contains("NIP terdiri dari 18 angka"), "{html}");
        let page = scraper::Html::parse_document(&html);
        let value = |id: &str| {
            let selector = scraper::Selector::parse(&format!("input#{id}")).expect("selector");
            page.select(&selector)
                .next()
                .and_then(|e| e.value().attr("value"))
                .map(str::to_string)
        };
        assert_eq!(value("certificate-signer-nip").as_deref(), Some("1970 01"));
        assert_eq!(
            value("government-name").as_deref(),
            Some("Pemerintah <b>Kabupaten</b> Sukamaju"),
            "kept as typed, as text"
        );
        let bold = scraper::Selector::parse("b").expect("b");
        assert!(
            page.select(&bold)
                .all(|b| b.text().collect::<String>() != "Kabupaten"),
            "no markup from the form"
        );

        // The crest: a PNG is taken and scaled down; anything else is refused by content.
        let (status, body) = upload_crest(srv, &admin, a_png(), "lambang.png").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let identity = app::server::identity::load(db).await.expect("identity");
        let crest = identity.crest.expect("a crest");
        assert_eq!((crest.width, crest.height), (450, 600));
        let anonymous = srv.client();
        let res = anonymous
            .get(srv.url(&app::routes::crest(&crest.version)))
            .send()
            .await
            .expect("crest");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "image/png");
        let pdf_named_png = b"%PDF-1.7\n%%EOF".to_vec();
        let (status, body) = upload_crest(srv, &admin, pdf_named_png, "lambang.png").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            matches!(error_of(&body), AppError::Invalid(ref e) if e.field == "file"),
            "{body}"
        );
        let big = vec![0x89; 6 * 1024 * 1024];
        let (status, _) = upload_crest(srv, &admin, big, "besar.png").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let still = app::server::identity::load(db).await.expect("identity");
        assert_eq!(still.crest.map(|c| c.version), Some(crest.version), "kept");

        // Only admins.
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let (status, _) = srv
            .call(&judge, "/api/save_identity", &identity_form(&[]))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

on_both_servers!(
    a_certificate_is_issued_once_verified_by_anyone_and_withdrawn_with_a_reason,
    Scenario::Published,
    |srv| {
        let db = &srv.db.db;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let recap_signer = [
            ("recap_signer_name", "Dra. Sri Lestari, M.Si."),
            ("recap_signer_title", "Kepala Bappeda"),
        ];
        let (status, body) = srv
            .call(&admin, "/api/save_identity", &identity_form(&recap_signer))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = upload_crest(srv, &admin, a_png(), "lambang.png").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let year = app::server::year::competitions::current(db)
            .await
            .expect("current")
            .expect("the published year")
            .id;
        let winner: String = sqlx::query_scalar(
            "SELECT proposal_id FROM results WHERE award = 'winner' AND competition_id = $1
             ORDER BY rank LIMIT 1",
        )
        .bind(year)
        .fetch_one(&db.pool)
        .await
        .expect("the winner");
        let agency: String = sqlx::query_scalar(
            "SELECT a.name FROM proposals p JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1",
        )
        .bind(&winner)
        .fetch_one(&db.pool)
        .await
        .expect("agency");

        // The first download issues it: number, crest, QR and the address printed.
        let url = srv.url(&app::routes::certificate(&winner));
        let res = admin.get(&url).send().await.expect("certificate");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("piagam-1-PIAGAM-INOVASI-2026.pdf"));
        let bytes = res.bytes().await.expect("bytes");
        let text = pdf_text(&bytes);
        let listed = certificates::list(db, year).await.expect("list");
        assert_eq!(listed.len(), 1);
        let first = listed[0].clone();
        assert_eq!(first.number, "1/PIAGAM/INOVASI/2026");
        assert_eq!(first.code.len(), certificates::CODE_LEN);
        let address = srv.url(&app::routes::verification(&first.code));
        for expected in [
            "PEMERINTAH KABUPATEN SUKAMAJU",
            "Nomor: 1/PIAGAM/INOVASI/2026",
            "H. Bambang Sutrisno, S.H.",
            "NIP. 19700101 199503 1 001",
            "Sukamaju, ",
            address.as_str(),
            agency.as_str(),
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from {text:?}"
            );
        }
        let doc = lopdf::Document::load_mem(&bytes).expect("opens");
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .count();
        assert_eq!(images, 2, "the crest and its transparency");

        // Downloaded again: the same certificate, nothing new issued.
        let again = admin.get(&url).send().await.expect("again");
        assert!(pdf_text(&again.bytes().await.expect("bytes")).contains(&address));
        assert_eq!(certificates::list(db, year).await.expect("list").len(), 1);

        // Anyone opens the printed address: genuine, to whom and for what.
        let visitor = srv.client();
        let res = visitor.get(&address).send().await.expect("verify");
        assert_eq!(res.status(), StatusCode::OK);
        let page = res.text().await.expect("page");
        assert!(page.contains("Piagam ini sah"), "{page}");
        assert!(page.contains("1/PIAGAM/INOVASI/2026"));
        assert!(page.contains(&agency));
        // The code typed by hand, in groups and lower case, finds the same.
        let typed = app::models::grouped_code(&first.code).to_lowercase();
        let page = srv
            .page(&visitor, &format!("{}?kode={typed}", app::routes::VERIFY))
            .await;
        assert!(page.contains("Piagam ini sah"));

        // Unknown codes, well-formed or not, get one answer, with a 404 and nothing echoed raw.
        let unknown = [
            "ZZZZZZZZZZZZZZZZ".to_string(),
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
            first.code.chars().rev().collect(),
        ];
        let mut answers = Vec::new();
        for code in &unknown {
            let res = visitor
                .get(srv.url(&format!("{}/{code}", app::routes::VERIFY)))
                .send()
                .await
                .expect("unknown");
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{code}");
            let page = res.text().await.expect("page");
            assert!(page.contains("Tidak ada piagam dengan kode ini"), "{code}");
            assert!(!page.contains("<script>alert"), "{code}");
            answers.push(page.contains("Piagam ini sah"));
        }
        assert_eq!(answers, vec![false; 3]);

        // Withdrawal: a reason is required; then the page says so, with the reason as text.
        let id = first.id.to_string();
        let (status, body) = srv
            .call(
                &admin,
                "/api/withdraw_certificate",
                &[("certificate", id.as_str()), ("reason", "  ")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let (status, _) = srv
            .call(
                &judge,
                "/api/withdraw_certificate",
                &[("certificate", id.as_str()), ("reason", "iseng")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let reason = "Nama instansi salah <b>ketik</b>";
        let (status, body) = srv
            .call(
                &admin,
                "/api/withdraw_certificate",
                &[("certificate", id.as_str()), ("reason", reason)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = srv
            .call(
                &admin,
                "/api/withdraw_certificate",
                &[("certificate", id.as_str()), ("reason", "lagi")],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "withdrawn once");
        let page = srv
            .page(&visitor, &app::routes::verification(&first.code))
            .await;
        assert!(page.contains("Piagam ini telah dicabut"), "{page}");
        assert!(
            page.contains("Nama instansi salah &lt;b&gt;ketik&lt;/b&gt;"),
            "{page}"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action IN ('certificate.issue', 'certificate.withdraw')",
        )
        .fetch_one(&db.pool)
        .await
        .expect("audit");
        assert_eq!(audited, 2);

        // The next download issues a new certificate with the next number.
        let res = admin.get(&url).send().await.expect("new");
        assert_eq!(res.status(), StatusCode::OK);
        let listed = certificates::list(db, year).await.expect("list");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].number, "2/PIAGAM/INOVASI/2026");
        assert!(listed[0].withdrawn_at.is_none() && listed[1].withdrawn_at.is_some());
        let page = srv
            .page(&visitor, &app::routes::verification(&listed[0].code))
            .await;
        assert!(page.contains("Piagam ini sah"));

        // A number already on a certificate cannot be the next one.
        let (status, body) = srv
            .call(
                &admin,
                "/api/save_identity",
                &identity_form(&[("certificate_next", "2")]),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            matches!(
                error_of(&body),
                AppError::Invalid(ref e)
                    if e.field == "certificate_next"
                        && e.problem == app::error::Problem::Server(ServerProblem::NumberTaken {
                            number: "2/PIAGAM/INOVASI/2026".into()
                        })
            ),
            "{body}"
        );

        // The recap carries the same letterhead and place.
        let recap = admin
            .get(srv.url(app::routes::ADMIN_RECAP_PDF))
            .send()
            .await
            .expect("recap");
        let text = pdf_text(&recap.bytes().await.expect("bytes"));
        assert!(text.contains("PEMERINTAH KABUPATEN SUKAMAJU"), "{text}");
        assert!(text.contains("Sukamaju, "), "{text}");
        assert!(text.contains("Mengetahui,") && text.contains("Dra. Sri Lestari, M.Si."));

        // The results page lists both, the withdrawn one with its reason.
        let page = srv.page(&admin, app::routes::ADMIN_RESULTS).await;
        assert!(page.contains("2/PIAGAM/INOVASI/2026") && page.contains("1/PIAGAM/INOVASI/2026"));
        assert!(page.contains("Nama instansi salah &lt;b&gt;ketik&lt;/b&gt;"));

        // Purge: only of a withdrawn certificate, only by the organisers, once.
        let in_force = listed[0].id.to_string();
        let (status, body) = srv
            .call(
                &admin,
                "/api/purge_certificate",
                &[("certificate", in_force.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, _) = srv
            .call(
                &judge,
                "/api/purge_certificate",
                &[("certificate", id.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = srv
            .call(
                &admin,
                "/api/purge_certificate",
                &[("certificate", "999999")],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = srv
            .call(
                &admin,
                "/api/purge_certificate",
                &[("certificate", id.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = srv
            .call(
                &admin,
                "/api/purge_certificate",
                &[("certificate", id.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "purged once");

        // The purged code gets exactly the answer of a code never issued.
        let never = "ZZZZZZZZZZZZZZZZ";
        let answer = |code: &str| {
            let res = visitor.get(srv.url(&format!("{}/{code}", app::routes::VERIFY)));
            async move {
                let res = res.send().await.expect("verify");
                (res.status(), res.text().await.expect("page"))
            }
        };
        let (purged_status, purged_page) = answer(&first.code).await;
        let (never_status, never_page) = answer(never).await;
        assert_eq!(purged_status, StatusCode::NOT_FOUND);
        // The main part of the page, with the code as typed and as grouped taken out.
        let main_of = |page: &str, code: &str| {
            let start = page.find("<main").expect("main");
            let end = page.find("</main>").expect("main end");
            page[start..end]
                .replace(&app::models::grouped_code(code), "")
                .replace(code, "")
        };
        assert_eq!(purged_status, never_status);
        assert_eq!(
            main_of(&purged_page, &first.code),
            main_of(&never_page, never)
        );
        assert!(!purged_page.contains(&agency) && !purged_page.contains("Nama instansi salah"));

        // What it said is gone; its number stays taken and listed as purged.
        let stored: (String, String, Option<String>) = sqlx::query_as(
            "SELECT agency_name, proposal_title, withdrawal_reason FROM certificates WHERE number = '1/PIAGAM/INOVASI/2026'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("row");
        assert_eq!(stored, (String::new(), String::new(), None));
        let page = srv
            .page(
                &admin,
                &format!("{}?purged={id}", app::routes::ADMIN_RESULTS),
            )
            .await;
        assert!(page.contains("1/PIAGAM/INOVASI/2026") && page.contains("Dihapus"));
        assert!(!page.contains("Nama instansi salah"));
        let purges: Vec<String> = sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE action = 'certificate.purge'",
        )
        .fetch_all(&db.pool)
        .await
        .expect("audit");
        assert_eq!(purges.len(), 1);
        assert!(purges[0].contains("1/PIAGAM/INOVASI/2026") && !purges[0].contains(&agency));
    }
);

/// A certificate template replaced (`INOVASI_TEMPLATES_DIR`) by one that reads a misspelt field
/// on its third line.
const MISSPELT_TEMPLATE: &str = "#let data = json(\"data.json\")\n= Piagam\n#data.nmae\n";

/// The organiser downloads a certificate whose replaced template does not lay out: back on the
/// results page, told the template, its line and the field it could not find; no certificate is
/// issued, no number taken, nothing audited. The other documents still print.
async fn a_failing_template_is_named_and_nothing_is_issued(backend: support::Backend) {
    let templates = app::server::documents::typeset::Templates::replacing(vec![(
        "certificate.typ".to_string(),
        MISSPELT_TEMPLATE.to_string(),
    )])
    .expect("a known template");
    let Some(srv) = support::TestServer::start_tuned(backend, Scenario::Published, |state| {
        state.templates = std::sync::Arc::new(templates)
    })
    .await
    else {
        return;
    };
    support::bounded(async {
        let db = &srv.db.db;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let year = app::server::year::competitions::current(db)
            .await
            .expect("current")
            .expect("the published year")
            .id;
        let winner: String = sqlx::query_scalar(
            "SELECT proposal_id FROM results WHERE award = 'winner' AND competition_id = $1
             LIMIT 1",
        )
        .bind(year)
        .fetch_one(&db.pool)
        .await
        .expect("the winner");
        let url = srv.url(&app::routes::certificate(&winner));
        let res = admin
            .get(&url)
            .header("accept", "text/html")
            .header("referer", srv.url(app::routes::ADMIN_RESULTS))
            .send()
            .await
            .expect("certificate");
        assert!(
            res.url().path().starts_with(app::routes::ADMIN_RESULTS),
            "back on the results page: {}",
            res.url()
        );
        let page = res.text().await.expect("page");
        assert!(page.contains("certificate.typ, baris 3"), "{page}");
        assert!(page.contains("nmae"), "names the field it could not find");
        assert!(page.contains("Tidak ada yang diterbitkan"), "{page}");

        // Asked for by a program: a 500 with the same refusal.
        let res = admin.get(&url).send().await.expect("certificate");
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);

        let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM certificates")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(issued, 0, "no certificate issued");
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT next_number FROM number_series WHERE document = 'certificate'",
        )
        .fetch_optional(&db.pool)
        .await
        .expect("series");
        assert_eq!(next.unwrap_or(1), 1, "no number taken");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.issue'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("audit");
        assert_eq!(audited, 0);

        let recap = admin
            .get(srv.url(app::routes::ADMIN_RECAP_PDF))
            .send()
            .await
            .expect("recap");
        assert_eq!(
            recap.status(),
            StatusCode::OK,
            "the berita acara still prints"
        );
    })
    .await;
    srv.db.destroy().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_template_is_named_and_nothing_is_issued_sqlite() {
    a_failing_template_is_named_and_nothing_is_issued(support::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_template_is_named_and_nothing_is_issued_postgres() {
    a_failing_template_is_named_and_nothing_is_issued(support::Backend::Postgres).await;
}
