//! The one authorization layer. Two doors, one table (`crate::permissions::RULES`):
//!
//! * `principal_layer`, an axum middleware in front of every request, works out who is calling
//!   and refuses a server-function request before its arguments are even read when the endpoint
//!   has no rule, the caller's role is not admitted, or a mutating call comes from another site.
//! * `authorize::<ItsType>()`, the first line of every server function, applies the same rule
//!   again (server functions also run inside the server-side render, where no HTTP request for
//!   them exists), checks the phase, and hands back an `Auth` whose helpers enforce the rule's
//!   object scope.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::*;
use tower_sessions::Session;

use crate::components::KeptForm;
use crate::error::AppError;
use crate::models::{CurrentUser, Role};
use crate::permissions::{rule, rule_for_path, Phases, Rule, Scope, API_PREFIX};
use crate::server::infra::audit::AuditAction;

use crate::server::http::form_return::{self, refuse};
use crate::server::infra::session_store::USER_ID_KEY;
use crate::server::{people::users, year::competitions, AppState};

/// Who is calling: nobody in particular, or a signed-in, active user.
#[derive(Clone, Debug)]
pub enum Principal {
    Anonymous,
    User(CurrentUser),
}

impl Principal {
    pub fn role(&self) -> Option<Role> {
        match self {
            Principal::Anonymous => None,
            Principal::User(u) => Some(u.role),
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        match self {
            Principal::Anonymous => None,
            Principal::User(u) => Some(u.id),
        }
    }

    /// Who calls a plain route: the principal `principal_layer` attached to the request.
    pub fn of(extension: Option<axum::Extension<Principal>>) -> Principal {
        extension
            .map(|axum::Extension(p)| p)
            .unwrap_or(Principal::Anonymous)
    }
}

/// The caller's network address, for throttling sign-in attempts per address.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub Option<IpAddr>);

/// A call that passed its rule. Its helpers enforce the rule's scope on objects.
#[derive(Clone, Debug)]
pub struct Auth {
    pub state: AppState,
    pub principal: Principal,
    pub rule: &'static Rule,
}

impl Auth {
    /// The signed-in user; only `Public` rules can leave this empty.
    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        match &self.principal {
            Principal::User(u) => Ok(u),
            Principal::Anonymous => Err(AppError::Unauthenticated),
        }
    }

    /// The agency the caller acts for (`Scope::OwnAgency`).
    pub fn own_agency(&self) -> Result<i64, AppError> {
        self.user()?.agency_id.ok_or(AppError::Forbidden)
    }

    /// Refuses an object of another agency. An admin the rule admits may touch any agency's
    /// objects. The refusal looks exactly like "not found", so a caller cannot probe which ids
    /// exist elsewhere.
    pub fn require_agency(&self, agency_id: i64) -> Result<(), AppError> {
        let user = self.user()?;
        match self.rule.scope {
            Scope::All | Scope::OwnAgency if user.role == Role::Admin => Ok(()),
            Scope::OwnAgency if user.agency_id == Some(agency_id) => Ok(()),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The same check for a plain route (downloads), with the principal the layer attached to the
/// request. Phase-bound rules are not used for routes.
pub fn authorize_route(
    state: &AppState,
    principal: Principal,
    endpoint: &'static str,
) -> Result<Auth, AppError> {
    let rule = rule(endpoint).ok_or(AppError::Forbidden)?;
    if !rule.admits(principal.role()) {
        return Err(refusal_for(&principal));
    }
    Ok(Auth {
        state: state.clone(),
        principal,
        rule,
    })
}

/// The first line of every server function, naming the function by its own type
/// (`authorize::<SaveDraft>()`, so a misspelt name does not compile): checks its rule for the
/// current caller and phase. A refusal also sets the response status (401/403).
pub async fn authorize<F: leptos::server_fn::ServerFn>() -> Result<Auth, AppError> {
    let result = check(const { crate::permissions::endpoint_of(F::PATH) }).await;
    if let Err(e) = &result {
        set_status(e.status());
    }
    result
}

async fn check(endpoint: &'static str) -> Result<Auth, AppError> {
    let rule = rule(endpoint).ok_or_else(|| {
        tracing::error!(endpoint, "server function without a permission rule");
        AppError::Forbidden
    })?;
    let state = use_context::<AppState>()
        .ok_or_else(|| crate::server::infra::db::internal("AppState missing from context"))?;
    let principal = current_principal();
    if !rule.admits(principal.role()) {
        return Err(refusal_for(&principal));
    }
    if rule.phases != Phases::Any {
        let phase = competitions::current_phase(&state.db).await?;
        if !rule.allows_phase(phase) {
            return Err(AppError::WrongPhase);
        }
    }
    Ok(Auth {
        state,
        principal,
        rule,
    })
}

/// Writes the server function's endpoint (for a call of one) and the caller's role into the
/// request's span, which the server's telemetry layer leaves in the request's extensions (the
/// current span here is the session layer's), so every line of the request says what was asked
/// and by whom. Never the user's name or id: the role is enough to read a log, and the audit
/// trail says who.
fn note_in_span(req: &Request, endpoint: Option<&'static str>, principal: &Principal) {
    let Some(span) = req.extensions().get::<tracing::Span>() else {
        return;
    };
    if let Some(endpoint) = endpoint {
        span.record("endpoint", endpoint);
    }
    span.record("role", principal.role().map_or("anonymous", Role::as_str));
}

fn refusal_for(principal: &Principal) -> AppError {
    match principal {
        Principal::Anonymous => AppError::Unauthenticated,
        Principal::User(_) => AppError::Forbidden,
    }
}

/// The principal that `principal_layer` attached to this request.
pub fn current_principal() -> Principal {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Principal>().cloned())
        .unwrap_or(Principal::Anonymous)
}

/// The caller's address, as `principal_layer` determined it.
pub fn current_client_addr() -> Option<IpAddr> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().copied())
        .and_then(|a| a.0)
}

fn set_status(status: u16) {
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        StatusCode::from_u16(status),
    ) {
        res.set_status(code);
    }
}

/// Middleware: resolves the session to a principal for every request, and guards the server
/// function endpoints by the permission table before any argument is parsed.
pub async fn principal_layer(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    // A page's header shows the unread count: read with the person, in the same query.
    let page_view = req.method() == Method::GET
        && !req.uri().path().starts_with(API_PREFIX)
        && !is_static_asset(req.uri().path());
    let (principal, unread) = match load_principal(&state, &session, page_view).await {
        Ok(p) => p,
        Err(e) => return refuse(e),
    };
    if let Some(n) = unread {
        req.extensions_mut().insert(UnreadCount(n));
    }
    let addr = client_addr(&req, state.security.trust_proxy);
    // A page sent back with a form's error: the error is in this session, its id in the address.
    if req.method() == Method::GET {
        if let Some(id) = form_return::error_id(req.uri().query()) {
            if let Some((error, kept)) = form_return::flashed(&session, &id).await {
                req.extensions_mut()
                    .insert(crate::components::FlashedError(error));
                if let Some(kept) = kept {
                    req.extensions_mut().insert(kept);
                }
            }
        }
    }

    let path = req.uri().path();
    let is_server_fn = path.starts_with(API_PREFIX) && path[API_PREFIX.len()..].starts_with('/');
    let server_fn_rule = if is_server_fn {
        rule_for_path(path)
    } else {
        None
    };
    note_in_span(&req, server_fn_rule.map(|r| r.endpoint), &principal);
    // A form posted before (or without) the page's script expects a page back, not JSON: its
    // errors travel back to the form's page in the address.
    let back_to = is_server_fn
        .then(|| form_return::plain_form_origin(req.headers()))
        .flatten();
    if is_server_fn {
        let refusal = if req.method() != Method::GET
            && req.method() != Method::HEAD
            && !same_origin(req.headers(), state.security.trust_proxy)
        {
            Some(AppError::CrossSite)
        } else {
            match server_fn_rule {
                None => Some(AppError::Forbidden),
                Some(rule) if !rule.admits(principal.role()) => Some(refusal_for(&principal)),
                Some(rule) if !multipart_ok(rule, req.headers()) => Some(AppError::BadRequest {
                    detail: "a multipart/form-data body with a boundary is expected".into(),
                }),
                Some(_) => None,
            }
        };
        if let Some(e) = refusal {
            return match back_to {
                Some(page) => form_return::back_with_error(&session, &page, &e, None).await,
                None => refuse(e),
            };
        }
    }

    // A refused download clicked in a page goes back to that page (when it is one of ours).
    let download_back_to = (!is_server_fn)
        .then(|| form_return::plain_form_origin(req.headers()))
        .flatten();
    let account = account_tag(&principal);
    let private = is_server_fn || (account.is_some() && !is_static_asset(path));
    let audited = audited_download(path, &principal).map(|kind| {
        let target = req
            .uri()
            .path_and_query()
            .map_or_else(|| path.to_string(), |p| p.to_string());
        (kind, target, principal.user_id())
    });
    req.extensions_mut().insert(principal);
    req.extensions_mut().insert(ClientAddr(addr));
    // A plain form's fields, kept to be shown again if the post is refused.
    let (req, kept) = match &back_to {
        Some(_) => {
            let action = req.uri().path().to_string();
            match form_return::keep_typed(req, &action).await {
                Ok(kept) => kept,
                Err(refused) => return refused,
            }
        }
        None => (req, None),
    };
    let response = next.run(req).await;
    let mut response = if is_server_fn {
        finish_server_fn(&session, response, back_to, kept).await
    } else if let (Some(RefusedDownload(e)), Some(page)) = (
        response.extensions().get::<RefusedDownload>().cloned(),
        download_back_to,
    ) {
        form_return::back_with_error(&session, &page, &e, None).await
    } else {
        response
    };
    if let Some((kind, target, actor_id)) = audited {
        if response.status() == StatusCode::OK {
            let event = crate::server::infra::audit::Event::new(
                actor_id,
                AuditAction::FileDownload,
                kind,
                target,
            );
            if let Err(e) = crate::server::infra::audit::record(&state.db, event).await {
                tracing::error!(error = ?e, "a download could not be written to the audit trail");
            }
        }
    }
    let headers = response.headers_mut();
    if private {
        // Nothing anyone signed in was shown is kept by a shared cache or the back button.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Whose page this is, for the service worker: it drops the pages it kept for one account
    // when a page comes back for another (or for nobody: signed out, expired) (public/sw.js).
    if let Ok(value) = HeaderValue::from_str(account.as_deref().unwrap_or("-")) {
        headers.insert(ACCOUNT_HEADER, value);
    }
    response
}

/// Downloads the audit trail records: every export of the organisers, and any attachment fetched
/// by someone outside its agency (an organiser, a judge). Agencies' reads of their own files are
/// not events.
fn audited_download(path: &str, principal: &Principal) -> Option<&'static str> {
    match principal.role()? {
        Role::AgencyHead | Role::AgencyMember => None,
        _ if path.starts_with(crate::routes::FILES) => Some("attachment"),
        _ if path.starts_with("/admin/")
            && (path.ends_with(".csv")
                || path.ends_with(".xlsx")
                || path.ends_with(".pdf")
                || path.starts_with("/admin/results/piagam/")) =>
        {
            Some("export")
        }
        _ => None,
    }
}

/// Names the account a page was rendered for (`-` for nobody), for the service worker.
pub const ACCOUNT_HEADER: &str = "x-inovasi-account";

/// An opaque tag of the signed-in account: stable for the account, telling nothing about it.
fn account_tag(principal: &Principal) -> Option<String> {
    use sha2::{Digest, Sha256};
    match principal {
        Principal::Anonymous => None,
        Principal::User(u) => {
            let digest = Sha256::digest(format!("inovasi-account:{}", u.id).as_bytes());
            Some(hex::encode(&digest[..8]))
        }
    }
}

/// The built assets and public files: the same for everyone, and cacheable.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || matches!(
            path,
            "/favicon.svg" | "/sw.js" | "/print.js" | "/templat-instansi.csv"
        )
}

/// Marks a refused download, so that `principal_layer` can send a person who clicked it back to
/// the page they clicked it on.
#[derive(Clone, Debug)]
struct RefusedDownload(AppError);

fn multipart_ok(rule: &Rule, headers: &HeaderMap) -> bool {
    if !crate::permissions::MULTIPART_ENDPOINTS.contains(&rule.endpoint) {
        return true;
    }
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| multer::parse_boundary(ct).is_ok())
}

/// Server functions answer every error with 500. Give each `AppError` its own status (400 for
/// bad input, 401, 409, 429 …) so that clients and logs can tell them apart; for a plain form
/// post, send the browser back to the form's page with the error instead.
async fn finish_server_fn(
    session: &Session,
    mut response: Response,
    back_to: Option<String>,
    kept: Option<KeptForm>,
) -> Response {
    if !response.headers().contains_key("serverfnerror") {
        // A plain form post that succeeded goes where the server function said, or back to its
        // page: only ever to one of our pages, and without the error of an earlier attempt.
        if let Some(location) = response.headers().get(header::LOCATION) {
            let target = location
                .to_str()
                .ok()
                .and_then(form_return::own_page)
                .or(back_to)
                .unwrap_or_else(|| "/".to_string());
            match header::HeaderValue::from_str(&target) {
                Ok(value) => {
                    response.headers_mut().insert(header::LOCATION, value);
                }
                Err(_) => {
                    response
                        .headers_mut()
                        .insert(header::LOCATION, header::HeaderValue::from_static("/"));
                }
            }
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are a few hundred bytes of JSON; anything larger is not ours to reinterpret.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return refuse(crate::server::infra::db::internal(
            "unreadable server function error body",
        ));
    };
    let error = serde_json::from_slice::<AppError>(&bytes).ok();
    if let (Some(page), Some(error)) = (back_to, &error) {
        return form_return::back_with_error(session, &page, error, kept).await;
    }
    if let Some(status) = error.and_then(|e| StatusCode::from_u16(e.status()).ok()) {
        parts.status = status;
    }
    // Without a page of ours to go back to, a plain form's error is no redirect either.
    parts.headers.remove(header::LOCATION);
    if parts.status.is_redirection() {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The caller, and for a page view their unread notifications' count.
async fn load_principal(
    state: &AppState,
    session: &Session,
    with_unread: bool,
) -> Result<(Principal, Option<u32>), AppError> {
    let user_id = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(crate::server::infra::db::internal)?;
    let Some(user_id) = user_id else {
        return Ok((Principal::Anonymous, None));
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(crate::server::infra::db::internal)?;
    let found = if with_unread {
        users::load_current_with_unread(&state.db, user_id).await?
    } else {
        users::load_current(&state.db, user_id)
            .await?
            .map(|user| (user, 0))
    };
    match found {
        Some((user, unread)) if signed_in_at.is_some_and(|at| !lifetime_over(user.role, at)) => {
            Ok((Principal::User(user), with_unread.then_some(unread)))
        }
        // Deactivated or deleted since the session began, or signed in too long ago (or before
        // sessions kept the time): the session is worth nothing.
        _ => {
            session
                .flush()
                .await
                .map_err(crate::server::infra::db::internal)?;
            Ok((Principal::Anonymous, None))
        }
    }
}

/// The signed-in person's unread notifications, read with them for a page view.
#[derive(Clone, Copy, Debug)]
pub struct UnreadCount(pub u32);

/// The unread count `principal_layer` read for this page, if it did.
pub fn current_unread() -> Option<u32> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<UnreadCount>().copied())
        .map(|u| u.0)
}

/// The session key that holds when its user signed in (ms since the epoch).
pub const SIGNED_IN_AT_KEY: &str = "since";

/// How long a sign-in lasts however busy the session is: a working day for the organisers, whose
/// accounts can change everything; a month for agencies and judges, who work offline for days
/// on a tablet of their own. (Seven days without any request end a session sooner.)
pub fn session_lifetime_ms(role: Role) -> i64 {
    const HOUR: i64 = 60 * 60 * 1000;
    match role {
        Role::Admin => 12 * HOUR,
        _ => 30 * 24 * HOUR,
    }
}

fn lifetime_over(role: Role, signed_in_at: i64) -> bool {
    crate::server::infra::db::now_ms() - signed_in_at > session_lifetime_ms(role)
}

/// A refused file download: any client gets the error as JSON with its status; a person who
/// clicked the link in one of our pages is sent back there by `principal_layer`, the error shown.
pub fn refuse_download(e: AppError) -> Response {
    let mut response = refuse(e.clone());
    response.extensions_mut().insert(RefusedDownload(e));
    response
}

/// Whether a mutating request comes from our own pages. Browsers send `Sec-Fetch-Site` (all
/// current ones) or at least `Origin` on every POST; a request with neither is not from a
/// browser and carries no victim's cookie.
pub fn same_origin(headers: &HeaderMap, trust_proxy: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = if trust_proxy {
        headers
            .get("x-forwarded-host")
            .or_else(|| headers.get(header::HOST))
    } else {
        headers.get(header::HOST)
    };
    let Some(host) = host.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .map(|(_, authority)| authority.eq_ignore_ascii_case(host))
        .unwrap_or(false)
}

fn client_addr(req: &Request, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        // The load balancer appends the address it saw; the last entry is the one we can trust.
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().expect("header"));
        }
        h
    }

    #[test]
    fn cross_site_posts_are_refused() {
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            false
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            false
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            false
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            false
        ));
        assert!(!same_origin(
            &headers(&[("origin", "null"), ("host", "a")]),
            false
        ));
        // Not a browser at all.
        assert!(same_origin(&headers(&[]), false));
    }
}
