//! The public gallery: every judged innovation of a year whose results are published, searchable
//! by anyone, with an open-data export and a way to say "I want to replicate this".
//!
//! It reads only what locking froze into `results` (award, summary) and the proposals' titles, so
//! a published page never changes under its readers.

use std::collections::HashMap;

use super::JUDGED;
use crate::error::{AppError, Input};
use crate::models::{Award, GalleryDetail, GalleryFilter, GalleryItem, GalleryPage, ProposalPrint};
use crate::server::infra::cache::Cached;
use crate::server::infra::db::{internal, now_ms};
use crate::server::{submission::proposals, year::form, Db};
use crate::validation::text;

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
    let rows = sqlx::query_as::<_, (String, String)>(&format!(
        "SELECT pf.proposal_id, pf.value FROM proposal_fields pf
         JOIN proposals p ON p.id = pf.proposal_id
         WHERE p.competition_id = $1 AND p.status IN {JUDGED} AND pf.field = $2"
    ))
    .bind(competition_id)
    .bind(crate::models::question_field(question))
    .fetch_all(&db.pool)
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for (proposal_id, value) in rows {
        let text = serde_json::from_str::<serde_json::Value>(&value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.insert(proposal_id, shorten(&text, SUMMARY_CHARS));
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

/// A search text as the gallery matches it: trimmed, lower case, at most `MAX_QUERY`
/// characters; `None` when nothing is left. Every character is taken literally.
pub fn search_text(q: &str) -> Option<String> {
    let q: String = q.trim().chars().take(MAX_QUERY).collect();
    (!q.is_empty()).then(|| q.to_lowercase())
}

const FROM: &str = "FROM results r
     JOIN proposals p ON p.id = r.proposal_id
     JOIN competitions c ON c.id = r.competition_id
     JOIN agencies a ON a.id = p.agency_id
     LEFT JOIN categories cat ON cat.id = p.category_id
     WHERE c.phase IN ('published', 'archived')";

#[derive(sqlx::FromRow)]
struct ItemRow {
    proposal_id: String,
    title: String,
    summary: String,
    agency_name: String,
    category_name: Option<String>,
    year: i64,
    award: Option<String>,
}

fn item(r: ItemRow) -> GalleryItem {
    GalleryItem {
        proposal_id: r.proposal_id,
        title: r.title,
        summary: r.summary,
        agency_name: r.agency_name,
        category_name: r.category_name,
        year: r.year as i32,
        award: r.award.as_deref().and_then(Award::parse),
    }
}

const COLUMNS: &str = "p.id AS proposal_id, p.title, r.summary, a.name AS agency_name,
     cat.name AS category_name, c.year, r.award";

/// Every published innovation, in the gallery's order, with what its filters offer. Kept in
/// memory (`Caches::gallery`): published results are frozen, so this changes only when a year is
/// published or archived or an agency renamed, and those moments invalidate it.
#[derive(Debug, Default)]
pub struct Published {
    items: Vec<GalleryItem>,
    /// Per item, the lower-case text a search looks in: title, agency and summary.
    haystacks: Vec<String>,
    years: Vec<i32>,
    categories: Vec<String>,
}

impl Published {
    fn new(mut items: Vec<GalleryItem>) -> Published {
        let award_order = |a: Option<Award>| match a {
            Some(Award::Winner) => 0,
            Some(Award::Finalist) => 1,
            None => 2,
        };
        // Newest year first, winners then finalists, then by title.
        items.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then(award_order(a.award).cmp(&award_order(b.award)))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.proposal_id.cmp(&b.proposal_id))
        });
        let haystacks = items
            .iter()
            .map(|i| format!("{}\n{}\n{}", i.title, i.agency_name, i.summary).to_lowercase())
            .collect();
        let mut years: Vec<i32> = items.iter().map(|i| i.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut categories: Vec<String> = items
            .iter()
            .filter_map(|i| i.category_name.clone())
            .collect();
        categories.sort();
        categories.dedup();
        Published {
            items,
            haystacks,
            years,
            categories,
        }
    }

    /// The items matching the filter, in order; a filter value that means nothing (an odd year,
    /// an unknown award) filters nothing rather than failing.
    pub fn matching<'a>(&'a self, filter: &GalleryFilter) -> impl Iterator<Item = &'a GalleryItem> {
        let text = filter.q.as_deref().and_then(search_text);
        let year = filter
            .year
            .as_deref()
            .and_then(|y| y.trim().parse::<i32>().ok());
        let category = filter
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let awards: &[Award] = match filter.award.as_deref().map(str::trim) {
            Some("winner") => &[Award::Winner],
            Some("finalist") => &[Award::Winner, Award::Finalist],
            _ => &[],
        };
        self.items
            .iter()
            .zip(&self.haystacks)
            .filter(move |(item, haystack)| {
                text.as_deref().is_none_or(|t| haystack.contains(t))
                    && year.is_none_or(|y| item.year == y)
                    && category
                        .as_deref()
                        .is_none_or(|c| item.category_name.as_deref() == Some(c))
                    && (awards.is_empty() || item.award.is_some_and(|a| awards.contains(&a)))
            })
            .map(|(item, _)| item)
    }
}

async fn load_published(db: &Db) -> Result<Published, AppError> {
    let items = sqlx::query_as::<_, ItemRow>(&format!("SELECT {COLUMNS} {FROM}"))
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(item)
        .collect();
    Ok(Published::new(items))
}

/// Published innovations matching the filter, winners first, then finalists, then by title.
/// `limit` None: all of them (the open-data export).
pub async fn search(
    db: &Db,
    cache: &Cached<Published>,
    filter: &GalleryFilter,
    page: u32,
    limit: Option<u32>,
) -> Result<GalleryPage, AppError> {
    let published = cache.get_or_load(|| load_published(db)).await?;
    let skip = limit.map_or(0, |l| page.saturating_sub(1) as usize * l as usize);
    let take = limit.map_or(usize::MAX, |l| l as usize);
    let mut total: u32 = 0;
    let mut items = Vec::new();
    for item in published.matching(filter) {
        if total as usize >= skip && items.len() < take {
            items.push(item.clone());
        }
        total += 1;
    }
    Ok(GalleryPage {
        items,
        years: published.years.clone(),
        categories: published.categories.clone(),
        total,
    })
}

/// One published innovation: its card, the proposal as written (without its files and notes)
/// and how many asked to replicate it.
pub async fn detail(db: &Db, proposal_id: &str) -> Result<GalleryDetail, AppError> {
    let row = sqlx::query_as::<_, ItemRow>(&format!("SELECT {COLUMNS} {FROM} AND p.id = $1"))
        .bind(proposal_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let item = item(row);
    let proposal = proposals::find(db, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = form::load(db, proposal.competition_id, proposal.agency_id).await?;
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
    let mut w = crate::server::documents::csv_file::CsvFile::new();
    w.row([
        PageKey::YearNumber.text(lang),
        PageKey::ColTitle.text(lang),
        PageKey::Agency.text(lang),
        PageKey::CategoryLabel.text(lang),
        PageKey::ColAward.text(lang),
        PageKey::Summary.text(lang),
        "id",
    ])?;
    for i in items {
        w.row([
            i.year.to_string().as_str(),
            &i.title,
            &i.agency_name,
            i.category_name.as_deref().unwrap_or_default(),
            super::exports::award_label(i.award, lang),
            &i.summary,
            &i.proposal_id,
        ])?;
    }
    w.finish()
}

/// What a visitor typed into "I want to replicate this".
#[derive(Clone, Debug, PartialEq)]
pub struct InterestInput<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub contact: &'a str,
    pub message: &'a str,
}

/// Records an interest in replicating a published innovation, for its agency to follow up.
pub async fn record_interest(
    db: &Db,
    proposal_id: &str,
    input: InterestInput<'_>,
) -> Result<(), AppError> {
    let name = text(Input::Name, input.name, 100, true)?;
    let organisation = text(Input::Organisation, input.organisation, 150, true)?;
    let contact = text(Input::Contact, input.contact, 150, true)?;
    let message = text(Input::Message, input.message, 1000, false)?;
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
        assert_eq!(search_text("  "), None);
        assert_eq!(search_text(" KIR "), Some("kir".into()));
        assert_eq!(search_text("100%_a\\b"), Some("100%_a\\b".into()));
        let long = "x".repeat(500);
        assert_eq!(search_text(&long).map(|p| p.len()), Some(MAX_QUERY));
    }

    fn card(id: &str, title: &str, year: i32, award: Option<Award>) -> GalleryItem {
        GalleryItem {
            proposal_id: id.into(),
            title: title.into(),
            summary: format!("Ringkasan {title}"),
            agency_name: "Dinas Kesehatan".into(),
            category_name: Some(
                if year == 2025 {
                    "Kesehatan"
                } else {
                    "Pendidikan"
                }
                .into(),
            ),
            year,
            award,
        }
    }

    fn published() -> Published {
        Published::new(vec![
            card("a", "Antrean Puskesmas Daring", 2025, None),
            card("b", "Beasiswa 100% Tepat", 2026, Some(Award::Finalist)),
            card("c", "Cepat Urus KTP", 2026, Some(Award::Winner)),
            card("d", "Desa Digital", 2026, None),
        ])
    }

    fn ids(p: &Published, filter: GalleryFilter) -> Vec<String> {
        p.matching(&filter).map(|i| i.proposal_id.clone()).collect()
    }

    #[test]
    fn newest_year_first_then_winners_finalists_and_titles() {
        assert_eq!(
            ids(&published(), GalleryFilter::default()),
            ["c", "b", "d", "a"]
        );
        assert_eq!(published().years, [2026, 2025]);
        assert_eq!(published().categories, ["Kesehatan", "Pendidikan"]);
    }

    #[test]
    fn filters_combine_and_odd_values_filter_nothing() {
        let p = published();
        let f = |q: &str, year: &str, award: &str| GalleryFilter {
            q: Some(q.into()),
            year: Some(year.into()),
            category: None,
            award: Some(award.into()),
        };
        assert_eq!(ids(&p, f("PUSKESMAS", "", "")), ["a"], "case-insensitive");
        assert_eq!(ids(&p, f("dinas", "2026", "finalist")), ["c", "b"]);
        assert_eq!(ids(&p, f("", "2026", "winner")), ["c"]);
        assert_eq!(
            ids(&p, f("100%", "", "")),
            ["b"],
            "% is a character, not a wildcard"
        );
        assert_eq!(ids(&p, f("_", "", "")), Vec::<String>::new());
        assert_eq!(ids(&p, f("", "dua ribu", "emas")).len(), 4);
        let category = GalleryFilter {
            category: Some(" Kesehatan ".into()),
            ..GalleryFilter::default()
        };
        assert_eq!(ids(&p, category), ["a"]);
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(shorten("satu dua tiga", 100), "satu dua tiga");
        assert_eq!(shorten("satu dua tiga", 10), "satu dua…");
    }
}
