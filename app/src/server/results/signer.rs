//! Who signs the year's certificates (piagam): the regent, the head of the innovation office or
//! the committee's chair, as the organisers set it on the results page. It does not feed the
//! ranking, so it may still be corrected after locking (a misspelt name on a printed award is
//! what an organiser notices last).

use serde_json::json;
use sqlx::Row;

use crate::error::{AppError, FieldError};
use crate::models::{CertificateSigner, CurrentUser};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::for_update;
use crate::server::{infra::audit, year::competitions, Db};
use crate::validation::text;

/// Longest name or title taken: two lines under the signature.
pub const MAX_CHARS: u32 = 120;

pub async fn load(db: &Db, competition_id: i64) -> Result<CertificateSigner, AppError> {
    let row = sqlx::query(
        "SELECT c.certificate_signer_name, c.certificate_signer_title, u.name AS locked_by
         FROM competitions c LEFT JOIN users u ON u.id = c.results_locked_by
         WHERE c.id = $1",
    )
    .bind(competition_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(CertificateSigner {
        name: row.try_get("certificate_signer_name")?,
        title: row.try_get("certificate_signer_title")?,
        locked_by: row.try_get("locked_by")?,
    })
}

/// Runs of spaces (a name pasted from a letterhead) become one.
fn field(name: &str, value: &str) -> Result<String, FieldError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    text(name, &value, MAX_CHARS, false)
}

/// The name and title as typed, spaces tidied; either may be left empty (the defaults then).
pub fn parse(name: &str, title: &str) -> Result<(String, String), FieldError> {
    Ok((field("signer_name", name)?, field("signer_title", title)?))
}

/// Sets the current year's signer (the permission table allows it while deliberating and once
/// published).
pub async fn save(db: &Db, admin: &CurrentUser, name: &str, title: &str) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let before = sqlx::query(&format!(
        "SELECT certificate_signer_name, certificate_signer_title FROM competitions
         WHERE id = $1{}",
        for_update(db.backend)
    ))
    .bind(competition.id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE competitions SET certificate_signer_name = $1, certificate_signer_title = $2
         WHERE id = $3",
    )
    .bind(name)
    .bind(title)
    .bind(competition.id)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        db.backend,
        audit::Event {
            actor_id: Some(admin.id),
            action: AuditAction::ResultsCertificateSigner,
            object_kind: "competition",
            object_id: competition.id.to_string(),
            before: Some(json!({
                "name": before.try_get::<String, _>("certificate_signer_name")?,
                "title": before.try_get::<String, _>("certificate_signer_title")?,
            })),
            after: Some(json!({ "name": name, "title": title })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_tidied_and_long_names_refused_by_field() {
        assert_eq!(
            parse("  Drs. H.  Ahmad   Yani ", " Bupati\tSukamaju "),
            Ok(("Drs. H. Ahmad Yani".into(), "Bupati Sukamaju".into()))
        );
        assert_eq!(parse("", ""), Ok((String::new(), String::new())));
        let long = "a".repeat(MAX_CHARS as usize + 1);
        assert_eq!(
            parse(&long, "").map_err(|e| e.field),
            Err("signer_name".to_string())
        );
        assert_eq!(
            parse("", &long).map_err(|e| e.field),
            Err("signer_title".to_string())
        );
    }
}
