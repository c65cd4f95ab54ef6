//! Refuses, at the door, a request that carries a NUL character in its address or in a text
//! body (a form or JSON). Nobody types one; Postgres cannot store one in text (it answers with an
//! error, which would reach the person as an internal error), and SQLite would keep text that
//! the other database could not take in a restore. One check here stands for every field of
//! every form, server function and page parameter. Files (multipart) are not text and pass.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::error::AppError;
use crate::server::http::form_return::refuse;

/// Larger text bodies are refused by the server functions' own limit anyway.
const MAX_TEXT_BODY: usize = 11 * 1024 * 1024;

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let address = request.uri().to_string();
    if address.contains("%00") {
        return refuse(nul_refused());
    }
    let textual = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| {
            let ct = ct.to_ascii_lowercase();
            ct.starts_with("application/x-www-form-urlencoded")
                || ct.starts_with("application/json")
                || ct.starts_with("text/")
        })
        .unwrap_or(false);
    if !textual {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TEXT_BODY).await else {
        return refuse(AppError::BadRequest {
            detail: "the request body is too large or was cut off".into(),
        });
    };
    if carries_nul(&bytes) {
        return refuse(nul_refused());
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn nul_refused() -> AppError {
    AppError::BadRequest {
        detail: "the request carries a NUL character, which no field may hold".into(),
    }
}

/// A NUL as a raw byte, percent-encoded (forms) or escaped (JSON).
fn carries_nul(body: &[u8]) -> bool {
    body.contains(&0)
        || body.windows(3).any(|w| w == b"%00")
        || body.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

#[cfg(test)]
mod tests {
    use super::carries_nul;

    #[test]
    fn nul_is_found_however_it_is_written() {
        assert!(carries_nul(b"title=a%00b"));
        assert!(carries_nul(br#"{"value":"a\u0000b"}"#));
        assert!(carries_nul(b"raw\0byte"));
        assert!(!carries_nul(b"title=100%25&x=%01"));
        assert!(!carries_nul(br#"{"value":"\u0001 and 0000"}"#));
        // Typed text that merely reads like the escape (a backslash, then "u0000") is refused
        // too: cheaper than parsing, and nobody writes that in a proposal.
        assert!(carries_nul(br#"{"value":"\\u0000"}"#));
    }
}
