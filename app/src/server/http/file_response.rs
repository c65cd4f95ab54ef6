//! What every file route shares: who asks and in which language, and the file handed over as a
//! download or the refusal sent back to the page it was clicked on (`authz::refuse_download`).
//! Used by the compliance and audit exports (`admin_exports`) and the result files
//! (`result_files`).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::http::authz::{authorize_route, refuse_download, Auth, Principal};
use crate::server::AppState;

pub const CSV: &str = "text/csv; charset=utf-8";

/// Who asks, and in which language the file is worded.
pub fn caller(principal: Option<Extension<Principal>>, headers: &HeaderMap) -> (Principal, Lang) {
    let principal = Principal::of(principal);
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default();
    (principal, lang)
}

/// A file to hand over: its bytes, type and the name it is saved under.
pub struct File {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub name: String,
}

/// The file as a download, or the refusal (back to the page a person clicked it on).
pub fn respond(result: Result<File, AppError>) -> Response {
    let file = match result {
        Ok(file) => file,
        Err(e) => return refuse_download(e),
    };
    let mut res = (StatusCode::OK, file.bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// A file route from request to response: the caller is checked against `route`'s rule in the
/// permission table, and only then does `make` build the file, in the caller's language.
pub async fn serve_file<F, Fut>(
    state: AppState,
    principal: Option<Extension<Principal>>,
    headers: &HeaderMap,
    route: &'static str,
    make: F,
) -> Response
where
    F: FnOnce(Auth, Lang) -> Fut,
    Fut: std::future::Future<Output = Result<File, AppError>>,
{
    let (principal, lang) = caller(principal, headers);
    let result = match authorize_route(&state, principal, route) {
        Ok(auth) => make(auth, lang).await,
        Err(e) => Err(e),
    };
    respond(result)
}
