//! The rounds a year is judged in (docs/rounds.md): set by the organisers before judging starts.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{RoundPlan, RoundRuleInput, RoundWeightInput};

#[server(prefix = "/api", endpoint = "fetch_rounds")]
pub async fn fetch_rounds() -> Result<RoundPlan, AppError> {
    use crate::server::{http::authz, year::rounds};
    let auth = authz::authorize::<FetchRounds>().await?;
    rounds::plan(&auth.state.db).await
}

/// Replaces the rounds after the first with a ready-made list ("single", "regency", "kipp").
#[server(prefix = "/api", endpoint = "apply_round_preset")]
pub async fn apply_round_preset(preset: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::models::RoundPreset;
    use crate::server::{http::authz, year::rounds};
    let auth = authz::authorize::<ApplyRoundPreset>().await?;
    let preset = RoundPreset::parse(preset.trim())
        .ok_or_else(|| FieldError::new(Input::Preset, Problem::NotAllowed))?;
    rounds::apply_preset(&auth.state.db, auth.user()?, preset).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=preset",
        crate::routes::ADMIN_ROUNDS
    ));
    Ok(())
}

/// Who goes on from each round but the last.
#[server(prefix = "/api", endpoint = "save_round_rules")]
pub async fn save_round_rules(rules: Option<Vec<RoundRuleInput>>) -> Result<(), AppError> {
    use crate::server::{http::authz, year::rounds};
    let auth = authz::authorize::<SaveRoundRules>().await?;
    rounds::save_rules(&auth.state.db, auth.user()?, &rules.unwrap_or_default()).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=rules",
        crate::routes::ADMIN_ROUNDS
    ));
    Ok(())
}

/// How the rounds make one result ("last_decides" or "weights"), with every round's share when
/// weighed.
#[server(prefix = "/api", endpoint = "save_round_combination")]
pub async fn save_round_combination(
    combination: String,
    weights: Option<Vec<RoundWeightInput>>,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::models::Combination;
    use crate::server::{http::authz, year::rounds};
    let auth = authz::authorize::<SaveRoundCombination>().await?;
    let combination = Combination::parse(combination.trim())
        .ok_or_else(|| FieldError::new(Input::Combination, Problem::NotAllowed))?;
    rounds::save_combination(
        &auth.state.db,
        auth.user()?,
        combination,
        &weights.unwrap_or_default(),
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=combination",
        crate::routes::ADMIN_ROUNDS
    ));
    Ok(())
}
