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
        debug_assert_eq!(self.rule.scope, Scope::OwnAgency);
        self.user()?.agency_id.ok_or(AppError::Forbidden)
    }

    /// Refuses an object of another agency. The refusal looks exactly like "not found", so a
    /// caller cannot probe which ids exist elsewhere.
    pub fn require_agency(&self, agency_id: i64) -> Result<(), AppError> {
        let user = self.user()?;
        match self.rule.scope {
            Scope::All if user.role == Role::Admin => Ok(()),
            Scope::OwnAgency if user.agency_id == Some(agency_id) => Ok(()),
            _ => Err(AppError::NotFound),
        }
    }
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
    if is_server_fn {
        if req.method() != Method::GET
            && req.method() != Method::HEAD
            && !same_origin(req.headers(), state.security.trust_proxy)
        {
            return refuse(AppError::CrossSite);
        }
        match rule_for_path(path) {
            None => return refuse(AppError::Forbidden),
            Some(rule) if !rule.admits(principal.role()) => return refuse(refusal_for(&principal)),
            Some(_) => {}
        }
    }

    req.extensions_mut().insert(principal);
    req.extensions_mut().insert(ClientAddr(addr));
    let response = next.run(req).await;
    if is_server_fn {
        with_error_status(response).await
    } else {
        response
    }
}

/// Server functions answer every error with 500. Give each `AppError` its own status (400 for
/// bad input, 401, 409, 429 …) so that clients and logs can tell them apart.
async fn with_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are a few hundred bytes of JSON; anything larger is not ours to reinterpret.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return refuse(super::db::internal("unreadable server function error body"));
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
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
