//! What every request handler and server function can reach, given through context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::models::PublicOverview;
use crate::server::documents::typeset::Templates;
use crate::server::infra::cache::Cached;
use crate::server::infra::files::FileStore;
use crate::server::infra::page_store::{PageCache, Stamp};
use crate::server::infra::passwords::PasswordHasher;
use crate::server::results::gallery::Published;
use crate::server::Db;

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
    /// What is read often and changes rarely, kept in memory.
    pub caches: Arc<Caches>,
    /// Present when an SMTP server is configured.
    pub mailer: Option<crate::server::infra::mail::Mailer>,
    /// Present when a messaging gateway is configured (`INOVASI_WEBHOOK_URL`).
    pub webhook: Option<crate::server::infra::webhook::Webhook>,
    /// The documents' templates: the built-in ones, some perhaps replaced from
    /// `INOVASI_TEMPLATES_DIR`.
    pub templates: Arc<Templates>,
    /// The rooms' live updates (presentation/hub.rs).
    pub live: crate::server::presentation::hub::RoomHub,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Every cache of the app, kept in its state (one per process). Each is invalidated by the
/// writes that make it stale, which take `&Caches` for that reason.
#[derive(Debug, Default)]
pub struct Caches {
    /// The public gallery's listing: it changes only when a year is published or archived (or
    /// an agency renamed).
    pub gallery: Cached<Published>,
    /// The public home page's overview of the current year: its name, phases, categories,
    /// criteria and how many agencies take part. It changes when the organisers set the year up
    /// (`year_changed`).
    pub public_overview: Cached<PublicOverview>,
    /// The public pages a visitor opens most, rendered (`http::page_cache`); each is answered
    /// only while the two caches above are as they were when it was rendered.
    pub pages: PageCache,
}

impl Caches {
    /// Called by everything that changes the current year's setup (phases and their dates,
    /// settings, categories, criteria, taking part, a new year).
    pub fn year_changed(&self) {
        self.public_overview.invalidate();
    }

    /// What the public pages were rendered from: a kept page built under another stamp is stale.
    pub fn public_stamp(&self) -> Stamp {
        [self.gallery.generation(), self.public_overview.generation()]
    }
}
