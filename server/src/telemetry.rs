//! Logs and request tracing (docs/operations.md, "Logs").
//!
//! Every request gets an id of ours, minted here and sent back in `X-Request-Id`; its span carries
//! the id, the method, the path (never the query, which may hold a one-time token), and — once
//! the authorization layer has decided — the server function's endpoint and the caller's role.
//! An error's reference is logged inside that span, so "it said kode 7f3a91c2" finds the request,
//! and the request id finds every line it wrote. Passwords, tokens and answers are never fields.

use axum::http::{HeaderName, Request, Response};
use tower_http::request_id::{MakeRequestId, RequestId};
use tower_http::trace::{MakeSpan, OnFailure, OnResponse};
use tracing::{field, Span};

/// The header that carries a request's id, both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// How log lines are written: one readable line each, or one JSON object each for a regency's
/// log collector (`INOVASI_LOG_FORMAT=json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    /// `INOVASI_LOG_FORMAT`: `text` (the default) or `json`.
    pub fn from_env() -> Result<LogFormat, String> {
        match std::env::var("INOVASI_LOG_FORMAT")
            .ok()
            .as_deref()
            .map(str::trim)
        {
            None | Some("") | Some("text") => Ok(LogFormat::Text),
            Some("json") => Ok(LogFormat::Json),
            Some(other) => Err(format!(
                "INOVASI_LOG_FORMAT must be text or json, not {other:?}"
            )),
        }
    }
}

/// Starts logging for the process: the level from `RUST_LOG` (else `default_filter`), in the
/// chosen format, to standard error.
pub fn init_logging(format: LogFormat, default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| default_filter.into());
    let subscriber = subscriber(format, filter, std::io::stderr);
    // Only fails when a subscriber is already set, which leaves that one in place.
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// The log subscriber, writing to `writer` (the tests read what it wrote).
pub fn subscriber<W>(
    format: LogFormat,
    filter: tracing_subscriber::EnvFilter,
    writer: W,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Text => Box::new(builder.with_ansi(false).finish()),
        // Each line one JSON object; the request's span (id, method, path, endpoint, role) is
        // under "span" and the spans around it under "spans".
        LogFormat::Json => Box::new(builder.json().with_current_span(true).finish()),
    }
}

/// Request ids: 16 hex digits from a random UUID, short enough to read out on the telephone.
#[derive(Clone, Copy, Debug, Default)]
pub struct MintRequestId;

impl MakeRequestId for MintRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        id.get(..16)?.parse().ok().map(RequestId::new)
    }
}

/// Drops an `X-Request-Id` the client sent: the id in our log is always one we minted, so a
/// caller cannot make its requests look like someone else's.
pub async fn forget_client_request_id(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    request.headers_mut().remove(REQUEST_ID);
    next.run(request).await
}

/// Leaves the request's span in its extensions, for the layers inside that add to it (the
/// authorization layer writes the endpoint and the role): by the time they run, the current span
/// is another layer's.
pub async fn keep_span(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    request.extensions_mut().insert(Span::current());
    next.run(request).await
}

/// The span every request runs in.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        let id = request
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!(
            "request",
            id = %id,
            method = %request.method(),
            path = %request.uri().path(),
            endpoint = field::Empty,
            role = field::Empty,
        )
    }
}

/// One line per answered request, at `debug` (on with `RUST_LOG=info,inovasi_requests=debug`):
/// the status and how long it took. Server errors are also logged at `error` by `ServerError`.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestDone;

impl<B> OnResponse<B> for RequestDone {
    fn on_response(self, response: &Response<B>, latency: std::time::Duration, _span: &Span) {
        tracing::debug!(
            target: "inovasi_requests",
            status = response.status().as_u16(),
            ms = latency.as_secs_f64() * 1000.0,
            "answered"
        );
    }
}

/// A 5xx answer (or a failure inside the stack) at `error`, inside the request's span.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServerError;

impl<F: std::fmt::Display> OnFailure<F> for ServerError {
    fn on_failure(&mut self, failure: F, latency: std::time::Duration, _span: &Span) {
        tracing::error!(
            failure = %failure,
            ms = latency.as_secs_f64() * 1000.0,
            "request failed"
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// What a subscriber wrote, kept for the test to read.
    #[derive(Clone, Default)]
    struct Written(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Written {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn json_lines_carry_the_request_span() {
        let written = Written::default();
        let sink = written.clone();
        let subscriber = subscriber(LogFormat::Json, "info".into(), move || sink.clone());
        tracing::subscriber::with_default(subscriber, || {
            let request = Request::get("/galeri?q=rahasia")
                .header(REQUEST_ID, "0123456789abcdef")
                .body(())
                .expect("request");
            let span = RequestSpan.make_span(&request);
            span.record("endpoint", "fetch_gallery");
            span.record("role", "anonymous");
            let _inside = span.enter();
            tracing::error!(reference = "7f3a91c2", "internal error");
        });
        let text = String::from_utf8(written.0.lock().expect("lock").clone()).expect("utf-8");
        let line: serde_json::Value =
            serde_json::from_str(text.lines().next().expect("a line")).expect("one JSON object");
        assert_eq!(line["fields"]["reference"], "7f3a91c2");
        assert_eq!(line["span"]["id"], "0123456789abcdef");
        assert_eq!(line["span"]["path"], app::routes::GALLERY);
        assert_eq!(line["span"]["endpoint"], "fetch_gallery");
        assert_eq!(line["span"]["role"], "anonymous");
        assert!(
            !text.contains("rahasia"),
            "the query is never logged: {text}"
        );
    }

    #[test]
    fn request_ids_are_sixteen_hex_digits_and_differ() {
        let request = Request::new(());
        let a = MintRequestId.make_request_id(&request).expect("an id");
        let b = MintRequestId.make_request_id(&request).expect("an id");
        let a = a.header_value().to_str().expect("ascii").to_string();
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b.header_value().to_str().expect("ascii"));
    }
}
