//! Results on the server: what the ranking is computed from (handed-in, unconflicted sheets),
//! the organisers' board and deliberation, the agencies' feedback and the public gallery. The
//! rules themselves are pure: `crate::ranking`, `crate::agreement`.

pub mod advance;
pub mod board;
pub mod certificates;
pub mod compendium;
pub mod deliberation;
pub mod dossier;
pub mod exports;
pub mod feedback;
pub mod gallery;
pub mod papers;
pub mod round_record;
pub mod signer;

use std::collections::HashMap;

use futures_util::TryStreamExt;

use crate::combine::InRound;
use crate::error::AppError;
use crate::models::{Basis, Combination, CriterionHead, RoundInfo, Standing};
use crate::ranking::{self, CriterionSpec, Entry, Ranked, Score};

use crate::server::infra::db::{internal, parse_enum, Backend, Flag};
use crate::server::judging::{handed_in, CriterionRow, CRITERIA};
use crate::server::year::rounds::{self, ENTERED};
use crate::server::Db;

/// Proposal statuses that reach the judges: screened in, and what deliberation makes of them.
pub const JUDGED: &str = "('screened_in', 'scored', 'finalist', 'winner', 'not_selected')";

/// A year's ranking settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub pass_mark: f64,
    pub basis: Basis,
    pub locked_at: Option<i64>,
    /// How the rounds make one result.
    pub combination: Combination,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    pass_mark: f64,
    #[sqlx(try_from = "i64")]
    normalise_scores: Flag,
    results_locked_at: Option<i64>,
    round_combination: String,
}

pub async fn settings(db: &Db, competition_id: i64) -> Result<Settings, AppError> {
    let row = sqlx::query_as::<_, SettingsRow>(
        "SELECT pass_mark, normalise_scores, results_locked_at, round_combination
         FROM competitions WHERE id = $1",
    )
    .bind(competition_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Settings {
        pass_mark: row.pass_mark,
        basis: if row.normalise_scores.0 {
            Basis::Normalised
        } else {
            Basis::Raw
        },
        locked_at: row.results_locked_at,
        combination: parse_enum(
            "round_combination",
            &row.round_combination,
            Combination::parse,
        )?,
    })
}

/// A judged proposal with what the board shows of it.
#[derive(Clone, Debug)]
pub struct EntryInfo {
    pub title: String,
    pub agency_name: String,
    pub category_name: Option<String>,
}

/// Everything the ranking is computed from, read once.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub criteria: Vec<CriterionHead>,
    pub entries: Vec<Entry>,
    pub info: Vec<EntryInfo>,
    pub scores: Vec<Score>,
    /// The year's rounds in order; the entries are the current one's.
    pub rounds: Vec<RoundInfo>,
    /// Per entry (in the entries' order), its score and rank in each earlier round, as frozen
    /// when it was sent on; empty in the first round.
    pub earlier: Vec<Vec<InRound>>,
}

impl Inputs {
    pub fn specs(&self) -> Vec<CriterionSpec> {
        self.criteria.iter().map(CriterionHead::spec).collect()
    }

    /// Both rankings, each keyed by proposal id.
    pub fn rank(&self, pass_mark: f64) -> (HashMap<String, Ranked>, HashMap<String, Ranked>) {
        let keyed = |ranked: Vec<Ranked>| {
            ranked
                .into_iter()
                .map(|r| (r.proposal_id.clone(), r))
                .collect::<HashMap<_, _>>()
        };
        let (raw, normalised) =
            ranking::rank_both(&self.specs(), &self.entries, &self.scores, pass_mark);
        (keyed(raw), keyed(normalised))
    }
}

pub fn standing(r: Option<&Ranked>) -> Standing {
    r.map(|r| Standing {
        score: r.score,
        rank: r.rank,
        rank_in_category: r.rank_in_category,
        passes: r.passes,
    })
    .unwrap_or_default()
}

/// The criteria of the year's current round, as the ranking weighs them.
pub async fn criteria(db: &Db, competition_id: i64) -> Result<Vec<CriterionHead>, AppError> {
    let round_id = rounds::current(&db.pool, competition_id).await?;
    criteria_of_round(db, round_id).await
}

/// The criteria of round `round_id`.
pub async fn criteria_of_round(db: &Db, round_id: i64) -> Result<Vec<CriterionHead>, AppError> {
    let rows = sqlx::query_as::<_, CriterionRow>(CRITERIA)
        .bind(round_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CriterionHead {
            id: r.id,
            code: r.code,
            name: r.name,
            weight: r.weight,
            scale_min: r.scale_min,
            scale_max: r.scale_max,
            counts: r.counts_toward_ranking != 0,
        })
        .collect())
}

/// The counted scores' filter: handed in, no conflict declared. (A reopened sheet is not
/// `submitted` until the judge hands it in again.) A handed-in sheet's judge is always still
/// assigned: a judge cannot be taken off a proposal they handed in (`judging::assign::unassign`)
/// and a sheet is saved only through an assignment, so the assignment is not looked up again
/// here; on a national year that lookup was most of the ranking's reading time.
const COUNTED: &str = "s.status = 'submitted'
    AND NOT EXISTS (SELECT 1 FROM conflict_declarations cd
                    WHERE cd.proposal_id = s.proposal_id AND cd.judge_id = s.judge_id)";

/// One judged proposal as the year's read returns it: SQLite gives each as a JSON array in the
/// query's column order, which serde reads field by field; Postgres names the columns.
#[derive(serde::Deserialize, sqlx::FromRow)]
struct ReadEntry {
    id: String,
    category_id: Option<i64>,
    submitted_at: Option<i64>,
    title: String,
    agency_name: String,
    category_name: Option<String>,
    /// Its counted sheets (`handed_in::sheets_sql`).
    sheets: Option<String>,
}

/// Reads a year's judged proposals and the counted scores of its current round. The scores come
/// from each counted sheet's handed-in copy (judging/handed_in.rs), gathered per proposal in the
/// same query: one entry per proposal, not one row per score, which is what keeps a national
/// year (over a million scores) within a second.
pub async fn inputs(db: &Db, competition_id: i64) -> Result<Inputs, AppError> {
    let all_rounds = rounds::list(&db.pool, competition_id).await?;
    let current = all_rounds
        .iter()
        .find(|r| r.current)
        .ok_or(AppError::NotFound)?;
    let round_id = current.id;
    let criteria = criteria_of_round(db, round_id).await?;
    let sheets = handed_in::sheets_sql("p.id", &format!("s.round_id = $2 AND {COUNTED}"));
    let from = format!(
        "FROM proposals p
         JOIN rounds cur ON cur.id = $2
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE p.competition_id = $1 AND p.status IN {JUDGED} AND {ENTERED}"
    );
    let read: Vec<ReadEntry> = match db.backend {
        // sqlx hands SQLite's rows over from a worker thread one at a time, and on a national
        // year that handover cost more than SQLite's own work: the year comes back as one
        // JSON array instead (docs/performance.md).
        Backend::Sqlite => {
            let fields =
                format!("p.id, p.category_id, p.submitted_at, p.title, a.name, cat.name, {sheets}");
            let sql = format!("SELECT json_group_array(json_array({fields}) ORDER BY p.id) {from}");
            let json: Option<String> = sqlx::query_scalar(&sql)
                .bind(competition_id)
                .bind(round_id)
                .fetch_one(&db.pool)
                .await?;
            serde_json::from_str(json.as_deref().unwrap_or("[]")).map_err(internal)?
        }
        // Postgres streams rows cheaply, and building the JSON there costs more than it saves.
        Backend::Postgres => {
            let sql = format!(
                "SELECT p.id, p.category_id, p.submitted_at, p.title, a.name AS agency_name,
                        cat.name AS category_name, {sheets} AS sheets
                 {from} ORDER BY p.id"
            );
            sqlx::query_as::<_, ReadEntry>(&sql)
                .bind(competition_id)
                .bind(round_id)
                .fetch(&db.pool)
                .try_collect()
                .await?
        }
    };
    let frozen = earlier(db, competition_id, current.position).await?;
    let mut inputs = Inputs {
        criteria,
        entries: Vec::with_capacity(read.len()),
        info: Vec::with_capacity(read.len()),
        scores: Vec::new(),
        earlier: Vec::with_capacity(read.len()),
        rounds: Vec::new(),
    };
    for (entry, r) in read.into_iter().enumerate() {
        for (judge_id, copy) in handed_in::decode_sheets(r.sheets.as_deref().unwrap_or_default()) {
            for (criterion_id, value) in handed_in::decode(copy) {
                inputs.scores.push(Score {
                    entry,
                    judge_id,
                    criterion_id,
                    value,
                });
            }
        }
        let before = current.position as usize - 1;
        let mut rounds = frozen.get(&r.id).cloned().unwrap_or_default();
        rounds.resize(before, (None, None));
        inputs.earlier.push(rounds);
        inputs.entries.push(Entry {
            proposal_id: r.id,
            category_id: r.category_id,
            submitted_at: r.submitted_at.unwrap_or(0),
        });
        inputs.info.push(EntryInfo {
            title: r.title,
            agency_name: r.agency_name,
            category_name: r.category_name,
        });
    }
    inputs.rounds = all_rounds;
    Ok(inputs)
}

/// Each proposal's score and rank in the rounds before `position`, first round first, as
/// frozen when proposals were sent on from each.
async fn earlier(
    db: &Db,
    competition_id: i64,
    position: i64,
) -> Result<HashMap<String, Vec<InRound>>, AppError> {
    if position <= 1 {
        return Ok(HashMap::new());
    }
    let rows = sqlx::query_as::<_, (String, i64, Option<f64>, Option<i64>)>(
        "SELECT rr.proposal_id, r.position, rr.score, CAST(rr.rank AS BIGINT)
         FROM round_results rr JOIN rounds r ON r.id = rr.round_id
         WHERE r.competition_id = $1 AND r.position < $2
         ORDER BY r.position",
    )
    .bind(competition_id)
    .bind(position)
    .fetch_all(&db.pool)
    .await?;
    let mut out: HashMap<String, Vec<InRound>> = HashMap::new();
    for (proposal_id, at, score, rank) in rows {
        let rounds = out.entry(proposal_id).or_default();
        // A round it was not ranked in (it cannot be, having been sent on) stays empty.
        rounds.resize(at as usize - 1, (None, None));
        rounds.push((score, rank.and_then(|r| u32::try_from(r).ok())));
    }
    Ok(out)
}
