//! Field verification (issue 16; docs/rounds.md "Field verification"): in a field round the
//! judges visit each finalist where its innovation runs — a village puskesmas, a school — and
//! write a report there, offline from start to finish: what they found of each claim on the
//! round's checklist, what they saw, notes, who went and when, and photos taken with the
//! tablet's camera.
//!
//! - `claims`: the organisers write the round's checklist.
//! - `record`: the judge's report, an offline record synced field by field like a score sheet
//!   (docs/sync.md).
//! - `photos`: the photos, kept on the tablet until the network returns, then stored here once
//!   each.
//! - `report`: the reports as the organisers read them.
//! - `visiting`: which finalist the calling judge visits, in which field round.
//! - `reopen`: the organisers open a handed-in report again for its judge to correct.
//!
//! A report is reached like a score sheet: through the calling judge's assignment in the year's
//! current round (`judging::assigned`), which here must be a field round; anything else is "not
//! found".

pub mod claims;
pub mod photos;
pub mod record;
pub mod reopen;
pub mod report;
mod visiting;

pub use visiting::{field_claims, visiting, Visiting};

use crate::error::AppError;
use crate::models::{Phase, VisitData};
use crate::server::judging::Assigned;
use crate::server::Db;

/// The calling judge's report on an assigned finalist as the scoring page shows it, when the
/// assignment is in a field round (none in any other round).
pub async fn report_of(
    db: &Db,
    assigned: &Assigned,
    judge_id: i64,
) -> Result<Option<VisitData>, AppError> {
    let Some(claims) = field_claims(db, assigned.round_id).await? else {
        return Ok(None);
    };
    let visiting = Visiting {
        assigned: assigned.clone(),
        claims,
    };
    let loaded = record::load(db, &visiting, judge_id).await?;
    let photos = match &loaded.id {
        Some(id) => photos::of_visit(db, id).await?,
        None => Vec::new(),
    };
    Ok(Some(VisitData {
        proposal_id: assigned.proposal_id.clone(),
        user_id: judge_id,
        claims: visiting.claims,
        version: loaded.version,
        fields: loaded.fields,
        submitted: loaded.submitted,
        reopened: loaded.reopened,
        open: assigned.phase == Phase::Judging,
        photos,
    }))
}
