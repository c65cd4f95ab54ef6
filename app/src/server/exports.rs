//! File exports served as plain routes, under the same permission table as server functions.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

use super::authz::{authorize_route, refuse, Principal};
use super::{audit, compliance, AppState};
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
        Ok(bytes) => csv_response(bytes, "kepatuhan-inovasi.csv"),
        Err(e) => refuse(e),
    }
}

#[derive(Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    object_kind: Option<String>,
    actor_email: Option<String>,
}

/// `GET /admin/audit.csv`: the filtered trail (up to 100 000 events) as a file.
pub async fn audit_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(q): Query<AuditQuery>,
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
        authorize_route(&state, principal, "export_audit")?;
        let some = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        let filter = crate::models::AuditFilter {
            action: some(q.action),
            object_kind: some(q.object_kind),
            actor_email: some(q.actor_email),
        };
        let entries = audit::list(&state.db, &filter, 100_000).await?;
        audit::to_csv(&entries, lang)
    }
    .await;
    match result {
        Ok(bytes) => csv_response(bytes, "jejak-audit.csv"),
        Err(e) => refuse(e),
    }
}

fn csv_response(bytes: Vec<u8>, file_name: &'static str) -> Response {
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
