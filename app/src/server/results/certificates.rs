//! The certificates (piagam) as issued, and their public verification (docs/documents.md).
//!
//! A certificate is issued the first time the organisers download it for an awarded innovation
//! of a locked year: it takes the next number of the certificate series and an unguessable code
//! (80 random bits, in Crockford's base 32), and keeps to whom and for what it was given, so the
//! verification page answers from what the paper shows even if a name changes later. The same
//! certificate is handed out again on every later download, until an organiser withdraws it
//! with a reason (audited); the next download then issues a new one with a new number. A
//! withdrawn certificate can then be purged: what it said is erased and its code stops
//! answering, so the verification page treats it like a code nobody was given; its number stays
//! taken.

use rand::Rng;
use serde_json::json;
use sqlx::FromRow;

use crate::error::{AppError, Input};
use crate::models::{
    Award, CurrentUser, DocumentKind, IssuedCertificate, NumberSeries, RegencyIdentity, ResultRow,
    ResultsBoard, VerifiedCertificate,
};
use crate::server::identity;
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{for_update, now_ms};
use crate::server::Db;
use crate::validation::text;

/// Characters of a code: 16 of Crockford's base 32 make 80 bits.
pub const CODE_LEN: usize = 16;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Longest withdrawal reason.
pub const MAX_REASON: u32 = 500;

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_LEN)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// A certificate as stored: what the PDF prints and the verification page says.
#[derive(Clone, Debug, FromRow)]
pub struct Stored {
    pub id: i64,
    pub code: String,
    pub number: String,
    pub proposal_id: String,
    pub award: String,
    pub category_name: Option<String>,
    pub agency_name: String,
    pub proposal_title: String,
    pub competition_name: String,
    pub competition_year: i64,
    pub government_name: String,
    pub issued_at: i64,
    pub withdrawn_at: Option<i64>,
    pub withdrawal_reason: Option<String>,
    pub purged_at: Option<i64>,
}

const COLUMNS: &str = "id, code, number, proposal_id, award, category_name, agency_name,
    proposal_title, competition_name, competition_year, government_name, issued_at,
    withdrawn_at, withdrawal_reason, purged_at";

impl Stored {
    /// What it was given for (a row only ever holds one of the two).
    pub fn award(&self) -> Award {
        Award::parse(&self.award).unwrap_or(Award::Finalist)
    }

    pub fn verified(&self) -> VerifiedCertificate {
        VerifiedCertificate {
            number: self.number.clone(),
            agency_name: self.agency_name.clone(),
            proposal_title: self.proposal_title.clone(),
            award: self.award(),
            category_name: self.category_name.clone(),
            competition_name: self.competition_name.clone(),
            competition_year: self.competition_year,
            government_name: self.government_name.clone(),
            issued_at: self.issued_at,
            withdrawn_at: self.withdrawn_at,
            withdrawal_reason: self.withdrawal_reason.clone(),
        }
    }

    fn listed(self) -> IssuedCertificate {
        let award = self.award();
        IssuedCertificate {
            id: self.id,
            number: self.number,
            code: self.code,
            proposal_id: self.proposal_id,
            agency_name: self.agency_name,
            proposal_title: self.proposal_title,
            award,
            issued_at: self.issued_at,
            withdrawn_at: self.withdrawn_at,
            withdrawal_reason: self.withdrawal_reason,
            purged_at: self.purged_at,
        }
    }
}

/// Who signs, as printed now: the year's signer set on the results page, else the identity's
/// signatory for certificates, else the admin who locked the results; the title likewise (empty:
/// the default, "Ketua Panitia"). The NIP is the identity's, when its signatory is the one who
/// signs. Not kept with the certificate: a corrected name reaches the next download.
pub fn signer(board: &ResultsBoard, identity: &RegencyIdentity) -> (String, String, String) {
    let chosen = identity.signatory(DocumentKind::Certificate);
    let year_name = board.signer.name.trim();
    let name = match (year_name, chosen) {
        ("", Some(s)) => s.name.clone(),
        _ => board.signer.name_on_certificate().to_string(),
    };
    let title = match (board.signer.title.trim(), chosen) {
        ("", Some(s)) if s.name == name => s.title.clone(),
        (title, _) => title.to_string(),
    };
    let nip = chosen
        .filter(|s| s.name == name)
        .map(|s| s.nip.clone())
        .unwrap_or_default();
    (name, title, nip)
}

/// The certificate in force for `row` of the locked `board`, issued now if it has none
/// (audited `certificate.issue`), and its PDF as `print` makes it. Refused, naming the series'
/// next number, when the number it would take is already on another certificate. A new
/// certificate is printed before it is kept: when `print` fails (a replaced template that does
/// not lay out), nothing is issued, no number is taken and nothing is audited.
pub async fn issue<F, Fut>(
    db: &Db,
    admin: &CurrentUser,
    board: &ResultsBoard,
    row: &ResultRow,
    identity: &RegencyIdentity,
    print: F,
) -> Result<(Stored, Vec<u8>), AppError>
where
    F: FnOnce(Stored) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<u8>, AppError>>,
{
    let award = row.award.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    identity::ensure_rows(&mut tx).await?;
    // The series first: two downloads at once take turns here, and the second finds the first's
    // certificate below.
    let (pattern, next): (String, i64) = sqlx::query_as(&format!(
        "SELECT pattern, next_number FROM number_series WHERE document = 'certificate'{}",
        for_update(db.backend)
    ))
    .fetch_one(&mut *tx)
    .await?;
    let in_force: Option<Stored> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM certificates WHERE proposal_id = $1 AND withdrawn_at IS NULL"
    ))
    .bind(&row.proposal_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(stored) = in_force {
        tx.rollback().await?;
        let pdf = print(stored.clone()).await?;
        return Ok((stored, pdf));
    }
    let series = NumberSeries {
        document: DocumentKind::Certificate,
        pattern,
        next_number: next,
    };
    let year = i64::from(board.competition.year);
    let number = series.number(next, year);
    identity::refuse_taken_number(&mut tx, number.clone()).await?;
    let code = new_code();
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO certificates (code, number, competition_id, proposal_id, award, category_name,
             agency_name, proposal_title, competition_name, competition_year, government_name,
             issued_by, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id",
    )
    .bind(&code)
    .bind(&number)
    .bind(board.competition.id)
    .bind(&row.proposal_id)
    .bind(award.as_str())
    .bind(&row.category_name)
    .bind(row.agency_name.trim())
    .bind(row.title.trim())
    .bind(&board.competition.name)
    .bind(year)
    .bind(&identity.government_name)
    .bind(admin.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE number_series SET next_number = $1 WHERE document = 'certificate'")
        .bind(next + 1)
        .execute(&mut *tx)
        .await?;
    let stored: Stored =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM certificates WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    // Dropping the transaction on a refusal rolls it back.
    let pdf = print(stored.clone()).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::CertificateIssue, "certificate", id).after(json!({
            "number": number,
            "proposal_id": row.proposal_id,
            "award": award.as_str(),
        })),
    )
    .await?;
    Ok((stored, pdf))
}

/// Every certificate of year `competition_id`, newest first.
pub async fn list(db: &Db, competition_id: i64) -> Result<Vec<IssuedCertificate>, AppError> {
    let rows: Vec<Stored> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM certificates WHERE competition_id = $1 ORDER BY issued_at DESC, id DESC"
    ))
    .bind(competition_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(Stored::listed).collect())
}

/// What the public verification page says for `code` as typed: None for a code no
/// certificate has (or that is not a code at all) — the same answer either way.
pub async fn verify(db: &Db, typed: &str) -> Result<Option<VerifiedCertificate>, AppError> {
    let code = crate::models::normalise_code(typed);
    if code.len() != CODE_LEN || !code.bytes().all(|b| ALPHABET.contains(&b)) {
        return Ok(None);
    }
    let stored: Option<Stored> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM certificates WHERE code = $1 AND purged_at IS NULL"
    ))
    .bind(&code)
    .fetch_optional(&db.pool)
    .await?;
    Ok(stored.map(|s| s.verified()))
}

/// Withdraws certificate `id` with `reason` (audited `certificate.withdraw`). Not found: no
/// such certificate; conflict: withdrawn already.
pub async fn withdraw(db: &Db, admin: &CurrentUser, id: i64, reason: &str) -> Result<(), AppError> {
    let reason = text(Input::Reason, reason, MAX_REASON, true)?;
    let mut tx = db.begin_write().await?;
    let found: Option<(String, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT number, withdrawn_at FROM certificates WHERE id = $1{}",
        for_update(db.backend)
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((number, withdrawn_at)) = found else {
        return Err(AppError::NotFound);
    };
    if withdrawn_at.is_some() {
        return Err(AppError::Conflict {
            what: format!("certificate {number} is withdrawn already"),
        });
    }
    sqlx::query(
        "UPDATE certificates SET withdrawn_at = $1, withdrawn_by = $2, withdrawal_reason = $3
         WHERE id = $4",
    )
    .bind(now_ms())
    .bind(admin.id)
    .bind(&reason)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::CertificateWithdraw,
            "certificate",
            id,
        )
        .after(json!({ "number": number, "reason": reason })),
    )
    .await
}

/// Purges the withdrawn certificate `id` (audited `certificate.purge`, with its number only):
/// to whom and for what it was given is erased, and its code is replaced by one no typed code
/// can match. Not found: no such certificate; conflict: still in force, or purged already.
pub async fn purge(db: &Db, admin: &CurrentUser, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let found: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT number, withdrawn_at, purged_at FROM certificates WHERE id = $1{}",
        for_update(db.backend)
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((number, withdrawn_at, purged_at)) = found else {
        return Err(AppError::NotFound);
    };
    if purged_at.is_some() {
        return Err(AppError::Conflict {
            what: format!("certificate {number} is purged already"),
        });
    }
    if withdrawn_at.is_none() {
        return Err(AppError::Conflict {
            what: format!("certificate {number} is in force: withdraw it before purging it"),
        });
    }
    // The placeholder code has a '-', outside the alphabet: `verify` refuses it before asking.
    sqlx::query(
        "UPDATE certificates SET code = $1, agency_name = '', proposal_title = '',
             category_name = NULL, withdrawal_reason = NULL, purged_at = $2, purged_by = $3
         WHERE id = $4",
    )
    .bind(format!("purged-{id}"))
    .bind(now_ms())
    .bind(admin.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::CertificatePurge, "certificate", id)
            .after(json!({ "number": number })),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_random_and_readable() {
        let a = new_code();
        let b = new_code();
        assert_eq!(a.len(), CODE_LEN);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)));
        assert!(!a.contains(['I', 'L', 'O', 'U']));
    }
}
