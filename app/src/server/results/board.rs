//! The organisers' results board: both rankings side by side, how far the judges agree, the
//! sheets still missing, and the deliberation's decisions; and one proposal in detail.

use std::collections::HashMap;

use super::{inputs, settings, standing, Inputs, Settings, COUNTED, JUDGED};
use crate::agreement;
use crate::combine::{combine, Across};
use crate::error::AppError;
use crate::models::{
    advancing_by_rule, Award, Basis, Combined, CompetitionSummary, CriterionResult, JudgeAgreement,
    JudgeScores, MissingSheet, Phase, ResultDetail, ResultRow, ResultsBoard, RoundInfo,
    SheetStatus, Standing,
};
use crate::ranking::Ranked;
use crate::server::judging::NOT_CONFLICTED;
use crate::server::year::rounds;
use crate::server::Db;

/// The deliberation's decisions so far, per proposal.
pub async fn decisions(
    db: &Db,
    competition_id: i64,
) -> Result<HashMap<String, (Option<Award>, bool)>, AppError> {
    let rows = sqlx::query_as::<_, (String, Option<String>, i64)>(
        "SELECT proposal_id, award, nominated FROM results WHERE competition_id = $1",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for (proposal_id, award, nominated) in rows {
        out.insert(
            proposal_id,
            (award.as_deref().and_then(Award::parse), nominated != 0),
        );
    }
    Ok(out)
}

/// The sheets of the current round the ranking still waits for: assigned, no conflict, not
/// handed in.
pub async fn missing(db: &Db, competition_id: i64) -> Result<Vec<MissingSheet>, AppError> {
    let rows = sqlx::query_as::<_, (String, String, Option<String>)>(&format!(
        "SELECT p.title, u.name AS judge_name, s.status
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN proposals p ON p.id = ja.proposal_id
         JOIN users u ON u.id = ja.judge_id
         LEFT JOIN score_sheets s ON s.round_id = ja.round_id
             AND s.proposal_id = ja.proposal_id AND s.judge_id = ja.judge_id
         WHERE p.competition_id = $1 AND p.status IN {JUDGED}
           AND (s.status IS NULL OR s.status <> 'submitted')
           AND {NOT_CONFLICTED}
         ORDER BY p.title, u.name"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(proposal_title, judge_name, status)| MissingSheet {
            proposal_title,
            judge_name,
            status: status.as_deref().and_then(SheetStatus::parse),
        })
        .collect())
}

async fn judge_names(db: &Db, competition_id: i64) -> Result<HashMap<i64, String>, AppError> {
    let rows = sqlx::query_as::<_, (i64, String)>(
        "SELECT DISTINCT u.id, u.name
         FROM judge_assignments ja
         JOIN rounds cur ON cur.id = ja.round_id AND cur.is_current = 1
         JOIN users u ON u.id = ja.judge_id
         WHERE cur.competition_id = $1",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The rows of the board from the inputs, in the official ranking's order (unscored last).
pub fn rows(
    inputs: &Inputs,
    settings: &Settings,
    decisions: &HashMap<String, (Option<Award>, bool)>,
) -> (Vec<ResultRow>, agreement::Agreement) {
    let (raw, normalised) = inputs.rank(settings.pass_mark);
    let measured = agreement::measure(&inputs.specs(), inputs.entries.len(), &inputs.scores);
    let combined = combined(inputs, settings, &raw, &normalised);
    let mut rows: Vec<ResultRow> = inputs
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let r = raw.get(&e.proposal_id);
            let info = &inputs.info[i];
            let (award, nominated) = decisions.get(&e.proposal_id).copied().unwrap_or_default();
            ResultRow {
                proposal_id: e.proposal_id.clone(),
                title: info.title.clone(),
                agency_name: info.agency_name.clone(),
                category_id: e.category_id,
                category_name: info.category_name.clone(),
                judges: r.map_or(0, |r| r.judges as u32),
                raw: standing(r),
                normalised: standing(normalised.get(&e.proposal_id)),
                criteria: inputs
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(c, _)| CriterionResult {
                        mean: r.and_then(|r| r.criterion_means[c]),
                        spread: measured.spread[i][c],
                    })
                    .collect(),
                disagreement: measured.disagreement[i],
                award,
                nominated,
                earlier: inputs
                    .earlier
                    .get(i)
                    .map(|rounds| {
                        rounds
                            .iter()
                            .map(|&(score, rank)| Standing {
                                score,
                                rank,
                                ..Standing::default()
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                combined: combined.as_ref().map(|(raw, normalised)| Combined {
                    raw: raw[i].clone(),
                    normalised: normalised[i].clone(),
                }),
            }
        })
        .collect();
    let basis = settings.basis;
    rows.sort_by(|a, b| {
        let (ra, rb) = (a.standing(basis).rank, b.standing(basis).rank);
        match (ra, rb) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.title.cmp(&b.title),
        }
    });
    (rows, measured)
}

/// After the first round, every entry's standing on the rounds so far, with this round's raw
/// and with its normalised score (`crate::combine`), in the entries' order.
fn combined(
    inputs: &Inputs,
    settings: &Settings,
    raw: &HashMap<String, Ranked>,
    normalised: &HashMap<String, Ranked>,
) -> Option<(Vec<Standing>, Vec<Standing>)> {
    inputs.rounds.iter().find(|r| r.current && r.position > 1)?;
    let weights: Vec<f64> = inputs
        .rounds
        .iter()
        .map(|r| r.weight.unwrap_or(0.0))
        .collect();
    let across = |own: &HashMap<String, Ranked>| -> Vec<Across> {
        inputs
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let now = own
                    .get(&e.proposal_id)
                    .map_or((None, None), |r| (r.score, r.rank));
                Across {
                    category_id: e.category_id,
                    rounds: inputs
                        .earlier
                        .get(i)
                        .into_iter()
                        .flatten()
                        .copied()
                        .chain([now])
                        .collect(),
                }
            })
            .collect()
    };
    let on = |own| {
        combine(
            settings.combination,
            &weights,
            &across(own),
            settings.pass_mark,
        )
    };
    Some((on(raw), on(normalised)))
}

pub async fn load(db: &Db, competition: CompetitionSummary) -> Result<ResultsBoard, AppError> {
    let settings = settings(db, competition.id).await?;
    let inputs = inputs(db, competition.id).await?;
    let decisions = decisions(db, competition.id).await?;
    let (rows, measured) = rows(&inputs, &settings, &decisions);
    let names = judge_names(db, competition.id).await?;
    let mut judges: Vec<JudgeAgreement> = measured
        .judges
        .iter()
        .map(|(id, o)| JudgeAgreement {
            judge_id: *id,
            name: names.get(id).cloned().unwrap_or_default(),
            sheets: o.sheets,
            offset: o.offset,
            far: o.far(),
        })
        .collect();
    judges.sort_by(|a, b| a.name.cmp(&b.name));
    let categories = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM categories WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let rounds = inputs.rounds.clone();
    let advancing = advancing(&rounds, &rows, settings.basis);
    Ok(ResultsBoard {
        rounds,
        advancing,
        combination: settings.combination,
        signer: super::signer::load(db, competition.id).await?,
        editable: competition.phase == Phase::Deliberation && settings.locked_at.is_none(),
        missing: missing(db, competition.id).await?,
        criteria: inputs.criteria,
        categories,
        pass_mark: settings.pass_mark,
        basis: settings.basis,
        rows,
        judges,
        locked_at: settings.locked_at,
        competition,
    })
}

/// Whom the current round's rule sends on, from the board's rows in ranking order: nobody when
/// it is the last round or the organisers choose.
pub fn advancing(rounds: &[RoundInfo], rows: &[ResultRow], basis: Basis) -> Vec<String> {
    let Some(current) = rounds.iter().find(|r| r.current) else {
        return Vec::new();
    };
    let (Some(rule), true) = (
        current.rule,
        rounds.iter().any(|r| r.position > current.position),
    ) else {
        return Vec::new();
    };
    let ranked: Vec<(String, Option<i64>, Option<f64>)> = rows
        .iter()
        .map(|r| {
            (
                r.proposal_id.clone(),
                r.category_id,
                r.standing(basis).score,
            )
        })
        .collect();
    advancing_by_rule(rule, current.value.unwrap_or(0.0), &ranked)
}

#[derive(sqlx::FromRow)]
struct ScoreRow {
    judge_id: i64,
    judge_name: String,
    criterion_id: i64,
    value: Option<i64>,
}

/// One judged proposal of the year in detail: its row and every counted judge's scores.
pub async fn detail(
    db: &Db,
    competition: CompetitionSummary,
    proposal_id: &str,
) -> Result<ResultDetail, AppError> {
    let settings = settings(db, competition.id).await?;
    let inputs = inputs(db, competition.id).await?;
    let decisions = decisions(db, competition.id).await?;
    let (rows, _) = rows(&inputs, &settings, &decisions);
    let row = rows
        .into_iter()
        .find(|r| r.proposal_id == proposal_id)
        .ok_or(AppError::NotFound)?;
    let round_id = rounds::current(&db.pool, competition.id).await?;
    let sheets = sqlx::query_as::<_, ScoreRow>(&format!(
        "SELECT s.judge_id, u.name AS judge_name, sc.criterion_id, sc.value
         FROM score_sheets s
         JOIN users u ON u.id = s.judge_id
         JOIN scores sc ON sc.sheet_id = s.id
         WHERE s.round_id = $2 AND s.proposal_id = $1 AND {COUNTED}
         ORDER BY u.name, s.judge_id"
    ))
    .bind(proposal_id)
    .bind(round_id)
    .fetch_all(&db.pool)
    .await?;
    let mut judges: Vec<JudgeScores> = Vec::new();
    let mut last_judge = None;
    for r in sheets {
        if last_judge != Some(r.judge_id) {
            last_judge = Some(r.judge_id);
            judges.push(JudgeScores {
                judge_name: r.judge_name,
                values: vec![None; inputs.criteria.len()],
                total: None,
            });
        }
        if let (Some(j), Some(c)) = (
            judges.last_mut(),
            inputs.criteria.iter().position(|c| c.id == r.criterion_id),
        ) {
            j.values[c] = r.value;
        }
    }
    let specs = inputs.specs();
    for j in &mut judges {
        j.total = crate::agreement::sheet_total(&specs, &j.values);
    }
    Ok(ResultDetail {
        competition,
        criteria: inputs.criteria,
        row,
        judges,
        basis: settings.basis,
        pass_mark: settings.pass_mark,
        visits: Vec::new(),
    })
}

/// The official standing's basis as stored.
pub fn basis_flag(basis: Basis) -> i64 {
    i64::from(basis == Basis::Normalised)
}
