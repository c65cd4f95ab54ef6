//! Starting a new competition year, empty or as a copy of the last one's setup (settings,
//! categories, criteria with their rubrics, the proposal form, the judge pool). Proposals,
//! scores, dates and extensions never carry over. Every active agency joins the new year's
//! register.

use std::collections::HashMap;

use serde_json::json;
use sqlx::{Any, Transaction};

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{CurrentUser, Phase, PhaseBlock};
use crate::server::http::state::Caches;
use crate::server::infra::audit::AuditAction;

use crate::server::infra::db::now_ms;
use crate::server::judging::{CriterionRow, CRITERIA};
use crate::server::year::rounds;
use crate::server::{infra::audit, year::competitions, Db};

/// A new year as the admin's form gives it, validated.
pub struct NewYear {
    pub year: i64,
    pub name: String,
    /// Copy the current year's setup.
    pub copy: bool,
}

pub const NAME_MAX: u32 = 150;

pub fn parse(year: &str, name: &str, copy: bool) -> Result<NewYear, FieldError> {
    let year: i64 = year
        .trim()
        .parse()
        .map_err(|_| FieldError::new(Input::Year, Problem::NotANumber))?;
    if !(2000..=2100).contains(&year) {
        return Err(FieldError::new(
            Input::Year,
            Problem::OutOfRange {
                min: Some(2000),
                max: Some(2100),
            },
        ));
    }
    let name = name.trim();
    if name.chars().count() > NAME_MAX as usize {
        return Err(FieldError::new(
            Input::Name,
            Problem::TooLong { max: NAME_MAX },
        ));
    }
    let name = if name.is_empty() {
        format!("Lomba Inovasi Pelayanan Publik {year}")
    } else {
        name.to_string()
    };
    Ok(NewYear { year, name, copy })
}

/// Whether a new year may begin now: there is none yet, or the current one has published its
/// results (two years taking proposals or scores at once would confuse everyone).
pub fn may_start(current: Option<Phase>) -> bool {
    current.is_none_or(|p| p >= Phase::Published)
}

/// What the new-year form needs to know.
pub async fn info(
    db: &Db,
    current: Option<&crate::models::CompetitionSummary>,
) -> Result<crate::models::NewYearInfo, AppError> {
    let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(year) FROM competitions")
        .fetch_one(&db.pool)
        .await?;
    Ok(crate::models::NewYearInfo {
        may_start: may_start(current.map(|c| c.phase)),
        suggested_year: latest.map_or_else(this_year, |y| y + 1),
        can_copy: current.is_some(),
    })
}

fn this_year() -> i64 {
    // Days since the epoch to a Gregorian year, near enough for a suggestion in a form.
    1970 + now_ms() / (365_2425 * 86_400_000 / 10_000)
}

pub async fn create(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    new: &NewYear,
) -> Result<i64, AppError> {
    let current = competitions::current(db).await?;
    if !may_start(current.as_ref().map(|c| c.phase)) {
        return Err(AppError::PhaseBlocked(PhaseBlock::YearRunning));
    }
    let mut tx = db.begin_write().await?;
    let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(year) FROM competitions")
        .fetch_one(&mut *tx)
        .await?;
    if let Some(latest) = latest {
        if new.year == latest {
            return Err(FieldError::new(Input::Year, Problem::AlreadyExists).into());
        }
        if new.year < latest {
            return Err(FieldError::new(
                Input::Year,
                Problem::OutOfRange {
                    min: Some(latest + 1),
                    max: Some(2100),
                },
            )
            .into());
        }
    }
    let source = current.as_ref().filter(|_| new.copy).map(|c| c.id);
    let (blind, per_proposal, min_days): (i64, i64, i64) = match source {
        Some(id) => {
            sqlx::query_as(
                "SELECT blind_judging, judges_per_proposal, min_running_days FROM competitions
                 WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
        }
        None => (0, 3, 365),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO competitions (year, name, phase, blind_judging, judges_per_proposal,
             min_running_days, created_at)
         VALUES ($1, $2, 'setup', $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.year)
    .bind(&new.name)
    .bind(blind)
    .bind(per_proposal)
    .bind(min_days)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let round_id = rounds::add_first(&mut *tx, id, now_ms()).await?;
    sqlx::query(
        "INSERT INTO competition_agencies (competition_id, agency_id)
         SELECT $1, id FROM agencies WHERE active = 1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if let Some(from) = source {
        copy_setup(&mut tx, from, id, round_id).await?;
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::CompetitionCreate, "competition", id)
            .after(json!({ "year": new.year, "name": new.name, "copied_from": source })),
    )
    .await?;
    caches.year_changed();
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    code: String,
    name: String,
    description: String,
    position: i64,
}

#[derive(sqlx::FromRow)]
struct SectionRow {
    id: i64,
    position: i64,
    title: String,
    description: String,
}

/// Copies categories, the first round's criteria with rubrics (into `to_round`, the new year's
/// first round), the form and the judge pool from one year to another.
async fn copy_setup(
    tx: &mut Transaction<'static, Any>,
    from: i64,
    to: i64,
    to_round: i64,
) -> Result<(), AppError> {
    let mut category_ids = HashMap::new();
    let categories = sqlx::query_as::<_, CategoryRow>(
        "SELECT id, code, name, description, position FROM categories WHERE competition_id = $1",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    for c in categories {
        let new_id: i64 = sqlx::query_scalar(
            "INSERT INTO categories (competition_id, code, name, description, position)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(to)
        .bind(c.code)
        .bind(c.name)
        .bind(c.description)
        .bind(c.position)
        .fetch_one(&mut **tx)
        .await?;
        category_ids.insert(c.id, new_id);
    }

    let from_round = rounds::first(&mut **tx, from).await?;
    let criteria = sqlx::query_as::<_, CriterionRow>(CRITERIA)
        .bind(from_round)
        .fetch_all(&mut **tx)
        .await?;
    for c in criteria {
        let new_id: i64 = sqlx::query_scalar(
            "INSERT INTO criteria (competition_id, round_id, code, name, description, weight,
                 scale_min, scale_max, counts_toward_ranking, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(to)
        .bind(to_round)
        .bind(c.code)
        .bind(c.name)
        .bind(c.description)
        .bind(c.weight)
        .bind(c.scale_min)
        .bind(c.scale_max)
        .bind(c.counts_toward_ranking)
        .bind(c.position)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO rubric_levels (criterion_id, score_from, score_to, descriptor)
             SELECT $1, score_from, score_to, descriptor FROM rubric_levels
             WHERE criterion_id = $2",
        )
        .bind(new_id)
        .bind(c.id)
        .execute(&mut **tx)
        .await?;
    }

    let sections = sqlx::query_as::<_, SectionRow>(
        "SELECT id, position, title, description FROM form_sections WHERE competition_id = $1",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    for s in sections {
        let new_id: i64 = sqlx::query_scalar(
            "INSERT INTO form_sections (competition_id, position, title, description)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(to)
        .bind(s.position)
        .bind(s.title)
        .bind(s.description)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO questions (section_id, position, kind, label, help, required, word_limit,
                 char_limit, min_value, max_value, options, max_files, purpose, kipp_section)
             SELECT $1, position, kind, label, help, required, word_limit, char_limit, min_value,
                 max_value, options, max_files, purpose, kipp_section
             FROM questions WHERE section_id = $2",
        )
        .bind(new_id)
        .bind(s.id)
        .execute(&mut **tx)
        .await?;
    }

    let judges: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT j.user_id, j.category_id FROM competition_judges j JOIN users u ON u.id = j.user_id
         WHERE j.competition_id = $1 AND u.active = 1",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    for (user_id, category_id) in judges {
        let category = category_id.and_then(|c| category_ids.get(&c).copied());
        sqlx::query(
            "INSERT INTO competition_judges (competition_id, user_id, category_id)
             VALUES ($1, $2, $3)",
        )
        .bind(to)
        .bind(user_id)
        .bind(category)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_a_plausible_number() {
        assert_eq!(
            parse("20x7", "", false).err().map(|e| e.problem),
            Some(Problem::NotANumber)
        );
        assert!(matches!(
            parse("1999", "", false).err().map(|e| e.problem),
            Some(Problem::OutOfRange { .. })
        ));
        let y = parse(" 2027 ", " ", true).expect("valid");
        assert_eq!(y.name, "Lomba Inovasi Pelayanan Publik 2027");
        assert!(y.copy);
    }

    #[test]
    fn a_new_year_waits_for_the_last_to_publish() {
        assert!(may_start(None));
        assert!(!may_start(Some(Phase::Judging)));
        assert!(!may_start(Some(Phase::Deliberation)));
        assert!(may_start(Some(Phase::Published)));
        assert!(may_start(Some(Phase::Archived)));
    }
}
