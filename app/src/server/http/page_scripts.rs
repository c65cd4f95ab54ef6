//! Each page loads only the browser code its islands need (issue 19).
//!
//! A page without an island ships no wasm: the public pages, the gallery, the rules, the sign-in
//! page and most of the organisers' pages are rendered whole on the server and work as plain
//! links and forms, so the islands' runtime (a 270 KiB download on a village line) would do
//! nothing there. A page with islands loads the lightest bundle that holds them all: the home
//! pages' unsynced-drafts notice, the judge's score sheet (with the presentation room's screen,
//! which follows the room above the sheet and on the room's board), and a field round's scoring
//! page (the score sheet with the visit checklist) each have a bundle of their own (built with
//! only those islands, docs/architecture.md "Size"); anything else loads the full one. In a
//! release build, which always has the lighter bundles, the full one holds only the wizard, the
//! one island no lighter bundle has: every other island is left out of it.
//!
//! The shell always writes the full bundle's loader; once a page is rendered, this layer reads
//! which islands are in it and takes the loader out, or points it at the lighter bundle.
//! Deciding on the rendered page, not on a list of routes, means a page that gains an island
//! gets its runtime without anyone remembering to say so.

use std::path::Path;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// No page comes near this (the largest, the compliance register of 600 agencies, is 132 KB).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// The lighter bundles: the directory under `/pkg/` each is built into, and the islands it
/// holds (the app's `bundle-*` features decide which components are islands in each build).
pub const BUNDLES: &[(&str, &[&str])] = &[
    ("home", &["UnsyncedNotice"]),
    ("sheet", &["ScoreSheet", "RoomScreen"]),
    ("visit", &["ScoreSheet", "VisitChecklist"]),
];

/// The lighter bundles this server can hand out: those whose files are in its site. A build
/// without them (a development build, the HTTP tests) hands out the full bundle everywhere.
#[derive(Clone, Debug, Default)]
pub struct Bundles(Arc<Vec<&'static str>>);

impl Bundles {
    /// The bundles found under `<site_root>/<pkg_dir>/<name>/<output_name>.js`.
    pub fn found(site_root: &str, pkg_dir: &str, output_name: &str) -> Self {
        let built = BUNDLES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| {
                Path::new(site_root)
                    .join(pkg_dir)
                    .join(name)
                    .join(format!("{output_name}.js"))
                    .is_file()
            })
            .collect();
        Self(Arc::new(built))
    }

    /// Every lighter bundle, as if built (tests).
    pub fn all() -> Self {
        Self(Arc::new(BUNDLES.iter().map(|(name, _)| *name).collect()))
    }
}

pub async fn fit_runtime(State(bundles): State<Bundles>, request: Request, next: Next) -> Response {
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
    match fitted(html, &bundles) {
        Some(lighter) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(lighter))
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The page with the runtime it needs: without one when it has no island, pointed at a lighter
/// bundle that holds all its islands when `bundles` has one; `None` to send it as it is.
pub fn fitted(html: &str, bundles: &Bundles) -> Option<String> {
    let islands = island_names(html);
    if islands.is_empty() {
        return rewrite_loader(html, None);
    }
    let (dir, _) = BUNDLES.iter().find(|(name, holds)| {
        bundles.0.contains(name) && islands.iter().all(|island| holds.contains(island))
    })?;
    rewrite_loader(html, Some(dir))
}

/// The islands on the page, by component name (`data-component="ScoreSheet_1234"`).
fn island_names(html: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for (at, _) in html.match_indices("<leptos-island") {
        let tag = &html[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let Some(start) = tag
            .find("data-component=\"")
            .map(|i| i + "data-component=\"".len())
        else {
            continue;
        };
        let id = &tag[start..];
        let id = &id[..id.find('"').unwrap_or(id.len())];
        let name = id.rsplit_once('_').map_or(id, |(name, _)| name);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The page with the loader and the hints that preload its files taken out (`None`) or moved to
/// the bundle in `/pkg/<dir>/`. `None` back when the head holds no loader to change.
fn rewrite_loader(html: &str, dir: Option<&str>) -> Option<String> {
    let head_end = html.find("</head>")?;
    let (head, rest) = html.split_at(head_end);
    let mut out = String::with_capacity(html.len());
    let mut changed = false;
    let mut i = 0;
    while i < head.len() {
        let tail = &head[i..];
        if tail.starts_with("<link ") {
            let end = tail.find('>').map(|e| e + 1).unwrap_or(tail.len());
            let tag = &tail[..end];
            let preload = tag.contains("rel=\"modulepreload\"") || tag.contains("rel=\"preload\"");
            if preload && tag.contains("href=\"/pkg/") {
                if let Some(dir) = dir {
                    out.push_str(&tag.replacen("href=\"/pkg/", &format!("href=\"/pkg/{dir}/"), 1));
                }
                changed = true;
                i += end;
                continue;
            }
        }
        if tail.starts_with("<script type=\"module\"") {
            if let Some(end) = tail.find("</script>").map(|e| e + "</script>".len()) {
                let tag = &tail[..end];
                if tag.contains("hydrateIslands") {
                    // The loader's call names the package directory: `(root, "pkg", js, wasm)`.
                    match dir {
                        Some(dir) if tag.contains(", \"pkg\", ") => {
                            out.push_str(&tag.replacen(
                                ", \"pkg\", ",
                                &format!(", \"pkg/{dir}\", "),
                                1,
                            ));
                        }
                        // A loader this layer cannot read: left whole, with the full bundle.
                        Some(_) => return None,
                        None => {}
                    }
                    changed = true;
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
    changed.then(|| {
        out.push_str(rest);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::{fitted, Bundles};

    const HEAD: &str = r#"<!DOCTYPE html><html><head><link rel="stylesheet" href="/pkg/inovasi.css"><link rel="modulepreload" href="/pkg/inovasi.js" crossorigin="n1"><link rel="preload" href="/pkg/inovasi_bg.wasm" as="fetch" type="application/wasm" crossorigin="n1"><script type="module" nonce="n1">((root, pkg_path, output_name, wasm_output_name) => { hydrateIslands(document.body, mod); })("", "pkg", "inovasi", "inovasi_bg");</script><script nonce="n1">navigator.serviceWorker.register('/sw.js');</script><title>T</title></head>"#;

    fn page(body: &str) -> String {
        format!("{HEAD}<body>{body}</body></html>")
    }

    #[test]
    fn a_page_without_islands_loses_the_runtime_and_keeps_the_rest() {
        let page = page("<form method=\"post\"></form>");
        let lighter = fitted(&page, &Bundles::all()).expect("the runtime taken out");
        assert!(!lighter.contains("/pkg/inovasi.js"));
        assert!(!lighter.contains(".wasm"));
        assert!(!lighter.contains("hydrateIslands"));
        assert!(lighter.contains(r#"<link rel="stylesheet" href="/pkg/inovasi.css">"#));
        assert!(lighter.contains("serviceWorker.register"));
        assert!(lighter.contains("<title>T</title></head><body><form"));
    }

    #[test]
    fn a_page_loads_the_lightest_bundle_that_holds_all_its_islands() {
        let sheet = page(
            "<leptos-island data-component=\"ScoreSheet_123\" data-props=\"{}\"></leptos-island>",
        );
        let lighter = fitted(&sheet, &Bundles::all()).expect("pointed at the sheet's bundle");
        assert!(lighter.contains(r#"<link rel="modulepreload" href="/pkg/sheet/inovasi.js""#));
        assert!(lighter.contains(r#"<link rel="preload" href="/pkg/sheet/inovasi_bg.wasm""#));
        assert!(lighter.contains(r#"("", "pkg/sheet", "inovasi", "inovasi_bg")"#));
        assert!(
            lighter.contains(r#"href="/pkg/inovasi.css""#),
            "one stylesheet for all"
        );
        // Two notices on a home page: still the home bundle.
        let home = page(
            "<leptos-island data-component=\"UnsyncedNotice_9\"></leptos-island><leptos-island data-component=\"UnsyncedNotice_9\"></leptos-island>",
        );
        assert!(fitted(&home, &Bundles::all())
            .expect("home")
            .contains("/pkg/home/inovasi.js"));
        // An island no lighter bundle holds, or islands of two bundles: the full one, as sent.
        let wizard = page("<leptos-island data-component=\"ProposalWizard_5\"></leptos-island>");
        assert_eq!(fitted(&wizard, &Bundles::all()), None);
        let mixed = page(
            "<leptos-island data-component=\"UnsyncedNotice_9\"></leptos-island><leptos-island data-component=\"ScoreSheet_1\"></leptos-island>",
        );
        assert_eq!(fitted(&mixed, &Bundles::all()), None);
        // A server whose site has no lighter bundles: the full one.
        assert_eq!(fitted(&sheet, &Bundles::default()), None);
    }
}
