//! The regency's identity on its documents, set once by an admin on `/admin/identity`
//! (docs/documents.md): the government's name, the place documents are dated at, the crest,
//! who signs each kind of document, and how certificates and decrees are numbered.

use serde_json::json;
use sqlx::{Any, Transaction};

use crate::error::{AppError, FieldError, Input, Problem, ServerProblem};
use crate::models::{
    check_placeholders_in, default_series, Crest, CurrentUser, DocumentKind, NumberSeries,
    PlaceholderError, RegencyIdentity, Signatory, NUMBER_PLACEHOLDERS,
};
use crate::server::documents::crest;
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{for_update, now_ms};
use crate::server::infra::files::FileStore;
use crate::server::year::competitions;
use crate::server::Db;
use crate::validation::text;

/// Longest government name, place, signatory's name or title.
pub const MAX_CHARS: u32 = 120;
/// Longest number pattern.
pub const MAX_PATTERN: u32 = 60;
/// Highest running number taken.
pub const MAX_NUMBER: i64 = 999_999;

#[derive(sqlx::FromRow, Default)]
struct IdentityRow {
    government_name: String,
    place: String,
    crest_sha256: Option<String>,
    crest_width: Option<i64>,
    crest_height: Option<i64>,
}

/// Writes the identity's row and the series' rows where there are none yet (the first change;
/// a new database starts without them so that a restored backup brings its own), inside the
/// caller's write transaction, before it reads them for update.
pub async fn ensure_rows(tx: &mut Transaction<'static, Any>) -> Result<(), AppError> {
    sqlx::query("INSERT INTO regency_identity (id) VALUES (1) ON CONFLICT (id) DO NOTHING")
        .execute(&mut **tx)
        .await?;
    for document in DocumentKind::NUMBERED {
        let series = default_series(document);
        sqlx::query(
            "INSERT INTO number_series (document, pattern, next_number) VALUES ($1, $2, $3)
             ON CONFLICT (document) DO NOTHING",
        )
        .bind(document.as_str())
        .bind(&series.pattern)
        .bind(series.next_number)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Refuses `number` (naming the series' next number) when an issued certificate carries it: two
/// certificates must never share a number, whatever the series was set to since.
pub async fn refuse_taken_number(
    tx: &mut Transaction<'static, Any>,
    number: String,
) -> Result<(), AppError> {
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM certificates WHERE number = $1")
        .bind(&number)
        .fetch_optional(&mut **tx)
        .await?;
    match taken {
        Some(_) => Err(FieldError::new(
            Input::CertificateNext,
            Problem::Server(ServerProblem::NumberTaken { number }),
        )
        .into()),
        None => Ok(()),
    }
}

pub async fn load(db: &Db) -> Result<RegencyIdentity, AppError> {
    let row: IdentityRow = sqlx::query_as(
        "SELECT government_name, place, crest_sha256, crest_width, crest_height
         FROM regency_identity WHERE id = 1",
    )
    .fetch_optional(&db.pool)
    .await?
    .unwrap_or_default();
    let signed: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT document, name, title, nip FROM document_signatories")
            .fetch_all(&db.pool)
            .await?;
    let numbered: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT document, pattern, next_number FROM number_series")
            .fetch_all(&db.pool)
            .await?;
    let signatories = DocumentKind::ALL
        .into_iter()
        .map(|document| {
            let found = signed.iter().find(|s| s.0 == document.as_str());
            Signatory {
                document,
                name: found.map(|s| s.1.clone()).unwrap_or_default(),
                title: found.map(|s| s.2.clone()).unwrap_or_default(),
                nip: found.map(|s| s.3.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let series = DocumentKind::NUMBERED
        .into_iter()
        .map(|document| {
            numbered
                .iter()
                .find(|s| s.0 == document.as_str())
                .map_or_else(
                    || default_series(document),
                    |s| NumberSeries {
                        document,
                        pattern: s.1.clone(),
                        next_number: s.2,
                    },
                )
        })
        .collect();
    let crest = match (row.crest_sha256, row.crest_width, row.crest_height) {
        (Some(sha), Some(width), Some(height)) => Some(Crest {
            width,
            height,
            version: sha.chars().take(12).collect(),
        }),
        _ => None,
    };
    let numbering_year = competitions::current(db).await?.map(|c| i64::from(c.year));
    Ok(RegencyIdentity {
        government_name: row.government_name,
        place: row.place,
        crest,
        signatories,
        series,
        numbering_year,
    })
}

/// The identity and its crest's PNG (when one was uploaded), as every document prints them.
pub async fn letterhead(
    db: &Db,
    files: &FileStore,
) -> Result<(RegencyIdentity, Option<bytes::Bytes>), AppError> {
    let identity = load(db).await?;
    let crest = match identity.crest {
        Some(_) => crest_png(db, files).await?,
        None => None,
    };
    Ok((identity, crest))
}

/// The crest's stored PNG, if one was uploaded.
pub async fn crest_png(db: &Db, files: &FileStore) -> Result<Option<bytes::Bytes>, AppError> {
    let sha: Option<String> =
        sqlx::query_scalar("SELECT crest_sha256 FROM regency_identity WHERE id = 1")
            .fetch_optional(&db.pool)
            .await?
            .flatten();
    match sha {
        Some(sha) => Ok(Some(files.get(&sha).await?)),
        None => Ok(None),
    }
}

/// The identity form as typed.
#[derive(Clone, Debug, Default)]
pub struct IdentityForm {
    pub government_name: String,
    pub place: String,
    /// Name, title and NIP per `DocumentKind::ALL`.
    pub signatories: [(String, String, String); 3],
    /// Pattern and next number per `DocumentKind::NUMBERED`.
    pub series: [(String, String); 2],
}

/// The form's inputs for a signatory of `document`: name, title, NIP.
pub fn signatory_inputs(document: DocumentKind) -> (Input, Input, Input) {
    match document {
        DocumentKind::Certificate => (
            Input::CertificateSignerName,
            Input::CertificateSignerTitle,
            Input::CertificateSignerNip,
        ),
        DocumentKind::Recap => (
            Input::RecapSignerName,
            Input::RecapSignerTitle,
            Input::RecapSignerNip,
        ),
        DocumentKind::Decree => (
            Input::DecreeSignerName,
            Input::DecreeSignerTitle,
            Input::DecreeSignerNip,
        ),
    }
}

/// The form's inputs for the series of `document`: pattern, next number.
pub fn series_inputs(document: DocumentKind) -> (Input, Input) {
    match document {
        DocumentKind::Decree => (Input::DecreePattern, Input::DecreeNext),
        _ => (Input::CertificatePattern, Input::CertificateNext),
    }
}

/// Runs of spaces (a name pasted from a letterhead) become one.
fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A NIP is 18 digits (birth date, appointment, sex, sequence), often typed in groups.
fn nip(input: Input, value: &str) -> Result<String, FieldError> {
    let value = tidy(value);
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(String::new());
    }
    if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            input,
            Problem::Server(ServerProblem::NotANip),
        ));
    }
    Ok(value)
}

fn pattern(input: Input, value: &str) -> Result<String, FieldError> {
    let value = text(input, &tidy(value), MAX_PATTERN, true)?;
    check_placeholders_in(&value, &NUMBER_PLACEHOLDERS).map_err(|e| {
        let problem = match e {
            PlaceholderError::Unknown(name) => ServerProblem::UnknownPlaceholder {
                name,
                known: NUMBER_PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect(),
            },
            PlaceholderError::Unmatched => ServerProblem::UnmatchedBrace,
        };
        FieldError::new(input, Problem::Server(problem))
    })?;
    if !value.contains("{n}") {
        return Err(FieldError::new(
            input,
            Problem::Server(ServerProblem::NoRunningNumber),
        ));
    }
    Ok(value)
}

fn next_number(input: Input, value: &str) -> Result<i64, FieldError> {
    let n: i64 = value
        .trim()
        .parse()
        .map_err(|_| FieldError::new(input, Problem::NotANumber))?;
    if !(1..=MAX_NUMBER).contains(&n) {
        return Err(FieldError::new(
            input,
            Problem::OutOfRange {
                min: Some(1),
                max: Some(MAX_NUMBER),
            },
        ));
    }
    Ok(n)
}

/// The identity form, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub government_name: String,
    pub place: String,
    pub signatories: Vec<Signatory>,
    pub series: Vec<NumberSeries>,
}

/// The form checked, field by field in the page's order: the first problem is refused, naming
/// its field. A signatory may be left out entirely, but not given a title or NIP without a name.
pub fn parse(form: &IdentityForm) -> Result<Checked, FieldError> {
    let government_name = text(
        Input::GovernmentName,
        &tidy(&form.government_name),
        MAX_CHARS,
        false,
    )?;
    let place = text(Input::Place, &tidy(&form.place), MAX_CHARS, false)?;
    let mut signatories = Vec::new();
    for (document, (name, title, number)) in DocumentKind::ALL.into_iter().zip(&form.signatories) {
        let (name_input, title_input, nip_input) = signatory_inputs(document);
        let name = text(name_input, &tidy(name), MAX_CHARS, false)?;
        let title = text(title_input, &tidy(title), MAX_CHARS, false)?;
        let nip = nip(nip_input, number)?;
        if name.is_empty() && !(title.is_empty() && nip.is_empty()) {
            return Err(FieldError::new(name_input, Problem::Required));
        }
        signatories.push(Signatory {
            document,
            name,
            title,
            nip,
        });
    }
    let mut series = Vec::new();
    for (document, (typed_pattern, typed_next)) in
        DocumentKind::NUMBERED.into_iter().zip(&form.series)
    {
        let (pattern_input, next_input) = series_inputs(document);
        series.push(NumberSeries {
            document,
            pattern: pattern(pattern_input, typed_pattern)?,
            next_number: next_number(next_input, typed_next)?,
        });
    }
    Ok(Checked {
        government_name,
        place,
        signatories,
        series,
    })
}

/// Saves the identity (audited `identity.save`, with what it was). Refused whole when the next
/// certificate's number is one already issued: two certificates must never share a number.
pub async fn save(db: &Db, admin: &CurrentUser, form: &IdentityForm) -> Result<(), AppError> {
    let Checked {
        government_name,
        place,
        signatories,
        series,
    } = parse(form)?;
    let before = load(db).await?;
    let year = before.numbering_year;
    let mut tx = db.begin_write().await?;
    ensure_rows(&mut tx).await?;
    sqlx::query(&format!(
        "SELECT id FROM regency_identity WHERE id = 1{}",
        for_update(db.backend)
    ))
    .execute(&mut *tx)
    .await?;
    if let (Some(year), Some(next)) = (
        year,
        series
            .iter()
            .find(|s| s.document == DocumentKind::Certificate),
    ) {
        refuse_taken_number(&mut tx, next.number(next.next_number, year)).await?;
    }
    let now = now_ms();
    sqlx::query(
        "UPDATE regency_identity SET government_name = $1, place = $2, updated_by = $3,
                updated_at = $4 WHERE id = 1",
    )
    .bind(&government_name)
    .bind(&place)
    .bind(admin.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM document_signatories")
        .execute(&mut *tx)
        .await?;
    for s in signatories.iter().filter(|s| !s.name.is_empty()) {
        sqlx::query(
            "INSERT INTO document_signatories (document, name, title, nip) VALUES ($1, $2, $3, $4)",
        )
        .bind(s.document.as_str())
        .bind(&s.name)
        .bind(&s.title)
        .bind(&s.nip)
        .execute(&mut *tx)
        .await?;
    }
    for s in &series {
        sqlx::query("UPDATE number_series SET pattern = $1, next_number = $2 WHERE document = $3")
            .bind(&s.pattern)
            .bind(s.next_number)
            .bind(s.document.as_str())
            .execute(&mut *tx)
            .await?;
    }
    let summary =
        |government_name: &str, place: &str, signatories: &[Signatory], series: &[NumberSeries]| {
            json!({
                "government_name": government_name,
                "place": place,
                "signatories": signatories.iter().filter(|s| !s.name.is_empty()).map(|s| json!({
                    "document": s.document.as_str(), "name": s.name, "title": s.title, "nip": s.nip,
                })).collect::<Vec<_>>(),
                "series": series.iter().map(|s| json!({
                    "document": s.document.as_str(), "pattern": s.pattern, "next": s.next_number,
                })).collect::<Vec<_>>(),
            })
        };
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::IdentitySave, "identity", 1)
            .before(summary(
                &before.government_name,
                &before.place,
                &before.signatories,
                &before.series,
            ))
            .after(summary(&government_name, &place, &signatories, &series)),
    )
    .await
}

/// Takes an uploaded crest (checked and scaled down by `documents::crest`), or removes it with
/// `None` (audited `identity.crest`). The old image stays in the file store: certificates made
/// with it are not changed by a new one.
pub async fn set_crest(
    db: &Db,
    files: &FileStore,
    admin: &CurrentUser,
    upload: Option<&[u8]>,
) -> Result<(), AppError> {
    let stored = match upload {
        Some(bytes) => {
            let crest = crest::normalise(bytes).map_err(|p| FieldError::new(Input::File, p))?;
            let sha = files.put(bytes::Bytes::from(crest.png)).await?;
            Some((sha, i64::from(crest.width), i64::from(crest.height)))
        }
        None => None,
    };
    let mut tx = db.begin_write().await?;
    ensure_rows(&mut tx).await?;
    let was: Option<String> = sqlx::query_scalar(&format!(
        "SELECT crest_sha256 FROM regency_identity WHERE id = 1{}",
        for_update(db.backend)
    ))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE regency_identity SET crest_sha256 = $1, crest_width = $2, crest_height = $3,
                updated_by = $4, updated_at = $5 WHERE id = 1",
    )
    .bind(stored.as_ref().map(|s| s.0.clone()))
    .bind(stored.as_ref().map(|s| s.1))
    .bind(stored.as_ref().map(|s| s.2))
    .bind(admin.id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::IdentityCrest, "identity", 1)
            .before(json!({ "crest": was }))
            .after(json!({ "crest": stored.map(|s| s.0) })),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> IdentityForm {
        IdentityForm {
            government_name: " Pemerintah  Kabupaten Wonosobo ".into(),
            place: "Wonosobo".into(),
            signatories: [
                (
                    "Afif Nurhidayat".into(),
                    "Bupati Wonosobo".into(),
                    String::new(),
                ),
                (String::new(), String::new(), String::new()),
                (
                    "Dra. Sri Lestari".into(),
                    "Kepala Bappeda".into(),
                    "19700101 199503 2 001".into(),
                ),
            ],
            series: [
                ("{n}/PIAGAM/{year}".into(), "1".into()),
                ("050/{n}/{year}".into(), "12".into()),
            ],
        }
    }

    fn refused(form: &IdentityForm) -> (String, Problem) {
        let e = parse(form).expect_err("refused");
        (e.field.to_string(), e.problem)
    }

    #[test]
    fn a_whole_identity_is_taken_tidied() {
        let checked = parse(&form()).expect("taken");
        assert_eq!(checked.government_name, "Pemerintah Kabupaten Wonosobo");
        assert_eq!(checked.place, "Wonosobo");
        assert_eq!(
            checked.signatories[1].name, "",
            "the recap's signatory left out"
        );
        assert_eq!(checked.signatories[2].nip, "19700101 199503 2 001");
        let decree = &checked.series[1];
        assert_eq!(decree.number(decree.next_number, 2026), "050/12/2026");
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut f = form();
        f.signatories[1].1 = "Ketua Panitia".into();
        assert_eq!(refused(&f), ("recap_signer_name".into(), Problem::Required));

        let mut f = form();
        f.signatories[0].2 = "1970 0101".into();
        assert_eq!(
            refused(&f),
            (
                "certificate_signer_nip".into(),
                Problem::Server(ServerProblem::NotANip)
            )
        );

        let mut f = form();
        f.series[0].0 = "PIAGAM/{year}".into();
        assert_eq!(
            refused(&f),
            (
                "certificate_pattern".into(),
                Problem::Server(ServerProblem::NoRunningNumber)
            )
        );

        let mut f = form();
        f.series[1].0 = "{n}/{tahun}".into();
        assert_eq!(refused(&f).0, "decree_pattern");

        let mut f = form();
        f.series[0].1 = "0".into();
        assert_eq!(refused(&f).0, "certificate_next");
        f.series[0].1 = "satu".into();
        assert_eq!(
            refused(&f),
            ("certificate_next".into(), Problem::NotANumber)
        );
    }
}
