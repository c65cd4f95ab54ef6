//! The one authorization layer. Two doors, one table (`crate::permissions::RULES`):
//!
//! * `principal_layer`, an axum middleware in front of every request, works out who is calling
//!   and refuses a server-function request before its arguments are even read when the endpoint
//!   has no rule, the caller's role is not admitted, or a mutating call comes from another site.
//! * `authorize(endpoint)`, the first line of every server function, applies the same rule again
//!   (server functions also run inside the server-side render, where no HTTP request for them
//!   exists), checks the phase, and hands back an `Auth` whose helpers enforce the rule's object
//!   scope.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use tower_sessions::Session;

use crate::components::ERROR_PARAM;
use crate::error::AppError;
use crate::models::{CurrentUser, Role};
use crate::permissions::{rule, rule_for_path, Phases, Rule, Scope, API_PREFIX};

use super::session_store::USER_ID_KEY;
use super::{competitions, users, AppState};

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

/// The first line of every server function: checks the function's rule for the current caller
/// and phase. A refusal also sets the response status (401/403).
pub async fn authorize(endpoint: &'static str) -> Result<Auth, AppError> {
    let result = check(endpoint).await;
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
        .ok_or_else(|| super::db::internal("AppState missing from context"))?;
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
    let principal = match load_principal(&state, &session).await {
        Ok(p) => p,
        Err(e) => return refuse(e),
    };
    let addr = client_addr(&req, state.security.trust_proxy);

    let path = req.uri().path();
    let is_server_fn = path.starts_with(API_PREFIX) && path[API_PREFIX.len()..].starts_with('/');
    // A form posted before (or without) the page's script expects a page back, not JSON: its
    // errors travel back to the form's page in the address.
    let back_to = is_server_fn
        .then(|| plain_form_origin(req.headers()))
        .flatten();
    if is_server_fn {
        let refusal = if req.method() != Method::GET
            && req.method() != Method::HEAD
            && !same_origin(req.headers(), state.security.trust_proxy)
        {
            Some(AppError::CrossSite)
        } else {
            match rule_for_path(path) {
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
                Some(page) => redirect_with_error(&page, &e),
                None => refuse(e),
            };
        }
    }

    req.extensions_mut().insert(principal);
    req.extensions_mut().insert(ClientAddr(addr));
    let response = next.run(req).await;
    if is_server_fn {
        finish_server_fn(response, back_to).await
    } else {
        response
    }
}

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
async fn finish_server_fn(mut response: Response, back_to: Option<String>) -> Response {
    if !response.headers().contains_key("serverfnerror") {
        // A plain form post that succeeded goes back to its page: without the error of an
        // earlier attempt.
        if back_to.is_some() {
            if let Some(location) = response.headers().get(header::LOCATION) {
                let cleaned = location.to_str().ok().map(without_error_param);
                if let Some(Ok(value)) = cleaned.map(|c| header::HeaderValue::from_str(&c)) {
                    response.headers_mut().insert(header::LOCATION, value);
                }
            }
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are a few hundred bytes of JSON; anything larger is not ours to reinterpret.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return refuse(super::db::internal("unreadable server function error body"));
    };
    let error = serde_json::from_slice::<AppError>(&bytes).ok();
    if let (Some(page), Some(error)) = (back_to, &error) {
        return redirect_with_error(&page, error);
    }
    if let Some(status) = error.and_then(|e| StatusCode::from_u16(e.status()).ok()) {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

fn query_without_error(query: &str) -> form_urlencoded::Serializer<'static, String> {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != ERROR_PARAM {
            out.append_pair(&k, &v);
        }
    }
    out
}

/// A URL with its `error` query parameter removed.
fn without_error_param(url: &str) -> String {
    match url.split_once('?') {
        None => url.to_string(),
        Some((path, query)) => {
            let rest = query_without_error(query).finish();
            if rest.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{rest}")
            }
        }
    }
}

/// For a plain HTML form post (the browser accepts `text/html`), the path and query of the page
/// that posted it.
fn plain_form_origin(headers: &HeaderMap) -> Option<String> {
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !accepts_html {
        return None;
    }
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    // Keep only path and query: the redirect never leaves this site.
    let after_scheme = referer.split_once("://").map(|(_, rest)| rest)?;
    let path = &after_scheme[after_scheme.find('/').unwrap_or(after_scheme.len())..];
    Some(if path.is_empty() {
        "/".to_string()
    } else {
        path.to_string()
    })
}

/// A 303 back to `page` with the error as JSON in the `error` query parameter (any earlier error
/// parameter replaced), where `components::QueryError` shows it.
fn redirect_with_error(page: &str, error: &AppError) -> Response {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut out = query_without_error(query);
    out.append_pair(
        ERROR_PARAM,
        &serde_json::to_string(error).unwrap_or_default(),
    );
    let location = format!("{path}?{}", out.finish());
    let status = StatusCode::SEE_OTHER;
    match header::HeaderValue::from_str(&location) {
        Ok(value) => (status, [(header::LOCATION, value)]).into_response(),
        Err(_) => refuse(error.clone()),
    }
}

async fn load_principal(state: &AppState, session: &Session) -> Result<Principal, AppError> {
    let user_id = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(super::db::internal)?;
    let Some(user_id) = user_id else {
        return Ok(Principal::Anonymous);
    };
    match users::load_current(&state.db, user_id).await? {
        Some(user) => Ok(Principal::User(user)),
        // Deactivated or deleted since the session began: the session is worth nothing.
        None => {
            session.flush().await.map_err(super::db::internal)?;
            Ok(Principal::Anonymous)
        }
    }
}

/// A refusal in the same shape as a server function's error, so the browser's server-function
/// client reads it as an `AppError`.
pub fn refuse(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
    let body = serde_json::to_string(&e).unwrap_or_else(|_| "{}".to_string());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A refused file download: a person who clicked the link in a page goes back to that page with
/// the error shown there; any other client gets the error as JSON with its status.
pub fn refuse_download(headers: &HeaderMap, e: AppError) -> Response {
    match plain_form_origin(headers) {
        Some(page) => redirect_with_error(&page, &e),
        None => refuse(e),
    }
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

    #[test]
    fn plain_form_errors_go_back_to_the_page() {
        let h = headers(&[
            ("accept", "text/html,application/xhtml+xml"),
            ("referer", "http://127.0.0.1:3000/login?error=old&x=1"),
        ]);
        let page = plain_form_origin(&h).expect("a plain form post");
        assert_eq!(page, "/login?error=old&x=1");
        let res = redirect_with_error(&page, &AppError::BadCredentials);
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let location = res.headers()[header::LOCATION].to_str().expect("ascii");
        assert!(location.starts_with("/login?x=1&error="), "{location}");
        assert!(!location.contains("old"));
        assert_eq!(without_error_param("/admin/users?error=x"), "/admin/users");
        assert_eq!(without_error_param("/a?b=1&error=x"), "/a?b=1");
        // Script calls ask for JSON and get JSON.
        assert!(plain_form_origin(&headers(&[("accept", "application/json")])).is_none());
    }
}
