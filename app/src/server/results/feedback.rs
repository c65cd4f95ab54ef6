//! What an agency learns once the results are published: its proposal's score per criterion and
//! the judges' comments, with no judge named and no order that would tell them apart.

use std::collections::HashMap;

use super::{criteria, COUNTED};
use crate::error::AppError;
use crate::models::{Award, Feedback, FeedbackCriterion, Interest, Phase};
use crate::server::infra::db::Flag;
use crate::server::Db;

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    title: String,
    competition_id: i64,
    phase: String,
    competition_name: String,
    year: i64,
    category_name: Option<String>,
    score: Option<f64>,
    rank_in_category: Option<i64>,
    award: Option<String>,
    #[sqlx(try_from = "i64")]
    passes: Flag,
    pass_mark: f64,
}

#[derive(sqlx::FromRow)]
struct ScoreRow {
    criterion_id: i64,
    value: Option<i64>,
    comment: String,
}

/// The proposal's published feedback, for its own agency. Another agency's proposal, or one of
/// a year not yet published, answers "not found" (nothing to tell apart from a made-up id).
pub async fn load(db: &Db, agency_id: i64, proposal_id: &str) -> Result<Feedback, AppError> {
    let row = sqlx::query_as::<_, FeedbackRow>(
        "SELECT p.title, p.competition_id, c.phase, c.name AS competition_name, c.year, cat.name AS category_name, r.score,
                r.rank_in_category, r.award, r.passes, c.pass_mark
         FROM proposals p
         JOIN competitions c ON c.id = p.competition_id
         JOIN results r ON r.proposal_id = p.id
         LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE p.id = $1 AND p.agency_id = $2",
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
    let heads = criteria(db, row.competition_id).await?;

    // Sheets in id order: ids are random, so the order says nothing about who wrote what.
    let scores = sqlx::query_as::<_, ScoreRow>(&format!(
        "SELECT s.id, sc.criterion_id, sc.value, sc.comment
         FROM score_sheets s
         JOIN rounds cur ON cur.id = s.round_id AND cur.is_current = 1
         JOIN scores sc ON sc.sheet_id = s.id
         WHERE s.proposal_id = $1 AND {COUNTED}
         ORDER BY s.id"
    ))
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    let mut sums: HashMap<i64, (f64, u32, Vec<String>)> = HashMap::new();
    for r in &scores {
        let e = sums.entry(r.criterion_id).or_default();
        if let Some(v) = r.value {
            e.0 += v as f64;
            e.1 += 1;
        }
        if !r.comment.trim().is_empty() {
            e.2.push(r.comment.trim().to_string());
        }
    }
    let overall: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT s.overall_comment FROM score_sheets s
         JOIN rounds cur ON cur.id = s.round_id AND cur.is_current = 1
         WHERE s.proposal_id = $1 AND {COUNTED} ORDER BY s.id"
    ))
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Feedback {
        proposal_id: proposal_id.to_string(),
        title: row.title,
        category_name: row.category_name,
        score: row.score,
        rank_in_category: row.rank_in_category.map(|r| r as u32),
        award: row.award.as_deref().and_then(Award::parse),
        passes: row.passes.0,
        pass_mark: row.pass_mark,
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
        interests: interests(db, proposal_id).await?,
        competition_name: row.competition_name,
        year: row.year as i32,
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
