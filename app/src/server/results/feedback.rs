//! What an agency learns once the results are published: its proposal's score per criterion and
//! the judges' comments, with no judge named and no order that would tell them apart.

use std::collections::HashMap;

use sqlx::Row;

use super::{criteria, COUNTED};
use crate::error::AppError;
use crate::models::{Award, Feedback, FeedbackCriterion, Interest, Phase};
use crate::server::infra::db::get_flag;
use crate::server::Db;

/// The proposal's published feedback, for its own agency. Another agency's proposal, or one of
/// a year not yet published, answers "not found" (nothing to tell apart from a made-up id).
pub async fn load(db: &Db, agency_id: i64, proposal_id: &str) -> Result<Feedback, AppError> {
    let row = sqlx::query(
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
    let phase: String = row.try_get("phase")?;
    if !matches!(
        Phase::parse(&phase),
        Some(Phase::Published | Phase::Archived)
    ) {
        return Err(AppError::NotFound);
    }
    let competition_id: i64 = row.try_get("competition_id")?;
    let heads = criteria(db, competition_id).await?;

    // Sheets in id order: ids are random, so the order says nothing about who wrote what.
    let scores = sqlx::query(&format!(
        "SELECT s.id, sc.criterion_id, sc.value, sc.comment
         FROM score_sheets s JOIN scores sc ON sc.sheet_id = s.id
         WHERE s.proposal_id = $1 AND {COUNTED}
         ORDER BY s.id"
    ))
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    let mut sums: HashMap<i64, (f64, u32, Vec<String>)> = HashMap::new();
    for r in &scores {
        let e = sums.entry(r.try_get("criterion_id")?).or_default();
        if let Some(v) = r.try_get::<Option<i64>, _>("value")? {
            e.0 += v as f64;
            e.1 += 1;
        }
        let comment: String = r.try_get("comment")?;
        if !comment.trim().is_empty() {
            e.2.push(comment.trim().to_string());
        }
    }
    let overall: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT s.overall_comment FROM score_sheets s
         WHERE s.proposal_id = $1 AND {COUNTED} ORDER BY s.id"
    ))
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    let award: Option<String> = row.try_get("award")?;
    Ok(Feedback {
        proposal_id: proposal_id.to_string(),
        title: row.try_get("title")?,
        category_name: row.try_get("category_name")?,
        score: row.try_get("score")?,
        rank_in_category: row
            .try_get::<Option<i64>, _>("rank_in_category")?
            .map(|r| r as u32),
        award: award.as_deref().and_then(Award::parse),
        passes: get_flag(&row, "passes")?,
        pass_mark: row.try_get("pass_mark")?,
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
        competition_name: row.try_get("competition_name")?,
        year: row.try_get::<i64, _>("year")? as i32,
    })
}

/// The people who asked to replicate the innovation, newest first.
pub async fn interests(db: &Db, proposal_id: &str) -> Result<Vec<Interest>, AppError> {
    let rows = sqlx::query(
        "SELECT name, organisation, contact, message, created_at FROM replication_interests
         WHERE proposal_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Interest {
                name: r.try_get("name")?,
                organisation: r.try_get("organisation")?,
                contact: r.try_get("contact")?,
                message: r.try_get("message")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}
