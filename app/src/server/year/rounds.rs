//! The rounds a year is judged in (issue 16; docs/rounds.md). Every year has its first round, the
//! desk round, made with the year; criteria, judges' assignments and score sheets each belong to
//! one round, so the same judge may score the same proposal once in each.
//!
//! The organisers' pages and the judges' pages work on the year's *current* round
//! (`rounds.is_current`, one per year): the one being set up or judged now. A query keyed by a
//! judge or a proposal rather than a year keeps to it by joining `rounds cur ON cur.id =
//! <row>.round_id AND cur.is_current = 1`. A year set up before rounds existed has only its first
//! round, which holds everything judged in it (migration 0012).
//!
//! Before judging starts the organisers set the rounds from a preset, say who goes on from
//! each (`apply_preset`, `save_rules`) and how the rounds make one result (`save_combination`;
//! `crate::combine`); `results::advance` moves from one round to the next.

use serde_json::json;
use sqlx::{Any, Executor};

use crate::error::{AppError, Field, FieldError, Input, Problem, RoundPart};
use crate::models::{
    AdvanceRule, Combination, CurrentUser, Phase, PhaseBlock, RoundInfo, RoundKind, RoundPlan,
    RoundPreset, RoundRuleInput, RoundWeightInput,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{now_ms, parse_enum};
use crate::server::year::competitions;
use crate::server::Db;

/// Whether proposal `p` has entered round `cur`: every screened proposal enters the first
/// round; a later one, those its previous round sent on. (The previous round is found by its
/// place, then the proposal by `round_results`' key: no scan on a national year.)
pub const ENTERED: &str = "(cur.position = 1 OR EXISTS (
    SELECT 1 FROM rounds prev
    JOIN round_results rr ON rr.round_id = prev.id AND rr.proposal_id = p.id
    WHERE prev.competition_id = cur.competition_id AND prev.position = cur.position - 1
      AND rr.advanced = 1))";

/// Makes a new year's first round, the desk round, current, inside the transaction that makes
/// the year.
pub async fn add_first<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
    created_at: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO rounds (competition_id, position, kind, is_current, created_at)
         VALUES ($1, 1, $2, 1, $3) RETURNING id",
    )
    .bind(competition_id)
    .bind(RoundKind::Desk.as_str())
    .bind(created_at)
    .fetch_one(conn)
    .await?)
}

/// The first round of `competition_id`, the desk round every year has; "not found" for no such
/// year.
pub async fn first<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
) -> Result<i64, AppError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM rounds WHERE competition_id = $1 AND position = 1")
            .bind(competition_id)
            .fetch_optional(conn)
            .await?;
    id.ok_or_else(|| no_round(competition_id))
}

/// The round of `competition_id` being set up or judged now; "not found" for no such year.
pub async fn current<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
) -> Result<i64, AppError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM rounds WHERE competition_id = $1 AND is_current = 1")
            .bind(competition_id)
            .fetch_optional(conn)
            .await?;
    id.ok_or_else(|| no_round(competition_id))
}

/// The current round of the year proposal `proposal_id` is in; "not found" for no such proposal.
pub async fn current_of_proposal<'e>(
    conn: impl Executor<'e, Database = Any>,
    proposal_id: &str,
) -> Result<i64, AppError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT cur.id FROM rounds cur JOIN proposals p ON p.competition_id = cur.competition_id
         WHERE p.id = $1 AND cur.is_current = 1",
    )
    .bind(proposal_id)
    .fetch_optional(conn)
    .await?;
    id.ok_or(AppError::NotFound)
}

/// Every year has its rounds from the moment it is made (`add_first`, migration 0012), so a
/// year without one is a year that does not exist.
fn no_round(_competition_id: i64) -> AppError {
    AppError::NotFound
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    position: i64,
    kind: String,
    advance_rule: Option<String>,
    advance_value: Option<f64>,
    locked_at: Option<i64>,
    advance_reason: String,
    is_current: i64,
    weight: Option<f64>,
    visit_claims: String,
    visited: i64,
}

/// The rounds of `competition_id` in order.
pub async fn list<'e>(
    conn: impl Executor<'e, Database = Any>,
    competition_id: i64,
) -> Result<Vec<RoundInfo>, AppError> {
    let rows: Vec<RoundRow> = sqlx::query_as(
        "SELECT id, position, kind, advance_rule, advance_value, locked_at, advance_reason,
                is_current, weight, visit_claims,
                (SELECT COUNT(*) FROM visits v WHERE v.round_id = rounds.id) AS visited
         FROM rounds WHERE competition_id = $1 ORDER BY position",
    )
    .bind(competition_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(RoundInfo {
                id: r.id,
                position: r.position,
                kind: parse_enum("kind", &r.kind, RoundKind::parse)?,
                rule: r
                    .advance_rule
                    .as_deref()
                    .map(|rule| parse_enum("advance_rule", rule, AdvanceRule::parse))
                    .transpose()?,
                value: r.advance_value,
                locked_at: r.locked_at,
                reason: r.advance_reason,
                current: r.is_current != 0,
                weight: r.weight,
                claims: crate::models::claims_of(&r.visit_claims),
                visited: r.visited > 0,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}

/// The current year's rounds for the organisers' page.
pub async fn plan(db: &Db) -> Result<RoundPlan, AppError> {
    let year = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    Ok(RoundPlan {
        year: year.year,
        rounds: list(&db.pool, year.id).await?,
        combination: combination(db, year.id).await?,
        editable: year.phase < Phase::Judging,
    })
}

/// How the rounds of `competition_id` make one result.
pub async fn combination(db: &Db, competition_id: i64) -> Result<Combination, AppError> {
    let stored: String =
        sqlx::query_scalar("SELECT round_combination FROM competitions WHERE id = $1")
            .bind(competition_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(parse_enum(
        "round_combination",
        &stored,
        Combination::parse,
    )?)
}

/// The current year, locked for this transaction, refused once judging has begun.
async fn open_plan(tx: &mut sqlx::Transaction<'static, Any>, db: &Db) -> Result<i64, AppError> {
    let (year, phase) = competitions::lock_current(tx, db).await?;
    if phase >= Phase::Judging {
        return Err(AppError::PhaseBlocked(PhaseBlock::RoundsFixed));
    }
    Ok(year)
}

/// Sets the current year's rounds to a preset, before judging starts. The first round stays
/// (with its criteria); the rounds after it are replaced — nothing hangs on them yet, since
/// criteria, assignments and sheets belong to the current round, the first until judging ends.
pub async fn apply_preset(
    db: &Db,
    admin: &CurrentUser,
    preset: RoundPreset,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let year = open_plan(&mut tx, db).await?;
    let before: Vec<&str> = list(&mut *tx, year)
        .await?
        .iter()
        .map(|r| r.kind.as_str())
        .collect();
    sqlx::query("DELETE FROM rounds WHERE competition_id = $1 AND position > 1")
        .bind(year)
        .execute(&mut *tx)
        .await?;
    // Shares set for other rounds mean nothing for these: the new list starts with the last
    // round deciding, until the organisers weigh it.
    sqlx::query("UPDATE rounds SET weight = NULL WHERE competition_id = $1")
        .bind(year)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE competitions SET round_combination = 'last_decides' WHERE id = $1")
        .bind(year)
        .execute(&mut *tx)
        .await?;
    let now = now_ms();
    let rounds = preset.rounds();
    for (i, (kind, advance)) in rounds.iter().enumerate() {
        let position = i as i64 + 1;
        if position > 1 {
            // A field round starts with the usual checklist of a verification team.
            let claims = if *kind == RoundKind::Field {
                crate::models::DEFAULT_VISIT_CLAIMS
            } else {
                ""
            };
            sqlx::query(
                "INSERT INTO rounds (competition_id, position, kind, created_at, visit_claims)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(year)
            .bind(position)
            .bind(kind.as_str())
            .bind(now)
            .bind(claims)
            .execute(&mut *tx)
            .await?;
        }
        let (rule, value) = advance.map_or((None, None), |(r, v)| (Some(r), Some(v)));
        set_rule(&mut tx, year, position, rule, value).await?;
    }
    let after: Vec<&str> = rounds.iter().map(|(k, _)| k.as_str()).collect();
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::RoundsPlan, "competition", year)
            .before(json!({ "rounds": before }))
            .after(json!({ "preset": preset.as_str(), "rounds": after })),
    )
    .await?;
    Ok(())
}

/// Sets who goes on from round `position` of `year`. An absent number is written into the
/// statement as NULL rather than bound: on Postgres a statement keeps the parameter types of its
/// first use on a connection, and an absent number goes untyped, so the same statement bound
/// with a number afterwards is refused ("incorrect binary data format").
async fn set_rule(
    tx: &mut sqlx::Transaction<'static, Any>,
    year: i64,
    position: i64,
    rule: Option<AdvanceRule>,
    value: Option<f64>,
) -> Result<(), AppError> {
    let value_sql = if value.is_some() { "$4" } else { "NULL" };
    let sql = format!(
        "UPDATE rounds SET advance_rule = $1, advance_value = {value_sql}
         WHERE competition_id = $2 AND position = $3"
    );
    let query = sqlx::query(&sql)
        .bind(rule.map(AdvanceRule::as_str))
        .bind(year)
        .bind(position);
    match value {
        Some(v) => query.bind(v),
        None => query,
    }
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A rule as typed, checked: a known rule for each round but the last, a whole number from 1
/// for the top-N rules, a mark from 0 to 100 for the pass mark ("85" or "85,5").
pub fn parse_rule(
    position: usize,
    input: &RoundRuleInput,
) -> Result<(AdvanceRule, Option<f64>), FieldError> {
    let field = |part| Field::Round { position, part };
    let rule = AdvanceRule::parse(input.rule.trim())
        .ok_or_else(|| FieldError::new(field(RoundPart::Rule), Problem::NotAllowed))?;
    if !rule.takes_value() {
        return Ok((rule, None));
    }
    let text = input.value.trim().replace(',', ".");
    if text.is_empty() {
        return Err(FieldError::new(field(RoundPart::Value), Problem::Required));
    }
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| FieldError::new(field(RoundPart::Value), Problem::NotANumber))?;
    let (min, max) = match rule {
        AdvanceRule::PassMark => (0, 100),
        _ => (1, 10_000),
    };
    let whole = rule == AdvanceRule::PassMark || value.fract() == 0.0;
    if !whole || value < min as f64 || value > max as f64 {
        return Err(FieldError::new(
            field(RoundPart::Value),
            Problem::OutOfRange {
                min: Some(min),
                max: Some(max),
            },
        ));
    }
    Ok((rule, Some(value)))
}

/// Saves who goes on from each round but the last, before judging starts. `rules` come from the
/// form, one per round it showed; a round the form did not show (changed meanwhile) or a
/// position that is not a round is refused, and nothing is stored.
pub async fn save_rules(
    db: &Db,
    admin: &CurrentUser,
    rules: &[RoundRuleInput],
) -> Result<(), AppError> {
    let mut parsed = Vec::with_capacity(rules.len());
    for input in rules {
        let position: usize = input
            .position
            .trim()
            .parse()
            .map_err(|_| AppError::NotFound)?;
        parsed.push((position, parse_rule(position, input)?));
    }
    let mut tx = db.begin_write().await?;
    let year = open_plan(&mut tx, db).await?;
    let rounds = list(&mut *tx, year).await?;
    let last = rounds.len();
    // Every round but the last, each once.
    let mut positions: Vec<usize> = parsed.iter().map(|(p, _)| *p).collect();
    positions.sort_unstable();
    if positions != (1..last).collect::<Vec<_>>() {
        return Err(AppError::Conflict {
            what: "the rounds changed since the page was opened".into(),
        });
    }
    if parsed.is_empty() {
        // One round: nobody goes on from it, and there is nothing to save.
        return Ok(());
    }
    let before: Vec<_> = rounds
        .iter()
        .map(|r| json!([r.position, r.rule.map(AdvanceRule::as_str), r.value]))
        .collect();
    for (position, (rule, value)) in &parsed {
        set_rule(&mut tx, year, *position as i64, Some(*rule), *value).await?;
    }
    let after: Vec<_> = parsed
        .iter()
        .map(|(p, (rule, value))| json!([p, rule.as_str(), value]))
        .collect();
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::RoundsRules, "competition", year)
            .before(json!(before))
            .after(json!(after)),
    )
    .await?;
    Ok(())
}

/// A round's share as typed, checked: a number from 0 to 100 ("40" or "37,5").
pub fn parse_weight(position: usize, input: &RoundWeightInput) -> Result<f64, FieldError> {
    let field = Field::Round {
        position,
        part: RoundPart::Weight,
    };
    let text = input.weight.trim().replace(',', ".");
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| FieldError::new(field.clone(), Problem::NotANumber))?;
    if !(0.0..=100.0).contains(&value) {
        return Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: Some(0),
                max: Some(100),
            },
        ));
    }
    Ok(value)
}

/// Saves how the rounds make one result, before judging starts: the last round deciding, or
/// every round's share (`weights`, one per round of the plan, totalling 100). Choosing the last
/// round keeps the shares as they were, for a return to weights. A share refused names its
/// round; a total other than 100 is refused whole; nothing is stored.
pub async fn save_combination(
    db: &Db,
    admin: &CurrentUser,
    combination: Combination,
    weights: &[RoundWeightInput],
) -> Result<(), AppError> {
    let mut parsed = Vec::with_capacity(weights.len());
    if combination == Combination::Weights {
        for input in weights {
            let position: usize = input
                .position
                .trim()
                .parse()
                .map_err(|_| AppError::NotFound)?;
            parsed.push((position, parse_weight(position, input)?));
        }
    }
    let mut tx = db.begin_write().await?;
    let year = open_plan(&mut tx, db).await?;
    let rounds = list(&mut *tx, year).await?;
    if combination == Combination::Weights {
        // Every round, each once.
        let mut positions: Vec<usize> = parsed.iter().map(|(p, _)| *p).collect();
        positions.sort_unstable();
        if positions != (1..=rounds.len()).collect::<Vec<_>>() {
            return Err(AppError::Conflict {
                what: "the rounds changed since the page was opened".into(),
            });
        }
        let total: f64 = parsed.iter().map(|(_, w)| w).sum();
        if (total - 100.0).abs() > 1e-6 {
            return Err(FieldError::new(
                Input::RoundWeights,
                Problem::WeightsTotal {
                    total: total.round().max(0.0) as u32,
                },
            )
            .into());
        }
        for (position, weight) in &parsed {
            sqlx::query(
                "UPDATE rounds SET weight = $1 WHERE competition_id = $2 AND position = $3",
            )
            .bind(*weight)
            .bind(year)
            .bind(*position as i64)
            .execute(&mut *tx)
            .await?;
        }
    }
    let before: String =
        sqlx::query_scalar("SELECT round_combination FROM competitions WHERE id = $1")
            .bind(year)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query("UPDATE competitions SET round_combination = $1 WHERE id = $2")
        .bind(combination.as_str())
        .bind(year)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::RoundsCombination,
            "competition",
            year,
        )
        .before(json!({
            "combination": before,
            "weights": rounds.iter().map(|r| r.weight).collect::<Vec<_>>(),
        }))
        .after(json!({
            "combination": combination.as_str(),
            "weights": parsed.iter().map(|(_, w)| w).collect::<Vec<_>>(),
        })),
    )
    .await?;
    Ok(())
}
