//! The public pages a visitor opens most, kept whole once rendered (issue 19, docs/performance.md
//! "Caches").
//!
//! The public home, the gallery's listing, the rules and the sign-in page read nothing the
//! app's caches do not already hold, and look the same for every visitor who is not signed in,
//! in each language. Rendering them was what was left of their cost, so the rendered page is
//! kept (after `page_scripts` fitted its runtime) and answered again from memory.
//!
//! * **Only for visitors.** A request carrying any cookie but the language's goes through the
//!   app as always: a signed-in person's header shows who they are, and nothing of theirs is
//!   ever kept. A kept page is one whose answer set no cookie.
//! * **A nonce of its own.** Every page carries the nonce its security policy allows its inline
//!   scripts by; a kept page is answered with a fresh one, put wherever the render had put its
//!   own, and the policy naming it.
//! * **Never staler than what it was built from.** A page is kept with the generations of the
//!   gallery's and the public overview's caches it was rendered beside, and not answered once
//!   either was invalidated (a phase move, the year's settings, an agency renamed, all of
//!   `Caches::year_changed`). Like them it is also forgotten after 30 seconds, which bounds what
//!   one process cannot see.

use std::sync::Arc;

use axum::body::{to_bytes, Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::distributions::Alphanumeric;
use rand::Rng;

use super::security_headers::page_policy;
use super::state::Caches;
use crate::i18n::{Lang, LANG_COOKIE};
use crate::routes;
use crate::server::infra::page_store::{KeptPage, Key};

/// Longer addresses are never kept (a gallery search is a few words).
const MAX_ADDRESS: usize = 512;

/// A kept page is the size of a rendered one; a larger answer is sent and not kept.
const MAX_KEPT_BYTES: usize = 1024 * 1024;

/// A nonce shorter than this is not one leptos made, and is not looked for in the page.
const MIN_NONCE: usize = 16;

/// Middleware: a visitor's public page from memory when it is kept and fresh; otherwise
/// rendered, and kept when it may be.
pub async fn serve_kept(
    State(caches): State<Arc<Caches>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(request.method(), request.uri(), request.headers()) else {
        return next.run(request).await;
    };
    let stamp = caches.public_stamp();
    if let Some(page) = caches.pages.get(&key, stamp) {
        return answer(&page);
    }
    let response = next.run(request).await;
    // `page_scripts` read the page whole, so its size is known: a larger one is sent, not kept.
    let small = response
        .body()
        .size_hint()
        .upper()
        .is_some_and(|size| size <= MAX_KEPT_BYTES as u64);
    if !small || !may_keep(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_KEPT_BYTES).await else {
        // Not reached for a body of known size; what was read is gone, so the visitor gets
        // an error, never a cut page.
        tracing::error!("a public page could not be read to keep");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of);
    // Kept only when nothing was invalidated while it rendered.
    if let Some(pieces) = nonce.and_then(|nonce| cut_at(&bytes, &nonce)) {
        if caches.public_stamp() == stamp {
            let mut headers = parts.headers.clone();
            headers.remove(header::CONTENT_LENGTH);
            headers.remove(header::CONTENT_SECURITY_POLICY);
            caches
                .pages
                .keep(key, KeptPage::new(stamp, headers, pieces));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The page again, with a nonce of its own.
fn answer(page: &KeptPage) -> Response {
    let nonce = fresh_nonce();
    let mut body = Vec::with_capacity(
        page.pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * page.pieces.len(),
    );
    for (i, piece) in page.pieces.iter().enumerate() {
        if i > 0 {
            body.extend_from_slice(nonce.as_bytes());
        }
        body.extend_from_slice(piece);
    }
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = page.headers.clone();
    match HeaderValue::from_str(&page_policy(&nonce)) {
        Ok(policy) => {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        // Not reached (the nonce is letters and digits); without its policy the page's
        // inline scripts would not run, so it is not sent without one.
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    response
}

/// The key a request's page is kept under, when it is a public page a visitor asks for.
fn key_of(method: &Method, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<Key> {
    if method != Method::GET {
        return None;
    }
    // The gallery's filters and pages are part of what it shows; the other pages take only
    // messages in their address (a refused sign-in, a password just chosen), which are not kept.
    let public = match uri.path() {
        routes::HOME | routes::RULES | routes::LOGIN => uri.query().is_none(),
        routes::GALLERY => true,
        _ => false,
    };
    let address = uri.path_and_query()?.as_str();
    if !public || address.len() > MAX_ADDRESS {
        return None;
    }
    Some((address.to_owned(), visitor_lang(headers)?))
}

/// The language of a visitor whose only cookie is the language's; `None` for anyone else.
fn visitor_lang(headers: &HeaderMap) -> Option<Lang> {
    let mut lang = Lang::default();
    for value in headers.get_all(header::COOKIE) {
        for pair in value.to_str().ok()?.split(';') {
            let pair = pair.trim();
            if pair.is_empty() {
                continue;
            }
            let (name, value) = pair.split_once('=')?;
            if name.trim() != LANG_COOKIE {
                return None;
            }
            lang = Lang::parse(value.trim()).unwrap_or_default();
        }
    }
    Some(lang)
}

/// A whole page that set no cookie.
fn may_keep(response: &Response) -> bool {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    response.status() == StatusCode::OK
        && html
        && !response.headers().contains_key(header::SET_COOKIE)
}

/// The nonce of a page's policy, when the policy is exactly the one a page gets.
fn nonce_of(policy: &str) -> Option<String> {
    let nonce = policy.split("'nonce-").nth(1)?.split('\'').next()?;
    (nonce.len() >= MIN_NONCE && policy == page_policy(nonce)).then(|| nonce.to_owned())
}

/// The page cut at every place its nonce stands.
fn cut_at(page: &Bytes, nonce: &str) -> Option<Vec<Bytes>> {
    let text = std::str::from_utf8(page).ok()?;
    let mut pieces = Vec::new();
    let mut from = 0;
    for (at, _) in text.match_indices(nonce) {
        pieces.push(page.slice(from..at));
        from = at + nonce.len();
    }
    pieces.push(page.slice(from..));
    Some(pieces)
}

fn fresh_nonce() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(22)
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str, cookie: Option<&str>) -> Option<Key> {
        let mut headers = HeaderMap::new();
        if let Some(cookie) = cookie {
            headers.insert(
                header::COOKIE,
                HeaderValue::from_str(cookie).expect("ascii"),
            );
        }
        let uri: axum::http::Uri = path.parse().expect("uri");
        key_of(&Method::GET, &uri, &headers)
    }

    #[test]
    fn only_visitors_public_pages_are_kept() {
        assert_eq!(key("/", None), Some(("/".into(), Lang::Id)));
        assert_eq!(
            key("/galeri?q=posyandu&page=2", Some("inovasi_lang=en")),
            Some(("/galeri?q=posyandu&page=2".into(), Lang::En))
        );
        assert_eq!(
            key("/login", Some("inovasi_lang=xx")),
            Some(("/login".into(), Lang::Id))
        );
        // Signed in (or any other cookie): rendered for them.
        assert_eq!(key("/", Some("inovasi_session=abc")), None);
        assert_eq!(key("/", Some("inovasi_lang=en; inovasi_session=abc")), None);
        // A message in the address, another page, another method.
        assert_eq!(key("/login?error=x", None), None);
        assert_eq!(key("/galeri/123", None), None);
        assert_eq!(key("/admin", None), None);
        let long = format!("/galeri?q={}", "a".repeat(MAX_ADDRESS));
        assert_eq!(key(&long, None), None);
        let uri: axum::http::Uri = "/".parse().expect("uri");
        assert_eq!(key_of(&Method::POST, &uri, &HeaderMap::new()), None);
    }

    #[tokio::test]
    async fn a_kept_page_gets_a_nonce_of_its_own_wherever_the_old_one_stood() {
        let old = "AAAAAAAAAAAAAAAAAAAAAA";
        let html = format!(
            "<head><script nonce=\"{old}\">x</script><link crossorigin=\"{old}\"></head><p>{old}</p>"
        );
        let pieces = cut_at(&Bytes::from(html), old).expect("utf-8");
        let page = KeptPage::new([0, 0], HeaderMap::new(), pieces);
        let first = answer(&page);
        let policy = first.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii")
            .to_owned();
        let nonce = nonce_of(&policy).expect("a page's policy");
        assert_ne!(nonce, old);
        let body = to_bytes(first.into_body(), usize::MAX).await.expect("body");
        let body = String::from_utf8(body.to_vec()).expect("utf-8");
        assert!(!body.contains(old), "{body}");
        assert_eq!(body.matches(nonce.as_str()).count(), 3, "{body}");
        let again = nonce_of(
            answer(&page).headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .expect("ascii"),
        );
        assert_ne!(again, Some(nonce), "each answer its own");
    }

    #[test]
    fn only_a_page_policy_gives_a_nonce() {
        let nonce = "BBBBBBBBBBBBBBBBBBBBBB";
        assert_eq!(nonce_of(&page_policy(nonce)).as_deref(), Some(nonce));
        assert_eq!(nonce_of(&page_policy("short")), None);
        assert_eq!(nonce_of("default-src 'none'"), None);
        let tampered = page_policy(nonce).replace("'self'", "*");
        assert_eq!(nonce_of(&tampered), None);
    }
}
