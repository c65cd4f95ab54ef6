//! The rounds a year is judged in (issue 16; docs/rounds.md). Every year has its first round, the
//! desk round, made with the year; criteria, judges' assignments and score sheets each belong to
//! one round, so the same judge may score the same proposal once in each.
//!
//! The organisers' pages and the judges' pages work on the year's *current* round
//! (`rounds.is_current`, one per year): the one being set up or judged now. A query keyed by a
//! judge or a proposal rather than a year keeps to it by joining `rounds cur ON cur.id =
//! <row>.round_id AND cur.is_current = 1`. A year set up before rounds existed has only its first
//! round, which holds everything judged in it (migration 0012).

use sqlx::{Any, Executor};

use crate::error::AppError;

/// What happens in a round: judges read the documents at their desks, hear the agency present
/// in a meeting room, or visit the innovation where it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundKind {
    Desk,
    Presentation,
    Field,
}

impl RoundKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Desk => "desk",
            RoundKind::Presentation => "presentation",
            RoundKind::Field => "field",
        }
    }
}

/// Makes a new year's first round, the desk round, current, inside the transaction that makes
/// the year.
pub async fn add_first<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
    created_at: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO rounds (competition_id, position, kind, is_current, created_at)
         VALUES ($1, 1, $2, 1, $3) RETURNING id",
    )
    .bind(competition_id)
    .bind(RoundKind::Desk.as_str())
    .bind(created_at)
    .fetch_one(conn)
    .await?)
}

/// The first round of `competition_id`, the desk round every year has; "not found" for no such
/// year.
pub async fn first<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
) -> Result<i64, AppError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM rounds WHERE competition_id = $1 AND position = 1")
            .bind(competition_id)
            .fetch_optional(conn)
            .await?;
    id.ok_or_else(|| no_round(competition_id))
}

/// The round of `competition_id` being set up or judged now; "not found" for no such year.
pub async fn current<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
) -> Result<i64, AppError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM rounds WHERE competition_id = $1 AND is_current = 1")
            .bind(competition_id)
            .fetch_optional(conn)
            .await?;
    id.ok_or_else(|| no_round(competition_id))
}

/// The current round of the year proposal `proposal_id` is in; "not found" for no such proposal.
pub async fn current_of_proposal<'e>(
    conn: impl Executor<'e, Database = Any>,
    proposal_id: &str,
) -> Result<i64, AppError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT cur.id FROM rounds cur JOIN proposals p ON p.competition_id = cur.competition_id
         WHERE p.id = $1 AND cur.is_current = 1",
    )
    .bind(proposal_id)
    .fetch_optional(conn)
    .await?;
    id.ok_or(AppError::NotFound)
}

/// Every year has its rounds from the moment it is made (`add_first`, migration 0012), so a
/// year without one is a year that does not exist.
fn no_round(_competition_id: i64) -> AppError {
    AppError::NotFound
}
