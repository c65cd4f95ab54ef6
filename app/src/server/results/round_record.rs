//! What a round keeps once proposals were sent on from it (docs/rounds.md): its ranking as it
//! was frozen, its rule, whom it sent on and why, and the judges who handed in its sheets: what
//! its own berita acara prints, long after the year has moved on.

use crate::error::AppError;
use crate::models::RoundInfo;
use crate::server::year::rounds;
use crate::server::Db;

/// One proposal of a locked round, in its ranking's order.
#[derive(Clone, Debug, PartialEq)]
pub struct FrozenRow {
    pub rank: Option<u32>,
    pub title: String,
    pub agency: String,
    pub category: Option<String>,
    pub score: Option<f64>,
    pub advanced: bool,
}

/// A locked round of a year.
#[derive(Clone, Debug, PartialEq)]
pub struct LockedRound {
    pub round: RoundInfo,
    /// How many rounds the year has.
    pub of: usize,
    pub rows: Vec<FrozenRow>,
    /// The judges who handed in a sheet in it, by name.
    pub panel: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    title: String,
    agency: String,
    category: Option<String>,
    score: Option<f64>,
    rank: Option<i64>,
    advanced: i64,
}

/// Round `position` of `competition_id`, once locked; "not found" for a round that is not, or
/// does not exist (a made-up number in the address).
pub async fn load(db: &Db, competition_id: i64, position: i64) -> Result<LockedRound, AppError> {
    let all = rounds::list(&db.pool, competition_id).await?;
    let round = all
        .iter()
        .find(|r| r.position == position && r.locked_at.is_some())
        .cloned()
        .ok_or(AppError::NotFound)?;
    let rows = sqlx::query_as::<_, Row>(
        "SELECT p.title, a.name AS agency, cat.name AS category, rr.score,
                CAST(rr.rank AS BIGINT) AS rank, rr.advanced
         FROM round_results rr
         JOIN proposals p ON p.id = rr.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE rr.round_id = $1
         ORDER BY CASE WHEN rr.rank IS NULL THEN 1 ELSE 0 END, rr.rank, p.title",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    let panel: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.name FROM score_sheets s JOIN users u ON u.id = s.judge_id
         WHERE s.round_id = $1 AND s.status = 'submitted'
         ORDER BY u.name",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    Ok(LockedRound {
        of: all.len(),
        round,
        rows: rows
            .into_iter()
            .map(|r| FrozenRow {
                rank: r.rank.and_then(|n| u32::try_from(n).ok()),
                title: r.title,
                agency: r.agency,
                category: r.category,
                score: r.score,
                advanced: r.advanced != 0,
            })
            .collect(),
        panel,
    })
}
