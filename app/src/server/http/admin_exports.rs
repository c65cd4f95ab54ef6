//! File exports served as plain routes, under the same permission table as server functions:
//! the compliance register and the audit trail. (The results' files: `result_files`.)

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use serde::Deserialize;

use crate::permissions::route;
use crate::server::http::authz::Principal;
use crate::server::http::file_response::{serve_file, File, CSV};
use crate::server::{infra::audit, year::compliance, AppState};

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
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_COMPLIANCE,
        |auth, lang| async move {
            let state = auth.state;
            let filter = compliance::parse_filter(q.level.as_deref(), q.kind.as_deref())?;
            let register = compliance::register(&state.db, filter).await?;
            Ok(File {
                bytes: compliance::to_csv(&register, lang)?,
                content_type: CSV,
                name: "kepatuhan-inovasi.csv".into(),
            })
        },
    )
    .await
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
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_AUDIT,
        |auth, lang| async move {
            let state = auth.state;
            let some = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
            let filter = crate::models::AuditFilter {
                action: some(q.action),
                object_kind: some(q.object_kind),
                actor_email: some(q.actor_email),
            };
            let entries = audit::list(&state.db, &filter, 100_000).await?;
            Ok(File {
                bytes: audit_to_csv(&entries, lang)?,
                content_type: CSV,
                name: "jejak-audit.csv".into(),
            })
        },
    )
    .await
}

/// The trail as CSV (UTF-8 with a byte-order mark).
fn audit_to_csv(
    entries: &[crate::models::AuditEntry],
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>, crate::error::AppError> {
    use crate::i18n::{format_date, PageKey};
    let mut w = crate::server::documents::csv_file::CsvFile::new();
    w.row(
        [
            PageKey::AuditWhen,
            PageKey::AuditWho,
            PageKey::AuditAction,
            PageKey::AuditObject,
            PageKey::AuditBefore,
            PageKey::AuditAfter,
        ]
        .iter()
        .map(|k| k.text(lang)),
    )?;
    for e in entries {
        w.row([
            format_date(e.at, lang),
            e.actor_email.clone().unwrap_or_default(),
            e.action.clone(),
            format!("{} {}", e.object_kind, e.object_id),
            e.before.clone().unwrap_or_default(),
            e.after.clone().unwrap_or_default(),
        ])?;
    }
    w.finish()
}
