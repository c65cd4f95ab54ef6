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
