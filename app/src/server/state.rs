//! What every request handler and server function can reach, given through context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::files::FileStore;
use super::passwords::PasswordHasher;
use super::Db;

/// Settings that change how requests are trusted.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    /// Take the client address from `X-Forwarded-For` (only behind a load balancer that sets it).
    pub trust_proxy: bool,
    /// Mark the session cookie `Secure` (the site is served over HTTPS, perhaps by a proxy).
    pub secure_cookies: bool,
    /// The site's public address (`INOVASI_PUBLIC_URL`), for links sent to people.
    pub public_url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub hasher: PasswordHasher,
    pub files: FileStore,
    pub security: Arc<SecurityConfig>,
    /// Present when an SMTP server is configured.
    pub mailer: Option<super::mail::Mailer>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
