//! The result documents as PDF — the certificate, the score recap and the draft decree —
//! typeset from their templates (`templates/*.typ`) by `typeset`.

use serde::Serialize;
use typst::foundations::Bytes;

use super::typeset::{self, Template, Templates, TypesetError};
use super::{Book, Certificate, Contents, Decree, OutlinedProposal, Recap, ScoreSummary};

/// What a template reads as `data.json`: the document's words, and whether a crest was given
/// (the template asks before it places `crest.png`).
#[derive(Serialize)]
struct Data<'a, T: Serialize> {
    #[serde(flatten)]
    words: &'a T,
    has_crest: bool,
}

/// The certificate: one A4 landscape page.
pub fn certificate(templates: &Templates, c: &Certificate) -> Result<Vec<u8>, TypesetError> {
    let qr = ("qr.svg".to_string(), Bytes::new(qr_svg(&c.verify_address)));
    with_crest(
        templates,
        typeset::CERTIFICATE,
        c,
        c.crest.as_ref(),
        vec![qr],
    )
}

/// The berita acara: A4 portrait, over as many pages as the ranking takes.
pub fn recap(templates: &Templates, r: &Recap) -> Result<Vec<u8>, TypesetError> {
    with_crest(templates, typeset::RECAP, r, r.crest.as_ref(), Vec::new())
}

/// The draft decree with its appendix: A4 portrait.
pub fn decree(templates: &Templates, d: &Decree) -> Result<Vec<u8>, TypesetError> {
    with_crest(templates, typeset::DECREE, d, d.crest.as_ref(), Vec::new())
}

/// A nominee's proposal in the next level's outline: A4 portrait.
pub fn proposal(templates: &Templates, p: &OutlinedProposal) -> Result<Vec<u8>, TypesetError> {
    with_crest(
        templates,
        typeset::PROPOSAL,
        p,
        p.crest.as_ref(),
        Vec::new(),
    )
}

/// A nominee's scores: A4 portrait, one page.
pub fn scores(templates: &Templates, s: &ScoreSummary) -> Result<Vec<u8>, TypesetError> {
    with_crest(templates, typeset::SCORES, s, s.crest.as_ref(), Vec::new())
}

/// A dossier's table of contents: A4 portrait.
pub fn contents(templates: &Templates, c: &Contents) -> Result<Vec<u8>, TypesetError> {
    with_crest(
        templates,
        typeset::CONTENTS,
        c,
        c.crest.as_ref(),
        Vec::new(),
    )
}

/// The year's compendium: A4 portrait, a cover, the foreword, the contents, one or two pages
/// per innovation and the index of agencies. Each photo is given as `photo-<number>.<jpg|png>`.
pub fn book(templates: &Templates, b: &Book) -> Result<Vec<u8>, TypesetError> {
    let photos = b
        .entries
        .iter()
        .filter_map(|e| {
            let bytes = e.photo.as_ref()?;
            Some((e.photo_file.clone(), Bytes::new(bytes.to_vec())))
        })
        .collect();
    with_crest(templates, typeset::BOOK, b, b.crest.as_ref(), photos)
}

/// Typesets `words` with `files` and, when there is one, the crest as `crest.png`.
fn with_crest(
    templates: &Templates,
    template: Template,
    words: &impl Serialize,
    crest: Option<&bytes::Bytes>,
    mut files: Vec<(String, Bytes)>,
) -> Result<Vec<u8>, TypesetError> {
    files.extend(crest.map(|png| ("crest.png".to_string(), Bytes::new(png.to_vec()))));
    let data = Data {
        words,
        has_crest: crest.is_some(),
    };
    typeset::pdf(templates, template, &data, &files)
}

/// The QR code of `address` as an SVG drawing (error correction level M: a certificate on a
/// notice board gets scratched). An address too long for any QR code gives an empty drawing;
/// the address is printed as text beside it anyway.
fn qr_svg(address: &str) -> Vec<u8> {
    let svg = qrcode::QrCode::with_error_correction_level(address.as_bytes(), qrcode::EcLevel::M)
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .quiet_zone(false)
                .min_dimensions(76, 76)
                .build()
        })
        .unwrap_or_else(|_| {
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="76" height="76"/>"#.to_string()
        });
    svg.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::documents::{Book, Nominee, RecapColumns, RecapRow, SignatureBlock};

    static BUILT_IN: std::sync::LazyLock<Templates> = std::sync::LazyLock::new(Templates::built_in);

    /// Each page's extracted text, in page order.
    fn pages_text(pdf: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(pdf).expect("the PDF opens");
        doc.get_pages()
            .keys()
            .map(|n| doc.extract_text(&[*n]).expect("text extracts"))
            .collect()
    }

    /// Text with line breaks folded to spaces, so wrapped lines read as one.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn sample_certificate() -> Certificate {
        Certificate {
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            crest: None,
            heading: "PIAGAM PENGHARGAAN".into(),
            given_to_label: "diberikan kepada".into(),
            agency_name: "Dinas Kesehatan Kabupaten Sukamaju".into(),
            for_label: "atas inovasi".into(),
            proposal_title: "Posyandu Digital Terpadu".into(),
            award_line: "sebagai Pemenang Kategori Kesehatan".into(),
            competition_line: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            place_and_date: "Sukamaju, 30 November 2026".into(),
            signer_title: "Ketua Panitia".into(),
            signer_name: "Dr. Siti Rahmawati, M.Si.".into(),
            signer_nip: "NIP. 19700101 199503 2 001".into(),
            number: "Nomor: 3/PIAGAM/INOVASI/2026".into(),
            verify_label: "Periksa keaslian piagam ini di:".into(),
            verify_address: "https://inovasi.sukamaju.go.id/verifikasi/K7M2XQ9D4RTBWZ8H".into(),
        }
    }

    fn sample_recap(rows: usize, judges: usize) -> Recap {
        Recap {
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            crest: None,
            title: "BERITA ACARA REKAPITULASI PENILAIAN".into(),
            subtitle: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            intro: "Pada hari ini, Senin tanggal tiga puluh November dua ribu dua puluh enam, \
                    Tim Penilai telah menyelesaikan penilaian seluruh proposal inovasi yang lolos \
                    seleksi administrasi, dengan hasil rekapitulasi sebagai berikut."
                .into(),
            columns: RecapColumns {
                rank: "Peringkat".into(),
                title: "Judul Inovasi".into(),
                agency: "Perangkat Daerah".into(),
                category: "Kategori".into(),
                score: "Nilai".into(),
                award: "Penghargaan".into(),
            },
            rows: (0..rows)
                .map(|i| RecapRow {
                    rank: u32::try_from(i + 1).ok(),
                    title: format!(
                        "Inovasi nomor {} untuk pelayanan administrasi kependudukan yang lebih cepat",
                        i + 1
                    ),
                    agency: "Dinas Kependudukan dan Pencatatan Sipil".into(),
                    category: "Tata Kelola".into(),
                    score: Some(format!("{:.2}", 90.0 - i as f64 * 0.25).replace('.', ",")),
                    award: if i < 3 { "Pemenang".into() } else { String::new() },
                })
                .collect(),
            panel_heading: "Tim Penilai".into(),
            panel: (0..judges).map(|i| format!("Juri Nomor {}", i + 1)).collect(),
            place_and_date: "Sukamaju, 30 November 2026".into(),
            footer: "Dicetak dari Inovasi pada 30 November 2026 10:15".into(),
            seal: "Segel jejak audit saat dicetak: 3f9c0b".into(),
            page_label: "Halaman".into(),
            signatory: Some(SignatureBlock {
                label: "Mengetahui,".into(),
                title: "Kepala Bappeda Kabupaten Sukamaju".into(),
                name: "Dra. Sri Lestari, M.Si.".into(),
                nip: "NIP. 19700101 199503 2 001".into(),
            }),
        }
    }

    fn certificate_pdf(c: &Certificate) -> Vec<u8> {
        certificate(&BUILT_IN, c).expect("the certificate typesets")
    }

    fn recap_pdf(r: &Recap) -> Vec<u8> {
        recap(&BUILT_IN, r).expect("the recap typesets")
    }

    #[test]
    fn certificate_is_one_landscape_page_with_the_winner_on_it() {
        let c = sample_certificate();
        let pdf = certificate_pdf(&c);
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1);
        let page_id = *pages.get(&1).expect("page 1");
        let media_box = doc
            .get_dictionary(page_id)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|o| o.as_array())
            .expect("media box");
        let numbers: Vec<i64> = media_box
            .iter()
            .filter_map(|o| o.as_float().ok())
            .map(|n| n.round() as i64)
            .collect();
        assert_eq!(numbers, vec![0, 0, 842, 595]);

        // The printed address is also a link: tapped on a phone, it opens the page.
        let link = format!("/URI({})", c.verify_address);
        assert!(pdf.windows(link.len()).any(|w| w == link.as_bytes()));

        let text = flat(&pages_text(&pdf).concat());
        for expected in [
            &c.heading,
            &c.given_to_label,
            &c.agency_name,
            &c.for_label,
            &c.proposal_title,
            &c.award_line,
            &c.competition_line,
            &c.place_and_date,
            &c.signer_title,
            &c.signer_name,
            &c.signer_nip,
            &c.government,
            &c.number,
            &c.verify_label,
            &c.verify_address,
        ] {
            assert!(
                text.contains(&flat(expected)),
                "{expected:?} missing from {text:?}"
            );
        }
    }

    #[test]
    fn the_crest_keeps_its_transparency_and_the_qr_code_is_drawn() {
        let image = image::RgbaImage::from_fn(60, 80, |x, _| {
            image::Rgba([20, 40, 120, if x < 30 { 255 } else { 0 }])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(image)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let mut c = sample_certificate();
        c.crest = Some(bytes::Bytes::from(png));
        let pdf = certificate_pdf(&c);
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let images: Vec<_> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .collect();
        let crest = images
            .iter()
            .find(|s| s.dict.get(b"SMask").is_ok())
            .expect("the crest keeps its transparency");
        assert_eq!(
            crest.dict.get(b"Width").and_then(|w| w.as_i64()).ok(),
            Some(60)
        );
        let text = flat(&pages_text(&pdf).concat());
        assert!(text.contains(&c.government) && text.contains(&c.verify_address));
        // Without a crest there is no image at all: the QR code is drawn, not pasted.
        let plain = certificate_pdf(&sample_certificate());
        let doc = lopdf::Document::load_mem(&plain).expect("the PDF opens");
        let image_count = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .count();
        assert_eq!(image_count, 0);
        assert!(plain.len() < pdf.len());
    }

    #[test]
    fn the_qr_code_holds_the_verification_address() {
        let svg = String::from_utf8(qr_svg(
            "https://inovasi.example/verifikasi/K7M2XQ9D4RTBWZ8H",
        ))
        .expect("utf-8");
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{svg}");
        assert!(svg.matches("M").count() > 50, "dark modules are drawn");
        // A QR code holds at most a few kilobytes: beyond that, an empty drawing, no failure.
        let empty = String::from_utf8(qr_svg(&"x".repeat(5000))).expect("utf-8");
        assert!(empty.contains("<svg") && !empty.contains("<path"));
    }

    #[test]
    fn fonts_are_embedded_so_every_name_prints_as_written() {
        let mut c = sample_certificate();
        c.signer_name = "Drs. H. Ṣalāḥuddin Nasution, M.Si.".into();
        c.agency_name = "Dinas Pemberdayaan Perempuan — Ngô Thị Hương & Søren Ærø".into();
        let pdf = certificate_pdf(&c);
        let doc = lopdf::Document::load_mem(&pdf).expect("the PDF opens");
        let embedded = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
            .filter(|d| d.get(b"FontFile3").is_ok() || d.get(b"FontFile2").is_ok())
            .count();
        assert!(embedded >= 2, "{embedded} embedded faces");
        let text = flat(&pages_text(&pdf).concat());
        assert!(text.contains("Ṣalāḥuddin"), "{text}");
        assert!(text.contains("Ngô Thị Hương & Søren Ærø"), "{text}");
    }

    #[test]
    fn what_an_agency_typed_prints_as_typed_never_as_markup() {
        let mut c = sample_certificate();
        c.proposal_title =
            r#"#pagebreak() *tebal* _miring_ $x^2$ <label> @ref \ "kutip" // bukan komentar"#
                .into();
        c.agency_name = "]] #set text(fill: red) [[ #image(\"/etc/passwd\")".into();
        let pdf = certificate_pdf(&c);
        let pages = pages_text(&pdf);
        assert_eq!(pages.len(), 1, "no page break was obeyed");
        let text = flat(&pages.concat());
        assert!(text.contains(&flat(&c.proposal_title)), "{text}");
        assert!(text.contains(&flat(&c.agency_name)), "{text}");
    }

    #[test]
    fn a_long_title_wraps_onto_several_lines_and_still_reads_whole() {
        let mut c = sample_certificate();
        c.proposal_title = "Gerakan Bersama Masyarakat Sehat melalui Layanan Kesehatan Keliling \
                            Terintegrasi dengan Aplikasi Antrean Daring dan Rekam Medis Elektronik \
                            di Desa-desa Terpencil Kabupaten Sukamaju"
            .into();
        let pages = pages_text(&certificate_pdf(&c));
        assert_eq!(pages.len(), 1);
        let text = pages.concat();
        let title_lines = text
            .lines()
            .filter(|l| !l.trim().is_empty() && c.proposal_title.contains(l.trim()))
            .count();
        assert!(title_lines >= 2, "{text}");
        assert!(flat(&text).contains(&flat(&c.proposal_title)));
    }

    #[test]
    fn an_overlong_body_shrinks_onto_the_one_page() {
        let mut c = sample_certificate();
        c.proposal_title = "Pelayanan Terpadu Satu Pintu ".repeat(12);
        c.agency_name = "Badan Perencanaan Pembangunan Daerah ".repeat(4);
        let pages = pages_text(&certificate_pdf(&c));
        assert_eq!(pages.len(), 1, "the body shrank instead of running over");
        let text = flat(&pages.concat());
        assert!(text.contains(&c.award_line));
        assert!(text.contains(&c.signer_name));
        assert!(text.contains(&c.verify_address));
    }

    #[test]
    fn a_long_recap_runs_over_pages_with_header_and_footer_on_each() {
        let r = sample_recap(120, 5);
        let pages = pages_text(&recap_pdf(&r));
        let total = pages.len();
        assert!(total > 1);
        for (i, text) in pages.iter().enumerate() {
            let text = flat(text);
            let number = format!("Halaman {} / {total}", i + 1);
            assert!(text.contains(&number), "page {} lacks {number:?}", i + 1);
            assert!(text.contains(&r.footer), "page {} lacks the footer", i + 1);
        }
        for (i, text) in pages.iter().enumerate().take(total - 1) {
            for heading in [
                "Peringkat",
                "Judul Inovasi",
                "Kategori",
                "Nilai",
                "Penghargaan",
            ] {
                assert!(text.contains(heading), "page {} lacks {heading:?}", i + 1);
            }
        }
        let all = flat(&pages.concat());
        for row in &r.rows {
            assert!(all.contains(&flat(&row.title)), "{:?} missing", row.title);
        }
        let last = flat(pages.last().expect("a last page"));
        for judge in &r.panel {
            assert!(
                last.contains(judge.as_str()),
                "{judge} not on the last page"
            );
        }
        assert!(last.contains(&r.place_and_date));
        assert!(last.contains(&r.panel_heading));
        assert!(
            last.contains(&r.seal),
            "the audit seal under the signatures"
        );
        assert!(flat(&pages[0]).contains(&r.government));
        let block = r.signatory.as_ref().expect("a signatory");
        for line in [&block.label, &block.title, &block.name, &block.nip] {
            assert!(last.contains(&flat(line)), "{line:?} not on the last page");
        }
    }

    #[test]
    fn scores_as_given_and_missing_values_as_a_dash() {
        let mut r = sample_recap(2, 1);
        r.rows[0].score = Some("87,35".into());
        r.rows[1].score = None;
        r.rows[1].rank = None;
        let text = pages_text(&recap_pdf(&r)).concat();
        assert!(text.contains("87,35"), "{text}");
        assert!(!text.contains("87.3"));
        assert_eq!(text.matches('\u{2013}').count(), 2, "{text}");
    }

    #[test]
    fn the_signature_block_is_never_split_across_pages() {
        let mut moved_whole = false;
        for rows in (20..70).step_by(3) {
            let r = sample_recap(rows, 7);
            let pages: Vec<String> = pages_text(&recap_pdf(&r)).iter().map(|p| flat(p)).collect();
            let holding: Vec<usize> = pages
                .iter()
                .enumerate()
                .filter(|(_, t)| r.panel.iter().any(|j| t.contains(j.as_str())))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(holding, vec![pages.len() - 1], "rows: {rows}");
            let last = pages.last().expect("a last page");
            assert!(
                r.panel.iter().all(|j| last.contains(j.as_str())),
                "rows: {rows}"
            );
            assert!(last.contains(&r.panel_heading), "rows: {rows}");
            assert!(
                last.contains(&r.seal),
                "rows: {rows}: the seal with the signatures"
            );
            let acknowledging = r.signatory.as_ref().map(|b| b.name.as_str());
            assert!(
                acknowledging.is_some_and(|name| last.contains(name)),
                "rows: {rows}: the acknowledging signatory with the panel"
            );
            moved_whole |= !last.contains("Inovasi nomor");
        }
        assert!(
            moved_whole,
            "no row count pushed the block onto a page of its own"
        );
    }

    fn sample_decree() -> Decree {
        Decree {
            crest: None,
            head: "Bupati Sukamaju".into(),
            number: "\u{2026}/SK/INOVASI/2026".into(),
            competition: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            locked_on: "30 November 2026".into(),
            place: "Sukamaju".into(),
            signer_name: "H. Bambang Sutrisno, S.H.".into(),
            signer_nip: String::new(),
            nominees: (1..=3)
                .map(|i| Nominee {
                    title: format!("Inovasi unggulan nomor {i}"),
                    agency: format!("Dinas nomor {i}"),
                    category: "Tata Kelola".into(),
                    score: format!("8{i},50"),
                    award: "Pemenang".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_decree_names_its_head_and_every_nominee_in_the_appendix() {
        let mut d = sample_decree();
        d.nominees[1].title = "#pagebreak() *Sibakul* $x$ <a> @b".into();
        let pages = pages_text(&decree(&BUILT_IN, &d).expect("the decree typesets"));
        assert!(pages.len() >= 2, "the decree, then its appendix");
        let lampiran = pages
            .iter()
            .position(|p| p.contains("LAMPIRAN"))
            .expect("an appendix");
        assert!(lampiran >= 1, "the appendix starts on a page of its own");
        let body = flat(&pages[..lampiran].concat());
        for expected in [
            "KEPUTUSAN BUPATI SUKAMAJU",
            "NOMOR \u{2026}/SK/INOVASI/2026",
            "Menimbang",
            "Mengingat",
            "MEMUTUSKAN",
            "KESATU",
            "Ditetapkan di Sukamaju",
            "30 November 2026",
            "H. BAMBANG SUTRISNO, S.H.",
        ] {
            assert!(body.contains(expected), "{expected:?} missing from {body}");
        }
        // Each consideration ends with its semicolon; the head is named once before them.
        assert!(body.contains("Kabupaten Sukamaju 2026; b."), "{body}");
        assert!(body.contains("BUPATI SUKAMAJU, Menimbang"), "{body}");
        let appendix = flat(&pages[lampiran..].concat());
        for n in &d.nominees {
            assert!(appendix.contains(&flat(&n.title)), "{:?} missing", n.title);
            assert!(appendix.contains(&n.agency));
        }
    }

    fn sample_proposal() -> OutlinedProposal {
        use crate::server::documents::{Labelled, OutlineSection};
        let answer = |label: &str, text: &str| Labelled {
            label: label.into(),
            text: text.into(),
        };
        OutlinedProposal {
            crest: None,
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            competition: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            title: "Posyandu Digital Terpadu".into(),
            facts: vec![answer("Instansi", "Dinas Kesehatan")],
            sections: vec![
                OutlineSection {
                    number: 1,
                    title: "Ringkasan".into(),
                    answers: vec![answer(
                        "Ringkasan inovasi",
                        "Paragraf pertama.\n\nParagraf kedua:\nbaris satu\nbaris dua",
                    )],
                },
                OutlineSection {
                    number: 2,
                    title: "Latar belakang dan tujuan".into(),
                    answers: Vec::new(),
                },
            ],
            other: vec![answer("Catatan", "Lain-lain")],
            evidence: vec!["01-sk.pdf".into()],
        }
    }

    #[test]
    fn a_proposal_prints_each_section_and_marks_an_empty_one() {
        let p = sample_proposal();
        let bytes = proposal(&BUILT_IN, &p).expect("typeset");
        let text = flat(&pages_text(&bytes).concat());
        assert!(text.contains("1. Ringkasan"), "{text}");
        assert!(
            text.contains("Paragraf kedua: baris satu baris dua"),
            "{text}"
        );
        assert!(
            text.contains("2. Latar belakang dan tujuan Belum diisi"),
            "{text}"
        );
        assert!(text.contains("Keterangan lain"), "{text}");
        assert!(text.contains("01-sk.pdf"), "{text}");
    }

    #[test]
    fn a_proposal_prints_markup_as_typed() {
        let mut p = sample_proposal();
        let typed = r#"#pagebreak() *tebal* $x^2$ <a> @b ] #set text(fill: red) ["#;
        p.sections[0].answers[0].text = typed.into();
        p.sections[0].answers[0].label = typed.into();
        p.title = typed.into();
        let pages = pages_text(&proposal(&BUILT_IN, &p).expect("typeset"));
        assert_eq!(pages.len(), 1, "no page break was obeyed");
        let text = flat(&pages.concat());
        assert_eq!(
            text.matches(&flat(typed)).count(),
            4,
            "title, footer, label, answer: {text}"
        );
    }

    #[test]
    fn the_contents_list_every_file_and_the_gaps() {
        use crate::server::documents::{ContentsGroup, Labelled};
        let c = Contents {
            crest: None,
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            competition: "Lomba 2026".into(),
            groups: vec![ContentsGroup {
                heading: "1. Posyandu Digital \u{2014} Dinas Kesehatan".into(),
                files: vec![Labelled {
                    label: "01-proposal.pdf".into(),
                    text: "Proposal".into(),
                }],
                gaps: vec!["2. Latar belakang dan tujuan".into()],
            }],
        };
        let text = flat(&pages_text(&contents(&BUILT_IN, &c).expect("typeset")).concat());
        assert!(text.contains("01-proposal.pdf Proposal"), "{text}");
        assert!(
            text.contains("belum diisi: \u{2022} 2. Latar belakang dan tujuan"),
            "{text}"
        );
    }

    fn sample_book(entries: u32) -> Book {
        use crate::server::documents::{BookEntry, IndexLine};
        Book {
            crest: None,
            government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
            competition: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
            year: 2026,
            foreword: "Kata pengantar panitia.".into(),
            entries: (1..=entries)
                .map(|n| BookEntry {
                    number: n,
                    category: format!("Kategori {}", (n - 1) * 4 / entries + 1),
                    title: format!("Inovasi {n} desa"),
                    agency: format!("Dinas {}", n % 7),
                    award: String::new(),
                    summary: "Ringkas.".into(),
                    problem: "Masalah.".into(),
                    novelty: String::new(),
                    results: "Hasil.".into(),
                    contact: "Kepala Dinas".into(),
                    photo_file: String::new(),
                    photo: None,
                })
                .collect(),
            agencies: (0..7)
                .map(|a| IndexLine {
                    agency: format!("Dinas {a}"),
                    numbers: (1..=entries).filter(|n| n % 7 == a).collect(),
                })
                .collect(),
        }
    }

    /// The number printed right after `label` (dots of the leader skipped).
    fn number_after(text: &str, label: &str) -> Option<usize> {
        let rest = &text[text.find(label)? + label.len()..];
        let digits: String = rest
            .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    #[test]
    fn a_compendium_of_200_has_a_page_each_and_true_page_numbers() {
        let pages = pages_text(&book(&BUILT_IN, &sample_book(200)).expect("typeset"));
        // The page (from 1) each innovation's heading is on.
        let at: Vec<usize> = (1..=200)
            .map(|n| {
                let heading = format!("{n}. Inovasi {n} desa");
                pages
                    .iter()
                    .rposition(|p| flat(p).contains(&heading))
                    .map(|i| i + 1)
                    .unwrap_or_else(|| panic!("{heading} is printed"))
            })
            .collect();
        for pair in at.windows(2) {
            assert_eq!(pair[1], pair[0] + 1, "one page per innovation");
        }
        let index = pages.len();
        assert!(flat(&pages[index - 1]).contains("Indeks Instansi"));
        assert_eq!(at[199] + 1, index, "the index follows the last innovation");
        // The contents (after the cover and the foreword) print those same pages.
        let contents: String = pages[2..at[0] - 1]
            .iter()
            .map(|p| flat(p))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(contents.contains("Daftar Isi"), "{contents}");
        for n in [1usize, 2, 57, 123, 200] {
            let printed = number_after(&contents, &format!("{n}. Inovasi {n} desa"));
            assert_eq!(printed, Some(at[n - 1]), "contents line of {n}");
        }
        // The index's pages for an agency are its innovations' pages.
        let index_text = flat(&pages[index - 1]);
        let first = number_after(&index_text, "Dinas 1");
        assert_eq!(first, Some(at[0]), "{index_text}");
    }

    #[test]
    fn an_empty_recap_is_one_page() {
        let mut r = sample_recap(0, 0);
        r.intro.clear();
        r.page_label.clear();
        let pages = pages_text(&recap_pdf(&r));
        assert_eq!(pages.len(), 1);
        assert!(flat(&pages[0]).contains("1 / 1"));
    }
}
