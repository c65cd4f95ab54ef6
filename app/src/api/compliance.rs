//! The compliance register (admins).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::ComplianceRegister;

/// Every obligated agency against its status this year, optionally filtered by status
/// (`none`, `draft`, … as in `ComplianceLevel`) and by kind of agency.
#[server(prefix = "/api", endpoint = "fetch_compliance")]
pub async fn fetch_compliance(
    level: Option<String>,
    kind: Option<String>,
) -> Result<ComplianceRegister, AppError> {
    use crate::server::{http::authz, year::compliance};
    let auth = authz::authorize::<FetchCompliance>().await?;
    let filter = crate::server::year::compliance::parse_filter(level.as_deref(), kind.as_deref())?;
    compliance::register(&auth.state.db, filter).await
}
