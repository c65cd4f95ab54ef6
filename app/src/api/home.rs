//! The data behind each role's home page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{AdminOverview, AgencyOverview, JudgeOverview, PublicOverview};

/// What anyone may know about the current year.
#[server(prefix = "/api", endpoint = "fetch_public_overview")]
pub async fn fetch_public_overview() -> Result<PublicOverview, AppError> {
    use crate::server::{home, http::authz};
    let auth = authz::authorize::<FetchPublicOverview>().await?;
    home::public_overview(&auth.state.db, &auth.state.caches.public_overview).await
}

/// The organisers' overview of the current year.
#[server(prefix = "/api", endpoint = "fetch_admin_overview")]
pub async fn fetch_admin_overview() -> Result<AdminOverview, AppError> {
    use crate::server::{home, http::authz};
    let auth = authz::authorize::<FetchAdminOverview>().await?;
    home::admin_overview(&auth.state.db).await
}

/// The calling judge's assignments (never anyone else's).
#[server(prefix = "/api", endpoint = "fetch_judge_overview")]
pub async fn fetch_judge_overview() -> Result<JudgeOverview, AppError> {
    use crate::server::{home, http::authz};
    let auth = authz::authorize::<FetchJudgeOverview>().await?;
    let judge_id = auth.user()?.id;
    let overview = home::judge_overview(&auth.state.db, judge_id).await?;
    offer_offline(&overview);
    Ok(overview)
}

/// Names the judge's scoring pages in a response header, so the service worker (public/sw.js)
/// keeps them: a judge who opened the list once online can score the whole batch offline.
#[cfg(feature = "ssr")]
fn offer_offline(overview: &JudgeOverview) {
    use http::{HeaderName, HeaderValue};
    let paths: Vec<String> = overview
        .assignments
        .iter()
        .map(|a| crate::routes::judge_sheet(&a.proposal_id))
        .collect();
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&paths.join(",")),
    ) {
        res.insert_header(HeaderName::from_static("x-inovasi-offline-pages"), value);
    }
}

/// The calling user's agency and its proposals this year.
#[server(prefix = "/api", endpoint = "fetch_agency_overview")]
pub async fn fetch_agency_overview() -> Result<AgencyOverview, AppError> {
    use crate::server::{home, http::authz};
    let auth = authz::authorize::<FetchAgencyOverview>().await?;
    let agency_id = auth.own_agency()?;
    home::agency_overview(&auth.state.db, agency_id, auth.user()?.id).await
}
