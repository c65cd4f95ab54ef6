//! Judging on the server: which proposals a judge may see (assigned, not conflicted), their score
//! sheets, conflict declarations, anonymised reading copies, and the organisers' overview.
//!
//! Confidentiality: every query here is keyed by the calling judge's id from the session; a
//! sheet is found by (proposal, judge), never by an id the browser sends, so one judge cannot
//! name another's sheet. A proposal the judge is not assigned to answers "not found", exactly as
//! one that does not exist.

pub mod assign;
pub mod blind;
pub mod conflicts;
pub mod handed_in;
pub mod overview;
pub mod sheets;

use const_format::formatcp;

use crate::error::AppError;
use crate::models::{CriterionInfo, Phase, RubricLevel};
use crate::server::infra::db::parse_enum;
use crate::server::year::rounds;
use crate::server::Db;

/// An assignment `ja` that stands: its judge has declared no conflict on its proposal. Every
/// query over assignments that a judge works through or the organisers count holds to it (the
/// rule is in one place, so no list can forget it).
pub const NOT_CONFLICTED: &str = "NOT EXISTS (SELECT 1 FROM conflict_declarations cd
    WHERE cd.proposal_id = ja.proposal_id AND cd.judge_id = ja.judge_id)";

/// How many conflicts the judge of assignment `ja` declared on its proposal (0 or 1), for the
/// organisers' lists, which show a conflicted assignment marked rather than hide it.
pub const CONFLICTS: &str = "(SELECT COUNT(*) FROM conflict_declarations cd
    WHERE cd.proposal_id = ja.proposal_id AND cd.judge_id = ja.judge_id)";

/// A proposal the calling judge is assigned to and has no conflict with.
#[derive(Clone, Debug)]
pub struct Assigned {
    pub proposal_id: String,
    /// The year's current round, the one this assignment is for.
    pub round_id: i64,
    pub competition_id: i64,
    pub agency_id: i64,
    pub blind: bool,
    pub phase: Phase,
}

#[derive(sqlx::FromRow)]
struct AssignedRow {
    id: String,
    round_id: i64,
    competition_id: i64,
    agency_id: i64,
    blind_judging: i64,
    phase: String,
    conflicts: i64,
}

/// The assignment behind a judge's request in the year's current round, or the refusal: "not
/// found" for a proposal that is not theirs (or does not exist, or has a malformed id, or was
/// theirs in another round only), "conflict of interest" once declared.
/// Checked on every read and write, not only when assigning: a judge who has since moved to the
/// proposal's agency (or was assigned before the rule held) reads it as not there.
pub async fn assigned(db: &Db, judge_id: i64, proposal_id: &str) -> Result<Assigned, AppError> {
    uuid::Uuid::parse_str(proposal_id).map_err(|_| AppError::NotFound)?;
    let row: AssignedRow = sqlx::query_as(formatcp!(
        "SELECT p.id, ja.round_id, p.competition_id, p.agency_id,
                CASE WHEN cur.kind = 'desk' THEN c.blind_judging ELSE 0 END AS blind_judging,
                c.phase,
                {CONFLICTS} AS conflicts
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         JOIN competitions c ON c.id = p.competition_id
         JOIN users u ON u.id = ja.judge_id
         WHERE ja.proposal_id = $1 AND ja.judge_id = $2
           AND (u.agency_id IS NULL OR u.agency_id <> p.agency_id)"
    ))
    .bind(proposal_id)
    .bind(judge_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if row.conflicts > 0 {
        return Err(AppError::ConflictOfInterest);
    }
    Ok(Assigned {
        proposal_id: row.id,
        round_id: row.round_id,
        competition_id: row.competition_id,
        agency_id: row.agency_id,
        blind: row.blind_judging != 0,
        phase: parse_enum("phase", &row.phase, Phase::parse)?,
    })
}

/// A row of `criteria` as stored: what every room that reads a round's criteria reads, with
/// `CRITERIA`.
#[derive(sqlx::FromRow)]
pub struct CriterionRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
    /// 0/1 as stored (a new year copies it as it is).
    pub counts_toward_ranking: i64,
    pub position: i64,
}

/// A round's criteria in their order; `$1` is the round.
pub const CRITERIA: &str = "SELECT id, code, name, description, weight, scale_min, scale_max,
        counts_toward_ranking, position
    FROM criteria WHERE round_id = $1 ORDER BY position, id";

#[derive(sqlx::FromRow)]
struct RubricRow {
    criterion_id: i64,
    score_from: i64,
    score_to: i64,
    descriptor: String,
}

/// The criteria of the year's current round in order, each with its rubric bands.
pub async fn criteria(db: &Db, competition_id: i64) -> Result<Vec<CriterionInfo>, AppError> {
    let round_id = rounds::current(&db.pool, competition_id).await?;
    let rows: Vec<CriterionRow> = sqlx::query_as(CRITERIA)
        .bind(round_id)
        .fetch_all(&db.pool)
        .await?;
    let levels: Vec<RubricRow> = sqlx::query_as(
        "SELECT r.criterion_id, r.score_from, r.score_to, r.descriptor
         FROM rubric_levels r JOIN criteria c ON c.id = r.criterion_id
         WHERE c.round_id = $1 ORDER BY r.criterion_id, r.score_from",
    )
    .bind(round_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CriterionInfo {
            id: r.id,
            code: r.code,
            name: r.name,
            description: r.description,
            weight: r.weight,
            scale_min: r.scale_min,
            scale_max: r.scale_max,
            counts_toward_ranking: r.counts_toward_ranking != 0,
            levels: levels
                .iter()
                .filter(|l| l.criterion_id == r.id)
                .map(|l| RubricLevel {
                    from: l.score_from,
                    to: l.score_to,
                    descriptor: l.descriptor.clone(),
                })
                .collect(),
        })
        .collect())
}

/// The judge's assigned, unconflicted proposals of a year's current round in dashboard order
/// (category, then title), and which of them the judge has submitted.
pub async fn queue(
    db: &Db,
    judge_id: i64,
    competition_id: i64,
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(formatcp!(
        "SELECT p.id, s.status
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         LEFT JOIN score_sheets s ON s.round_id = ja.round_id AND s.proposal_id = p.id
             AND s.judge_id = ja.judge_id
         WHERE ja.judge_id = $1 AND p.competition_id = $2
           AND {NOT_CONFLICTED}
         ORDER BY cat.position, p.title, p.id"
    ))
    .bind(judge_id)
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let mut all = Vec::with_capacity(rows.len());
    let mut done = Vec::new();
    for (id, status) in rows {
        if status.as_deref() == Some("submitted") {
            done.push(id.clone());
        }
        all.push(id);
    }
    Ok((all, done))
}

/// What names an agency: its name, short name and head, for blind judging to hide.
pub async fn agency_names(db: &Db, agency_id: i64) -> Result<Vec<String>, AppError> {
    let (name, short_name, head_name): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT name, short_name, head_name FROM agencies WHERE id = $1")
            .bind(agency_id)
            .fetch_one(&db.pool)
            .await?;
    let mut names = vec![name];
    names.extend(short_name);
    names.extend(head_name);
    Ok(names)
}

/// A proposal laid out for the judge's reading: no internal note, and anonymised when the year
/// judges blind.
pub async fn reading_copy(
    db: &Db,
    assigned: &Assigned,
) -> Result<crate::models::ProposalPrint, AppError> {
    use crate::server::{submission::proposals, year::form};
    let row = proposals::find(db, &assigned.proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form = form::load(db, row.competition_id, row.agency_id).await?;
    // The year's deadline, not this agency's: an extension is between it and the organisers
    // (and in a blind year it would single the agency out).
    form.deadline_at =
        crate::server::year::competitions::year_deadline(db, row.competition_id).await?;
    let mut print = crate::models::ProposalPrint {
        form,
        state: proposals::state(db, &row).await?,
    };
    print.state.head_note = None;
    if assigned.blind {
        let names = agency_names(db, assigned.agency_id).await?;
        blind::anonymise(&mut print, &names);
    }
    Ok(print)
}
