//! Timings of the server's own algorithms, run in-process: the automatic judge assignment and
//! the ranking of a national-scale year. They print figures for `scripts/bench`.

/// Seeds a national-scale year into the empty database and times reading and ranking it three
/// times (`inovasi-bench ranking`).
pub async fn ranking(
    db: &app::server::Db,
    proposals: usize,
    judges_each: usize,
    criteria: usize,
) -> anyhow::Result<()> {
    use app::server::results;
    let started = std::time::Instant::now();
    let year = crate::seed::ranking_year(db, proposals, judges_each, criteria)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "seeded {proposals} proposals x {judges_each} judges x {criteria} criteria ({} scores) in {:.1} s",
        proposals * judges_each * criteria,
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for run in 1..=3 {
        let t0 = std::time::Instant::now();
        let inputs = results::inputs(db, year)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let read = t0.elapsed();
        let (raw, normalised) = inputs.rank(85.0);
        let total = t0.elapsed();
        println!(
            "run {run}: read {} scores in {:.0} ms, ranked raw + normalised ({} + {}) in {:.0} ms, total {:.0} ms",
            inputs.scores.len(),
            read.as_secs_f64() * 1000.0,
            raw.len(),
            normalised.len(),
            (total - read).as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0
        );
        times.push(total);
    }
    times.sort();
    println!(
        "ranking a year of {proposals} proposals: median {:.0} ms (target 1000 ms)",
        times[1].as_secs_f64() * 1000.0
    );
    in_three_rounds(db, year, proposals).await
}

/// The same year as KIPP judges it, at its last round: the first two rounds frozen with every
/// proposal sent on, the third current and holding the sheets, weighed 30 / 30 / 40. Times what
/// the results page computes: the read, both rankings, agreement and the rounds combined.
async fn in_three_rounds(db: &app::server::Db, year: i64, proposals: usize) -> anyhow::Result<()> {
    use app::server::results;
    let err = |e: sqlx::Error| anyhow::anyhow!("{e}");
    let first: i64 =
        sqlx::query_scalar("SELECT id FROM rounds WHERE competition_id = $1 AND position = 1")
            .bind(year)
            .fetch_one(&db.pool)
            .await
            .map_err(err)?;
    let mut ids = vec![first];
    for position in [2i64, 3] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rounds (competition_id, position, kind, created_at, weight)
             VALUES ($1, $2, 'presentation', 0, $3) RETURNING id",
        )
        .bind(year)
        .bind(position)
        .bind(if position == 3 { 40.0 } else { 30.0 })
        .fetch_one(&db.pool)
        .await
        .map_err(err)?;
        ids.push(id);
    }
    let setup = [
        "UPDATE rounds SET weight = 30 WHERE id = $1",
        // Every proposal ranked and sent on in rounds 1 and 2, by its place in the id order.
        "INSERT INTO round_results (round_id, proposal_id, score, rank, advanced)
         SELECT $1, id, 50.0, 1, 1 FROM proposals WHERE competition_id = $4",
        "INSERT INTO round_results (round_id, proposal_id, score, rank, advanced)
         SELECT $2, id, 60.0, 1, 1 FROM proposals WHERE competition_id = $4",
        "UPDATE criteria SET round_id = $3 WHERE round_id = $1",
        "UPDATE judge_assignments SET round_id = $3 WHERE round_id = $1",
        "UPDATE score_sheets SET round_id = $3 WHERE round_id = $1",
        "UPDATE rounds SET is_current = 0 WHERE id = $1",
        "UPDATE rounds SET is_current = 1 WHERE id = $3",
        "UPDATE competitions SET round_combination = 'weights' WHERE id = $4",
    ];
    for sql in setup {
        sqlx::query(sql)
            .bind(ids[0])
            .bind(ids[1])
            .bind(ids[2])
            .bind(year)
            .execute(&db.pool)
            .await
            .map_err(err)?;
    }
    let mut times = Vec::new();
    for run in 1..=3 {
        let t0 = std::time::Instant::now();
        let inputs = results::inputs(db, year)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let settings = results::settings(db, year)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let (rows, _) = results::board::rows(&inputs, &settings, &Default::default());
        let total = t0.elapsed();
        let combined = rows.iter().filter(|r| r.combined.is_some()).count();
        anyhow::ensure!(
            combined == proposals,
            "{combined} of {proposals} proposals combined"
        );
        println!(
            "run {run}: three rounds combined for {combined} proposals in {:.0} ms",
            total.as_secs_f64() * 1000.0
        );
        times.push(total);
    }
    times.sort();
    println!(
        "the combined ranking of a three-round year of {proposals} proposals: median {:.0} ms (target 1000 ms)",
        times[1].as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Times the automatic judge assignment on a synthetic year, with no database
/// (`inovasi-bench assign`): every proposal gets `per_proposal` judges from the pool.
pub fn assign(proposals: usize, judges: usize, per_proposal: usize) {
    use app::assignment::{plan, Input, JudgeSlot, ProposalSlot};
    // 300 agencies, 5 categories; one judge in six works for an agency, one in three has an
    // expertise; one proposal in fifty has a declared conflict.
    let input = Input {
        proposals: (0..proposals)
            .map(|i| ProposalSlot {
                id: format!("{i:08}"),
                agency_id: (i % 300) as i64,
                category_id: Some((i % 5) as i64),
            })
            .collect(),
        judges: (0..judges)
            .map(|j| JudgeSlot {
                id: j as i64,
                agency_id: (j % 6 == 0).then_some((j * 7 % 300) as i64),
                expertise: (j % 3 == 0).then_some((j % 5) as i64),
            })
            .collect(),
        conflicts: (0..proposals)
            .step_by(50)
            .map(|i| (format!("{i:08}"), (i % judges.max(1)) as i64))
            .collect(),
        per_proposal,
        ..Input::default()
    };
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        result = Some(plan(&input));
        times.push(t.elapsed());
    }
    times.sort();
    if let Some(p) = result {
        let loads: Vec<usize> = p.load.values().copied().collect();
        println!(
            "  automatic assignment: {proposals} proposals × {per_proposal} judges from a pool of {judges}: \
             {} assignments, {} proposals short",
            p.new.len(),
            p.short.len()
        );
        println!(
            "  time (5 runs): best {:.1} ms, median {:.1} ms, worst {:.1} ms; load per judge {}–{}",
            times[0].as_secs_f64() * 1000.0,
            times[2].as_secs_f64() * 1000.0,
            times[4].as_secs_f64() * 1000.0,
            loads.iter().min().unwrap_or(&0),
            loads.iter().max().unwrap_or(&0)
        );
    }
}

/// Times a broadcast to every person of `agencies` new agencies (`people` each): the page that
/// lists who gets what, and the send that writes each one's notification and outbox rows in one
/// transaction — without a messaging gateway, then with one (a second outbox row each) — and
/// the mail worker delivering the first one's e-mails through a local SMTP sink
/// (`inovasi-bench broadcast`).
pub async fn broadcast(db: &app::server::Db, agencies: usize, people: usize) -> anyhow::Result<()> {
    use app::server::infra::{db::now_ms, mail::Mailer, outbox};
    use app::server::people::broadcasts;
    let failed = |e: app::error::AppError| anyhow::anyhow!("{e}");
    crate::seed::agencies(db, agencies).await.map_err(failed)?;
    crate::seed::agency_people(db, people)
        .await
        .map_err(failed)?;
    let admin: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1")
            .fetch_one(&db.pool)
            .await?;
    // Only the broadcast's e-mails are delivered below: the demo's own wait aside.
    sqlx::query("DELETE FROM outbox").execute(&db.pool).await?;
    for gateway in [false, true] {
        outbox::set_webhook(db, gateway).await.map_err(failed)?;
        let draft = broadcasts::parse_draft(
            "agency_people",
            "",
            "",
            "",
            "Yth. {name} dari {agency}: batas pengiriman {deadline}.",
            "Dear {name} of {agency}: the deadline is {deadline}.",
        )
        .map_err(failed)?;
        let id = broadcasts::save(db, admin, None, &draft)
            .await
            .map_err(failed)?;
        let t0 = std::time::Instant::now();
        let view = broadcasts::view(db, id, true).await.map_err(failed)?;
        let listed = t0.elapsed();
        let t1 = std::time::Instant::now();
        let sent = broadcasts::send(db, admin, id).await.map_err(failed)?;
        let sending = t1.elapsed();
        let rows = sent * if gateway { 3 } else { 2 };
        println!(
            "broadcast to {sent} people ({} listed){}: list {:.0} ms, send {:.0} ms ({rows} notification and outbox rows, {:.0} rows/s)",
            view.recipients.len(),
            if gateway { " with a messaging gateway" } else { "" },
            listed.as_secs_f64() * 1000.0,
            sending.as_secs_f64() * 1000.0,
            rows as f64 / sending.as_secs_f64()
        );
        if gateway {
            continue;
        }
        // The mail worker's rounds, back to back, until nothing is due.
        let sink = crate::smtp_sink::SmtpSink::start().await?;
        let mailer =
            Mailer::new(&sink.url, "Inovasi <inovasi@bench.test>").map_err(anyhow::Error::msg)?;
        let t2 = std::time::Instant::now();
        let now = now_ms();
        let mut delivered = 0;
        loop {
            let round = outbox::deliver_due(db, &mailer, None, now)
                .await
                .map_err(failed)?;
            delivered += round.sent;
            if round.claimed == 0 {
                break;
            }
        }
        let delivering = t2.elapsed();
        println!(
            "delivered {delivered} of its e-mails through a local SMTP sink ({} received) in {:.1} s: {:.0} e-mails/s",
            sink.received(),
            delivering.as_secs_f64(),
            delivered as f64 / delivering.as_secs_f64()
        );
    }
    Ok(())
}

/// The document engine: `certificates` certificates one after the other (p50 and p99, the
/// crest and a long name on each) and a berita acara of `rows` ranked innovations.
pub fn documents(certificates: usize, rows: usize) -> anyhow::Result<()> {
    use app::server::documents::typeset::Templates;
    use app::server::documents::{pdf, Certificate, Recap, RecapColumns, RecapRow, SignatureBlock};
    let crest = {
        let image = image::RgbaImage::from_fn(600, 600, |x, y| {
            image::Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                120,
                if (x + y) % 7 == 0 { 0 } else { 255 },
            ])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(image)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
        bytes::Bytes::from(png)
    };
    let certificate = |n: usize| Certificate {
        government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
        crest: Some(crest.clone()),
        heading: "PIAGAM PENGHARGAAN".into(),
        given_to_label: "diberikan kepada".into(),
        agency_name: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju".into(),
        for_label: "atas inovasi".into(),
        proposal_title: "Sibakul Jempol: layanan administrasi kependudukan keliling ke desa-desa \
                         terpencil dengan perekaman dan pencetakan di tempat"
            .into(),
        award_line: "sebagai Pemenang Kategori Tata Kelola".into(),
        competition_line: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
        place_and_date: "Sukamaju, 30 November 2026".into(),
        signer_title: "Bupati Sukamaju".into(),
        signer_name: "Drs. H. Ṣalāḥuddin Nasution, M.Si.".into(),
        signer_nip: "NIP. 19700101 199003 1 001".into(),
        number: format!("Nomor: {n}/PIAGAM/INOVASI/2026"),
        verify_label: "Periksa keaslian piagam ini di:".into(),
        verify_address: "https://inovasi.sukamajukab.go.id/verifikasi/K7M2XQ9D4RTBWZ8H".into(),
    };
    let mut times = Vec::with_capacity(certificates);
    let mut size = 0;
    for n in 0..certificates {
        let t = std::time::Instant::now();
        size = pdf::certificate(&Templates::built_in(), &certificate(n + 1))?.len();
        times.push(t.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "  certificate: {certificates} in turn, p50 {:.1} ms, p99 {:.1} ms, {:.0} KiB each",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        size as f64 / 1024.0
    );
    let recap = Recap {
        government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
        crest: Some(crest.clone()),
        title: "BERITA ACARA REKAPITULASI PENILAIAN".into(),
        subtitle: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
        intro: "Tim Penilai telah menyelesaikan penilaian seluruh proposal.".into(),
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
                title: format!("Inovasi nomor {} untuk pelayanan yang lebih cepat", i + 1),
                agency: "Dinas Kependudukan dan Pencatatan Sipil".into(),
                category: "Tata Kelola".into(),
                score: Some(format!("{:.2}", 90.0 - i as f64 * 0.01).replace('.', ",")),
                award: String::new(),
            })
            .collect(),
        panel_heading: "Tim Penilai".into(),
        panel: (1..=7).map(|i| format!("Juri {i}")).collect(),
        place_and_date: "Sukamaju, 30 November 2026".into(),
        footer: "Dicetak dari Inovasi".into(),
        page_label: "Halaman".into(),
        seal: "Segel jejak audit saat dicetak: 3f9c0b".into(),
        signatory: Some(SignatureBlock {
            label: "Mengetahui,".into(),
            title: "Kepala Bappeda".into(),
            name: "Dra. Sri Lestari, M.Si.".into(),
            nip: "NIP. 19700101 199503 2 001".into(),
        }),
    };
    let t = std::time::Instant::now();
    let bytes = pdf::recap(&Templates::built_in(), &recap)?;
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!(
        "  berita acara of {rows} innovations: {pages} pages in {:.2} s, {:.0} KiB",
        t.elapsed().as_secs_f64(),
        bytes.len() as f64 / 1024.0
    );
    nomination_dossier(crest.clone())?;
    compendium(crest, rows)
}

/// The year's compendium of `entries` innovations in 12 categories, each told in four parts
/// of about 150 words, every tenth with a photo (a 1,600 × 1,200 picture scaled for print).
fn compendium(crest: bytes::Bytes, entries: usize) -> anyhow::Result<()> {
    use app::server::documents::typeset::Templates;
    use app::server::documents::{pdf, photo, photo_file, Book, BookEntry, IndexLine};
    let picture = {
        let image = image::RgbImage::from_fn(1600, 1200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(image)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
        let t = std::time::Instant::now();
        let printed = photo::for_print(&png).ok_or_else(|| anyhow::anyhow!("photo"))?;
        println!(
            "  a 1,600 x 1,200 photo scaled for print: {:.0} ms, {:.0} KiB",
            t.elapsed().as_secs_f64() * 1e3,
            printed.len() as f64 / 1024.0
        );
        bytes::Bytes::from(printed)
    };
    let words = "Pelayanan administrasi kependudukan kini menjangkau desa terpencil dengan \
                 perekaman dan pencetakan dokumen di tempat, sehingga warga tidak lagi \
                 menempuh perjalanan jauh ke kantor dinas. "
        .repeat(6);
    let book = Book {
        crest: Some(crest),
        government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
        competition: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
        year: 2026,
        foreword: words.repeat(3),
        entries: (0..entries)
            .map(|i| {
                let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
                let photo = (i % 10 == 0).then(|| picture.clone());
                BookEntry {
                    number,
                    category: format!("Kategori {}", i * 12 / entries.max(1) + 1),
                    title: format!("Inovasi nomor {number} untuk pelayanan yang lebih cepat"),
                    agency: format!("Dinas nomor {}", i % 60 + 1),
                    award: String::new(),
                    summary: words.clone(),
                    problem: words.clone(),
                    novelty: words.clone(),
                    results: words.clone(),
                    contact: "Kepala Dinas".into(),
                    photo_file: photo_file(number, photo.as_ref()),
                    photo,
                }
            })
            .collect(),
        agencies: (0..60)
            .map(|a| IndexLine {
                agency: format!("Dinas nomor {}", a + 1),
                numbers: (0..entries)
                    .filter(|i| i % 60 == a)
                    .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
                    .collect(),
            })
            .collect(),
    };
    let t = std::time::Instant::now();
    let bytes = pdf::book(&Templates::built_in(), &book)?;
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!(
        "  compendium of {entries} innovations ({} photos): {pages} pages in {:.1} s, {:.1} MB",
        entries.div_ceil(10),
        t.elapsed().as_secs_f64(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

/// A nomination dossier: a proposal of eight sections of 500 words each laid out in the
/// province's outline, then packed with ten evidence files of 5 MB.
fn nomination_dossier(crest: bytes::Bytes) -> anyhow::Result<()> {
    use app::models::KippSection;
    use app::server::documents::typeset::Templates;
    use app::server::documents::{pdf, Labelled, OutlineSection, OutlinedProposal};
    use app::server::results::dossier::{section_title, write_zip, Entry};
    let words = |n: usize| {
        (0..n)
            .map(|i| match i % 9 {
                0 => "pelayanan",
                1 => "masyarakat",
                2 => "desa",
                3 => "cepat,",
                4 => "data",
                5 => "kependudukan",
                6 => "terpadu",
                7 => "dengan",
                _ => "inovasi.",
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let proposal = OutlinedProposal {
        crest: Some(crest),
        government: "PEMERINTAH KABUPATEN SUKAMAJU".into(),
        competition: "Lomba Inovasi Pelayanan Publik Kabupaten Sukamaju 2026".into(),
        title: "Sibakul Jempol: layanan administrasi kependudukan keliling".into(),
        facts: vec![Labelled {
            label: "Instansi".into(),
            text: "Dinas Kependudukan dan Pencatatan Sipil".into(),
        }],
        sections: KippSection::ALL
            .into_iter()
            .map(|s| OutlineSection {
                number: s.number(),
                title: section_title(s).into(),
                answers: vec![Labelled {
                    label: "Uraian".into(),
                    text: format!("{}\n\n{}", words(250), words(250)),
                }],
            })
            .collect(),
        other: Vec::new(),
        evidence: (1..=10).map(|i| format!("{i:02}-bukti.pdf")).collect(),
    };
    let t = std::time::Instant::now();
    let bytes = pdf::proposal(&Templates::built_in(), &proposal)?;
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!(
        "  outlined proposal, 8 sections of 500 words: {pages} pages in {:.0} ms, {:.0} KiB",
        t.elapsed().as_secs_f64() * 1e3,
        bytes.len() as f64 / 1024.0
    );
    let mut entries = vec![Entry {
        path: "01-proposal.pdf".into(),
        bytes,
        what: String::new(),
    }];
    for i in 0..10u8 {
        entries.push(Entry {
            path: format!("bukti/{i:02}-bukti.pdf"),
            bytes: (0..5 * 1024 * 1024)
                .map(|b: usize| (b % 251) as u8 ^ i)
                .collect(),
            what: String::new(),
        });
    }
    let t = std::time::Instant::now();
    let zip = write_zip("berkas-nominasi-2026", &entries)?;
    println!(
        "  dossier ZIP with 10 evidence files of 5 MB: {:.1} MB in {:.0} ms",
        zip.len() as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
