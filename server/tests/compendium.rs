//! The year's compendium on both backends: the organisers' foreword and selection (bad input
//! refused, naming the field), the public page and the PDF for published years (past years
//! too), the organisers' early copy once the results are locked, and hostile text escaped.

mod support;

use app::routes;
use app::server::demo::Scenario;
use app::server::results::deliberation;
use app::server::year::competitions;
use reqwest::StatusCode;
use support::user;

/// A PDF's text, whitespace folded, and how many pictures it draws.
fn pdf_read(bytes: &[u8]) -> (String, usize) {
    let pdf = lopdf::Document::load_mem(bytes).expect("the PDF opens");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf
        .extract_text(&pages)
        .expect("text")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let images = pdf
        .objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image")
            })
        })
        .count();
    (text, images)
}

async fn count(db: &app::server::infra::db::Db, sql: &str, id: i64) -> usize {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .expect("count");
    n as usize
}

on_both_servers!(
    the_compendium_tells_a_published_year_by_category_for_anyone,
    Scenario::Published,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let year = competitions::current(db).await.expect("c").expect("year");
        // The organisers write a foreword holding markup a browser or Typst would obey.
        let foreword =
            "Pengantar <script>alert(1)</script> #pagebreak() *tebal*\n\nParagraf kedua.";
        let plain = srv.plain_browser("admin@inovasi.test").await;
        let (location, html) = srv
            .post_form(
                &plain,
                "/api/save_compendium",
                routes::ADMIN_COMPENDIUM,
                &[("foreword", foreword), ("selection", "screened")],
            )
            .await;
        assert_eq!(location, routes::ADMIN_COMPENDIUM_SAVED);
        assert!(html.contains("Tersimpan."), "the page says so");
        // Refused, naming the field, with nothing changed: a tampered selection, a foreword
        // too long; typed text comes back in the form.
        let admin = srv.signed_in("admin@inovasi.test").await;
        let (status, body) = srv
            .call(
                &admin,
                "/api/save_compendium",
                &[("foreword", "baru"), ("selection", "semua")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("selection"), "{body}");
        let long = "kata ".repeat(1300);
        let (location, html) = srv
            .post_form(
                &plain,
                "/api/save_compendium",
                routes::ADMIN_COMPENDIUM,
                &[("foreword", long.as_str()), ("selection", "screened")],
            )
            .await;
        assert!(location.starts_with(routes::ADMIN_COMPENDIUM), "{location}");
        assert!(html.contains("Kata pengantar"), "the field named");
        assert!(html.contains("kata kata kata"), "what was typed is kept");
        let settings = app::server::results::compendium::settings(db)
            .await
            .expect("settings");
        assert!(settings.foreword.starts_with("Pengantar"), "unchanged");

        // Anyone reads the page; the foreword is text, never markup.
        let anonymous = srv.client();
        let page = srv.page(&anonymous, &routes::compendium(year.year)).await;
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                && !page.contains("<script>alert(1)"),
            "the foreword escaped"
        );
        let judged = count(
            db,
            "SELECT COUNT(*) FROM results WHERE competition_id = $1",
            year.id,
        )
        .await;
        assert!(judged > 3);
        assert_eq!(
            page.matches("class=\"compendium-entry\"").count(),
            judged,
            "every innovation that passed screening"
        );

        // A photo among one innovation's evidence goes into the book.
        let proposal: String = sqlx::query_scalar(
            "SELECT proposal_id FROM results WHERE competition_id = $1 ORDER BY rank LIMIT 1",
        )
        .bind(year.id)
        .fetch_one(&db.pool)
        .await
        .expect("first");
        let slot: i64 = sqlx::query_scalar(
            "SELECT q.id FROM questions q JOIN form_sections s ON s.id = q.section_id
             WHERE s.competition_id = $1 AND q.kind = 'evidence' LIMIT 1",
        )
        .bind(year.id)
        .fetch_one(&db.pool)
        .await
        .expect("slot");
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(1600, 1200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 80])
        }))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
        let sha = srv
            .files
            .put(bytes::Bytes::from(png.clone()))
            .await
            .expect("stored");
        sqlx::query(
            "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type,
                 size_bytes, sha256, uploaded_by, uploaded_at)
             VALUES ('8a1c2f5e-8a53-4d59-9a57-0c1d2e3f4a5b', $1, $2, 'kegiatan.png',
                 'image/png', $3, $4, $5, 0)",
        )
        .bind(&proposal)
        .bind(slot)
        .bind(png.len() as i64)
        .bind(&sha)
        .bind(admin_user.id)
        .execute(&db.pool)
        .await
        .expect("attachment");

        let res = anonymous
            .get(srv.url(&routes::compendium_pdf(year.year)))
            .send()
            .await
            .expect("pdf");
        assert_eq!(res.status(), StatusCode::OK);
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(disposition.contains("kompendium-inovasi-"), "{disposition}");
        let (text, images) = pdf_read(&res.bytes().await.expect("bytes"));
        for words in [
            "KOMPENDIUM INOVASI",
            "Kata Pengantar",
            "Pengantar <script>alert(1)</script> #pagebreak() *tebal*",
            "Daftar Isi",
            "Indeks Instansi",
        ] {
            assert!(text.contains(words), "{words}: {text}");
        }
        assert!(images >= 1, "the photo is drawn");

        // The books of past years stay: 2024's winner, told from the summary kept at locking.
        let res = anonymous
            .get(srv.url(&routes::compendium_pdf(2024)))
            .send()
            .await
            .expect("2024");
        assert_eq!(res.status(), StatusCode::OK);
        let (text, _) = pdf_read(&res.bytes().await.expect("bytes"));
        assert!(text.contains("GEBER STUNTING"), "{text}");
        assert!(text.contains("Prevalensi stunting"), "{text}");
        // A year that never was: not found.
        let res = anonymous
            .get(srv.url(&routes::compendium_pdf(2031)))
            .send()
            .await
            .expect("2031");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Only the awarded and the nominated.
        let (status, body) = srv
            .call(
                &admin,
                "/api/save_compendium",
                &[("foreword", ""), ("selection", "awarded")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let awarded = count(
            db,
            "SELECT COUNT(*) FROM results
             WHERE competition_id = $1 AND (award IS NOT NULL OR nominated = 1)",
            year.id,
        )
        .await;
        let page = srv.page(&anonymous, &routes::compendium(year.year)).await;
        assert_eq!(page.matches("class=\"compendium-entry\"").count(), awarded);
        assert!(awarded < judged);
    }
);

on_both_servers!(
    before_publishing_only_the_organisers_see_the_book,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let anonymous = srv.client();
        let year = competitions::current(db).await.expect("c").expect("year");
        // Not locked: nobody.
        let res = admin
            .get(srv.url(&routes::compendium_pdf(year.year)))
            .send()
            .await
            .expect("pdf");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let page = srv.page(&admin, routes::ADMIN_COMPENDIUM).await;
        assert!(
            page.contains("setelah hasil penilaian dikunci"),
            "why not yet"
        );
        deliberation::lock(db, &admin_user).await.expect("lock");
        let page = srv.page(&admin, routes::ADMIN_COMPENDIUM).await;
        assert!(
            page.contains(&routes::compendium_pdf(year.year)),
            "the download"
        );
        let res = admin
            .get(srv.url(&routes::compendium_pdf(year.year)))
            .send()
            .await
            .expect("pdf");
        assert_eq!(res.status(), StatusCode::OK);
        for path in [
            routes::compendium_pdf(year.year),
            routes::compendium(year.year),
        ] {
            let res = anonymous.get(srv.url(&path)).send().await.expect("get");
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        }
        // The settings are the organisers' alone.
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let (status, _) = srv
            .call(
                &judge,
                "/api/save_compendium",
                &[("foreword", "x"), ("selection", "screened")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);
