//! The security headers every response carries, set in one place.
//!
//! * **Content-Security-Policy.** A page gets a policy with the nonce leptos puts on its own
//!   inline scripts (the islands' loader, and our service-worker registration): no inline script
//!   without it runs, so text that slipped through escaping still could not execute. Everything
//!   else (server-function answers, files, exports) gets a policy that allows nothing at all,
//!   except the service worker's script, which needs to fetch the site's own pages.
//!   Styles: our stylesheet only; inline `style="…"` attributes are still allowed
//!   (`style-src-attr`), since progress bars set their width that way. Images: our own, and
//!   `blob:` for the photos of a field visit shown from the tablet before they are uploaded.
//! * **Strict-Transport-Security** when the site's public address is https.
//! * **Cache-Control: no-store** on every server-function answer and every page or file served
//!   to a signed-in person (set by `authz::principal_layer`, which knows who is signed in), so no
//!   shared cache or back button keeps them.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::server::AppState;

/// The policy of a rendered page, with this response's nonce.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
    )
}

/// The policy of everything that is not a page: it may render nothing and be framed by nobody.
/// (A file opened in the browser, such as a PDF, is shown by the browser's own viewer, which
/// this does not restrict.)
pub const OTHER_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// The service worker's own policy: a worker runs under the policy its script came with, and
/// this one fetches the site's pages and files to keep them.
pub const WORKER_POLICY: &str = "default-src 'self'; frame-ancestors 'none'";

/// An HTML page that somehow arrives without its render's policy (none should: every page route
/// and the 404 handler set one) still gets a page's rules, without any inline script: it shows
/// its server-rendered content, and the missing policy is logged to be found.
pub const PAGE_WITHOUT_NONCE_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browsers remember for a year that this site is https only.
pub const HSTS: &str = "max-age=31536000";

/// Sets the page policy on the response being rendered (called from the shell, where the nonce
/// of this render is known).
pub fn set_page_policy(nonce: Option<&str>) {
    if let (Some(nonce), Some(res)) = (
        nonce,
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = HeaderValue::from_str(&page_policy(nonce)) {
            res.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Middleware: the policy for responses that set none (everything but pages), and HSTS.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let worker = req.uri().path() == "/sw.js";
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let status = response.status();
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        if html {
            tracing::warn!(%path, %status, "an HTML page without its render's security policy");
        }
        let policy = if worker {
            WORKER_POLICY
        } else if html {
            PAGE_WITHOUT_NONCE_POLICY
        } else {
            OTHER_POLICY
        };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
    }
    let https = state
        .security
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}
