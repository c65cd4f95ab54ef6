//! The proposal form of a competition year: categories, sections, questions.

use crate::error::AppError;
use crate::models::{
    CategoryOption, FormSection, KippSection, ProposalForm, Question, QuestionKind,
};

use crate::server::infra::db::{parse_enum, Flag};
use crate::server::{year::competitions, Db};

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    section_id: i64,
    kind: String,
    label: String,
    help: String,
    #[sqlx(try_from = "i64")]
    required: Flag,
    word_limit: Option<i64>,
    char_limit: Option<i64>,
    min_value: Option<i64>,
    max_value: Option<i64>,
    options: String,
    max_files: Option<i64>,
    purpose: Option<String>,
    kipp_section: Option<String>,
}

/// The form as the wizard shows it to one agency (its deadline includes any extension).
pub async fn load(db: &Db, competition_id: i64, agency_id: i64) -> Result<ProposalForm, AppError> {
    let (competition_name, min_running_days): (String, i64) =
        sqlx::query_as("SELECT name, min_running_days FROM competitions WHERE id = $1")
            .bind(competition_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(AppError::NotFound)?;
    let categories = sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM categories WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, name)| CategoryOption { id, name })
    .collect();

    let mut sections: Vec<FormSection> = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT id, title, description FROM form_sections
         WHERE competition_id = $1 ORDER BY position, id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|(id, title, description)| FormSection {
        id,
        title,
        description,
        questions: Vec::new(),
    })
    .collect();

    let questions = sqlx::query_as::<_, QuestionRow>(
        "SELECT q.id, q.section_id, q.kind, q.label, q.help, q.required, q.word_limit,
                q.char_limit, q.min_value, q.max_value, q.options, q.max_files, q.purpose,
                q.kipp_section
         FROM questions q JOIN form_sections s ON s.id = q.section_id
         WHERE s.competition_id = $1 ORDER BY q.position, q.id",
    )
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let limit = |v: Option<i64>| v.map(|v| v.clamp(0, u32::MAX as i64) as u32);
    for r in questions {
        let question = Question {
            id: r.id,
            kind: parse_enum("kind", &r.kind, QuestionKind::parse)?,
            label: r.label,
            help: r.help,
            required: r.required.0,
            word_limit: limit(r.word_limit),
            char_limit: limit(r.char_limit),
            min_value: r.min_value,
            max_value: r.max_value,
            options: serde_json::from_str(&r.options)
                .map_err(crate::server::infra::db::internal)?,
            max_files: limit(r.max_files),
            is_start_date: r.purpose.as_deref() == Some("started_on"),
            // A name this build does not know (written by a newer one) reads as untagged.
            kipp_section: r.kipp_section.as_deref().and_then(KippSection::parse),
        };
        if let Some(section) = sections.iter_mut().find(|s| s.id == r.section_id) {
            section.questions.push(question);
        }
    }

    Ok(ProposalForm {
        competition_id,
        competition_name,
        categories,
        sections,
        min_running_days,
        deadline_at: competitions::deadline_for(db, competition_id, agency_id).await?,
    })
}
