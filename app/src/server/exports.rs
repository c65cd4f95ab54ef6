//! File exports served as plain routes, under the same permission table as server functions.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

use super::authz::{authorize_route, refuse, Principal};
use super::{compliance, AppState};
use crate::i18n::Lang;

#[derive(Deserialize)]
pub struct ComplianceQuery {
    level: Option<String>,
    kind: Option<String>,
}

/// `GET /admin/compliance.csv?level=&kind=`: the register as a spreadsheet-ready file.
pub async fn compliance_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(q): Query<ComplianceQuery>,
) -> Response {
    let principal = principal
        .map(|Extension(p)| p)
        .unwrap_or(Principal::Anonymous);
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default();
    let result = async {
        authorize_route(&state, principal, "export_compliance")?;
        let filter = compliance::parse_filter(q.level.as_deref(), q.kind.as_deref())?;
        let register = compliance::register(&state.db, filter).await?;
        compliance::to_csv(&register, lang)
    }
    .await;
    match result {
        Ok(bytes) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"kepatuhan-inovasi.csv\""),
            );
            res
        }
        Err(e) => refuse(e),
    }
}
