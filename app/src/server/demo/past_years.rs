//! Two earlier years of the competition, published and then archived (`seed-demo --published`):
//! the gallery and the open data as a regency sees them after a few years. The innovations are
//! in `past_years.toml`; each year gets the demo's categories and form, so an innovation's page
//! reads like this year's.

use serde::Deserialize;
use sqlx::{Any, Transaction};

use super::rows::{
    bad_seed, insert_categories, insert_criteria, insert_demo_proposal, insert_form,
    insert_handed_in_sheet, insert_phases, Demo, DemoProposal, DAY,
};
use crate::assignment::JudgeSlot;
use crate::error::AppError;
use crate::server::infra::db::{flag, internal};
use crate::server::year::rounds;

const PAST_YEARS: &str = include_str!("past_years.toml");

#[derive(Deserialize)]
struct PastYears {
    years: Vec<PastYear>,
}

#[derive(Deserialize)]
struct PastYear {
    year: i64,
    name: String,
    innovations: Vec<PastInnovation>,
}

#[derive(Deserialize)]
struct PastInnovation {
    agency: String,
    category: String,
    title: String,
    /// "winner", "finalist", or empty (not selected).
    award: String,
    nominated: bool,
    score: f64,
    summary: String,
    /// The judges' overall comment, read by the agency as its feedback.
    comment: String,
}

/// The code of the form's question whose answer is an innovation's summary (the gallery's text).
const SUMMARY_QUESTION: &str = "ringkasan";

/// The pass mark of the earlier years (the schema's default).
const PASS_MARK: f64 = 85.0;

/// Writes the earlier years, archived, with their results frozen as locking would have left
/// them and each innovation's sheets from three judges (its agency's feedback). `agency_id`
/// finds an agency by its short name; `admin` locked the results.
pub(super) async fn seed(
    tx: &mut Transaction<'static, Any>,
    demo: &Demo,
    agency_id: &dyn Fn(&str) -> Result<i64, AppError>,
    judges: &[JudgeSlot],
    admin: i64,
) -> Result<(), AppError> {
    let past: PastYears = toml::from_str(PAST_YEARS).map_err(|e| bad_seed(&e.to_string()))?;
    for year in &past.years {
        // The year ran from January (set-up) to December (published), then was archived.
        let start = january_first_ms(year.year)?;
        let locked_at = start + 320 * DAY;
        let competition_id: i64 = sqlx::query_scalar(
            "INSERT INTO competitions (year, name, phase, blind_judging, judges_per_proposal,
                 min_running_days, created_at, results_locked_at, results_locked_by)
             VALUES ($1, $2, 'archived', 1, 3, 365, $3, $4, $5) RETURNING id",
        )
        .bind(year.year)
        .bind(&year.name)
        .bind(start)
        .bind(locked_at)
        .bind(admin)
        .fetch_one(&mut **tx)
        .await?;
        let round_id = rounds::add_first(&mut **tx, competition_id, start).await?;
        let phases: Vec<(&str, i64, i64)> = [
            ("setup", 0, 59),
            ("submission_open", 60, 179),
            ("screening", 180, 209),
            ("judging", 210, 289),
            ("deliberation", 290, 319),
            ("published", 320, 364),
            ("archived", 365, 729),
        ]
        .into_iter()
        .map(|(phase, from, to)| (phase, start + from * DAY, start + to * DAY + DAY - 60_000))
        .collect();
        insert_phases(tx, competition_id, &phases).await?;
        let categories = insert_categories(tx, competition_id, &demo.categories).await?;
        let criteria = insert_criteria(tx, competition_id, &demo.criteria).await?;
        let questions = insert_form(tx, competition_id, &demo.sections).await?;
        let summary_question = questions
            .iter()
            .find(|(code, _)| *code == SUMMARY_QUESTION)
            .map(|(_, id)| *id)
            .ok_or_else(|| bad_seed(SUMMARY_QUESTION))?;

        // Ranked by score, as locking ranks them.
        let mut ranked: Vec<&PastInnovation> = year.innovations.iter().collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        for (place, innovation) in ranked.iter().enumerate() {
            let agency = agency_id(&innovation.agency)?;
            sqlx::query(
                "INSERT INTO competition_agencies (competition_id, agency_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(competition_id)
            .bind(agency)
            .execute(&mut **tx)
            .await?;
            let category = categories
                .iter()
                .find(|(code, _)| *code == innovation.category)
                .map(|(_, id)| *id)
                .ok_or_else(|| bad_seed(&innovation.category))?;
            let status = match innovation.award.as_str() {
                "" => "not_selected",
                award @ ("winner" | "finalist") => award,
                other => return Err(bad_seed(other)),
            };
            let summary = serde_json::to_string(&innovation.summary).map_err(internal)?;
            let id = insert_demo_proposal(
                tx,
                DemoProposal {
                    competition_id,
                    agency_id: agency,
                    category_id: Some(category),
                    author: admin,
                    title: &innovation.title,
                    status,
                    updated_at: start + 175 * DAY + place as i64 * 3_600_000,
                },
                &[(summary_question, summary.as_str())],
            )
            .await?;
            sqlx::query(
                "INSERT INTO results (proposal_id, competition_id, award, nominated, score, rank,
                     passes, summary, decided_at, decided_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&id)
            .bind(competition_id)
            .bind((status != "not_selected").then_some(status))
            .bind(flag(innovation.nominated))
            .bind(innovation.score)
            .bind(place as i64 + 1)
            .bind(flag(innovation.score >= PASS_MARK))
            .bind(crate::server::results::gallery::shorten(
                &innovation.summary,
                400,
            ))
            .bind(locked_at)
            .bind(admin)
            .execute(&mut **tx)
            .await?;
            // Three judges from outside the agency, their scores around the final one.
            let panel = judges
                .iter()
                .filter(|j| j.agency_id != Some(agency))
                .take(3);
            let base = (innovation.score / 10.0).round() as i64;
            for (k, judge) in panel.enumerate() {
                sqlx::query(
                    "INSERT INTO judge_assignments (round_id, proposal_id, judge_id, assigned_by,
                         assigned_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(round_id)
                .bind(&id)
                .bind(judge.id)
                .bind(admin)
                .bind(start + 215 * DAY)
                .execute(&mut **tx)
                .await?;
                let values: Vec<(i64, i64)> = criteria
                    .iter()
                    .enumerate()
                    .map(|(c, criterion)| {
                        let swing = ((k + c) % 3) as i64 - 1;
                        (*criterion, (base + swing).clamp(1, 10))
                    })
                    .collect();
                let overall = if k == 0 {
                    innovation.comment.as_str()
                } else {
                    ""
                };
                insert_handed_in_sheet(
                    tx,
                    round_id,
                    &id,
                    judge.id,
                    &values,
                    overall,
                    "",
                    start + 280 * DAY,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Midnight WIB (17.00 UTC the day before) at the start of `year`, in ms since the epoch.
fn january_first_ms(year: i64) -> Result<i64, AppError> {
    let date = time::Date::from_calendar_date(year as i32, time::Month::January, 1)
        .map_err(|e| bad_seed(&e.to_string()))?;
    let utc = date.midnight().assume_utc().unix_timestamp() * 1000;
    Ok(utc - 7 * 3_600_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_years_are_consistent() {
        let past: PastYears = toml::from_str(PAST_YEARS).expect("past_years.toml parses");
        let demo: Demo = toml::from_str(crate::server::demo::rows::DEMO).expect("demo.toml parses");
        for year in &past.years {
            let winners = year
                .innovations
                .iter()
                .filter(|i| i.award == "winner")
                .count();
            assert_eq!(winners, 1, "{}: one winner", year.year);
            for i in &year.innovations {
                assert!(
                    demo.agencies.iter().any(|a| a.short == i.agency),
                    "{}: {}",
                    year.year,
                    i.agency
                );
                assert!(demo.categories.iter().any(|c| c.code == i.category));
                assert!(!demo.proposals.iter().any(|p| p.title == i.title));
            }
        }
    }
}
