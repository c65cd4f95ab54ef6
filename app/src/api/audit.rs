//! The audit trail (admins).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::AuditPage;

/// The newest 500 events matching the filter, and whether the chain is intact.
#[server(prefix = "/api", endpoint = "fetch_audit")]
pub async fn fetch_audit(
    action: Option<String>,
    object_kind: Option<String>,
    actor_email: Option<String>,
) -> Result<AuditPage, AppError> {
    use crate::models::AuditFilter;
    use crate::server::{http::authz, infra::audit};
    let auth = authz::authorize::<FetchAudit>().await?;
    let clean = |s: Option<String>| {
        s.map(|v| v.trim().chars().take(120).collect::<String>())
            .filter(|v| !v.is_empty())
    };
    let filter = AuditFilter {
        action: clean(action),
        object_kind: clean(object_kind),
        actor_email: clean(actor_email),
    };
    let entries = audit::list(&auth.state.db, &filter, 500).await?;
    let (intact, events, head) = match audit::verify(&auth.state.db).await? {
        audit::Verdict::Intact { events, head } => (true, events, Some(head)),
        audit::Verdict::Broken { .. } => (false, 0, None),
    };
    Ok(AuditPage {
        entries,
        filter,
        intact,
        events,
        head: head.filter(|h| h != audit::GENESIS),
    })
}
