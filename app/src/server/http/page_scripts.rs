//! A page without an island ships no wasm (issue 19): the public pages, the gallery, the rules
//! and most of the organisers' pages are rendered whole on the server and work as plain links
//! and forms, so the islands' runtime (a 270 KiB download on a village line) would do nothing
//! there. The shell always writes the runtime's loader; once a page is rendered, this layer
//! looks for an island in it and, when there is none, takes out the loader and the hints that
//! preload its files. Deciding on the rendered page, not on a list of routes, means a page that
//! gains an island gets its runtime without anyone remembering to say so.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// No page comes near this (the largest, the compliance register of 600 agencies, is 132 KB).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

pub async fn drop_unused_runtime(request: Request, next: Next) -> Response {
    let is_get = request.method() == Method::GET;
    let response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if !is_get || !is_page {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        // Larger than any page, or the render failed midway: what was read is gone, so this is
        // an error, never an empty page that looks like a real one.
        tracing::error!("a page could not be read whole to decide on its scripts");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(html) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    match without_runtime(html) {
        Some(lighter) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(lighter))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The page without the islands' loader and its preload hints, or `None` when the page has an
/// island (or no loader to take out).
pub fn without_runtime(html: &str) -> Option<String> {
    if html.contains("<leptos-island") {
        return None;
    }
    let head_end = html.find("</head>")?;
    let (head, rest) = html.split_at(head_end);
    let mut out = String::with_capacity(html.len());
    let mut removed = false;
    let mut i = 0;
    while i < head.len() {
        let tail = &head[i..];
        if tail.starts_with("<link ") {
            let end = tail.find('>').map(|e| e + 1).unwrap_or(tail.len());
            let tag = &tail[..end];
            let preload = tag.contains("rel=\"modulepreload\"") || tag.contains("rel=\"preload\"");
            if preload && tag.contains("href=\"/pkg/") {
                removed = true;
                i += end;
                continue;
            }
        }
        if tail.starts_with("<script type=\"module\"") {
            if let Some(end) = tail.find("</script>").map(|e| e + "</script>".len()) {
                if tail[..end].contains("hydrateIslands") {
                    removed = true;
                    i += end;
                    continue;
                }
            }
        }
        let next = tail
            .char_indices()
            .nth(1)
            .map(|(n, _)| n)
            .unwrap_or(tail.len());
        out.push_str(&tail[..next]);
        i += next;
    }
    removed.then(|| {
        out.push_str(rest);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::without_runtime;

    const HEAD: &str = r#"<!DOCTYPE html><html><head><link rel="stylesheet" href="/pkg/inovasi.css"><link rel="modulepreload" href="/pkg/inovasi.js" crossorigin="n1"><link rel="preload" href="/pkg/inovasi_bg.wasm" as="fetch" type="application/wasm" crossorigin="n1"><script type="module" nonce="n1">(() => { hydrateIslands(document.body, mod); })()</script><script nonce="n1">navigator.serviceWorker.register('/sw.js');</script><title>T</title></head>"#;

    #[test]
    fn a_page_without_islands_loses_the_runtime_and_keeps_the_rest() {
        let page = format!("{HEAD}<body><form method=\"post\"></form></body></html>");
        let lighter = without_runtime(&page).expect("the runtime taken out");
        assert!(!lighter.contains("/pkg/inovasi.js"));
        assert!(!lighter.contains(".wasm"));
        assert!(!lighter.contains("hydrateIslands"));
        assert!(lighter.contains(r#"<link rel="stylesheet" href="/pkg/inovasi.css">"#));
        assert!(lighter.contains("serviceWorker.register"));
        assert!(lighter.contains("<title>T</title></head><body><form"));
    }

    #[test]
    fn a_page_with_an_island_keeps_it() {
        let page = format!(
            "{HEAD}<body><leptos-island data-component=\"LoginForm_1\"></leptos-island></body>"
        );
        assert_eq!(without_runtime(&page), None);
    }
}
