//! Configuration from the environment, following the ecosystem's names: `DATABASE_URL`, and
//! Leptos's `LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`, `LEPTOS_ENV`.

use std::net::SocketAddr;

use leptos::config::{Env, LeptosOptions};

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub env: Env,
    /// `INOVASI_TRUST_PROXY=true` behind a load balancer that sets `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// `INOVASI_PUBLIC_URL`: the address people use. An `https://` address makes the session
    /// cookie `Secure`.
    pub public_url: Option<String>,
    /// `DATABASE_MAX_CONNECTIONS`, default 10.
    pub max_connections: u32,
    /// Where attachments are kept: `INOVASI_S3_BUCKET` (with the standard `AWS_*` variables) when
    /// several servers share the work, else the directory `INOVASI_FILES_DIR` (default
    /// `data/files`).
    pub files: FilesConfig,
    /// `INOVASI_SMTP_URL` and `INOVASI_MAIL_FROM`: when set, invitation and reset links are
    /// also e-mailed (docs/people.md). Both or neither.
    pub smtp: Option<SmtpConfig>,
    /// `INOVASI_WEBHOOK_URL` and `INOVASI_WEBHOOK_SECRET`: when set, every notification is also
    /// posted, signed, to the regency's messaging gateway (docs/notifications.md). Both or
    /// neither; every server of one deployment has the same.
    pub webhook: Option<WebhookConfig>,
    /// `INOVASI_TEMPLATES_DIR`: a directory whose `certificate.typ`, `recap.typ`, … replace the
    /// built-in document templates (read at start; docs/documents.md).
    pub templates_dir: Option<std::path::PathBuf>,
}

#[derive(Clone)]
pub struct WebhookConfig {
    pub url: String,
    pub secret: String,
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Neither the secret nor the URL (it may carry a token).
        write!(f, "WebhookConfig {{ .. }}")
    }
}

#[derive(Clone)]
pub struct SmtpConfig {
    pub url: String,
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry the SMTP password.
        write!(f, "SmtpConfig {{ from: {:?} }}", self.from)
    }
}

#[derive(Clone, Debug)]
pub enum FilesConfig {
    Directory(std::path::PathBuf),
    S3 { bucket: String },
}

/// The embedded default: a SQLite file under `./data/`, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/inovasi.db";

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str) -> Result<bool, String> {
    match var(name).as_deref() {
        None | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(other) => Err(format!("{name} must be true or false, not {other:?}")),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let site_addr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".to_string())
            .parse()
            .map_err(|e| format!("LEPTOS_SITE_ADDR is not an address like 127.0.0.1:3000: {e}"))?;
        let env = match var("LEPTOS_ENV").as_deref() {
            None | Some("PROD") | Some("prod") | Some("production") => Env::PROD,
            Some("DEV") | Some("dev") | Some("development") => Env::DEV,
            Some(other) => return Err(format!("LEPTOS_ENV must be DEV or PROD, not {other:?}")),
        };
        let max_connections = match var("DATABASE_MAX_CONNECTIONS") {
            None => 10,
            Some(v) => v
                .parse()
                .map_err(|_| format!("DATABASE_MAX_CONNECTIONS must be a number, not {v:?}"))?,
        };
        let smtp = match (var("INOVASI_SMTP_URL"), var("INOVASI_MAIL_FROM")) {
            (Some(url), Some(from)) => Some(SmtpConfig { url, from }),
            (None, None) => None,
            _ => {
                return Err(
                    "INOVASI_SMTP_URL and INOVASI_MAIL_FROM go together: set both or neither"
                        .to_string(),
                )
            }
        };
        let webhook = match (var("INOVASI_WEBHOOK_URL"), var("INOVASI_WEBHOOK_SECRET")) {
            (Some(url), Some(secret)) => Some(WebhookConfig { url, secret }),
            (None, None) => None,
            _ => return Err(
                "INOVASI_WEBHOOK_URL and INOVASI_WEBHOOK_SECRET go together: set both or neither"
                    .to_string(),
            ),
        };
        Ok(Config {
            smtp,
            webhook,
            templates_dir: var("INOVASI_TEMPLATES_DIR").map(Into::into),
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            env,
            trust_proxy: flag("INOVASI_TRUST_PROXY")?,
            public_url: var("INOVASI_PUBLIC_URL"),
            max_connections,
            files: match var("INOVASI_S3_BUCKET") {
                Some(bucket) => FilesConfig::S3 { bucket },
                None => FilesConfig::Directory(
                    var("INOVASI_FILES_DIR")
                        .unwrap_or_else(|| "data/files".to_string())
                        .into(),
                ),
            },
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("inovasi")
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .env(self.env.clone())
            .build()
    }
}
