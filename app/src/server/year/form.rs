//! The proposal form of a competition year: categories, sections, questions.

use sqlx::Row;

use crate::error::AppError;
use crate::models::{CategoryOption, FormSection, ProposalForm, Question, QuestionKind};

use crate::server::infra::db::{get_enum, get_flag};
use crate::server::{year::competitions, Db};

/// The form as the wizard shows it to one agency (its deadline includes any extension).
pub async fn load(db: &Db, competition_id: i64, agency_id: i64) -> Result<ProposalForm, AppError> {
    let row = sqlx::query("SELECT name, min_running_days FROM competitions WHERE id = $1")
        .bind(competition_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let categories = sqlx::query(
        "SELECT id, name FROM categories WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(CategoryOption {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;

    let mut sections: Vec<FormSection> = sqlx::query(
        "SELECT id, title, description FROM form_sections
         WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(FormSection {
            id: r.try_get("id")?,
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            questions: Vec::new(),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;

    let questions = sqlx::query(
        "SELECT q.id, q.section_id, q.kind, q.label, q.help, q.required, q.word_limit,
                q.char_limit, q.min_value, q.max_value, q.options, q.max_files, q.purpose
         FROM questions q JOIN form_sections s ON s.id = q.section_id
         WHERE s.competition_id = $1 ORDER BY q.position, q.id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    for r in &questions {
        let section_id: i64 = r.try_get("section_id")?;
        let options: String = r.try_get("options")?;
        let limit = |c: &str| -> Result<Option<u32>, sqlx::Error> {
            Ok(r.try_get::<Option<i64>, _>(c)?
                .map(|v| v.clamp(0, u32::MAX as i64) as u32))
        };
        let question = Question {
            id: r.try_get("id")?,
            kind: get_enum(r, "kind", QuestionKind::parse)?,
            label: r.try_get("label")?,
            help: r.try_get("help")?,
            required: get_flag(r, "required")?,
            word_limit: limit("word_limit")?,
            char_limit: limit("char_limit")?,
            min_value: r.try_get("min_value")?,
            max_value: r.try_get("max_value")?,
            options: serde_json::from_str(&options).map_err(crate::server::infra::db::internal)?,
            max_files: limit("max_files")?,
            is_start_date: r.try_get::<Option<String>, _>("purpose")?.as_deref()
                == Some("started_on"),
        };
        if let Some(section) = sections.iter_mut().find(|s| s.id == section_id) {
            section.questions.push(question);
        }
    }

    Ok(ProposalForm {
        competition_id,
        competition_name: row.try_get("name")?,
        categories,
        sections,
        min_running_days: row.try_get("min_running_days")?,
        deadline_at: competitions::deadline_for(db, competition_id, agency_id).await?,
    })
}
