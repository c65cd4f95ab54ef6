//! `inovasi`: the server and its administrative commands.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{bail, Context};
use app::models::Role;
use app::server::backup;
use app::server::seed::{self, SeedOutcome};
use app::server::users::{self, NewUser};
use app::validation::{Email, NewPassword, PersonName};
use clap::{Parser, Subcommand};
use server::{build_state, file_store, router, spawn_session_cleanup, Config};

#[derive(Parser)]
#[command(
    name = "inovasi",
    version,
    about = "Public-service innovation competitions"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default). Migrations run first.
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Create an admin account, or set a new password for an existing admin. The password is
    /// read from standard input (or asked for on a terminal), never from the command line.
    CreateAdmin {
        /// The admin's email address.
        email: String,
        /// The admin's name as shown in the app.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill an empty database with the demo competition year, agencies and accounts.
    SeedDemo {
        /// Show the year mid-way through (blind) judging instead of mid-way through submission.
        #[arg(long, conflicts_with_all = ["published", "deliberation"])]
        judging: bool,
        /// Show the year with its results decided, locked and published (and the two years
        /// before it in the gallery), ready for the next year to be started.
        #[arg(long, conflicts_with = "deliberation")]
        published: bool,
        /// Show the year after judging: every sheet handed in, the organisers deliberating.
        #[arg(long)]
        deliberation: bool,
    },
    /// Check the audit trail's chain of seals; exits non-zero when an event was edited or
    /// removed. Prints the newest seal, worth writing down elsewhere.
    VerifyAudit {
        /// A seal written down earlier (on a berita acara, from the audit page): also prove that
        /// nothing up to it has changed since.
        #[arg(long)]
        anchor: Option<String>,
    },
    /// Copy the database and the attachments into DIR (new or empty), while the server runs.
    /// Restore it with `inovasi restore DIR`.
    Backup { dir: std::path::PathBuf },
    /// Bring a backup made by `inovasi backup` into the empty database DATABASE_URL names (and
    /// the attachments into the configured file store), then bring the schema up to date.
    Restore { dir: std::path::PathBuf },
    /// Time the automatic judge assignment on a synthetic year (no database): every proposal gets
    /// `per-proposal` judges from the pool, the rules kept. Prints the figures.
    BenchAssign {
        #[arg(long, default_value_t = 3000)]
        proposals: usize,
        #[arg(long, default_value_t = 60)]
        judges: usize,
        #[arg(long, default_value_t = 3)]
        per_proposal: usize,
    },
    /// Time the ranking of a national-scale year (seeded into the empty database DATABASE_URL
    /// names): read every counted score, rank raw and normalised.
    BenchRanking {
        #[arg(long, default_value_t = 30_000)]
        proposals: usize,
        #[arg(long, default_value_t = 5)]
        judges_each: usize,
        #[arg(long, default_value_t = 8)]
        criteria: usize,
    },
    /// Add a published year with many innovations to the gallery, for benchmarks.
    SeedBenchGallery {
        #[arg(long, default_value_t = 3000)]
        innovations: usize,
    },
    /// Add judges with many assigned proposals to a judging year, for benchmarks.
    SeedBenchJudging {
        /// How many judge accounts (juri.bench<n>@inovasi.test).
        #[arg(long, default_value_t = 50)]
        judges: usize,
        /// How many proposals each judge is assigned.
        #[arg(long, default_value_t = 200)]
        proposals: usize,
    },
    /// Add many agencies (with proposals) to the current year, for benchmarks.
    SeedBench {
        /// How many agencies to add.
        #[arg(long, default_value_t = 600)]
        agencies: usize,
    },
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("inovasi: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One readable line (with its causes), not a backtrace.
            eprintln!("inovasi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // A backup reads whole tables in one statement each: sqlx's warning about slow statements
    // would only be noise in the nightly log.
    let quiet = matches!(
        cli.command,
        Some(Command::Backup { .. } | Command::Restore { .. })
    );
    let default_filter = if quiet {
        "info,sqlx=error,tower_sessions=warn"
    } else {
        "info,sqlx=warn,tower_sessions=warn"
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| default_filter.into()),
        )
        .init();
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            build_state(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(config, &email, &name).await,
        Command::SeedDemo {
            judging,
            published,
            deliberation,
        } => seed_demo(config, judging, published, deliberation).await,
        Command::Backup { dir } => {
            // The database as it is: a backup changes nothing, not even the schema.
            let db = app::server::Db::connect(&config.database_url, 2).await?;
            let files = file_store(&config)?;
            let started = std::time::Instant::now();
            let done = backup::backup(&db, &files, &dir).await?;
            println!(
                "backed up {done} into {} in {:.1} s",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Restore { dir } => {
            // Not migrated first: the backup's tables are filled at the schema they were made
            // with, and the later migrations run after.
            let db = app::server::Db::connect(&config.database_url, 2).await?;
            let files = file_store(&config)?;
            let started = std::time::Instant::now();
            let done = backup::restore(&db, &files, &dir).await?;
            println!(
                "restored {done} into {} in {:.1} s",
                app::server::db::redact(&config.database_url),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::BenchAssign {
            proposals,
            judges,
            per_proposal,
        } => {
            bench_assign(proposals, judges, per_proposal);
            Ok(())
        }
        Command::BenchRanking {
            proposals,
            judges_each,
            criteria,
        } => {
            let state = build_state(&config).await?;
            bench_ranking(&state.db, proposals, judges_each, criteria).await
        }
        Command::SeedBenchGallery { innovations } => {
            let state = build_state(&config).await?;
            seed::bench::gallery(&state.db, innovations)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("added a published year with {innovations} innovations");
            Ok(())
        }
        Command::SeedBenchJudging { judges, proposals } => {
            let state = build_state(&config).await?;
            seed::bench::judges(&state.db, &state.hasher, judges, proposals)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("added {judges} judges with {proposals} assigned proposals each");
            Ok(())
        }
        Command::VerifyAudit { anchor } => {
            let state = build_state(&config).await?;
            let verdict = match &anchor {
                Some(a) => app::server::audit::verify_anchored(&state.db, a).await,
                None => app::server::audit::verify(&state.db).await,
            }
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            match verdict {
                app::server::audit::Verdict::Intact { events, head } => {
                    println!("audit trail intact: {events} events, newest seal {head}");
                    if let Some(a) = anchor {
                        println!("the anchor {a} is in the trail: nothing up to it has changed");
                    }
                    Ok(())
                }
                app::server::audit::Verdict::Broken { event_id, reason } => {
                    bail!("audit trail BROKEN at event {event_id}: {reason}")
                }
            }
        }
        Command::SeedBench { agencies } => {
            let state = build_state(&config).await?;
            let n = seed::bench::agencies(&state.db, agencies)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{n} agencies added to the current year");
            Ok(())
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let state = build_state(&config).await?;
    spawn_session_cleanup(state.db.clone());
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.site_addr))?;
    tracing::info!(
        "Inovasi listening on http://{} (database {})",
        config.site_addr,
        app::server::db::redact(&config.database_url)
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// A validation error as one English sentence naming the field.
fn invalid(e: app::error::FieldError) -> anyhow::Error {
    anyhow::anyhow!(app::error::AppError::Invalid(e).message(app::i18n::Lang::En))
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn create_admin(config: Config, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(invalid)?;
    let name = PersonName::parse(name).map_err(invalid)?;
    let password = NewPassword::parse(&read_password()?).map_err(invalid)?;
    let state = build_state(&config).await?;
    let hash = state
        .hasher
        .hash(password.expose().to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    match users::id_by_email(&state.db, &email)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        Some(id) => {
            let current = users::load_current(&state.db, id)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if current.map(|u| u.role) != Some(Role::Admin) {
                bail!(
                    "{} belongs to an account that is not an active admin",
                    email.as_str()
                );
            }
            users::set_password(&state.db, id, &hash)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("new password set for admin {}", email.as_str());
        }
        None => {
            users::create(
                &state.db.pool,
                NewUser {
                    email: &email,
                    name: name.as_str(),
                    role: Role::Admin,
                    agency_id: None,
                    password_hash: Some(hash),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("admin {} created", email.as_str());
        }
    }
    Ok(())
}

async fn bench_ranking(
    db: &app::server::Db,
    proposals: usize,
    judges_each: usize,
    criteria: usize,
) -> anyhow::Result<()> {
    use app::server::results;
    let started = std::time::Instant::now();
    let year = seed::bench::ranking_year(db, proposals, judges_each, criteria)
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

fn bench_assign(proposals: usize, judges: usize, per_proposal: usize) {
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

async fn seed_demo(
    config: Config,
    judging: bool,
    published: bool,
    deliberation: bool,
) -> anyhow::Result<()> {
    let state = build_state(&config).await?;
    let scenario = if judging {
        seed::Scenario::Judging
    } else if deliberation {
        seed::Scenario::Deliberation
    } else if published {
        seed::Scenario::Published
    } else {
        seed::Scenario::Submission
    };
    match seed::seed_scenario(&state.db, &state.hasher, scenario)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        SeedOutcome::NotEmpty => {
            println!("the database already holds data; demo data not added");
        }
        SeedOutcome::Seeded(accounts) => {
            println!("demo data added: {}", seed::COMPETITION_NAME);
            println!("demo accounts (password for all: {}):", seed::DEMO_PASSWORD);
            for a in accounts {
                println!(
                    "  {:<32} {:?}{}",
                    a.email,
                    a.role,
                    a.agency.map(|g| format!(" ({g})")).unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
