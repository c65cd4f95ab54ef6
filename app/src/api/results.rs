//! Results: the organisers' board and deliberation, an agency's feedback, and the public gallery
//! with its "I want to replicate this".

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{
    AdvancePick, DecisionInput, Feedback, GalleryDetail, GalleryFilter, GalleryPage, ResultDetail,
    ResultsBoard,
};

/// The current year's results board; `None` before judging has begun (nothing to rank yet).
#[server(prefix = "/api", endpoint = "fetch_results")]
pub async fn fetch_results() -> Result<Option<ResultsBoard>, AppError> {
    use crate::models::Phase;
    use crate::server::{http::authz, results, year::competitions};
    let auth = authz::authorize::<FetchResults>().await?;
    let db = &auth.state.db;
    match competitions::current(db).await? {
        Some(c) if c.phase >= Phase::Judging => Ok(Some(results::board::load(db, c).await?)),
        _ => Ok(None),
    }
}

/// A year's compendium for the gallery's page: `year` as the address gives it (odd or none: the
/// newest public year). Public for published years; the organisers also see the current year
/// once its results are locked.
#[server(prefix = "/api", endpoint = "fetch_compendium")]
pub async fn fetch_compendium(year: Option<String>) -> Result<crate::models::Compendium, AppError> {
    use crate::server::{http::authz, results::compendium};
    let auth = authz::authorize::<FetchCompendium>().await?;
    let organiser = auth
        .user()
        .is_ok_and(|u| u.role == crate::models::Role::Admin);
    compendium::load(
        &auth.state.db,
        compendium::year_param(year.as_deref()),
        organiser,
    )
    .await
}

/// The current year's compendium settings: the foreword and which innovations the book holds.
#[server(prefix = "/api", endpoint = "fetch_compendium_settings")]
pub async fn fetch_compendium_settings() -> Result<crate::models::CompendiumSettings, AppError> {
    use crate::server::{http::authz, results::compendium};
    let auth = authz::authorize::<FetchCompendiumSettings>().await?;
    compendium::settings(&auth.state.db).await
}

#[server(prefix = "/api", endpoint = "save_compendium")]
pub async fn save_compendium(foreword: String, selection: String) -> Result<(), AppError> {
    use crate::server::{http::authz, results::compendium};
    let auth = authz::authorize::<SaveCompendium>().await?;
    compendium::save(&auth.state.db, auth.user()?, &foreword, &selection).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_COMPENDIUM_SAVED);
    Ok(())
}

/// The current year's nominees to the province and the gaps in their dossiers.
#[server(prefix = "/api", endpoint = "fetch_nomination")]
pub async fn fetch_nomination() -> Result<crate::models::NominationData, AppError> {
    use crate::server::{http::authz, results::dossier};
    let auth = authz::authorize::<FetchNomination>().await?;
    dossier::overview(&auth.state.db).await
}

/// One judged proposal of the current year: every counted judge's scores and the spread.
#[server(prefix = "/api", endpoint = "fetch_result_detail")]
pub async fn fetch_result_detail(proposal_id: String) -> Result<ResultDetail, AppError> {
    use crate::server::{http::authz, results, year::competitions};
    let auth = authz::authorize::<FetchResultDetail>().await?;
    let db = &auth.state.db;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut detail = results::board::detail(db, competition, &proposal_id).await?;
    detail.visits = crate::server::visits::report::of_proposal(db, &proposal_id).await?;
    Ok(detail)
}

/// The pass mark ("85" or "72,5") and which ranking is official ("raw" or "normalised").
#[server(prefix = "/api", endpoint = "save_result_settings")]
pub async fn save_result_settings(pass_mark: String, basis: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::models::Basis;
    use crate::server::{http::authz, results::deliberation};
    let auth = authz::authorize::<SaveResultSettings>().await?;
    let pass_mark = deliberation::parse_pass_mark(&pass_mark)?;
    let basis = match basis.as_str() {
        "raw" => Basis::Raw,
        "normalised" => Basis::Normalised,
        _ => return Err(FieldError::new(crate::error::Input::Basis, Problem::NotAllowed).into()),
    };
    deliberation::save_settings(&auth.state.db, auth.user()?, pass_mark, basis).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=settings",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// Who signs the certificates: a name and a title (empty: the defaults).
#[server(prefix = "/api", endpoint = "save_certificate_signer")]
pub async fn save_certificate_signer(
    signer_name: String,
    signer_title: String,
) -> Result<(), AppError> {
    use crate::server::{http::authz, results::signer};
    let auth = authz::authorize::<SaveCertificateSigner>().await?;
    let (name, title) = signer::parse(&signer_name, &signer_title)?;
    signer::save(&auth.state.db, auth.user()?, &name, &title).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=signer",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// Finalists, winners and nominations to the province, for the rows the form sent.
#[server(prefix = "/api", endpoint = "save_decisions")]
pub async fn save_decisions(decisions: Option<Vec<DecisionInput>>) -> Result<(), AppError> {
    use crate::server::{http::authz, results::deliberation};
    let auth = authz::authorize::<SaveDecisions>().await?;
    let parsed = deliberation::parse_decisions(&decisions.unwrap_or_default())?;
    deliberation::save_decisions(&auth.state.db, auth.user()?, &parsed).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=decisions",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// Locks the results: refused while judges' sheets are missing (it says which).
#[server(prefix = "/api", endpoint = "lock_results")]
pub async fn lock_results() -> Result<(), AppError> {
    use crate::server::{http::authz, results::deliberation};
    let auth = authz::authorize::<LockResults>().await?;
    deliberation::lock(&auth.state.db, auth.user()?).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=locked",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// Locks the current round and sends the ticked proposals on to the next, with the reason when
/// the choice is not the round's rule (refused while sheets are missing).
#[server(prefix = "/api", endpoint = "advance_round")]
pub async fn advance_round(
    picks: Option<Vec<AdvancePick>>,
    reason: String,
) -> Result<(), AppError> {
    use crate::server::{http::authz, results::advance};
    let auth = authz::authorize::<AdvanceRound>().await?;
    let chosen: Vec<String> = picks
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.go.as_deref().is_some_and(|v| !v.is_empty()))
        .map(|p| p.proposal_id)
        .collect();
    advance::advance(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        &chosen,
        &reason,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=advanced",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// An agency's own proposal, once the results are published: score per criterion and the
/// judges' comments, the judges anonymous.
#[server(prefix = "/api", endpoint = "fetch_feedback")]
pub async fn fetch_feedback(proposal_id: String) -> Result<Feedback, AppError> {
    use crate::server::{http::authz, results::feedback};
    let auth = authz::authorize::<FetchFeedback>().await?;
    let agency = auth.own_agency()?;
    feedback::load(&auth.state.db, agency, &proposal_id).await
}

/// The public gallery: published innovations matching the filters, a page at a time.
#[server(prefix = "/api", endpoint = "fetch_gallery")]
pub async fn fetch_gallery(filter: GalleryFilter, page: u32) -> Result<GalleryPage, AppError> {
    use crate::server::{http::authz, results::gallery};
    let auth = authz::authorize::<FetchGallery>().await?;
    gallery::search(
        &auth.state.db,
        &auth.state.caches.gallery,
        &filter,
        page.max(1),
        Some(gallery::PAGE_SIZE),
    )
    .await
}

#[server(prefix = "/api", endpoint = "fetch_gallery_item")]
pub async fn fetch_gallery_item(proposal_id: String) -> Result<GalleryDetail, AppError> {
    use crate::server::{http::authz, results::gallery};
    let auth = authz::authorize::<FetchGalleryItem>().await?;
    gallery::detail(&auth.state.db, &proposal_id).await
}

/// "I want to replicate this": anyone may leave their name and a way to reach them.
#[server(prefix = "/api", endpoint = "record_interest")]
pub async fn record_interest(
    proposal_id: String,
    name: String,
    organisation: String,
    contact: String,
    message: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, infra::throttle, results::gallery};
    let auth = authz::authorize::<RecordInterest>().await?;
    // An anonymous write: counted against the sender's address before anything is stored.
    throttle::claim(
        &auth.state.db,
        &throttle::address_subject(throttle::INTEREST_PER_ADDRESS, authz::current_client_addr()),
    )
    .await?
    .keep();
    gallery::record_interest(
        &auth.state.db,
        &proposal_id,
        gallery::InterestInput {
            name: &name,
            organisation: &organisation,
            contact: &contact,
            message: message.as_deref().unwrap_or_default(),
        },
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?thanks=1",
        crate::routes::gallery_item(&proposal_id)
    ));
    Ok(())
}
