//! The Inovasi server: configuration, the application state, and the axum router. `main.rs`
//! wraps this in a command line; the HTTP tests use `router(state)` directly.

// The router's page types are deep (leptos views are nested generic types).
#![recursion_limit = "256"]

pub mod config;
pub mod telemetry;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use app::server::documents::typeset::Templates;
use app::server::http::authz::principal_layer;
use app::server::http::security_headers::security_headers;
use app::server::http::state::SecurityConfig;
use app::server::http::{page_scripts, result_files};
use app::server::infra::files::FileStore;
use app::server::infra::mail::Mailer;
use app::server::infra::passwords::PasswordHasher;
use app::server::infra::session_store::DbSessionStore;
use app::server::infra::webhook::Webhook;
use app::server::{AppState, Db};
use app::{shell, App};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::convert::Infallible;
use tower::Service;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use config::{Config, FilesConfig, SmtpConfig, WebhookConfig};

/// Largest request body: an attachment (10 MB) with its form fields.
pub const MAX_BODY_BYTES: usize = 11 * 1024 * 1024;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "inovasi_session";

/// Connects to the database, brings the schema up to date, and assembles the state.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    let db = Db::connect(&config.database_url, config.max_connections).await?;
    db.migrate().await?;
    let webhook = match &config.webhook {
        Some(w) => Some(Webhook::new(&w.url, &w.secret).map_err(|e| anyhow::anyhow!(e))?),
        None => None,
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let files = file_store(config)?;
    let templates = match &config.templates_dir {
        Some(dir) => {
            let templates = Templates::from_dir(dir)
                .map_err(|e| anyhow::anyhow!("INOVASI_TEMPLATES_DIR: {e}"))?;
            tracing::info!(replaced = ?templates.replaced(), "templates from {}", dir.display());
            templates
        }
        None => Templates::built_in(),
    };
    Ok(AppState {
        leptos_options: config.leptos_options(),
        hasher: PasswordHasher::new(cores)?,
        files,
        security: Arc::new(SecurityConfig {
            trust_proxy: config.trust_proxy,
            secure_cookies: config.secure_cookies(),
            public_url: config.public_url.clone(),
        }),
        caches: Default::default(),
        mailer: match &config.smtp {
            Some(smtp) => Some(Mailer::new(&smtp.url, &smtp.from).map_err(|e| anyhow::anyhow!(e))?),
            None => None,
        },
        webhook,
        templates: Arc::new(templates),
        live: app::server::presentation::hub::RoomHub::start(&db),
        db,
    })
}

/// Where the attachments live, as configured.
pub fn file_store(config: &Config) -> anyhow::Result<FileStore> {
    Ok(match &config.files {
        FilesConfig::Directory(dir) => FileStore::local(dir)?,
        FilesConfig::S3 { bucket } => FileStore::s3(bucket)?,
    })
}

/// The app's page routes, worked out once per process.
///
/// Working them out renders the app with resource loading switched off through a flag that
/// leptos_server keeps for the whole process (`SuppressResourceLoad`): a page that another thread
/// renders meanwhile has its resources wait forever, and its request never answers (leptos
/// issue #4773, checked in leptos_server 0.8.8's `resource.rs`). A server builds its router once,
/// before it serves; the tests build many routers side by side, which is how an HTTP test could
/// hang until CI's time ran out.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The paths of the app's pages (`/admin/results/{id}` …), for tests that visit every page.
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

/// Every route of the app: pages, server functions, static files, `/healthz` and `/readyz`.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    // Plain forms and refused downloads go back only to these pages (form_return).
    app::server::http::form_return::set_page_routes(routes.iter().map(|r| r.path()));
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.security.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(7)));
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route(
            app::routes::FILE_ROUTE,
            get(app::server::http::downloads::download),
        )
        .route(
            app::routes::ADMIN_COMPLIANCE_CSV,
            get(app::server::http::admin_exports::compliance_csv),
        )
        .route(
            app::routes::ADMIN_AUDIT_CSV,
            get(app::server::http::admin_exports::audit_csv),
        )
        .route(
            app::routes::ADMIN_RESULTS_CSV,
            get(result_files::ranking_csv),
        )
        .route(
            app::routes::ADMIN_RESULTS_XLSX,
            get(result_files::ranking_xlsx),
        )
        .route(app::routes::ADMIN_RECAP_PDF, get(result_files::recap_pdf))
        .route(app::routes::ADMIN_DECREE_PDF, get(result_files::decree_pdf))
        .route(
            app::routes::ADMIN_DOSSIERS_ZIP,
            get(result_files::dossiers_zip),
        )
        .route(app::routes::DOSSIER_ROUTE, get(result_files::dossier_zip))
        .route(
            app::routes::COMPENDIUM_PDF,
            get(result_files::compendium_pdf),
        )
        .route(
            app::routes::CERTIFICATE_ROUTE,
            get(result_files::certificate_pdf),
        )
        .route(app::routes::GALLERY_JSON, get(result_files::gallery_json))
        .route(app::routes::GALLERY_CSV, get(result_files::gallery_csv))
        .route(app::routes::CREST, get(result_files::crest_png))
        .route(
            app::routes::SLIDES_ROUTE,
            get(app::server::http::downloads::slides),
        )
        .route(
            app::routes::VISIT_PHOTO_ROUTE,
            get(app::server::http::downloads::visit_photo),
        )
        .route(
            app::routes::ROOM_EVENTS_ROUTE,
            get(app::server::http::room_stream::room_events),
        )
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback_service(site_files(&state))
        .layer(from_fn_with_state(state.clone(), principal_layer))
        .layer(from_fn(app::server::http::nul_guard::refuse_nul))
        .layer(from_fn_with_state(state.clone(), security_headers))
        .layer(from_fn_with_state(
            page_scripts::Bundles::found(
                &state.leptos_options.site_root,
                &state.leptos_options.site_pkg_dir,
                &state.leptos_options.output_name,
            ),
            page_scripts::fit_runtime,
        ))
        .layer(from_fn_with_state(
            state.caches.clone(),
            app::server::http::page_cache::serve_kept,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(sessions)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(from_fn(telemetry::keep_span))
        // Outermost: every request gets an id of ours and runs in a span that carries it
        // (telemetry.rs); the answer says the id back.
        .layer(PropagateRequestIdLayer::new(telemetry::REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(telemetry::RequestSpan)
                .on_request(())
                .on_response(telemetry::RequestDone)
                .on_failure(telemetry::ServerError),
        )
        .layer(SetRequestIdLayer::new(
            telemetry::REQUEST_ID,
            telemetry::MintRequestId,
        ))
        .layer(from_fn(telemetry::forget_client_request_id))
        .with_state(state)
}

/// The site's own files (the bundles, the stylesheet, the service worker, the icon) from the
/// site root, brotli or gzip where the build left them precompressed; any other address is the
/// app's "not found" page, rendered as every page is.
///
/// Not leptos_axum's `file_and_error_handler`: for a file, it makes its reactive owner the child
/// of whichever owner its thread ran last, finds that render's response options and moves their
/// headers onto the file. A page rendered beside a file then went out without its security
/// policy, and a judge's tablet, fetching the scoring pages and the bundle at once, kept pages
/// whose scripts it would not run (tests/hostile.rs,
/// `pages_served_beside_files_keep_their_own_policy`).
fn site_files(
    state: &AppState,
) -> ServeDir<
    impl Service<Request, Response = Response, Error = Infallible, Future: Send>
        + Clone
        + Send
        + Sync
        + 'static,
> {
    let (options, for_page) = (state.leptos_options.clone(), state.clone());
    let not_found = move |req: Request| {
        let (options, state) = (options.clone(), for_page.clone());
        leptos_axum::render_app_async_with_context(
            move || leptos::prelude::provide_context(state.clone()),
            move || shell(options.clone()),
        )(req)
    };
    ServeDir::new(&*state.leptos_options.site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(HandlerWithoutStateExt::into_service(not_found))
}

/// 200 while the process serves (for a load balancer's liveness check): it reads nothing, so a
/// database outage does not get every server restarted.
async fn healthz() -> &'static str {
    "ok"
}

/// 200 when this server can do its work: the database answers and its schema is the one this
/// binary was built for. 503 otherwise, with the reason (for load balancers and monitoring).
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.schema_is_current().await {
        Ok(true) => (StatusCode::OK, "ready"),
        Ok(false) => {
            tracing::error!(
                "readiness: the database schema is behind this server (run `inovasi migrate`)"
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database schema out of date",
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// Starts the mail worker that delivers the outbox (docs/notifications.md), when an SMTP server
/// is configured. Without one, the e-mails wait in the outbox, as its page says.
pub fn spawn_mail_worker(state: &AppState) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    if state.security.public_url.is_none() {
        tracing::warn!(
            "INOVASI_PUBLIC_URL is not set: notification e-mails name the page instead of linking to it"
        );
    }
    tokio::spawn(app::server::infra::outbox::run(
        state.db.clone(),
        mailer,
        state.security.public_url.clone(),
    ));
}

/// Starts the reminders (deadline and open sheets): notifications in the app, and by e-mail
/// through the outbox when one is configured.
pub fn spawn_reminders(db: Db) {
    tokio::spawn(app::server::year::reminders::run(db));
}

/// Records whether this deployment has a messaging gateway — the transactions that write
/// notifications read it to queue the gateway's deliveries — and, when it has, starts the
/// webhook worker that posts them. Only `serve` does this: a command run from a shell without
/// the server's environment must not turn the gateway off.
pub async fn start_webhook(state: &AppState) -> anyhow::Result<()> {
    app::server::infra::outbox::set_webhook(&state.db, state.webhook.is_some()).await?;
    let Some(hook) = state.webhook.clone() else {
        return Ok(());
    };
    tokio::spawn(app::server::infra::outbox::run_webhook(
        state.db.clone(),
        hook,
        state.security.public_url.clone(),
    ));
    Ok(())
}

/// Deletes expired sessions once an hour, for as long as the server runs.
pub fn spawn_session_cleanup(db: Db) {
    tokio::spawn(async move {
        let store = DbSessionStore::new(db);
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
    });
}
