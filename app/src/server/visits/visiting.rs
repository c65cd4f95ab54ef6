//! A judge's visit: the finalist they visit in the field round under way, and that round's
//! checklist. Every part of a report (`record`, `photos`) is reached through it.

use crate::error::AppError;
use crate::models::{claims_of, RoundKind};
use crate::server::infra::db::parse_enum;
use crate::server::judging::{self, Assigned};
use crate::server::Db;

/// A finalist the calling judge visits in the field round under way, and the round's claims.
pub struct Visiting {
    pub assigned: Assigned,
    pub claims: Vec<String>,
}

/// The calling judge's visit to `proposal_id`, or "not found" when the proposal is not theirs
/// to visit in a field round under way (the conflict rules of `judging::assigned` hold too).
pub async fn visiting(db: &Db, judge_id: i64, proposal_id: &str) -> Result<Visiting, AppError> {
    let assigned = judging::assigned(db, judge_id, proposal_id).await?;
    let claims = field_claims(db, assigned.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Visiting { assigned, claims })
}

/// The checklist of round `round_id` when it is a field round (none for another kind).
pub async fn field_claims(db: &Db, round_id: i64) -> Result<Option<Vec<String>>, AppError> {
    let (kind, claims): (String, String) =
        sqlx::query_as("SELECT kind, visit_claims FROM rounds WHERE id = $1")
            .bind(round_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)?;
    let kind = parse_enum("kind", &kind, RoundKind::parse)?;
    Ok((kind == RoundKind::Field).then(|| claims_of(&claims)))
}
