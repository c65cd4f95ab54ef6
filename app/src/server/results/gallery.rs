//! The public gallery: every judged innovation of a year whose results are published, searchable
//! by anyone, with an open-data export and a way to say "I want to replicate this".
//!
//! It reads only what locking froze into `results` (award, summary) and the proposals' titles, so
//! a published page never changes under its readers.

use std::collections::HashMap;

use sqlx::Row;

use super::JUDGED;
use crate::error::{AppError, FieldError, Problem};
use crate::models::{Award, GalleryDetail, GalleryFilter, GalleryItem, GalleryPage, ProposalPrint};
use crate::server::db::{internal, now_ms};
use crate::server::{forms, proposals, Db};

pub const PAGE_SIZE: u32 = crate::models::GALLERY_PAGE_SIZE;
/// Longest search text taken; anything beyond is cut, never refused.
const MAX_QUERY: usize = 100;
/// Longest summary kept for the gallery card and the link preview.
const SUMMARY_CHARS: usize = 400;

/// Per judged proposal of a year, its summary: the answer to the form's first long question.
pub async fn summaries(db: &Db, competition_id: i64) -> Result<HashMap<String, String>, AppError> {
    let question: Option<i64> = sqlx::query_scalar(
        "SELECT q.id FROM questions q JOIN form_sections fs ON fs.id = q.section_id
         WHERE fs.competition_id = $1 AND q.kind = 'long_text'
         ORDER BY fs.position, fs.id, q.position, q.id LIMIT 1",
    )
    .bind(competition_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(question) = question else {
        return Ok(HashMap::new());
    };
    let rows = sqlx::query(&format!(
        "SELECT pf.proposal_id, pf.value FROM proposal_fields pf
         JOIN proposals p ON p.id = pf.proposal_id
         WHERE p.competition_id = $1 AND p.status IN {JUDGED} AND pf.field = $2"
    ))
    .bind(competition_id)
    .bind(crate::models::question_field(question))
    .fetch_all(&db.pool)
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in &rows {
        let value: String = r.try_get("value")?;
        let text = serde_json::from_str::<serde_json::Value>(&value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.insert(r.try_get("proposal_id")?, shorten(&text, SUMMARY_CHARS));
    }
    Ok(out)
}

/// At most `max` characters, cut at a word with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

/// A search text as a LIKE pattern: lower case, its own `%`, `_` and `\` taken literally.
pub fn like_pattern(q: &str) -> Option<String> {
    let q: String = q.trim().chars().take(MAX_QUERY).collect();
    if q.is_empty() {
        return None;
    }
    let mut out = String::from("%");
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    Some(out)
}

const FROM: &str = "FROM results r
     JOIN proposals p ON p.id = r.proposal_id
     JOIN competitions c ON c.id = r.competition_id
     JOIN agencies a ON a.id = p.agency_id
     LEFT JOIN categories cat ON cat.id = p.category_id
     WHERE c.phase IN ('published', 'archived')";

fn item(r: &sqlx::any::AnyRow) -> Result<GalleryItem, sqlx::Error> {
    let award: Option<String> = r.try_get("award")?;
    Ok(GalleryItem {
        proposal_id: r.try_get("id")?,
        title: r.try_get("title")?,
        summary: r.try_get("summary")?,
        agency_name: r.try_get("agency_name")?,
        category_name: r.try_get("category_name")?,
        year: r.try_get::<i64, _>("year")? as i32,
        award: award.as_deref().and_then(Award::parse),
    })
}

const COLUMNS: &str = "p.id, p.title, r.summary, a.name AS agency_name, cat.name AS category_name,
     c.year, r.award";

/// Published innovations matching the filter, winners first, then finalists, then by title.
/// `limit` None: all of them (the open-data export).
pub async fn search(
    db: &Db,
    filter: &GalleryFilter,
    page: u32,
    limit: Option<u32>,
) -> Result<GalleryPage, AppError> {
    let mut sql = String::new();
    let mut binds: Vec<String> = Vec::new();
    let next = |value: String, binds: &mut Vec<String>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    if let Some(pattern) = filter.q.as_deref().and_then(like_pattern) {
        let n = next(pattern, &mut binds);
        sql.push_str(&format!(
            " AND (LOWER(p.title) LIKE {n} ESCAPE '\\' OR LOWER(a.name) LIKE {n} ESCAPE '\\'
                   OR LOWER(r.summary) LIKE {n} ESCAPE '\\')"
        ));
    }
    if let Some(year) = filter
        .year
        .as_deref()
        .and_then(|y| y.trim().parse::<i32>().ok())
    {
        let n = next(year.to_string(), &mut binds);
        sql.push_str(&format!(" AND CAST(c.year AS TEXT) = {n}"));
    }
    if let Some(category) = filter.category.as_deref().filter(|c| !c.trim().is_empty()) {
        let n = next(category.trim().to_string(), &mut binds);
        sql.push_str(&format!(" AND cat.name = {n}"));
    }
    match filter.award.as_deref().map(str::trim) {
        Some("winner") => sql.push_str(" AND r.award = 'winner'"),
        Some("finalist") => sql.push_str(" AND r.award IN ('winner', 'finalist')"),
        _ => {}
    }
    let count_sql = format!("SELECT COUNT(*) {FROM}{sql}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &binds {
        count = count.bind(b);
    }
    let total = count.fetch_one(&db.pool).await?;

    let mut list_sql = format!(
        "SELECT {COLUMNS} {FROM}{sql}
         ORDER BY c.year DESC,
                  CASE r.award WHEN 'winner' THEN 0 WHEN 'finalist' THEN 1 ELSE 2 END,
                  p.title, p.id"
    );
    if let Some(limit) = limit {
        list_sql.push_str(&format!(
            " LIMIT {limit} OFFSET {}",
            u64::from(page.saturating_sub(1)) * u64::from(limit)
        ));
    }
    let mut list = sqlx::query(&list_sql);
    for b in &binds {
        list = list.bind(b);
    }
    let items = list
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(item)
        .collect::<Result<Vec<_>, _>>()?;

    let years: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT year FROM competitions WHERE phase IN ('published', 'archived')
         ORDER BY year DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    let categories: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT cat.name FROM categories cat JOIN competitions c
             ON c.id = cat.competition_id
         WHERE c.phase IN ('published', 'archived') ORDER BY cat.name",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(GalleryPage {
        items,
        years: years.into_iter().map(|y| y as i32).collect(),
        categories,
        total: total as u32,
    })
}

/// One published innovation: its card, the proposal as written (without its files and notes)
/// and how many asked to replicate it.
pub async fn detail(db: &Db, proposal_id: &str) -> Result<GalleryDetail, AppError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} {FROM} AND p.id = $1"))
        .bind(proposal_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let item = item(&row)?;
    let proposal = proposals::find(db, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = forms::load(db, proposal.competition_id, proposal.agency_id).await?;
    let mut state = proposals::state(db, &proposal).await?;
    // Files stay with the agency and the judges; notes were never public.
    state.attachments.clear();
    state.head_note = None;
    let interests: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM replication_interests WHERE proposal_id = $1")
            .bind(proposal_id)
            .fetch_one(&db.pool)
            .await?;
    Ok(GalleryDetail {
        item,
        print: ProposalPrint { form, state },
        interests: interests as u32,
    })
}

/// The open data as CSV: one row per published innovation.
pub fn to_csv(items: &[GalleryItem], lang: crate::i18n::Lang) -> Result<Vec<u8>, AppError> {
    use crate::i18n::PageKey;
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record([
            PageKey::YearNumber.text(lang),
            PageKey::ColTitle.text(lang),
            PageKey::Agency.text(lang),
            PageKey::CategoryLabel.text(lang),
            PageKey::ColAward.text(lang),
            PageKey::Summary.text(lang),
            "id",
        ])
        .map_err(internal)?;
        for i in items {
            w.write_record([
                i.year.to_string().as_str(),
                &i.title,
                &i.agency_name,
                i.category_name.as_deref().unwrap_or_default(),
                super::exports::award_label(i.award, lang),
                &i.summary,
                &i.proposal_id,
            ])
            .map_err(internal)?;
        }
        w.flush().map_err(internal)?;
    }
    Ok(out)
}

/// What a visitor typed into "I want to replicate this".
#[derive(Clone, Debug, PartialEq)]
pub struct InterestInput<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub contact: &'a str,
    pub message: &'a str,
}

fn text(field: &str, value: &str, required: bool, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(field, Problem::TooLong { max: max as u32 }));
    }
    Ok(value.to_string())
}

/// Records an interest in replicating a published innovation, for its agency to follow up.
pub async fn record_interest(
    db: &Db,
    proposal_id: &str,
    input: InterestInput<'_>,
) -> Result<(), AppError> {
    let name = text("name", input.name, true, 100)?;
    let organisation = text("organisation", input.organisation, true, 150)?;
    let contact = text("contact", input.contact, true, 150)?;
    let message = text("message", input.message, false, 1000)?;
    let published: Option<String> =
        sqlx::query_scalar(&format!("SELECT p.id {FROM} AND p.id = $1"))
            .bind(proposal_id)
            .fetch_optional(&db.pool)
            .await?;
    if published.is_none() {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "INSERT INTO replication_interests (proposal_id, name, organisation, contact, message,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(proposal_id)
    .bind(name)
    .bind(organisation)
    .bind(contact)
    .bind(message)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map_err(internal)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_taken_literally() {
        assert_eq!(like_pattern("  "), None);
        assert_eq!(like_pattern("KIR"), Some("%kir%".into()));
        assert_eq!(like_pattern("100%_a\\b"), Some("%100\\%\\_a\\\\b%".into()));
        let long = "x".repeat(500);
        assert_eq!(like_pattern(&long).map(|p| p.len()), Some(102));
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(shorten("satu dua tiga", 100), "satu dua tiga");
        assert_eq!(shorten("satu dua tiga", 10), "satu dua…");
    }
}
