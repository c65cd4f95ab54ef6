//! `inovasi-bench save <base-url> <writers> <seconds> <interval-ms>`: many agency staff saving
//! drafts at once. (Also `page`: one page under concurrency; `judges`: judges' home pages and
//! score saves, see `judges` below; `signins`; and, in-process on DATABASE_URL, the seeding and
//! timing commands of `in_process` at the end.)
//!
//! Each writer signs in as one of the demo agency accounts, starts its own proposal, and saves a
//! changed title and a ~180-word answer, each save with a fresh idempotency key and the base
//! version of the previous answer, exactly as the wizard does. With an interval, each writer
//! saves once per interval (the wizard sends at most one save per 700 ms of typing), which
//! measures latency under that concurrency; with interval 0 they save back to back, which
//! measures the most the server sustains. Prints the latency distribution the client saw on
//! loopback (an upper bound of the server's own time).

use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

const ACCOUNTS: [&str; 5] = [
    "staf.dukcapil@inovasi.test",
    "kepala.dukcapil@inovasi.test",
    "staf.puskesmas@inovasi.test",
    "kepala.puskesmas@inovasi.test",
    "staf.smpn1@inovasi.test",
];
const PASSWORD: &str = "demo-inovasi-2026";

async fn sign_in(base: &str, email: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(64)
        .build()?;
    let res = client
        .post(format!("{base}/api/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await?;
    if !res.status().is_success() {
        bail!("sign-in as {email} failed: {}", res.status());
    }
    Ok(client)
}

/// The first long-text question of the form, to save a realistic answer into.
async fn long_text_field(base: &str, client: &reqwest::Client) -> anyhow::Result<String> {
    let wizard: Value = client
        .post(format!("{base}/api/fetch_wizard"))
        .form(&[("", "")])
        .send()
        .await?
        .json()
        .await?;
    let question = wizard["form"]["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
        .find(|q| q["kind"] == "long_text")
        .context("no long-text question")?;
    Ok(format!("q{}", question["id"]))
}

async fn writer(
    base: String,
    client: reqwest::Client,
    answer_field: String,
    n: usize,
    until: Instant,
    interval: Duration,
) -> anyhow::Result<Vec<Duration>> {
    // Writers start spread over one interval, as people do not all press a key at once.
    if !interval.is_zero() {
        tokio::time::sleep(interval * (n as u32 % 50) / 50).await;
    }
    let mut ticker = tokio::time::interval(interval.max(Duration::from_micros(1)));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let id = uuid::Uuid::new_v4().to_string();
    let words = "kata ".repeat(180);
    let (mut version, mut title, mut answer) = (0_i64, Value::Null, Value::Null);
    let mut latencies = Vec::new();
    let mut i = 0;
    while Instant::now() < until {
        if !interval.is_zero() {
            ticker.tick().await;
        }
        i += 1;
        let new_title = json!(format!("Inovasi penulis {n} simpanan {i}"));
        let new_answer = json!(format!("{words} {i}"));
        let body = json!({ "request": {
            "proposal_id": id,
            "base_version": version,
            "key": uuid::Uuid::new_v4().to_string(),
            "changes": [
                { "field": "title", "base": title, "value": new_title },
                { "field": answer_field, "base": answer, "value": new_answer },
            ],
        }});
        let start = Instant::now();
        let res = client
            .post(format!("{base}/api/save_draft"))
            .json(&body)
            .send()
            .await?;
        let status = res.status();
        let outcome: Value = res.json().await?;
        latencies.push(start.elapsed());
        match outcome.get("saved") {
            Some(saved) if status.is_success() => {
                version = saved["version"].as_i64().unwrap_or(version);
                title = new_title;
                answer = new_answer;
            }
            _ => bail!("writer {n}: unexpected answer {status} {outcome}"),
        }
    }
    Ok(latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// `page`: one signed-in user's page requested again and again by `concurrency` clients; the
/// time to the whole page (the server renders it completely before sending: SsrMode::Async).
/// First back to back (the most the server sustains; latency is mostly waiting in line), then,
/// given a pace, each client reading one page per pace from a random start, as people read.
async fn page(
    base: &str,
    path: &str,
    email: &str,
    requests: usize,
    concurrency: usize,
    pace: Option<Duration>,
) -> anyhow::Result<()> {
    // "-": an anonymous reader (the public gallery).
    let client = if email == "-" {
        reqwest::Client::new()
    } else {
        sign_in(base, email).await?
    };
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let first = client.get(&url).send().await?;
    if !first.status().is_success() {
        bail!("{path}: {}", first.status());
    }
    let bytes = first.bytes().await?.len();
    println!("  {path}: {} KB", bytes / 1000);
    let per_task = requests.div_ceil(concurrency);
    let mut rounds = vec![Duration::ZERO];
    rounds.extend(pace);
    for pace in rounds {
        let started = Instant::now();
        let tasks: Vec<_> = (0..concurrency)
            .map(|_| {
                let (client, url) = (client.clone(), url.clone());
                tokio::spawn(async move {
                    let mut times = Vec::new();
                    if !pace.is_zero() {
                        tokio::time::sleep(rand_offset(pace)).await;
                    }
                    for _ in 0..per_task {
                        let t = Instant::now();
                        let res = client.get(&url).send().await?;
                        if !res.status().is_success() {
                            bail!("{url}: {}", res.status());
                        }
                        res.bytes().await?;
                        times.push(t.elapsed());
                        if !pace.is_zero() {
                            tokio::time::sleep(pace.saturating_sub(t.elapsed())).await;
                        }
                    }
                    Ok::<_, anyhow::Error>(times)
                })
            })
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await??);
        }
        let label = if pace.is_zero() {
            format!("{concurrency} readers at once, back to back")
        } else {
            format!(
                "{concurrency} readers at once, one page each per {} ms",
                pace.as_millis()
            )
        };
        report(&label, &mut all, started.elapsed());
    }
    Ok(())
}

fn report(label: &str, all: &mut [Duration], elapsed: Duration) {
    all.sort();
    println!(
        "  {label}: {} requests in {:.1} s ({:.0}/s)",
        all.len(),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  latency: p50 {}  p95 {}  p99 {}  max {}",
        ms(percentile(all, 50.0)),
        ms(percentile(all, 95.0)),
        ms(percentile(all, 99.0)),
        ms(all.last().copied().unwrap_or_default())
    );
}

/// `judges`: `n` judges (the accounts `inovasi-bench seed-judging` adds), each with its own session, first
/// opening their home page (200 assignments) again and again, then saving a score once per
/// interval on their own sheet, as the score sheet does when a judge taps a score.
async fn judges(base: &str, n: usize, seconds: u64, interval: Duration) -> anyhow::Result<()> {
    let mut clients = Vec::new();
    for j in 0..n {
        clients.push(sign_in(base, &format!("juri.bench{j}@inovasi.test")).await?);
    }
    // The home page, 20 times per judge, all judges at once: first back to back (the server
    // saturated: latency is mostly waiting in line), then paced like people (one page per judge
    // per interval, started at random offsets), which is what a judge on a tablet sees.
    let mut first_pages = Vec::new();
    for paced in [false, true] {
        first_pages = home_round(
            base,
            &clients,
            n,
            if paced { interval } else { Duration::ZERO },
        )
        .await?;
    }
    // Score saves.
    let probe: Value = clients[0]
        .post(format!("{base}/api/fetch_scoring"))
        .form(&[(
            "proposal_id",
            first_pages[0].0.trim_start_matches("/judge/proposals/"),
        )])
        .send()
        .await?
        .json()
        .await?;
    let criterion = probe["sheet"]["criteria"][0]["id"]
        .as_i64()
        .context("no criterion")?;
    let field = format!("s{criterion}");
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .zip(first_pages)
        .enumerate()
        .map(|(j, (client, (page, _)))| {
            let url = format!("{base}/api/save_score_sheet");
            let proposal = page.trim_start_matches("/judge/proposals/").to_string();
            let field = field.clone();
            tokio::spawn(async move {
                tokio::time::sleep(interval * (j as u32 % 50) / 50).await;
                let mut ticker = tokio::time::interval(interval.max(Duration::from_micros(1)));
                let (mut version, mut base_value, mut times) = (0_i64, Value::Null, Vec::new());
                let mut i = 0_i64;
                while Instant::now() < until {
                    ticker.tick().await;
                    i += 1;
                    let value = json!(1 + i % 10);
                    let body = json!({ "request": {
                        "proposal_id": proposal, "base_version": version,
                        "key": uuid::Uuid::new_v4().to_string(),
                        "changes": [{ "field": field, "base": base_value, "value": value }],
                    }});
                    let t = Instant::now();
                    let res = client.post(&url).json(&body).send().await?;
                    let status = res.status();
                    let outcome: Value = res.json().await?;
                    times.push(t.elapsed());
                    match outcome.get("saved") {
                        Some(saved) if status.is_success() => {
                            version = saved["version"].as_i64().unwrap_or(version);
                            base_value = value;
                        }
                        _ => bail!("judge {j}: unexpected answer {status} {outcome}"),
                    }
                }
                Ok::<_, anyhow::Error>(times)
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    report(
        &format!(
            "score saves, {n} judges, one per {} ms each",
            interval.as_millis()
        ),
        &mut all,
        started.elapsed(),
    );
    Ok(())
}

/// `signins`: the judges `inovasi-bench seed-judging` added sign in with the right password, first one at a
/// time (each sign-in is then about one argon2 hash: the figure the concurrent ones are read
/// against), then all `n` at once, as a room of judges does at nine in the morning.
async fn signins(base: &str, n: usize) -> anyhow::Result<()> {
    let mut alone = Vec::new();
    let first = Instant::now();
    for j in 0..n.min(10) {
        let started = Instant::now();
        sign_in(base, &format!("juri.bench{j}@inovasi.test")).await?;
        alone.push(started.elapsed());
    }
    report(
        "one sign-in at a time (about one argon2 hash each)",
        &mut alone,
        first.elapsed(),
    );
    let started = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|j| {
            let base = base.to_string();
            tokio::spawn(async move {
                let t = Instant::now();
                sign_in(&base, &format!("juri.bench{j}@inovasi.test")).await?;
                Ok::<_, anyhow::Error>(t.elapsed())
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.push(t.await??);
    }
    report(
        &format!("{n} correct sign-ins at once"),
        &mut all,
        started.elapsed(),
    );
    Ok(())
}

/// `room`: a room event reaching `n` judges' tablets. Each tablet signs in as one of the room's
/// panel (juri1, juri2) and keeps the room's stream open, spread over the servers given (one
/// server on SQLite; two on one Postgres, where the event crosses between them through
/// `LISTEN/NOTIFY`). The moderator presses pause / resume `presses` times on the first server;
/// each delivery is timed from the moment the press was sent to the moment a tablet read the
/// room with the press's change.
async fn room(bases: &[String], n: usize, presses: usize) -> anyhow::Result<()> {
    let panel = ["juri1@inovasi.test", "juri2@inovasi.test"];
    let first = sign_in(&bases[0], panel[0]).await?;
    let seat: Value = first
        .post(format!("{}/api/fetch_judge_room", bases[0]))
        .form(&[("", "")])
        .send()
        .await?
        .json()
        .await?;
    let room_id = seat["room_id"].as_i64().context("juri1 sits in no room")?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, i64, Instant)>();
    let mut streams = Vec::new();
    for j in 0..n {
        let base = bases[j % bases.len()].clone();
        let client = sign_in(&base, panel[j % panel.len()]).await?;
        let mut res = client
            .get(format!("{base}/live/rooms/{room_id}"))
            .send()
            .await?;
        if !res.status().is_success() {
            bail!("tablet {j}: the stream answered {}", res.status());
        }
        let tx = tx.clone();
        streams.push(tokio::spawn(async move {
            let mut buffer = String::new();
            let mut last = -1_i64;
            while let Ok(Some(bytes)) = res.chunk().await {
                buffer.push_str(&String::from_utf8_lossy(&bytes));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) else {
                        continue;
                    };
                    let seq = serde_json::from_str::<Value>(data.trim())
                        .ok()
                        .and_then(|v| v["seq"].as_i64())
                        .unwrap_or(-1);
                    if seq > last {
                        last = seq;
                        let _ = tx.send((j, seq, Instant::now()));
                    }
                }
            }
        }));
    }
    // Every tablet has the room as it is before the first press.
    let mut start_seq = -1;
    for _ in 0..n {
        let (_, seq, _) = rx.recv().await.context("a stream ended")?;
        start_seq = start_seq.max(seq);
    }
    let admin = sign_in(&bases[0], "admin@inovasi.test").await?;
    let mut all = Vec::new();
    let started = Instant::now();
    for p in 0..presses {
        let action = if p % 2 == 0 { "pause" } else { "start" };
        let sent = Instant::now();
        let res = admin
            .post(format!("{}/api/control_room", bases[0]))
            .header("accept", "application/json")
            .form(&[("room", room_id.to_string().as_str()), ("action", action)])
            .send()
            .await?;
        if !res.status().is_success() {
            bail!("press {p}: {}", res.status());
        }
        let want = start_seq + p as i64 + 1;
        let mut reached = 0;
        while reached < n {
            let (_, seq, at) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
                .await
                .context("a tablet did not hear the press within 10 s")?
                .context("a stream ended")?;
            if seq == want {
                reached += 1;
                all.push(at.duration_since(sent));
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    report(
        &format!(
            "{presses} room events to {n} tablets over {} server(s)",
            bases.len()
        ),
        &mut all,
        started.elapsed(),
    );
    for s in streams {
        s.abort();
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(done) = in_process(&args).await {
        return done;
    }
    if args.len() >= 5 && args[1] == "room" {
        let bases: Vec<String> = args[4..]
            .iter()
            .map(|b| b.trim_end_matches('/').to_string())
            .collect();
        return room(
            &bases,
            args[2].parse().context("tablets")?,
            args[3].parse().context("presses")?,
        )
        .await;
    }
    if args.len() == 4 && args[1] == "signins" {
        return signins(args[2].trim_end_matches('/'), args[3].parse().context("n")?).await;
    }
    if args.len() == 6 && args[1] == "judges" {
        return judges(
            args[2].trim_end_matches('/'),
            args[3].parse().context("judges")?,
            args[4].parse().context("seconds")?,
            Duration::from_millis(args[5].parse().context("interval-ms")?),
        )
        .await;
    }
    if (7..=8).contains(&args.len()) && args[1] == "page" {
        let pace = match args.get(7) {
            Some(ms) => Some(Duration::from_millis(ms.parse().context("pace-ms")?)),
            None => None,
        };
        return page(
            &args[2],
            &args[3],
            &args[4],
            args[5].parse()?,
            args[6].parse()?,
            pace,
        )
        .await;
    }
    if args.len() != 6 || args[1] != "save" {
        bail!(
            "usage: inovasi-bench save <base-url> <writers> <seconds> <interval-ms>\n       \
             inovasi-bench page <base-url> <path> <email> <requests> <concurrency> [pace-ms]\n       \
             inovasi-bench judges <base-url> <judges> <seconds> <interval-ms>\n       \
             inovasi-bench signins <base-url> <n>\n       \
             inovasi-bench room <tablets> <presses> <base-url>...\n       \
             inovasi-bench seed-agencies <n> | seed-judging <judges> <proposals-each> | \
             seed-gallery <innovations>   (into DATABASE_URL)\n       \
             inovasi-bench assign <proposals> <judges> <per-proposal>\n       \
             inovasi-bench ranking <proposals> <judges-each> <criteria>   (DATABASE_URL empty)"
        );
    }
    let interval = Duration::from_millis(args[5].parse().context("interval-ms")?);
    let base = args[2].trim_end_matches('/').to_string();
    let writers: usize = args[3].parse().context("writers")?;
    let seconds: u64 = args[4].parse().context("seconds")?;

    let mut clients = Vec::new();
    for email in ACCOUNTS {
        clients.push(sign_in(&base, email).await?);
    }
    let answer_field = long_text_field(&base, &clients[0]).await?;
    // A short warm-up so connection set-up is not measured.
    let warm = Instant::now() + Duration::from_millis(500);
    writer(
        base.clone(),
        clients[0].clone(),
        answer_field.clone(),
        999,
        warm,
        Duration::ZERO,
    )
    .await?;

    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..writers)
        .map(|n| {
            let client = clients[n % clients.len()].clone();
            tokio::spawn(writer(
                base.clone(),
                client,
                answer_field.clone(),
                n,
                until,
                interval,
            ))
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let elapsed = started.elapsed();
    all.sort();
    let pace = if interval.is_zero() {
        "back to back".to_string()
    } else {
        format!("one save per {} ms each", interval.as_millis())
    };
    println!(
        "  draft saves: {} writers ({pace}), {} saves in {:.1} s ({:.0}/s)",
        writers,
        all.len(),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  latency: p50 {}  p95 {}  p99 {}  max {}",
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 95.0)),
        ms(percentile(&all, 99.0)),
        ms(all.last().copied().unwrap_or_default())
    );
    Ok(())
}

/// One round of judge home page loads; prints the latency figures. `pace`: zero for back to back.
async fn home_round(
    base: &str,
    clients: &[reqwest::Client],
    n: usize,
    pace: Duration,
) -> anyhow::Result<Vec<(String, usize)>> {
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .cloned()
        .map(|client| {
            let url = format!("{base}/judge");
            tokio::spawn(async move {
                let mut times = Vec::new();
                let mut pages = String::new();
                if !pace.is_zero() {
                    let offset = rand_offset(pace);
                    tokio::time::sleep(offset).await;
                }
                for _ in 0..20 {
                    if !pace.is_zero() {
                        tokio::time::sleep(pace).await;
                    }
                    let t = Instant::now();
                    let res = client.get(&url).send().await?;
                    if !res.status().is_success() {
                        bail!("/judge: {}", res.status());
                    }
                    if let Some(v) = res.headers().get("x-inovasi-offline-pages") {
                        pages = v.to_str().unwrap_or_default().to_string();
                    }
                    res.bytes().await?;
                    times.push(t.elapsed());
                }
                Ok::<_, anyhow::Error>((times, pages))
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut first_pages = Vec::new();
    for t in tasks {
        let (times, pages) = t.await??;
        let assigned = pages.split(',').filter(|p| !p.is_empty()).count();
        first_pages.push((
            pages.split(',').next().unwrap_or_default().to_string(),
            assigned,
        ));
        all.extend(times);
    }
    println!(
        "  each judge has {} assignments",
        first_pages.first().map(|p| p.1).unwrap_or(0)
    );
    report(
        &if pace.is_zero() {
            format!("judge home, {n} judges at once, back to back")
        } else {
            format!(
                "judge home, {n} judges at once, one page each per {} ms",
                pace.as_millis()
            )
        },
        &mut all,
        started.elapsed(),
    );

    Ok(first_pages)
}

/// A start offset within one interval, so paced clients do not all fire together.
fn rand_offset(pace: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    pace.mul_f64(f64::from(nanos % 1000) / 1000.0)
}

/// The commands that work on the database (DATABASE_URL) or on the server's algorithms directly,
/// rather than over HTTP. `None`: not one of them.
async fn in_process(args: &[String]) -> Option<anyhow::Result<()>> {
    let number = |i: usize, what: &str| -> anyhow::Result<usize> {
        args.get(i)
            .with_context(|| format!("{what} missing"))?
            .parse()
            .with_context(|| format!("{what} must be a number"))
    };
    let command = args.get(1)?.as_str();
    let result = match command {
        "assign" => (|| {
            bench::timing::assign(
                number(2, "proposals")?,
                number(3, "judges")?,
                number(4, "per-proposal")?,
            );
            Ok(())
        })(),
        "documents" => {
            (|| bench::timing::documents(number(2, "certificates")?, number(3, "rows")?))()
        }
        "seed-agencies" | "seed-judging" | "seed-gallery" | "ranking" | "broadcast" => {
            run_on_database(command, number).await
        }
        _ => return None,
    };
    Some(result)
}

async fn run_on_database(
    command: &str,
    number: impl Fn(usize, &str) -> anyhow::Result<usize>,
) -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL").context("DATABASE_URL names the database")?;
    let db = app::server::Db::connect(&url, 10).await?;
    db.migrate().await?;
    let failed = |e: app::error::AppError| anyhow::anyhow!("{e}");
    match command {
        "seed-agencies" => {
            let n = bench::seed::agencies(&db, number(2, "agencies")?)
                .await
                .map_err(failed)?;
            println!("{n} agencies added to the current year");
        }
        "seed-judging" => {
            let (judges, proposals) = (number(2, "judges")?, number(3, "proposals-each")?);
            let hasher = app::server::infra::passwords::PasswordHasher::new(2)?;
            bench::seed::judges(&db, &hasher, judges, proposals)
                .await
                .map_err(failed)?;
            println!("added {judges} judges with {proposals} assigned proposals each");
        }
        "seed-gallery" => {
            let innovations = number(2, "innovations")?;
            bench::seed::gallery(&db, innovations)
                .await
                .map_err(failed)?;
            println!("added a published year with {innovations} innovations");
        }
        "broadcast" => {
            bench::timing::broadcast(&db, number(2, "agencies")?, number(3, "people-each")?)
                .await?;
        }
        _ => {
            bench::timing::ranking(
                &db,
                number(2, "proposals")?,
                number(3, "judges-each")?,
                number(4, "criteria")?,
            )
            .await?;
        }
    }
    Ok(())
}
