//! The organisers' assignment board: the judge pool, automatic assignment (preview, then
//! commit), and assigning or removing one judge by hand.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::AssignmentBoard;

#[cfg(feature = "ssr")]
async fn current_year(auth: &crate::server::http::authz::Auth) -> Result<i64, AppError> {
    Ok(crate::server::year::competitions::current(&auth.state.db)
        .await?
        .ok_or(AppError::NotFound)?
        .id)
}

#[cfg(feature = "ssr")]
fn parse_id(raw: &str, field: crate::error::Input) -> Result<i64, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| crate::error::FieldError::new(field, crate::error::Problem::NotANumber).into())
}

/// The board of the current year; with `preview`, the automatic plan too.
#[server(prefix = "/api", endpoint = "fetch_assignment_board")]
pub async fn fetch_assignment_board(preview: bool) -> Result<AssignmentBoard, AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<FetchAssignmentBoard>().await?;
    let year = current_year(&auth).await?;
    judging::assign::board(&auth.state.db, year, preview).await
}

/// Commits the automatic plan the admin previewed (named by its fingerprint).
#[server(prefix = "/api", endpoint = "commit_assignment")]
pub async fn commit_assignment(fingerprint: String) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<CommitAssignment>().await?;
    let year = current_year(&auth).await?;
    judging::assign::commit(&auth.state.db, auth.user()?, year, fingerprint.trim()).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_ASSIGNMENTS);
    Ok(())
}

/// One judge onto one proposal.
#[server(prefix = "/api", endpoint = "assign_judge")]
pub async fn assign_judge(proposal_id: String, judge_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<AssignJudge>().await?;
    let year = current_year(&auth).await?;
    let judge = parse_id(&judge_id, crate::error::Input::Judge)?;
    judging::assign::assign(&auth.state.db, auth.user()?, year, &proposal_id, judge).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_ASSIGNMENTS);
    Ok(())
}

/// Takes a judge off a proposal (not once they handed in their scores).
#[server(prefix = "/api", endpoint = "unassign_judge")]
pub async fn unassign_judge(proposal_id: String, judge_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<UnassignJudge>().await?;
    let judge = parse_id(&judge_id, crate::error::Input::Judge)?;
    judging::assign::unassign(&auth.state.db, auth.user()?, &proposal_id, judge).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_ASSIGNMENTS);
    Ok(())
}

/// Puts a judge in this year's pool (with an optional category of expertise), or out of it.
#[server(prefix = "/api", endpoint = "set_judge_pool")]
pub async fn set_judge_pool(
    judge_id: String,
    in_pool: Option<String>,
    expertise: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<SetJudgePool>().await?;
    let year = current_year(&auth).await?;
    let judge = parse_id(&judge_id, crate::error::Input::Judge)?;
    let expertise = match expertise.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(parse_id(raw, crate::error::Input::Expertise)?),
    };
    let in_pool = in_pool.is_some_and(|v| v == "on" || v == "true");
    judging::assign::set_pool(
        &auth.state.db,
        auth.user()?,
        year,
        judge,
        in_pool,
        expertise,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_ASSIGNMENTS);
    Ok(())
}
