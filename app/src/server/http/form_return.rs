//! Where a form posted without script goes back to, and how its error travels there.
//!
//! A plain HTML form post (the page's script not loaded yet, or none at all) expects a page back.
//! The browser names the page it came from in `Referer`; that header is the request's, so it is
//! never used as it is: only a path that matches one of this app's own page routes is taken, its
//! query rebuilt parameter by parameter, so the redirect can only ever land on one of our pages
//! (`//evil.example/x`, `https://evil.example/`, `/\evil` match no route).
//!
//! The error goes back as a *flash*: kept in the person's session under a random id, with only
//! that id in the address (`?error=3f9c…`). The page shows the error only when the id matches the
//! one its own session holds, so text put into `?error=` by anyone else is never shown.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::components::{KeptForm, ERROR_PARAM};
use crate::error::AppError;

/// The app's page routes (`/admin/results/{id}` …), set once when the router is built.
static PAGE_ROUTES: OnceLock<Vec<Vec<Segment>>> = OnceLock::new();

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Literal(String),
    /// `{id}`, `:id`: any one non-empty segment.
    Param,
    /// `{*rest}`, `*rest`: anything from here on.
    Rest,
}

fn parse_route(path: &str) -> Vec<Segment> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with("{*") || s.starts_with('*') {
                Segment::Rest
            } else if s.starts_with('{') || s.starts_with(':') {
                Segment::Param
            } else {
                Segment::Literal(s.to_string())
            }
        })
        .collect()
}

/// Records the page routes of the app (called by the router with leptos's route list).
pub fn set_page_routes<'a>(paths: impl IntoIterator<Item = &'a str>) {
    let _ = PAGE_ROUTES.set(paths.into_iter().map(parse_route).collect());
}

fn matches(route: &[Segment], path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    // "/" is the only path with an empty segment that we serve; "//x" and "/a//b" are not ours.
    if path == "/" {
        return route.is_empty();
    }
    if segments.iter().any(|s| s.is_empty()) {
        return false;
    }
    let mut i = 0;
    for seg in route {
        match seg {
            Segment::Rest => return true,
            Segment::Param if i < segments.len() => i += 1,
            Segment::Literal(l) if segments.get(i) == Some(&l.as_str()) => i += 1,
            _ => return false,
        }
    }
    i == segments.len()
}

/// `target` (a path with its query, or a whole URL) as one of our own pages: its path when that
/// matches a page route and holds nothing but plain path characters, its query re-encoded
/// without any `error` parameter. `None` for anything else.
pub fn own_page(target: &str) -> Option<String> {
    own_page_in(PAGE_ROUTES.get().map(Vec::as_slice).unwrap_or(&[]), target)
}

fn own_page_in(routes: &[Vec<Segment>], target: &str) -> Option<String> {
    // A whole URL (as in Referer): keep what follows the authority.
    let rest = match target.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            &rest[rest.find('/')?..]
        }
        Some(_) => return None,
        None => target,
    };
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let plain = path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.~%".contains(&b));
    if !plain || !routes.iter().any(|r| matches(r, path)) {
        return None;
    }
    let query = query_without_error(query);
    Some(if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    })
}

/// The query re-encoded pair by pair, without the `error` parameter.
fn query_without_error(query: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != ERROR_PARAM {
            out.append_pair(&k, &v);
        }
    }
    out.finish()
}

/// For a plain HTML form post (the browser accepts `text/html`), the page that posted it, when
/// it is one of ours.
pub fn plain_form_origin(headers: &HeaderMap) -> Option<String> {
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !accepts_html {
        return None;
    }
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    own_page(referer)
}

/// The session key of the error waiting to be shown.
const FLASH_KEY: &str = "flash_error";

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Flash {
    id: String,
    error: AppError,
    /// What was typed, to be shown again in the form (absent for a refused download).
    #[serde(default)]
    kept: Option<KeptForm>,
}

/// A 303 back to `page` (one of ours, see `own_page`) with the error kept in the session and
/// its id in the address. Without a session to keep it in, the error is answered as JSON.
pub async fn back_with_error(
    session: &Session,
    page: &str,
    error: &AppError,
    kept: Option<KeptForm>,
) -> Response {
    let mut bytes = [0u8; 8];
    rand::thread_rng().fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    let flash = Flash {
        id: id.clone(),
        error: error.clone(),
        kept,
    };
    if let Err(e) = session.insert(FLASH_KEY, flash).await {
        tracing::warn!(error = %e, "could not keep a form's error in the session");
        return refuse(error.clone());
    }
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let kept = query_without_error(query);
    let location = if kept.is_empty() {
        format!("{path}?{ERROR_PARAM}={id}")
    } else {
        format!("{path}?{kept}&{ERROR_PARAM}={id}")
    };
    match header::HeaderValue::from_str(&location) {
        Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
        Err(_) => refuse(error.clone()),
    }
}

/// The id in a page's `?error=…`, when it looks like one of ours (anything else is ignored).
pub fn error_id(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == ERROR_PARAM)
        .map(|(_, v)| v.into_owned())
        .filter(|v| v.len() == 16 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The error waiting under `id` in this session, if that is the one it holds, with what was
/// typed into the form.
pub async fn flashed(session: &Session, id: &str) -> Option<(AppError, Option<KeptForm>)> {
    let flash: Flash = session.get(FLASH_KEY).await.ok().flatten()?;
    (flash.id == id).then_some((flash.error, flash.kept))
}

/// The most a plain form's body may hold to be kept (forms are a few KiB; a file upload is
/// multipart and never kept).
const KEPT_FORM_MAX_BYTES: usize = 256 * 1024;

/// Reads what a plain form posted to `action` (`application/x-www-form-urlencoded`), to keep it
/// should the post be refused, and hands the request on with its body intact. Fields named like
/// a password are left out: a secret never goes into the session. Any other body is passed on
/// untouched, with nothing kept.
pub async fn keep_typed(
    req: Request,
    action: &str,
) -> Result<(Request, Option<KeptForm>), Response> {
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !urlencoded {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, KEPT_FORM_MAX_BYTES)
        .await
        .map_err(|_| {
            refuse(AppError::BadRequest {
                detail: "the form is larger than a form can be".into(),
            })
        })?;
    let fields = form_urlencoded::parse(&bytes)
        .filter(|(k, _)| !k.to_ascii_lowercase().contains("password"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let kept = KeptForm {
        action: action.to_string(),
        fields,
    };
    Ok((
        Request::from_parts(parts, axum::body::Body::from(bytes)),
        Some(kept),
    ))
}

/// A refusal in the same shape as a server function's error, so the browser's server-function
/// client reads it as an `AppError`.
pub fn refuse(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::FORBIDDEN);
    let body = serde_json::to_string(&e).unwrap_or_else(|_| "{}".to_string());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> Vec<Vec<Segment>> {
        [
            "/",
            "/login",
            "/admin/results/{id}",
            "/galeri/:id",
            "/admin/form",
        ]
        .into_iter()
        .map(parse_route)
        .collect()
    }

    #[test]
    fn only_our_own_pages_are_redirect_targets() {
        let r = routes();
        let own = |t: &str| own_page_in(&r, t);
        assert_eq!(own("/login"), Some("/login".into()));
        assert_eq!(own("/"), Some("/".into()));
        assert_eq!(
            own("http://127.0.0.1:3000/admin/results/42?x=1&error=old"),
            Some("/admin/results/42?x=1".into())
        );
        assert_eq!(
            own("/galeri/abc?q=a%20b#frag"),
            Some("/galeri/abc?q=a+b".into())
        );
        for hostile in [
            "//evil.example/x",
            "http://127.0.0.1:3000//evil.example/x",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/galeri",
            "/admin/results/1/2",
            "/login/../admin",
            "/admin/form\r\nSet-Cookie: a=b",
            "",
        ] {
            assert_eq!(own(hostile), None, "{hostile:?}");
        }
        // Whatever the query held is re-encoded, never passed through.
        assert_eq!(
            own("/login?next=%0d%0aX:1"),
            Some("/login?next=%0D%0AX%3A1".into())
        );
    }
}
