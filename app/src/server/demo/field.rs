//! `seed-demo --field`: the regency verifying its finalists in the field. The year is judged in
//! two rounds weighed 40 / 60, as on the presentation day; the desk round is done and sends its
//! best eight on (through the organisers' own code), and the field round is under way with its
//! own criteria and the usual checklist of claims: each finalist is visited by two judges, none
//! from the finalist's own agency. No visit is reported yet.

use super::presentation::send_on;
use super::rows::{bad_seed, insert_assignment};
use crate::assignment::JudgeSlot;
use crate::error::AppError;
use crate::server::Db;

/// The visiting teams, by their place among the demo's judges; finalists go to them in turn.
const TEAMS: [[usize; 2]; 2] = [[0, 1], [2, 3]];

pub(super) async fn open(
    db: &Db,
    admin: i64,
    judges: &[JudgeSlot],
    now: i64,
) -> Result<(), AppError> {
    let (admin, round_id, finalists) = send_on(db, admin).await?;
    let teams: Vec<Vec<&JudgeSlot>> = TEAMS
        .iter()
        .map(|team| team.iter().filter_map(|i| judges.get(*i)).collect())
        .collect();
    let mut tx = db.begin_write().await?;
    for (i, (proposal, agency)) in finalists.iter().enumerate() {
        // Its turn's team, or the other when a judge there works for the finalist's agency.
        let team = (0..teams.len())
            .map(|k| &teams[(i + k) % teams.len()])
            .find(|team| team.iter().all(|j| j.agency_id != Some(*agency)))
            .ok_or_else(|| bad_seed("a visiting team for every finalist"))?;
        for judge in team {
            insert_assignment(&mut tx, round_id, proposal, judge.id, admin.id, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
