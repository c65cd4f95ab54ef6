//! The year's categories and criteria (with the two presets).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{CriteriaSetup, CriterionDraft};

#[server(prefix = "/api", endpoint = "fetch_criteria")]
pub async fn fetch_criteria() -> Result<CriteriaSetup, AppError> {
    use crate::server::{http::authz, year::criteria};
    let auth = authz::authorize::<FetchCriteria>().await?;
    criteria::setup(&auth.state.db).await
}

/// Saves the whole set (weights must total 100); refused once judges have scored.
#[server(prefix = "/api", endpoint = "save_criteria")]
pub async fn save_criteria(criteria: Vec<CriterionDraft>) -> Result<(), AppError> {
    use crate::server::{http::authz, year::criteria as setup};
    let auth = authz::authorize::<SaveCriteria>().await?;
    // Rows left entirely empty in the form are not criteria; an error names the row by its
    // place in the form, where the person sees it.
    let (positions, rows): (Vec<usize>, Vec<CriterionDraft>) = criteria
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !(c.name.trim().is_empty() && c.weight.trim().is_empty()))
        .unzip();
    setup::replace(&auth.state.db, &auth.state.caches, auth.user()?, &rows)
        .await
        .map_err(|e| crate::validation::criteria::renumber(e, &positions))?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_CRITERIA);
    Ok(())
}

/// Replaces the criteria with a ready-made set ("regency" or "kipp2023").
#[server(prefix = "/api", endpoint = "apply_criteria_preset")]
pub async fn apply_criteria_preset(preset: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::models::CriteriaPreset;
    use crate::server::{http::authz, year::criteria};
    let auth = authz::authorize::<ApplyCriteriaPreset>().await?;
    let preset = CriteriaPreset::parse(preset.trim())
        .ok_or_else(|| FieldError::new(crate::error::Input::Preset, Problem::NotAllowed))?;
    criteria::replace(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        &preset.criteria(),
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_CRITERIA);
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_category")]
pub async fn add_category(name: String, description: String) -> Result<(), AppError> {
    use crate::server::{http::authz, year::criteria};
    let auth = authz::authorize::<AddCategory>().await?;
    criteria::add_category(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        &name,
        &description,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_CRITERIA);
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_category")]
pub async fn remove_category(category_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, year::criteria};
    let auth = authz::authorize::<RemoveCategory>().await?;
    let id: i64 = category_id.trim().parse().map_err(|_| AppError::NotFound)?;
    criteria::remove_category(&auth.state.db, &auth.state.caches, auth.user()?, id).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_CRITERIA);
    Ok(())
}
