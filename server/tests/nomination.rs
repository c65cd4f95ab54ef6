//! The nomination to the province on both backends: the form's questions tagged with the
//! province's proposal outline while the form is fixed (tampered tags refused), the nomination
//! page with each nominee's gaps, and the dossier ZIPs opened and read back.

mod support;

use std::io::{Cursor, Read};

use app::models::{Award, KippSection, QuestionKind};
use app::routes;
use app::server::demo::Scenario;
use app::server::results::{board, deliberation};
use app::server::year::{competitions, form};
use reqwest::StatusCode;
use support::user;

/// Each entry's name and bytes.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("read");
            (file.name().expect("a UTF-8 name").to_string(), content)
        })
        .collect()
}

/// A PDF's text, whitespace folded.
fn pdf_text(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).expect("the PDF opens");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pdf.extract_text(&pages)
        .expect("text")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn entry<'a>(entries: &'a [(String, Vec<u8>)], suffix: &str) -> &'a [u8] {
    entries
        .iter()
        .find(|(name, _)| name.ends_with(suffix))
        .map(|(_, bytes)| bytes.as_slice())
        .unwrap_or_else(|| panic!("no {suffix} in {:?}", names(entries)))
}

fn names(entries: &[(String, Vec<u8>)]) -> Vec<&str> {
    entries.iter().map(|(n, _)| n.as_str()).collect()
}

on_both_servers!(
    the_dossier_lays_the_proposal_out_in_the_outline_and_lists_its_gaps,
    Scenario::Deliberation,
    |srv| {
        let db = &srv.db.db;
        let admin_user = user(db, "admin@inovasi.test").await;
        let admin = srv.signed_in("admin@inovasi.test").await;
        let year = competitions::current(db).await.expect("c").expect("year");
        let rows = board::load(db, year.clone()).await.expect("board").rows;
        let (nominee, other) = (rows[1].clone(), rows[0].clone());

        // Nobody nominated yet: the page says where that is decided.
        let page = srv.page(&admin, routes::ADMIN_NOMINATION).await;
        assert!(
            page.contains("Belum ada inovasi yang diusulkan ke provinsi"),
            "{page}"
        );

        // The form is fixed (proposals exist), yet its outline card still tags questions. The
        // demo tags its replication question "Adaptabilitas"; untagging it leaves a gap.
        let form_page = srv.page(&admin, routes::ADMIN_FORM).await;
        assert!(form_page.contains("id=\"outline\""), "the outline card");
        let current = form::load(db, year.id, 0).await.expect("form");
        let replication = current
            .questions()
            .find(|q| q.kipp_section == Some(KippSection::Adaptability))
            .expect("a question tagged Adaptabilitas")
            .id
            .to_string();
        let plain = srv.plain_browser("admin@inovasi.test").await;
        let (location, html) = srv
            .post_form(
                &plain,
                "/api/save_outline_tags",
                routes::ADMIN_FORM,
                &[
                    ("tags[0][question]", replication.as_str()),
                    ("tags[0][section]", ""),
                ],
            )
            .await;
        assert_eq!(location, routes::ADMIN_FORM_OUTLINE_SAVED);
        assert!(html.contains("Tersimpan."), "the page says so");
        // Tampered: a section the outline lacks, a question of no form. Nothing changes.
        let (status, body) = srv
            .call(
                &admin,
                "/api/save_outline_tags",
                &[
                    ("tags[0][question]", replication.as_str()),
                    ("tags[0][section]", "lampiran"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("kipp_section"), "{body}");
        let (status, _) = srv
            .call(
                &admin,
                "/api/save_outline_tags",
                &[
                    ("tags[0][question]", "999999"),
                    ("tags[0][section]", "summary"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let agency = srv.signed_in("staf.dukcapil@inovasi.test").await;
        let (status, _) = srv
            .call(
                &agency,
                "/api/save_outline_tags",
                &[("tags[0][question]", replication.as_str())],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let tagged = form::load(db, year.id, 0).await.expect("form");
        assert!(
            !tagged
                .questions()
                .any(|q| q.kipp_section == Some(KippSection::Adaptability)),
            "untagged, and the refused posts changed nothing"
        );

        // An evidence file with a name that would be a path in a ZIP.
        let slot = tagged
            .questions()
            .find(|q| q.kind == QuestionKind::Evidence)
            .expect("an evidence slot")
            .id;
        let evidence = support::pdf_by("Dinas", "Foto kegiatan");
        let sha = srv
            .files
            .put(bytes::Bytes::from(evidence.clone()))
            .await
            .expect("stored");
        sqlx::query(
            "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type,
                 size_bytes, sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, 'application/pdf', $5, $6, $7, 0)",
        )
        .bind("6f1c2f5e-8a53-4d59-9a57-0c1d2e3f4a5b")
        .bind(&nominee.proposal_id)
        .bind(slot)
        .bind("../../laporan\\kegiatan.pdf")
        .bind(evidence.len() as i64)
        .bind(&sha)
        .bind(admin_user.id)
        .execute(&db.pool)
        .await
        .expect("attachment");

        deliberation::save_decisions(
            db,
            &admin_user,
            &[
                (other.proposal_id.clone(), Some(Award::Winner), false),
                (nominee.proposal_id.clone(), Some(Award::Finalist), true),
            ],
        )
        .await
        .expect("decide");
        // Before locking: the gaps show, the dossier is refused.
        let page = srv.page(&admin, routes::ADMIN_NOMINATION).await;
        assert!(page.contains(&nominee.title), "the nominee");
        assert!(!page.contains(&other.title), "only nominees");
        assert!(page.contains("6. Adaptabilitas"), "the gap: {page}");
        assert!(
            page.contains("setelah hasil dikunci"),
            "why no download yet"
        );
        assert!(!page.contains(&routes::dossier(&nominee.proposal_id)));
        let early = admin
            .get(srv.url(&routes::dossier(&nominee.proposal_id)))
            .send()
            .await
            .expect("dossier");
        assert_eq!(early.status(), StatusCode::CONFLICT);

        deliberation::lock(db, &admin_user).await.expect("lock");
        let page = srv.page(&admin, routes::ADMIN_NOMINATION).await;
        assert!(page.contains(&routes::dossier(&nominee.proposal_id)));
        assert!(page.contains(routes::ADMIN_DOSSIERS_ZIP));

        let res = admin
            .get(srv.url(&routes::dossier(&nominee.proposal_id)))
            .send()
            .await
            .expect("dossier");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/zip");
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(disposition.contains("berkas-nominasi-"), "{disposition}");
        let entries = unzip(&res.bytes().await.expect("bytes"));
        let top = entries[0]
            .0
            .split('/')
            .next()
            .expect("top folder")
            .to_string();
        assert!(
            entries[0].0.ends_with("/00-daftar-isi.pdf"),
            "contents first"
        );
        for (name, _) in &entries {
            assert!(name.starts_with(&format!("{top}/")), "{name}");
            assert!(
                !name.split(['/', '\\']).any(|part| part == ".."),
                "no entry leaves the folder: {name}"
            );
        }
        for file in [
            "rancangan-sk.pdf",
            "berita-acara.pdf",
            "01-proposal.pdf",
            "02-nilai.pdf",
            "03-piagam.pdf",
        ] {
            entry(&entries, &format!("/{file}"));
        }
        let carried: Vec<&(String, Vec<u8>)> = entries
            .iter()
            .filter(|(name, _)| name.contains("/bukti/"))
            .collect();
        assert_eq!(carried.len(), 1, "{:?}", names(&entries));
        assert_eq!(carried[0].1, evidence, "the evidence as uploaded");

        let proposal = pdf_text(entry(&entries, "/01-proposal.pdf"));
        assert!(proposal.contains("PROPOSAL INOVASI"), "{proposal}");
        assert!(proposal.contains(&nominee.title), "{proposal}");
        assert!(proposal.contains(&nominee.agency_name), "{proposal}");
        for heading in [
            "1. Ringkasan",
            "6. Adaptabilitas",
            "8. Strategi keberlanjutan",
        ] {
            assert!(proposal.contains(heading), "{heading}: {proposal}");
        }
        assert!(
            proposal.contains("Belum diisi"),
            "the gap is printed: {proposal}"
        );
        assert!(proposal.contains("Bukti dukung"), "{proposal}");
        let contents = pdf_text(entry(&entries, "/00-daftar-isi.pdf"));
        assert!(
            contents.contains("DAFTAR ISI BERKAS NOMINASI"),
            "{contents}"
        );
        assert!(contents.contains("01-proposal.pdf"), "{contents}");
        assert!(
            contents.contains("belum diisi") && contents.contains("6. Adaptabilitas"),
            "the gaps listed: {contents}"
        );
        let scores = pdf_text(entry(&entries, "/02-nilai.pdf"));
        assert!(scores.contains("REKAPITULASI NILAI"), "{scores}");
        let certificate = pdf_text(entry(&entries, "/03-piagam.pdf"));
        assert!(certificate.contains(&nominee.agency_name), "{certificate}");

        // Every nominee in one ZIP: the decree and the berita acara once, a folder each.
        let res = admin
            .get(srv.url(routes::ADMIN_DOSSIERS_ZIP))
            .send()
            .await
            .expect("all");
        assert_eq!(res.status(), StatusCode::OK);
        let all = unzip(&res.bytes().await.expect("bytes"));
        let decrees = all
            .iter()
            .filter(|(n, _)| n.ends_with("rancangan-sk.pdf"))
            .count();
        assert_eq!(decrees, 1, "{:?}", names(&all));
        assert!(
            all.iter()
                .any(|(n, _)| n.contains("/01-") && n.ends_with("/01-proposal.pdf")),
            "the nominee's folder: {:?}",
            names(&all)
        );

        // Not nominated: not found; a judge: refused.
        let res = admin
            .get(srv.url(&routes::dossier(&other.proposal_id)))
            .send()
            .await
            .expect("other");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let judge = srv.signed_in("juri1@inovasi.test").await;
        let res = judge
            .get(srv.url(&routes::dossier(&nominee.proposal_id)))
            .send()
            .await
            .expect("judge");
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
);
