//! The year's categories and the current round's criteria, as the organisers set them up.
//! Criteria are saved as a whole (the weights must total 100 across them) and are fixed once any
//! judge has scored in that round.

use serde_json::json;
use sqlx::{Any, Transaction};

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{CriteriaSetup, CriterionDraft, CurrentUser, PhaseBlock};
use crate::server::http::state::Caches;
use crate::server::infra::audit::AuditAction;
use crate::validation::criteria::{code_of, parse};

use crate::server::infra::db::flag;
use crate::server::{infra::audit, judging, year::competitions, year::rounds, Db};

/// Whether any judge has scored in round `round_id`.
async fn scored(tx: &mut Transaction<'static, Any>, round_id: i64) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM scores s JOIN score_sheets sh ON sh.id = s.sheet_id
         WHERE sh.round_id = $1",
    )
    .bind(round_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub async fn setup(db: &Db) -> Result<CriteriaSetup, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let categories = sqlx::query_as(
        "SELECT id, name, description FROM categories WHERE competition_id = $1
         ORDER BY position, id",
    )
    .bind(competition.id)
    .fetch_all(&db.pool)
    .await?;
    let mut tx = db.pool.begin().await?;
    let round_id = rounds::current(&mut *tx, competition.id).await?;
    let locked = scored(&mut tx, round_id).await?;
    tx.commit().await?;
    Ok(CriteriaSetup {
        categories,
        criteria: judging::criteria(db, competition.id).await?,
        locked,
    })
}

/// Replaces the current round's criteria with `drafts`, if every rule holds and no judge has
/// scored in it.
pub async fn replace(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    drafts: &[CriterionDraft],
) -> Result<(), AppError> {
    let criteria = parse(drafts)?;
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let before: Vec<_> = judging::criteria(db, competition.id)
        .await?
        .iter()
        .map(|c| json!([c.name, c.weight]))
        .collect();
    let mut tx = db.begin_write().await?;
    let round_id = rounds::current(&mut *tx, competition.id).await?;
    if scored(&mut tx, round_id).await? {
        return Err(AppError::PhaseBlocked(PhaseBlock::CriteriaInUse));
    }
    sqlx::query(
        "DELETE FROM rubric_levels WHERE criterion_id IN
             (SELECT id FROM criteria WHERE round_id = $1)",
    )
    .bind(round_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM criteria WHERE round_id = $1")
        .bind(round_id)
        .execute(&mut *tx)
        .await?;
    for (i, c) in criteria.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO criteria (competition_id, round_id, code, name, description, weight,
                 scale_min, scale_max, counts_toward_ranking, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(competition.id)
        .bind(round_id)
        .bind(&c.code)
        .bind(&c.name)
        .bind(&c.description)
        .bind(c.weight)
        .bind(c.scale_min)
        .bind(c.scale_max)
        .bind(flag(c.counts))
        .bind(i as i64)
        .fetch_one(&mut *tx)
        .await?;
        for l in &c.levels {
            sqlx::query(
                "INSERT INTO rubric_levels (criterion_id, score_from, score_to, descriptor)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(l.from)
            .bind(l.to)
            .bind(&l.descriptor)
            .execute(&mut *tx)
            .await?;
        }
    }
    let after: Vec<_> = criteria.iter().map(|c| json!([c.name, c.weight])).collect();
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CriteriaReplace,
            "competition",
            competition.id,
        )
        .before(json!(before))
        .after(json!(after)),
    )
    .await?;
    caches.year_changed();
    Ok(())
}

pub async fn add_category(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    name: &str,
    description: &str,
) -> Result<(), AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError::new(Input::Name, Problem::Required).into());
    }
    if name.chars().count() > 120 {
        return Err(FieldError::new(Input::Name, Problem::TooLong { max: 120 }).into());
    }
    let code = code_of(name);
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let same: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM categories WHERE competition_id = $1 AND code = $2",
    )
    .bind(competition.id)
    .bind(&code)
    .fetch_one(&mut *tx)
    .await?;
    if same > 0 || code.is_empty() {
        return Err(FieldError::new(Input::Name, Problem::NotAllowed).into());
    }
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM categories WHERE competition_id = $1",
    )
    .bind(competition.id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO categories (competition_id, code, name, description, position)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(competition.id)
    .bind(&code)
    .bind(name)
    .bind(description.trim())
    .bind(position)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CategoryAdd,
            "competition",
            competition.id,
        )
        .after(json!({ "name": name })),
    )
    .await?;
    caches.year_changed();
    Ok(())
}

/// Removes a category no proposal uses.
pub async fn remove_category(
    db: &Db,
    caches: &Caches,
    admin: &CurrentUser,
    id: i64,
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM categories WHERE id = $1 AND competition_id = $2")
            .bind(id)
            .bind(competition.id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(name) = name else {
        return Err(AppError::NotFound);
    };
    let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE category_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if used > 0 {
        return Err(AppError::PhaseBlocked(PhaseBlock::CategoryInUse));
    }
    sqlx::query("UPDATE competition_judges SET category_id = NULL WHERE category_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM categories WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CategoryRemove,
            "competition",
            competition.id,
        )
        .before(json!({ "name": name })),
    )
    .await?;
    caches.year_changed();
    Ok(())
}
