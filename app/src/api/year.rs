//! The competition year's settings: phase changes, phase dates, judging settings, extensions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::models::YearPageData;

/// Every phase's first and last day as the dates form sends them (`YYYY-MM-DD`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PhaseDatesInput {
    pub setup_from: String,
    pub setup_to: String,
    pub submission_open_from: String,
    pub submission_open_to: String,
    pub screening_from: String,
    pub screening_to: String,
    pub judging_from: String,
    pub judging_to: String,
    pub deliberation_from: String,
    pub deliberation_to: String,
    pub published_from: String,
    pub published_to: String,
    pub archived_from: String,
    pub archived_to: String,
}

impl PhaseDatesInput {
    /// (phase, first day, last day) in phase order.
    pub fn rows(&self) -> Vec<(crate::models::Phase, String, String)> {
        use crate::models::Phase::*;
        [
            (Setup, &self.setup_from, &self.setup_to),
            (
                SubmissionOpen,
                &self.submission_open_from,
                &self.submission_open_to,
            ),
            (Screening, &self.screening_from, &self.screening_to),
            (Judging, &self.judging_from, &self.judging_to),
            (Deliberation, &self.deliberation_from, &self.deliberation_to),
            (Published, &self.published_from, &self.published_to),
            (Archived, &self.archived_from, &self.archived_to),
        ]
        .into_iter()
        .map(|(p, a, b)| (p, a.clone(), b.clone()))
        .collect()
    }
}

#[server(prefix = "/api", endpoint = "fetch_year_setup")]
pub async fn fetch_year_setup() -> Result<YearPageData, AppError> {
    use crate::server::{http::authz, year::new_year, year::setup};
    let auth = authz::authorize::<FetchYearSetup>().await?;
    let db = &auth.state.db;
    let setup = match setup::setup(db).await {
        Ok(setup) => Some(setup),
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e),
    };
    Ok(YearPageData {
        new_year: new_year::info(db, setup.as_ref().map(|s| &s.competition)).await?,
        setup,
    })
}

/// Moves the current year to another phase (one step on, or from screening back to submission).
#[server(prefix = "/api", endpoint = "move_phase")]
pub async fn move_phase(to: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::models::Phase;
    use crate::server::{http::authz, year::setup};
    let auth = authz::authorize::<MovePhase>().await?;
    let to = Phase::parse(to.trim())
        .ok_or_else(|| FieldError::new(crate::error::Input::Phase, Problem::NotAllowed))?;
    setup::move_phase(&auth.state.db, &auth.state.caches, auth.user()?, to).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_year_settings")]
pub async fn save_year_settings(
    blind_judging: Option<String>,
    judges_per_proposal: String,
) -> Result<(), AppError> {
    use crate::server::{http::authz, year::setup};
    let auth = authz::authorize::<SaveYearSettings>().await?;
    let blind = blind_judging.is_some_and(|v| v == "on" || v == "true");
    setup::save_settings(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        blind,
        &judges_per_proposal,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_phase_dates")]
pub async fn save_phase_dates(dates: PhaseDatesInput) -> Result<(), AppError> {
    use crate::server::{http::authz, year::setup};
    let auth = authz::authorize::<SavePhaseDates>().await?;
    setup::save_dates(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        &dates.rows(),
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}

#[server(prefix = "/api", endpoint = "grant_extension")]
pub async fn grant_extension(
    agency_id: String,
    deadline: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, year::setup};
    let auth = authz::authorize::<GrantExtension>().await?;
    let agency: i64 = agency_id
        .trim()
        .parse()
        .map_err(|_| FieldError::new(crate::error::Input::Agency, Problem::Required))?;
    setup::grant_extension(&auth.state.db, auth.user()?, agency, &deadline, &reason).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}

#[server(prefix = "/api", endpoint = "revoke_extension")]
pub async fn revoke_extension(agency_id: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, year::setup};
    let auth = authz::authorize::<RevokeExtension>().await?;
    let agency: i64 = agency_id
        .trim()
        .parse()
        .map_err(|_| FieldError::new(crate::error::Input::Agency, Problem::Required))?;
    setup::revoke_extension(&auth.state.db, auth.user()?, agency).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}

/// Starts a new competition year (in set-up), empty or copying the current year's setup.
/// Refused while the current year has not published its results.
#[server(prefix = "/api", endpoint = "create_year")]
pub async fn create_year(
    year: String,
    name: String,
    copy_setup: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, year::new_year};
    let auth = authz::authorize::<CreateYear>().await?;
    let input = new_year::parse(&year, &name, copy_setup.is_some())?;
    new_year::create(&auth.state.db, &auth.state.caches, auth.user()?, &input).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_YEAR);
    Ok(())
}
