//! The year's compendium: a book of the year's innovations, by category, as a PDF
//! (`templates/compendium.typ`) and as a printable page of the public gallery. Each innovation
//! is told from the answers the organisers tagged with the province's outline (summary, the
//! problem, what is new, results), with a photo from its evidence in the PDF. Public once the
//! year is published; the organisers may make it from the moment the results are locked.

use serde_json::json;

use super::JUDGED;
use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{
    Award, Compendium, CompendiumCategory, CompendiumEntry, CompendiumSelection,
    CompendiumSettings, CurrentUser, KippSection, Phase, PhaseBlock,
};
use crate::server::documents::{self, BookEntry, Labelled};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{internal, now_ms, Flag};
use crate::server::results::{dossier, gallery};
use crate::server::submission::proposals;
use crate::server::year::{competitions, form};
use crate::server::{identity, AppState, Db};
use crate::validation::text;

/// The foreword's length limit: two printed pages.
pub const FOREWORD_MAX: u32 = 6000;
/// How much of each part an entry prints: an innovation takes one or two pages.
const PART_CHARS: usize = 1200;
const SUMMARY_CHARS: usize = 900;

/// The settings of competition `competition_id` (none saved: no foreword, every innovation).
async fn stored(db: &Db, competition_id: i64) -> Result<(String, CompendiumSelection), AppError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT foreword, selection FROM compendiums WHERE competition_id = $1")
            .bind(competition_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(match row {
        Some((foreword, selection)) => (
            foreword,
            CompendiumSelection::parse(&selection).unwrap_or_default(),
        ),
        None => (String::new(), CompendiumSelection::default()),
    })
}

/// The current year's settings, for the organisers' page.
pub async fn settings(db: &Db) -> Result<CompendiumSettings, AppError> {
    let c = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let (foreword, selection) = stored(db, c.id).await?;
    Ok(CompendiumSettings {
        year: c.year,
        foreword,
        selection,
        locked: super::settings(db, c.id).await?.locked_at.is_some(),
        published: matches!(c.phase, Phase::Published | Phase::Archived),
    })
}

/// Saves the current year's foreword and selection (audited `compendium.save`). Refused whole:
/// a foreword over `FOREWORD_MAX` characters, a selection that is not one of the two.
pub async fn save(
    db: &Db,
    admin: &CurrentUser,
    foreword: &str,
    selection: &str,
) -> Result<(), AppError> {
    let foreword = text(Input::Foreword, foreword, FOREWORD_MAX, false)?;
    let selection = CompendiumSelection::parse(selection.trim())
        .ok_or_else(|| FieldError::new(Input::Selection, Problem::NotAllowed))?;
    let c = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let (was_foreword, was_selection) = stored(db, c.id).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM compendiums WHERE competition_id = $1")
        .bind(c.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO compendiums (competition_id, foreword, selection, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(c.id)
    .bind(&foreword)
    .bind(selection.as_str())
    .bind(admin.id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::CompendiumSave, "competition", c.id)
            .before(json!({ "foreword_chars": was_foreword.chars().count(), "selection": was_selection.as_str() }))
            .after(json!({ "foreword_chars": foreword.chars().count(), "selection": selection.as_str() })),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    proposal_id: String,
    title: String,
    agency_name: String,
    head_name: Option<String>,
    category_name: Option<String>,
    award: Option<String>,
    #[sqlx(try_from = "i64")]
    nominated: Flag,
    /// The summary locking froze for the gallery: told when no answer is tagged "Ringkasan"
    /// (as in years before the outline existed).
    frozen_summary: String,
}

/// Which year a reader asks for: `year` when given and public (or, for the organisers, the
/// current year once its results are locked), else the newest public year. `None`: no book.
async fn which_year(
    db: &Db,
    year: Option<i32>,
    organiser: bool,
) -> Result<Option<(i64, i32, String)>, AppError> {
    let public: Vec<(i64, i32, String)> = sqlx::query_as(
        "SELECT id, year, name FROM competitions WHERE phase IN ('published', 'archived')
         ORDER BY year DESC, id DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    if organiser {
        if let Some(c) = competitions::current(db).await? {
            let locked = super::settings(db, c.id).await?.locked_at.is_some();
            if locked && year.is_none_or(|y| y == c.year) {
                return Ok(Some((c.id, c.year, c.name)));
            }
        }
    }
    Ok(match year {
        Some(y) => public.into_iter().find(|(_, year, _)| *year == y),
        None => public.into_iter().next(),
    })
}

/// The book of `year` (see `which_year`) with its entries and their texts. Not found when no
/// year's book is open to the reader.
pub async fn load(db: &Db, year: Option<i32>, organiser: bool) -> Result<Compendium, AppError> {
    Ok(load_with_photos(db, None, year, organiser).await?.0)
}

/// The book and, when `files` is given, each entry's photo (the first picture among its
/// evidence, cleaned of what its metadata says: camera, owner, position).
async fn load_with_photos(
    db: &Db,
    files: Option<&crate::server::infra::files::FileStore>,
    year: Option<i32>,
    organiser: bool,
) -> Result<(Compendium, Vec<Option<bytes::Bytes>>), AppError> {
    let (competition_id, year, name) = which_year(db, year, organiser)
        .await?
        .ok_or(AppError::NotFound)?;
    let (foreword, selection) = stored(db, competition_id).await?;
    let awarded = match selection {
        CompendiumSelection::Screened => "",
        CompendiumSelection::Awarded => " AND (r.award IS NOT NULL OR r.nominated = 1)",
    };
    let rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT p.id AS proposal_id, p.title, a.name AS agency_name, a.head_name,
                cat.name AS category_name, r.award, r.nominated, r.summary AS frozen_summary
         FROM results r
         JOIN proposals p ON p.id = r.proposal_id
         JOIN agencies a ON a.id = p.agency_id
         LEFT JOIN categories cat ON cat.id = p.category_id
         WHERE r.competition_id = $1 AND p.status IN {JUDGED}{awarded}
         ORDER BY cat.position, cat.id, p.title, p.id"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    let form = form::load(db, competition_id, 0).await?;
    let mut categories: Vec<CompendiumCategory> = Vec::new();
    let mut photos = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        let fields = proposals::fields(db, &r.proposal_id).await?;
        let outlined = dossier::outline(&form, &fields, &[]);
        let part = |section: KippSection, max: usize| {
            let text = outlined
                .sections
                .iter()
                .filter(|(s, _)| *s == section)
                .flat_map(|(_, answers)| answers.iter().map(|a: &Labelled| a.text.as_str()))
                .collect::<Vec<_>>()
                .join("\n\n");
            gallery::shorten(&text, max)
        };
        let entry = CompendiumEntry {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            proposal_id: r.proposal_id.clone(),
            title: r.title,
            contact: match r.head_name.as_deref().map(str::trim) {
                Some(head) if !head.is_empty() => format!("{head}, {}", r.agency_name),
                _ => r.agency_name.clone(),
            },
            agency_name: r.agency_name,
            award: r.award.as_deref().and_then(Award::parse),
            nominated: r.nominated.0,
            summary: match part(KippSection::Summary, SUMMARY_CHARS) {
                s if s.is_empty() => gallery::shorten(&r.frozen_summary, SUMMARY_CHARS),
                s => s,
            },
            problem: part(KippSection::Background, PART_CHARS),
            novelty: part(KippSection::Novelty, PART_CHARS),
            results: part(KippSection::Significance, PART_CHARS),
        };
        photos.push(match files {
            Some(files) => photo(db, files, &r.proposal_id).await?,
            None => None,
        });
        let category = r.category_name.unwrap_or_default();
        match categories.last_mut() {
            Some(last) if last.name == category => last.entries.push(entry),
            _ => categories.push(CompendiumCategory {
                name: category,
                entries: vec![entry],
            }),
        }
    }
    let mut agencies: Vec<(String, Vec<u32>)> = Vec::new();
    for e in categories.iter().flat_map(|c| &c.entries) {
        match agencies.iter_mut().find(|(a, _)| *a == e.agency_name) {
            Some((_, numbers)) => numbers.push(e.number),
            None => agencies.push((e.agency_name.clone(), vec![e.number])),
        }
    }
    agencies.sort_by_key(|(a, _)| a.to_lowercase());
    let years = sqlx::query_scalar(
        "SELECT year FROM competitions WHERE phase IN ('published', 'archived') ORDER BY year DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    let government = identity::load(db).await?.government_name;
    Ok((
        Compendium {
            year,
            competition_name: name,
            government,
            foreword,
            categories,
            agencies,
            years,
        },
        photos,
    ))
}

/// The first picture among a proposal's evidence, scaled down and re-encoded for print (nothing
/// of its metadata kept: `documents::photo`); `None` without one or when it cannot be read.
async fn photo(
    db: &Db,
    files: &crate::server::infra::files::FileStore,
    proposal_id: &str,
) -> Result<Option<bytes::Bytes>, AppError> {
    let first: Option<(String,)> = sqlx::query_as(
        "SELECT sha256 FROM attachments
         WHERE proposal_id = $1 AND content_type IN ('image/jpeg', 'image/png')
         ORDER BY uploaded_at, id LIMIT 1",
    )
    .bind(proposal_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((sha,)) = first else {
        return Ok(None);
    };
    let bytes = files.get(&sha).await?;
    let printed = tokio::task::spawn_blocking(move || documents::photo::for_print(&bytes))
        .await
        .map_err(internal)?;
    Ok(printed.map(bytes::Bytes::from))
}

/// The book as a PDF, and its file name.
pub async fn pdf(
    state: &AppState,
    year: Option<i32>,
    organiser: bool,
) -> Result<(Vec<u8>, String), AppError> {
    let (book, photos) = load_with_photos(&state.db, Some(&state.files), year, organiser).await?;
    if book.categories.is_empty() {
        return Err(AppError::PhaseBlocked(PhaseBlock::EmptyCompendium));
    }
    let (_, crest) = identity::letterhead(&state.db, &state.files).await?;
    let lang = crate::i18n::Lang::Id;
    let mut photos = photos.into_iter();
    let entries = book
        .categories
        .iter()
        .flat_map(|c| c.entries.iter().map(move |e| (c, e)))
        .map(|(c, e)| {
            let photo = photos.next().flatten();
            BookEntry {
                number: e.number,
                category: c.name.clone(),
                title: e.title.clone(),
                agency: e.agency_name.clone(),
                award: match (e.award, e.nominated) {
                    (Some(a), true) => format!(
                        "{} \u{00b7} {}",
                        crate::i18n::labels::award(a).text(lang),
                        crate::i18n::PageKey::ColNominated.text(lang)
                    ),
                    (Some(a), false) => crate::i18n::labels::award(a).text(lang).to_string(),
                    (None, true) => crate::i18n::PageKey::ColNominated.text(lang).to_string(),
                    (None, false) => String::new(),
                },
                summary: e.summary.clone(),
                problem: e.problem.clone(),
                novelty: e.novelty.clone(),
                results: e.results.clone(),
                contact: e.contact.clone(),
                photo_file: documents::photo_file(e.number, photo.as_ref()),
                photo,
            }
        })
        .collect();
    let words = documents::Book {
        crest,
        government: book.government.to_uppercase(),
        competition: crate::models::name_with_year(&book.competition_name, book.year),
        year: book.year,
        foreword: book.foreword.clone(),
        entries,
        agencies: book
            .agencies
            .iter()
            .map(|(agency, numbers)| documents::IndexLine {
                agency: agency.clone(),
                numbers: numbers.clone(),
            })
            .collect(),
    };
    let bytes = super::papers::typeset(state, move |t| documents::pdf::book(t, &words)).await?;
    Ok((bytes, format!("kompendium-inovasi-{}.pdf", book.year)))
}

/// A year asked for in the address (`?year=2026`): anything else reads as "the newest".
pub fn year_param(raw: Option<&str>) -> Option<i32> {
    raw.and_then(|y| y.trim().parse().ok())
        .filter(|y: &i32| (2000..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::year_param;

    #[test]
    fn an_odd_year_in_the_address_reads_as_the_newest() {
        assert_eq!(year_param(Some("2026")), Some(2026));
        assert_eq!(year_param(Some(" 2025 ")), Some(2025));
        for odd in ["", "20x6", "-1", "99999999999", "1999"] {
            assert_eq!(year_param(Some(odd)), None, "{odd}");
        }
        assert_eq!(year_param(None), None);
    }
}
