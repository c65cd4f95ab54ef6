//! Competition years and their phase dates.

use crate::error::AppError;
use crate::models::{CompetitionSummary, Phase, PhaseDates};

use crate::server::infra::db::{for_update, parse_enum};
use crate::server::Db;

#[derive(sqlx::FromRow)]
struct CompetitionRow {
    id: i64,
    year: i64,
    name: String,
    phase: String,
}

/// The year people are working on: the newest one that is not archived, else the newest.
pub async fn current(db: &Db) -> Result<Option<CompetitionSummary>, AppError> {
    let row = sqlx::query_as::<_, CompetitionRow>(
        "SELECT id, year, name, phase FROM competitions
         ORDER BY CASE WHEN phase = 'archived' THEN 1 ELSE 0 END, year DESC, id DESC
         LIMIT 1",
    )
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let phases = sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT phase, starts_at, ends_at FROM competition_phases
         WHERE competition_id = $1 ORDER BY starts_at",
    )
    .bind(row.id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(phase, starts_at, ends_at)| {
        Ok(PhaseDates {
            phase: parse_enum("phase", &phase, Phase::parse)?,
            starts_at,
            ends_at,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Some(CompetitionSummary {
        id: row.id,
        year: row.year as i32,
        phase: parse_enum("phase", &row.phase, Phase::parse)?,
        name: row.name,
        phases,
    }))
}

/// The phase of the current year, for phase-bound permission rules.
pub async fn current_phase(db: &Db) -> Result<Option<Phase>, AppError> {
    Ok(current(db).await?.map(|c| c.phase))
}

/// The submission deadline that binds one agency: its extension if it has one, else the end of
/// the submission phase.
pub async fn deadline_for(
    db: &Db,
    competition_id: i64,
    agency_id: i64,
) -> Result<Option<i64>, AppError> {
    let extension: Option<i64> = sqlx::query_scalar(
        "SELECT deadline_at FROM deadline_extensions WHERE competition_id = $1 AND agency_id = $2",
    )
    .bind(competition_id)
    .bind(agency_id)
    .fetch_optional(&db.pool)
    .await?;
    if extension.is_some() {
        return Ok(extension);
    }
    year_deadline(db, competition_id).await
}

/// The submission deadline of the year itself, without any agency's extension.
pub async fn year_deadline(db: &Db, competition_id: i64) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT ends_at FROM competition_phases WHERE competition_id = $1 AND phase = 'submission_open'",
    )
    .bind(competition_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// The current year's id and phase, its row locked for the rest of the transaction, so that a
/// change that depends on the phase cannot interleave with a phase move.
pub async fn lock_current(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
) -> Result<(i64, Phase), AppError> {
    let year = current(db).await?.ok_or(AppError::NotFound)?;
    let phase: String = sqlx::query_scalar(&format!(
        "SELECT phase FROM competitions WHERE id = $1{}",
        for_update(db.backend)
    ))
    .bind(year.id)
    .fetch_one(&mut **tx)
    .await?;
    Ok((year.id, parse_enum("phase", &phase, Phase::parse)?))
}
