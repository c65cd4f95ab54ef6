//! The organisers' edits to the proposal form. The form is replaced whole, and only while no
//! proposal has been written against it: answers are stored by question, so changing the
//! questions under a draft would scramble it.

use serde_json::json;

use crate::error::AppError;
use crate::error::{Field, FieldError, FormPart, Problem};
use crate::models::{
    CurrentUser, FormBuilderData, KippSection, OutlineTag, PhaseBlock, SectionInput,
};
use crate::server::infra::audit::AuditAction;

use crate::server::{infra::audit, year::competitions, year::form, Db};

async fn proposals<'e, E>(executor: E, competition_id: i64) -> Result<i64, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE competition_id = $1")
            .bind(competition_id)
            .fetch_one(executor)
            .await?,
    )
}

pub async fn load(db: &Db) -> Result<FormBuilderData, AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    // No agency: the deadline part of the form is not used here.
    let form = form::load(db, competition.id, 0).await?;
    Ok(FormBuilderData {
        sections: form.sections,
        proposals: proposals(&db.pool, competition.id).await?,
    })
}

/// Replaces the current year's form with `sections`.
pub async fn replace(
    db: &Db,
    admin: &CurrentUser,
    sections: &[SectionInput],
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let count = proposals(&mut *tx, competition.id).await?;
    if count > 0 {
        return Err(AppError::PhaseBlocked(PhaseBlock::FormInUse {
            count: count as u32,
        }));
    }
    let before: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM questions q JOIN form_sections s ON s.id = q.section_id
         WHERE s.competition_id = $1",
    )
    .bind(competition.id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM questions WHERE section_id IN
             (SELECT id FROM form_sections WHERE competition_id = $1)",
    )
    .bind(competition.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM form_sections WHERE competition_id = $1")
        .bind(competition.id)
        .execute(&mut *tx)
        .await?;
    for (i, s) in sections.iter().enumerate() {
        let section_id: i64 = sqlx::query_scalar(
            "INSERT INTO form_sections (competition_id, position, title, description)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(competition.id)
        .bind(i as i64)
        .bind(&s.title)
        .bind(&s.description)
        .fetch_one(&mut *tx)
        .await?;
        for (j, q) in s.questions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO questions (section_id, position, kind, label, help, required,
                     word_limit, char_limit, min_value, max_value, options, max_files, purpose,
                     kipp_section)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(section_id)
            .bind(j as i64)
            .bind(q.kind.as_str())
            .bind(&q.label)
            .bind(&q.help)
            .bind(crate::server::infra::db::flag(q.required))
            .bind(q.word_limit.map(i64::from))
            .bind(q.char_limit.map(i64::from))
            .bind(q.min_value)
            .bind(q.max_value)
            .bind(json!(q.options).to_string())
            .bind(q.max_files.map(i64::from))
            .bind(q.is_start_date.then_some("started_on"))
            .bind(q.kipp_section.map(|k| k.as_str()))
            .execute(&mut *tx)
            .await?;
        }
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::FormReplace, "competition", competition.id)
            .before(json!({ "questions": before }))
            .after(json!(sections
                .iter()
                .map(|s| json!({
                    "title": s.title,
                    "questions": s.questions.iter().map(|q| json!([q.kind.as_str(), q.label])).collect::<Vec<_>>(),
                }))
                .collect::<Vec<_>>())),
    )
    .await?;
    Ok(())
}

/// Tags questions of the current year's form with the outline's sections (audited
/// `form.outline`). Refused whole: a question of another year or none (not found), or a section
/// the outline does not have (named by the question's place in the form).
pub async fn tag_outline(
    db: &Db,
    admin: &CurrentUser,
    tags: &[OutlineTag],
) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let current = form::load(db, competition.id, 0).await?;
    let mut changes = Vec::new();
    for tag in tags {
        let id: i64 = tag
            .question
            .trim()
            .parse()
            .map_err(|_| AppError::NotFound)?;
        let (s, q, question) = current
            .sections
            .iter()
            .enumerate()
            .find_map(|(s, section)| {
                section
                    .questions
                    .iter()
                    .enumerate()
                    .find(|(_, q)| q.id == id)
                    .map(|(q, question)| (s, q, question))
            })
            .ok_or(AppError::NotFound)?;
        let section = match tag.section.trim() {
            "" => None,
            name => Some(KippSection::parse(name).ok_or_else(|| {
                FieldError::new(
                    Field::Form {
                        section: s + 1,
                        question: Some(q + 1),
                        part: FormPart::KippSection,
                    },
                    Problem::NotAllowed,
                )
            })?),
        };
        if section != question.kipp_section {
            changes.push((id, question.kipp_section, section));
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for (id, _, section) in &changes {
        sqlx::query("UPDATE questions SET kipp_section = $1 WHERE id = $2")
            .bind(section.map(KippSection::as_str))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let name = |k: &Option<KippSection>| k.map(KippSection::as_str);
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::FormOutline,
            "competition",
            competition.id,
        )
        .before(json!(changes
            .iter()
            .map(|(id, was, _)| json!([id, name(was)]))
            .collect::<Vec<_>>()))
        .after(json!(changes
            .iter()
            .map(|(id, _, now)| json!([id, name(now)]))
            .collect::<Vec<_>>())),
    )
    .await?;
    Ok(())
}
