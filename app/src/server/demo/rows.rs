//! The demo's data (`demo.toml`) and the rows it becomes: phases, categories, criteria, the
//! form, proposals and handed-in sheets. The current year (`mod.rs`) and the past years
//! (`past_years.rs`) are both written with these.

use serde::Deserialize;
use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::models::{question_field, CATEGORY_FIELD, TITLE_FIELD};
use crate::server::infra::db::{flag, internal};
use crate::server::judging::handed_in;
use crate::server::year::rounds;

pub(super) const DEMO: &str = include_str!("demo.toml");

pub(super) const DAY: i64 = 86_400_000;

#[derive(Deserialize)]
pub(super) struct Demo {
    pub(super) competition: CompetitionSeed,
    pub(super) identity: IdentitySeed,
    pub(super) categories: Vec<CategorySeed>,
    pub(super) criteria: Vec<CriterionSeed>,
    pub(super) sections: Vec<SectionSeed>,
    pub(super) agencies: Vec<AgencySeed>,
    pub(super) accounts: Vec<AccountSeed>,
    pub(super) proposals: Vec<ProposalSeed>,
    #[serde(default)]
    pub(super) judging_proposals: Vec<ProposalSeed>,
    /// The presentation round's criteria (`seed-demo --presentation`).
    pub(super) presentation_criteria: Vec<CriterionSeed>,
    /// More proposals in the presentation demo, so that its desk round leaves some out.
    #[serde(default)]
    pub(super) presentation_proposals: Vec<ProposalSeed>,
}

#[derive(Deserialize)]
pub(super) struct IdentitySeed {
    pub(super) government: String,
    pub(super) place: String,
}

#[derive(Deserialize)]
pub(super) struct CompetitionSeed {
    pub(super) year: i64,
    pub(super) name: String,
}

#[derive(Deserialize)]
pub(super) struct CategorySeed {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) description: String,
}

#[derive(Deserialize)]
pub(super) struct CriterionSeed {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) weight: i64,
    /// (from, to, what scores in that band mean)
    pub(super) levels: Vec<(i64, i64, String)>,
}

#[derive(Deserialize)]
pub(super) struct SectionSeed {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) questions: Vec<QuestionSeed>,
}

#[derive(Deserialize)]
pub(super) struct QuestionSeed {
    pub(super) code: String,
    pub(super) kind: String,
    pub(super) label: String,
    #[serde(default)]
    pub(super) help: String,
    #[serde(default)]
    pub(super) required: bool,
    pub(super) word_limit: Option<i64>,
    #[serde(default)]
    pub(super) options: Vec<String>,
    pub(super) max_files: Option<i64>,
    pub(super) min_value: Option<i64>,
    pub(super) max_value: Option<i64>,
    pub(super) purpose: Option<String>,
    pub(super) kipp_section: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct AgencySeed {
    pub(super) name: String,
    pub(super) short: String,
    pub(super) kind: String,
    pub(super) head: String,
}

#[derive(Deserialize)]
pub(super) struct AccountSeed {
    pub(super) email: String,
    pub(super) name: String,
    pub(super) role: String,
    pub(super) agency: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct ProposalSeed {
    pub(super) agency: String,
    pub(super) author: String,
    pub(super) title: String,
    pub(super) status: String,
    pub(super) category: String,
    #[serde(default)]
    pub(super) answers: std::collections::BTreeMap<String, String>,
}

pub(super) fn bad_seed(what: &str) -> AppError {
    internal(format!("demo.toml: {what}"))
}

/// A year's phases: (phase, first moment, last moment) in ms since the epoch.
pub(super) async fn insert_phases(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    dates: &[(&str, i64, i64)],
) -> Result<(), AppError> {
    for (phase, starts, ends) in dates {
        sqlx::query(
            "INSERT INTO competition_phases (competition_id, phase, starts_at, ends_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(competition_id)
        .bind(*phase)
        .bind(*starts)
        .bind(*ends)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The year's categories, as in `demo.toml`; returns each one's code with its id.
pub(super) async fn insert_categories<'a>(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    categories: &'a [CategorySeed],
) -> Result<Vec<(&'a str, i64)>, AppError> {
    let mut ids = Vec::new();
    for (i, c) in categories.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO categories (competition_id, code, name, description, position)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(competition_id)
        .bind(&c.code)
        .bind(&c.name)
        .bind(&c.description)
        .bind(i as i64)
        .fetch_one(&mut **tx)
        .await?;
        ids.push((c.code.as_str(), id));
    }
    Ok(ids)
}

/// The criteria of the year's first round with their rubric bands, as in `demo.toml`; returns
/// their ids in order.
pub(super) async fn insert_criteria(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    criteria: &[CriterionSeed],
) -> Result<Vec<i64>, AppError> {
    let round_id = rounds::first(&mut **tx, competition_id).await?;
    insert_round_criteria(tx, competition_id, round_id, criteria).await
}

/// Round `round_id`'s criteria, as in `demo.toml`; returns their ids in order.
pub(super) async fn insert_round_criteria(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    round_id: i64,
    criteria: &[CriterionSeed],
) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        let criterion_id: i64 = sqlx::query_scalar(
            "INSERT INTO criteria (competition_id, round_id, code, name, weight, scale_min,
                 scale_max, counts_toward_ranking, position)
             VALUES ($1, $2, $3, $4, $5, 1, 10, 1, $6) RETURNING id",
        )
        .bind(competition_id)
        .bind(round_id)
        .bind(&c.code)
        .bind(&c.name)
        .bind(c.weight)
        .bind(i as i64)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(criterion_id);
        for (from, to, descriptor) in &c.levels {
            sqlx::query(
                "INSERT INTO rubric_levels (criterion_id, score_from, score_to, descriptor)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(criterion_id)
            .bind(*from)
            .bind(*to)
            .bind(descriptor)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(ids)
}

/// The year's form: its sections and questions, as in `demo.toml`; returns each question's
/// code with its id.
pub(super) async fn insert_form<'a>(
    tx: &mut Transaction<'static, Any>,
    competition_id: i64,
    sections: &'a [SectionSeed],
) -> Result<Vec<(&'a str, i64)>, AppError> {
    let mut question_ids: Vec<(&str, i64)> = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        let section_id: i64 = sqlx::query_scalar(
            "INSERT INTO form_sections (competition_id, position, title, description)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(competition_id)
        .bind(s as i64)
        .bind(&section.title)
        .bind(&section.description)
        .fetch_one(&mut **tx)
        .await?;
        for (q, question) in section.questions.iter().enumerate() {
            let options = serde_json::to_string(&question.options).map_err(internal)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO questions (section_id, position, kind, label, help, required,
                     word_limit, options, max_files, min_value, max_value, purpose, kipp_section)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(section_id)
            .bind(q as i64)
            .bind(&question.kind)
            .bind(&question.label)
            .bind(&question.help)
            .bind(flag(question.required))
            .bind(question.word_limit)
            .bind(options)
            .bind(question.max_files)
            .bind(question.min_value)
            .bind(question.max_value)
            .bind(question.purpose.as_deref())
            .bind(question.kipp_section.as_deref())
            .fetch_one(&mut **tx)
            .await?;
            question_ids.push((question.code.as_str(), id));
        }
    }
    Ok(question_ids)
}

/// A judge assigned to a proposal in round `round`.
pub(super) async fn insert_assignment(
    tx: &mut Transaction<'static, Any>,
    round: i64,
    proposal: &str,
    judge: i64,
    by: i64,
    at: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO judge_assignments (round_id, proposal_id, judge_id, assigned_by, assigned_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(round)
    .bind(proposal)
    .bind(judge)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One judge's sheet in round `round`, handed in: every criterion scored (`values`: criterion
/// id, score), the overall comment and a comment on the first criterion, with the copy the
/// ranking reads.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_handed_in_sheet(
    tx: &mut Transaction<'static, Any>,
    round: i64,
    proposal: &str,
    judge: i64,
    values: &[(i64, i64)],
    overall: &str,
    first_comment: &str,
    at: i64,
) -> Result<(), AppError> {
    let sheet = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO score_sheets (id, round_id, proposal_id, judge_id, status, status_version,
             version, overall_comment, overall_version, created_at, updated_at, submitted_at,
             handed_in)
         VALUES ($1, $2, $3, $4, 'submitted', 1, 1, $5, 1, $6, $6, $6, $7)",
    )
    .bind(&sheet)
    .bind(round)
    .bind(proposal)
    .bind(judge)
    .bind(overall)
    .bind(at)
    .bind(handed_in::encode(values.iter().copied()))
    .execute(&mut **tx)
    .await?;
    for (c, (criterion, value)) in values.iter().enumerate() {
        sqlx::query(
            "INSERT INTO scores (sheet_id, criterion_id, value, value_version, comment,
                 comment_version, updated_at)
             VALUES ($1, $2, $3, 1, $4, 1, $5)",
        )
        .bind(&sheet)
        .bind(criterion)
        .bind(value)
        .bind(if c == 0 { first_comment } else { "" })
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(super) const DEMO_COMMENTS: [&str; 3] = [
    "Dampak bagi warga jelas dan terukur; dokumentasi data sebelum-sesudah sudah baik.",
    "Perlu bukti keberlanjutan anggaran dan rencana replikasi ke kecamatan lain.",
    "Gagasan sederhana namun tepat sasaran; libatkan lebih banyak mitra desa.",
];

pub(super) struct DemoProposal<'a> {
    pub(super) competition_id: i64,
    pub(super) agency_id: i64,
    pub(super) category_id: Option<i64>,
    pub(super) author: i64,
    pub(super) title: &'a str,
    pub(super) status: &'a str,
    pub(super) updated_at: i64,
}

pub(super) async fn insert_demo_proposal(
    tx: &mut Transaction<'static, Any>,
    p: DemoProposal<'_>,
    answers: &[(i64, &str)],
) -> Result<String, AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    let submitted = matches!(p.status, "submitted" | "screened_in");
    sqlx::query(
        "INSERT INTO proposals (id, competition_id, agency_id, category_id, title, status, version,
             created_by, created_at, updated_at, submitted_at, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&id)
    .bind(p.competition_id)
    .bind(p.agency_id)
    .bind(p.category_id)
    .bind(p.title)
    .bind(p.status)
    .bind(1_i64)
    .bind(p.author)
    .bind(p.updated_at - 7 * DAY)
    .bind(p.updated_at)
    .bind(submitted.then_some(p.updated_at))
    .bind(submitted.then_some(p.author))
    .execute(&mut **tx)
    .await?;
    // Every field was written by the first (and only) version.
    let title = serde_json::to_string(p.title).map_err(internal)?;
    let mut fields = vec![(TITLE_FIELD.to_string(), title)];
    if let Some(category) = p.category_id {
        fields.push((CATEGORY_FIELD.to_string(), category.to_string()));
    }
    for (question_id, value) in answers {
        fields.push((question_field(*question_id), value.to_string()));
    }
    for (field, value) in fields {
        sqlx::query(
            "INSERT INTO proposal_fields (proposal_id, field, value, version, updated_at, updated_by)
             VALUES ($1, $2, $3, 1, $4, $5)",
        )
        .bind(&id)
        .bind(field)
        .bind(value)
        .bind(p.updated_at)
        .bind(p.author)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Every assigned judge hands in a full sheet. Scores come from a fixed formula over the
/// proposal's and the judge's place, so the ranking is the same at every seeding, has a clear
/// leader, and the judges disagree on one proposal.
pub(super) async fn hand_in_demo_sheets(
    tx: &mut Transaction<'static, Any>,
    round_id: i64,
    now: i64,
    // Only these proposals' sheets (none: every assigned one).
    only: Option<&[String]>,
) -> Result<(), AppError> {
    let assignments: Vec<(String, i64)> = sqlx::query_as(
        "SELECT ja.proposal_id, ja.judge_id FROM judge_assignments ja
         JOIN proposals p ON p.id = ja.proposal_id
         WHERE ja.round_id = $1 ORDER BY p.title, ja.judge_id",
    )
    .bind(round_id)
    .fetch_all(&mut **tx)
    .await?;
    let criteria: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM criteria WHERE round_id = $1 ORDER BY position, id")
            .bind(round_id)
            .fetch_all(&mut **tx)
            .await?;
    let mut titles: Vec<String> = Vec::new();
    for (n, (proposal, judge)) in assignments.into_iter().enumerate() {
        if only.is_some_and(|only| !only.contains(&proposal)) {
            continue;
        }
        if !titles.contains(&proposal) {
            titles.push(proposal.clone());
        }
        let p = titles.len() as i64 - 1;
        // 9 for the first proposal, then lower; the second proposal splits its judges.
        let base = 9 - p.min(5);
        let values: Vec<(i64, i64)> = criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| {
                let swing = if p == 1 {
                    (judge % 3) * 3 - 3
                } else {
                    (judge + c as i64) % 2
                };
                (*criterion, (base + swing).clamp(1, 10))
            })
            .collect();
        insert_handed_in_sheet(
            tx,
            round_id,
            &proposal,
            judge,
            &values,
            DEMO_COMMENTS[n % DEMO_COMMENTS.len()],
            DEMO_COMMENTS[(n + 1) % DEMO_COMMENTS.len()],
            now - DAY + n as i64 * 60_000,
        )
        .await?;
    }
    Ok(())
}
