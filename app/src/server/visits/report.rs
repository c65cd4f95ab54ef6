//! The visit reports on a finalist as the organisers read them: each judge's findings claim by
//! claim, what they saw, their notes, who went and when, and the photos — handed in or still
//! being written (a report is shown as far as it has reached the server).

use serde_json::Value;

use crate::error::AppError;
use crate::models::{
    claim_seen_field, claim_status_field, claims_of, ClaimFinding, ClaimReport, VisitReport,
    VISITED_ON_FIELD, VISITORS_FIELD, VISIT_NOTES_FIELD,
};
use crate::server::Db;
use crate::sync::merge;

use super::photos::of_visit;
use super::record::stored_fields;

/// Every visit report on `proposal_id`, in the order of the rounds and then the judges' names.
pub async fn of_proposal(db: &Db, proposal_id: &str) -> Result<Vec<VisitReport>, AppError> {
    // Reopening is for the round being judged now (visits/reopen.rs says the same).
    let rows: Vec<(String, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT v.id, u.name, r.visit_claims, v.submitted_at,
                CAST(CASE WHEN r.is_current = 1 AND c.phase = 'judging' THEN 1 ELSE 0 END
                     AS BIGINT)
         FROM visits v
         JOIN rounds r ON r.id = v.round_id
         JOIN users u ON u.id = v.judge_id
         JOIN proposals p ON p.id = v.proposal_id
         JOIN competitions c ON c.id = p.competition_id
         WHERE v.proposal_id = $1
         ORDER BY r.position, u.name, v.id",
    )
    .bind(proposal_id)
    .fetch_all(&db.pool)
    .await?;
    let mut reports = Vec::with_capacity(rows.len());
    for (visit_id, judge, claims, submitted_at, judged_now) in rows {
        let fields =
            merge::current(&stored_fields(&mut *db.pool.acquire().await?, &visit_id).await?);
        let text = |f: &str| {
            fields
                .get(f)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let claims = claims_of(&claims)
            .into_iter()
            .enumerate()
            .map(|(i, claim)| ClaimReport {
                claim,
                finding: ClaimFinding::parse(&text(&claim_status_field(i + 1))),
                seen: text(&claim_seen_field(i + 1)),
            })
            .collect();
        reports.push(VisitReport {
            reopenable: judged_now == 1 && submitted_at.is_some(),
            id: visit_id.clone(),
            judge,
            visited_on: text(VISITED_ON_FIELD),
            visitors: text(VISITORS_FIELD),
            notes: text(VISIT_NOTES_FIELD),
            submitted_at,
            claims,
            photos: of_visit(db, &visit_id).await?,
        });
    }
    Ok(reports)
}
