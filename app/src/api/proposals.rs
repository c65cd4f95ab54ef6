//! Proposals: the wizard's data, draft saves (the sync protocol), and the way to submission.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::{SaveOutcome, SaveRequest, WizardData};

/// What the wizard page is made of: the year's form and, for an existing proposal, the server's
/// copy. `proposal_id` names an existing proposal or one begun offline; none starts a new one.
#[server(prefix = "/api", endpoint = "fetch_wizard")]
pub async fn fetch_wizard(proposal_id: Option<String>) -> Result<WizardData, AppError> {
    use crate::server::{
        http::authz, infra::db::now_ms, submission::proposals, submission::send_back,
        year::competitions, year::form,
    };

    let auth = authz::authorize::<FetchWizard>().await?;
    let user = auth.user()?.clone();
    let agency_id = auth.own_agency()?;
    let db = &auth.state.db;
    // A new proposal's id is minted on the device that begins it (`wizard::WizardCtx::new`),
    // never here: the "new proposal" page is kept by the service worker and reopened offline,
    // and an id baked into it would make every proposal begun from it the same one.
    let id = match proposal_id {
        Some(id) => uuid::Uuid::parse_str(&id)
            .map_err(|_| AppError::NotFound)?
            .to_string(),
        None => String::new(),
    };
    let (form, proposal) = match proposals::find(db, &id).await? {
        Some(row) if row.agency_id == agency_id => {
            let form = send_back::form_for(db, row.competition_id, row.agency_id, &row.id).await?;
            (form, Some(proposals::state(db, &row).await?))
        }
        // Another agency's proposal answers exactly like an id nobody has used yet (a blank
        // wizard, as for a proposal begun on a device that the server has not heard of), so the
        // answer tells nothing about it; a save to it is refused as "not found".
        _ => {
            let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
            (form::load(db, competition.id, agency_id).await?, None)
        }
    };
    Ok(WizardData {
        form,
        proposal_id: id,
        proposal,
        user_id: user.id,
        role: user.role,
        now: now_ms(),
        preview: false,
    })
}

/// Saves changed fields of a draft (docs/sync.md): per-field compare-and-set against the
/// values the client started from; a repeated idempotency key gets the stored answer.
#[server(prefix = "/api", endpoint = "save_draft", input = Json)]
pub async fn save_draft(request: SaveRequest) -> Result<SaveOutcome, AppError> {
    use crate::server::{http::authz, submission::proposals, submission::send_back};

    let auth = authz::authorize::<SaveDraft>().await?;
    let user = auth.user()?.clone();
    let agency_id = auth.own_agency()?;
    let db = &auth.state.db;
    let competition_id = competition_for(&auth, &request.proposal_id).await?;
    let form = send_back::form_for(db, competition_id, agency_id, &request.proposal_id).await?;
    proposals::save_draft(db, &user, &form, &request).await
}

/// The competition year a save or an upload for this proposal belongs to: the proposal's own,
/// or the current year for one the server has not seen yet. Another agency's proposal answers
/// "not found".
#[cfg(feature = "ssr")]
pub(crate) async fn competition_for(
    auth: &crate::server::http::authz::Auth,
    id: &str,
) -> Result<i64, AppError> {
    match crate::server::submission::proposals::find(&auth.state.db, id).await? {
        Some(row) => {
            auth.require_agency(row.agency_id)?;
            Ok(row.competition_id)
        }
        None => Ok(crate::server::year::competitions::current(&auth.state.db)
            .await?
            .ok_or(AppError::NotFound)?
            .id),
    }
}

/// Loads a proposal the caller may act on, with its form.
#[cfg(feature = "ssr")]
async fn load_for(
    auth: &crate::server::http::authz::Auth,
    proposal_id: &str,
) -> Result<
    (
        crate::server::submission::proposals::ProposalRow,
        crate::models::ProposalForm,
    ),
    AppError,
> {
    use crate::server::submission::{proposals, send_back};
    let db = &auth.state.db;
    let row = proposals::find(db, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    auth.require_agency(row.agency_id)?;
    let form = send_back::form_for(db, row.competition_id, row.agency_id, &row.id).await?;
    Ok((row, form))
}

/// A member hands a complete draft to the agency head for approval.
#[server(prefix = "/api", endpoint = "request_approval")]
pub async fn request_approval(proposal_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, submission::proposals};
    let auth = authz::authorize::<RequestApproval>().await?;
    let (row, form) = load_for(&auth, &proposal_id).await?;
    proposals::request_approval(&auth.state.db, auth.user()?, &form, &row).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::AGENCY);
    Ok(())
}

/// The agency head approves the proposal and submits it to the competition.
#[server(prefix = "/api", endpoint = "approve_and_submit")]
pub async fn approve_and_submit(proposal_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, submission::proposals};
    let auth = authz::authorize::<ApproveAndSubmit>().await?;
    let (row, form) = load_for(&auth, &proposal_id).await?;
    proposals::approve_and_submit(&auth.state.db, auth.user()?, &form, &row).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::AGENCY);
    Ok(())
}

/// The agency head sends a proposal back to its writers, saying what to change.
#[server(prefix = "/api", endpoint = "return_to_draft")]
pub async fn return_to_draft(proposal_id: String, note: String) -> Result<(), AppError> {
    use crate::server::{http::authz, submission::proposals};
    let auth = authz::authorize::<ReturnToDraft>().await?;
    let (row, form) = load_for(&auth, &proposal_id).await?;
    proposals::return_to_draft(&auth.state.db, auth.user()?, &form, &row, &note).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::AGENCY);
    Ok(())
}

/// A proposal laid out for reading and printing (the agency's own, or any for an admin).
#[server(prefix = "/api", endpoint = "fetch_proposal_print")]
pub async fn fetch_proposal_print(
    proposal_id: String,
) -> Result<crate::models::ProposalPrint, AppError> {
    use crate::server::{http::authz, submission::proposals};
    let auth = authz::authorize::<FetchProposalPrint>().await?;
    let (row, form) = load_for(&auth, &proposal_id).await?;
    let state = proposals::state(&auth.state.db, &row).await?;
    Ok(crate::models::ProposalPrint { form, state })
}
