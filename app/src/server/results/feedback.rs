//! What an agency learns once the results are published: its proposal's score per criterion and
//! the judges' comments, with no judge named and no order that would tell them apart; in a year
//! of rounds, for each round it was judged in, with whether it went on (docs/rounds.md).

use std::collections::HashMap;

use super::{criteria_of_round, COUNTED};
use crate::error::AppError;
use crate::models::{
    Award, Feedback, FeedbackCriterion, FeedbackRound, Interest, Phase, RoundKind,
};
use crate::server::infra::db::parse_enum;
use crate::server::Db;

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    title: String,
    competition_id: i64,
    phase: String,
    competition_name: String,
    year: i64,
    category_name: Option<String>,
    /// The year's result, for a proposal that reached the last round's results.
    score: Option<f64>,
    rank_in_category: Option<i64>,
    award: Option<String>,
    passes: Option<i64>,
    pass_mark: f64,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    position: i64,
    kind: String,
    /// The proposal's frozen result in the round, once proposals were sent on from it.
    score: Option<f64>,
    rank_in_category: Option<i64>,
    advanced: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ScoreRow {
    criterion_id: i64,
    value: Option<i64>,
    comment: String,
}

/// The proposal's published feedback, for its own agency. Another agency's proposal, one that
/// was not judged, or one of a year not yet published, answers "not found" (nothing to tell
/// apart from a made-up id). A proposal that did not go on from an earlier round has its
/// feedback too, from the rounds it was judged in.
pub async fn load(db: &Db, agency_id: i64, proposal_id: &str) -> Result<Feedback, AppError> {
    let row = sqlx::query_as::<_, FeedbackRow>(
        "SELECT p.title, p.competition_id, c.phase, c.name AS competition_name, c.year,
                cat.name AS category_name, r.score, r.rank_in_category, r.award, r.passes,
                c.pass_mark
         FROM proposals p
         JOIN competitions c ON c.id = p.competition_id
         LEFT JOIN results r ON r.proposal_id = p.id
         LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE p.id = $1 AND p.agency_id = $2
           AND p.status IN ('winner', 'finalist', 'not_selected')",
    )
    .bind(proposal_id)
    .bind(agency_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if !matches!(
        Phase::parse(&row.phase),
        Some(Phase::Published | Phase::Archived)
    ) {
        return Err(AppError::NotFound);
    }
    let all = sqlx::query_as::<_, RoundRow>(
        "SELECT r.id, r.position, r.kind, rr.score, CAST(rr.rank_in_category AS BIGINT)
                AS rank_in_category, rr.advanced
         FROM rounds r
         LEFT JOIN round_results rr ON rr.round_id = r.id AND rr.proposal_id = $1
         WHERE r.competition_id = $2 ORDER BY r.position",
    )
    .bind(proposal_id)
    .bind(row.competition_id)
    .fetch_all(&db.pool)
    .await?;
    // The first round, and each next one while the proposal went on.
    let mut judged_in: Vec<&RoundRow> = Vec::new();
    for r in &all {
        judged_in.push(r);
        if r.advanced != Some(1) {
            break;
        }
    }
    let mut rounds = Vec::with_capacity(judged_in.len());
    for r in &judged_in {
        rounds.push(round(db, proposal_id, r).await?);
    }
    // Stopped in an earlier round: its result there is the proposal's.
    let stopped = judged_in.last().filter(|r| r.advanced == Some(0));
    let (score, rank_in_category, passes) = match stopped {
        Some(r) => (
            r.score,
            r.rank_in_category,
            r.score.is_some_and(|s| s >= row.pass_mark),
        ),
        None => (row.score, row.rank_in_category, row.passes == Some(1)),
    };
    Ok(Feedback {
        proposal_id: proposal_id.to_string(),
        title: row.title,
        category_name: row.category_name,
        score,
        rank_in_category: rank_in_category.and_then(|r| u32::try_from(r).ok()),
        award: row.award.as_deref().and_then(Award::parse),
        passes,
        pass_mark: row.pass_mark,
        rounds,
        of: all.len(),
        interests: interests(db, proposal_id).await?,
        competition_name: row.competition_name,
        year: row.year as i32,
    })
}

/// What the judges of round `r` made of the proposal: the mean and the comments per criterion,
/// and each judge's overall comment.
async fn round(db: &Db, proposal_id: &str, r: &RoundRow) -> Result<FeedbackRound, AppError> {
    let heads = criteria_of_round(db, r.id).await?;
    // Sheets in id order: ids are random, so the order says nothing about who wrote what.
    let scores = sqlx::query_as::<_, ScoreRow>(&format!(
        "SELECT s.id, sc.criterion_id, sc.value, sc.comment
         FROM score_sheets s
         JOIN scores sc ON sc.sheet_id = s.id
         WHERE s.round_id = $2 AND s.proposal_id = $1 AND {COUNTED}
         ORDER BY s.id"
    ))
    .bind(proposal_id)
    .bind(r.id)
    .fetch_all(&db.pool)
    .await?;
    let mut sums: HashMap<i64, (f64, u32, Vec<String>)> = HashMap::new();
    for s in &scores {
        let e = sums.entry(s.criterion_id).or_default();
        if let Some(v) = s.value {
            e.0 += v as f64;
            e.1 += 1;
        }
        if !s.comment.trim().is_empty() {
            e.2.push(s.comment.trim().to_string());
        }
    }
    let overall: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT s.overall_comment FROM score_sheets s
         WHERE s.round_id = $2 AND s.proposal_id = $1 AND {COUNTED} ORDER BY s.id"
    ))
    .bind(proposal_id)
    .bind(r.id)
    .fetch_all(&db.pool)
    .await?;
    Ok(FeedbackRound {
        position: r.position,
        kind: parse_enum("kind", &r.kind, RoundKind::parse)?,
        score: r.score,
        went_on: r.advanced.map(|a| a != 0),
        criteria: heads
            .into_iter()
            .map(|c| {
                let (sum, n, comments) = sums.remove(&c.id).unwrap_or_default();
                FeedbackCriterion {
                    name: c.name,
                    weight: c.weight,
                    scale_min: c.scale_min,
                    scale_max: c.scale_max,
                    mean: (n > 0).then(|| sum / f64::from(n)),
                    comments,
                }
            })
            .collect(),
        overall_comments: overall
            .into_iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct InterestRow {
    name: String,
    organisation: String,
    contact: String,
    message: String,
    created_at: i64,
}

/// The people who asked to replicate the innovation, newest first.
pub async fn interests(db: &Db, proposal_id: &str) -> Result<Vec<Interest>, AppError> {
    let rows = sqlx::query_as::<_, InterestRow>(
        "SELECT name, organisation, contact, message, created_at FROM replication_interests
         WHERE proposal_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Interest {
            name: r.name,
            organisation: r.organisation,
            contact: r.contact,
            message: r.message,
            created_at: r.created_at,
        })
        .collect())
}
