//! Screening: the handed-in proposals with the server's checklist, the organisers' pass or fail,
//! and the administrative check that can send a proposal back to its agency to be fixed.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{CheckDraft, ScreeningDetail, SendBackRecord};

/// The handed-in proposals of the current year with the server's screening checklist.
#[server(prefix = "/api", endpoint = "fetch_screening")]
pub async fn fetch_screening() -> Result<crate::models::ScreeningList, AppError> {
    use crate::server::{http::authz, submission::screening};
    let auth = authz::authorize::<FetchScreening>().await?;
    screening::list(&auth.state.db).await
}

/// Passes (`decision` = "pass") or fails a proposal at screening, with the reason.
#[server(prefix = "/api", endpoint = "screen_proposal")]
pub async fn screen_proposal(
    proposal_id: String,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, submission::screening};
    let auth = authz::authorize::<ScreenProposal>().await?;
    let pass = match decision.as_str() {
        "pass" => true,
        "fail" => false,
        _ => {
            return Err(FieldError::new(crate::error::Input::Decision, Problem::NotAllowed).into())
        }
    };
    screening::decide(&auth.state.db, auth.user()?, &proposal_id, pass, &reason).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_SCREENING);
    Ok(())
}

/// One proposal's administrative check (`/admin/screening/:id`).
#[server(prefix = "/api", endpoint = "fetch_screening_detail")]
pub async fn fetch_screening_detail(proposal_id: String) -> Result<ScreeningDetail, AppError> {
    use crate::server::{http::authz, submission::send_back};
    let auth = authz::authorize::<FetchScreeningDetail>().await?;
    send_back::detail(&auth.state.db, &proposal_id).await
}

/// Saves the verdicts of the administrative check; with `send_back` (the button) the proposal
/// goes back to its agency with the items that need fixing, to be handed in by `fix_by`.
#[server(prefix = "/api", endpoint = "save_screening_checks")]
pub async fn save_screening_checks(
    proposal_id: String,
    #[server(default)] checks: Vec<CheckDraft>,
    #[server(default)] fix_by: String,
    #[server(default)] send_back: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, submission::send_back as check};
    let auth = authz::authorize::<SaveScreeningChecks>().await?;
    // The address to return to is built from the id read as a UUID (and found by `save`), never
    // from the request's text.
    let id = uuid::Uuid::parse_str(&proposal_id)
        .map_err(|_| AppError::NotFound)?
        .to_string();
    let fix_by = send_back.is_some().then_some(fix_by.as_str());
    check::save(&auth.state.db, auth.user()?, &id, &checks, fix_by).await?;
    let back = if send_back.is_some() {
        crate::routes::ADMIN_SCREENING.to_string()
    } else {
        crate::routes::screening_check(&id)
    };
    crate::api::auth::redirect_plain_form_post(&back);
    Ok(())
}

/// What the agency is asked to fix in its sent-back proposal (none when it is not sent back).
#[server(prefix = "/api", endpoint = "fetch_fix_request")]
pub async fn fetch_fix_request(proposal_id: String) -> Result<Option<SendBackRecord>, AppError> {
    use crate::server::{http::authz, submission::proposals, submission::send_back};
    let auth = authz::authorize::<FetchFixRequest>().await?;
    let agency = auth.own_agency()?;
    let db = &auth.state.db;
    // Another agency's proposal answers like one that was never sent back.
    match proposals::find(db, &proposal_id).await? {
        Some(row) if row.agency_id == agency => send_back::fix_request(db, &row.id).await,
        _ => Ok(None),
    }
}
