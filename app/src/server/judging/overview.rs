//! The organisers' view of the judging: per proposal, each assigned judge's sheet state (never
//! the scores), and the declared conflicts.

use const_format::formatcp;
use std::collections::BTreeMap;

use crate::error::AppError;
use crate::models::{JudgingOverview, JudgingProposal, SheetProgress, SheetStatus};
use crate::server::judging::CONFLICTS;
use crate::server::Db;

/// One assignment: its proposal, its judge, and the judge's sheet if started.
#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: String,
    title: String,
    agency_name: String,
    category_name: Option<String>,
    judge_name: String,
    sheet_id: Option<String>,
    status: Option<String>,
    conflicts: i64,
}

pub async fn load(db: &Db, competition_id: i64) -> Result<JudgingOverview, AppError> {
    let rows: Vec<AssignmentRow> = sqlx::query_as(formatcp!(
        "SELECT p.id, p.title, a.name AS agency_name, cat.name AS category_name,
                u.name AS judge_name, s.id AS sheet_id, s.status,
                {CONFLICTS} AS conflicts
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         JOIN users u ON u.id = ja.judge_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         LEFT JOIN score_sheets s ON s.round_id = ja.round_id AND s.proposal_id = p.id
             AND s.judge_id = ja.judge_id
         WHERE p.competition_id = $1
         ORDER BY cat.position, p.title, p.id, u.name"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, JudgingProposal> = BTreeMap::new();
    for r in rows {
        let id = r.id;
        let sheet = SheetProgress {
            sheet_id: r.sheet_id,
            judge_name: r.judge_name,
            status: r.status.as_deref().and_then(SheetStatus::parse),
            conflict: r.conflicts > 0,
        };
        if !by_id.contains_key(&id) {
            order.push(id.clone());
            by_id.insert(
                id.clone(),
                JudgingProposal {
                    proposal_id: id.clone(),
                    title: r.title,
                    agency_name: r.agency_name,
                    category_name: r.category_name,
                    sheets: Vec::new(),
                },
            );
        }
        if let Some(p) = by_id.get_mut(&id) {
            p.sheets.push(sheet);
        }
    }
    Ok(JudgingOverview {
        proposals: order
            .into_iter()
            .filter_map(|id| by_id.remove(&id))
            .collect(),
        conflicts: super::conflicts::list(db, competition_id).await?,
    })
}
