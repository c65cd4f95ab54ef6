//! `inovasi`: the server and its administrative commands.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{bail, Context};
use app::models::Role;
use app::server::demo::{self, SeedOutcome};
use app::server::infra::backup;
use app::server::people::users::{self, NewUser};
use app::validation::{Email, NewPassword, PersonName};
use clap::{Parser, Subcommand};
use server::{
    build_state, file_store, router, spawn_mail_worker, spawn_reminders, spawn_session_cleanup,
    start_webhook, telemetry, Config,
};

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
        #[arg(long, conflicts_with_all = ["published", "deliberation", "presentation", "field"])]
        judging: bool,
        /// Show the year with its results decided, locked and published (and the two years
        /// before it in the gallery), ready for the next year to be started.
        #[arg(long, conflicts_with_all = ["deliberation", "presentation", "field"])]
        published: bool,
        /// Show the year after judging: every sheet handed in, the organisers deliberating.
        #[arg(long, conflicts_with_all = ["presentation", "field"])]
        deliberation: bool,
        /// Show the regency's presentation day: the desk round locked with its best eight sent
        /// on, the presentation round under way with half its sheets handed in.
        #[arg(long, conflicts_with = "field")]
        presentation: bool,
        /// Show the regency's field verification: the desk round locked with its best eight
        /// sent on, the field round under way, each finalist to be visited by two judges.
        #[arg(long)]
        field: bool,
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
    let format = telemetry::LogFormat::from_env().map_err(anyhow::Error::msg)?;
    telemetry::init_logging(format, default_filter);
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
            presentation,
            field,
        } => {
            let scenario = if judging {
                demo::Scenario::Judging
            } else if deliberation {
                demo::Scenario::Deliberation
            } else if published {
                demo::Scenario::Published
            } else if presentation {
                demo::Scenario::Presentation
            } else if field {
                demo::Scenario::Field
            } else {
                demo::Scenario::Submission
            };
            seed_demo(config, scenario).await
        }
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
                app::server::infra::db::redact(&config.database_url),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::VerifyAudit { anchor } => {
            let state = build_state(&config).await?;
            let verdict = match &anchor {
                Some(a) => app::server::infra::audit::verify_anchored(&state.db, a).await,
                None => app::server::infra::audit::verify(&state.db).await,
            }
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            match verdict {
                app::server::infra::audit::Verdict::Intact { events, head } => {
                    println!("audit trail intact: {events} events, newest seal {head}");
                    if let Some(a) = anchor {
                        println!("the anchor {a} is in the trail: nothing up to it has changed");
                    }
                    Ok(())
                }
                app::server::infra::audit::Verdict::Broken { event_id, reason } => {
                    bail!("audit trail BROKEN at event {event_id}: {reason}")
                }
            }
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let state = build_state(&config).await?;
    spawn_session_cleanup(state.db.clone());
    spawn_mail_worker(&state);
    start_webhook(&state).await?;
    spawn_reminders(state.db.clone());
    let rooms = state.live.clone();
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.site_addr))?;
    tracing::info!(
        "Inovasi listening on http://{} (database {})",
        config.site_addr,
        app::server::infra::db::redact(&config.database_url)
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // The rooms' live streams never end by themselves.
        rooms.close();
    })
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

async fn seed_demo(config: Config, scenario: demo::Scenario) -> anyhow::Result<()> {
    let state = build_state(&config).await?;
    match demo::seed_scenario(&state.db, &state.hasher, scenario)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        SeedOutcome::NotEmpty => {
            println!("the database already holds data; demo data not added");
        }
        SeedOutcome::Seeded(accounts) => {
            println!("demo data added: {}", demo::COMPETITION_NAME);
            println!("demo accounts (password for all: {}):", demo::DEMO_PASSWORD);
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
