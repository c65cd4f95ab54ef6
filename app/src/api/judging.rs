//! Judging: the scoring page, score sheet saves (the draft sync protocol), conflict
//! declarations, and the organisers' view with reopening a sheet.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::models::{JudgingOverview, SaveOutcome, SaveRequest, ScoringData};

/// A proposal assigned to the calling judge, to read and score: its (anonymised when blind)
/// content, the criteria with their rubrics, and the judge's own sheet.
#[server(prefix = "/api", endpoint = "fetch_scoring")]
pub async fn fetch_scoring(proposal_id: String) -> Result<ScoringData, AppError> {
    use crate::models::{Phase, SheetData};
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<FetchScoring>().await?;
    let judge = auth.user()?.clone();
    let db = &auth.state.db;
    let assigned = judging::assigned(db, judge.id, &proposal_id).await?;
    let proposal = judging::reading_copy(db, &assigned).await?;
    let criteria = judging::criteria(db, assigned.competition_id).await?;
    let (version, fields, status) = judging::sheets::load(db, judge.id, &proposal_id).await?;
    let (queue, submitted) = judging::queue(db, judge.id, assigned.competition_id).await?;
    let room = crate::server::presentation::room::seat_of(db, judge.id).await?;
    let visit = crate::server::visits::report_of(db, &assigned, judge.id).await?;
    Ok(ScoringData {
        room,
        visit,
        proposal,
        blind: assigned.blind,
        sheet: SheetData {
            proposal_id: assigned.proposal_id,
            user_id: judge.id,
            criteria,
            version,
            fields,
            status,
            judging_open: assigned.phase == Phase::Judging,
            queue,
            submitted,
        },
    })
}

/// Saves changed fields of the calling judge's sheet for one assigned proposal (docs/sync.md);
/// `submitted: true` among them hands the sheet in.
#[server(prefix = "/api", endpoint = "save_score_sheet", input = Json)]
pub async fn save_score_sheet(request: SaveRequest) -> Result<SaveOutcome, AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<SaveScoreSheet>().await?;
    let judge = auth.user()?.clone();
    let db = &auth.state.db;
    let assigned = judging::assigned(db, judge.id, &request.proposal_id).await?;
    let criteria = judging::criteria(db, assigned.competition_id).await?;
    let outcome = judging::sheets::save(db, &judge, &assigned, &criteria, &request).await?;
    // A sheet handed in shows on the board of the room where the finalist presents.
    let hands_in = request
        .changes
        .iter()
        .any(|c| c.field == crate::models::SUBMITTED_FIELD);
    if hands_in && matches!(outcome, SaveOutcome::Saved { .. }) {
        crate::server::presentation::room::announce_sheet(
            db,
            &auth.state.live,
            &request.proposal_id,
        )
        .await;
    }
    Ok(outcome)
}

/// The calling judge declares a conflict of interest with an assigned proposal.
#[server(prefix = "/api", endpoint = "declare_conflict")]
pub async fn declare_conflict(proposal_id: String, reason: String) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<DeclareConflict>().await?;
    let judge = auth.user()?.clone();
    let db = &auth.state.db;
    let assigned = judging::assigned(db, judge.id, &proposal_id).await?;
    judging::conflicts::declare(db, &judge, &assigned, &reason).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::JUDGE);
    Ok(())
}

/// The organisers' view of the current year's judging: sheet states and conflicts.
#[server(prefix = "/api", endpoint = "fetch_judging_overview")]
pub async fn fetch_judging_overview() -> Result<JudgingOverview, AppError> {
    use crate::server::{http::authz, judging, year::competitions};
    let auth = authz::authorize::<FetchJudgingOverview>().await?;
    let db = &auth.state.db;
    match competitions::current(db).await? {
        Some(c) => judging::overview::load(db, c.id).await,
        None => Ok(JudgingOverview {
            proposals: Vec::new(),
            conflicts: Vec::new(),
        }),
    }
}

/// An admin reopens a submitted sheet so its judge can correct it (recorded with the reason).
#[server(prefix = "/api", endpoint = "reopen_score_sheet")]
pub async fn reopen_score_sheet(sheet_id: String, reason: String) -> Result<(), AppError> {
    use crate::server::{http::authz, judging};
    let auth = authz::authorize::<ReopenScoreSheet>().await?;
    let admin = auth.user()?.clone();
    let db = &auth.state.db;
    judging::sheets::reopen(db, &admin, &sheet_id, &reason).await?;
    crate::server::presentation::room::announce_reopened(db, &auth.state.live, &sheet_id).await;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_JUDGING);
    Ok(())
}
