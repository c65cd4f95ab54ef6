//! Who signs the year's certificates (piagam): the regent, the head of the innovation office or
//! the committee's chair, as the organisers set it on the results page. It does not feed the
//! ranking, so it may still be corrected after locking (a misspelt name on a printed award is
//! what an organiser notices last).

use serde_json::json;

use crate::error::{AppError, FieldError, Input};
use crate::models::{CertificateSigner, CurrentUser};
use crate::server::infra::audit::AuditAction;
use crate::server::infra::db::for_update;
use crate::server::{infra::audit, year::competitions, Db};
use crate::validation::text;

/// Longest name or title taken: two lines under the signature.
pub const MAX_CHARS: u32 = 120;

pub async fn load(db: &Db, competition_id: i64) -> Result<CertificateSigner, AppError> {
    let (name, title, locked_by) = sqlx::query_as::<_, (String, String, Option<String>)>(
        "SELECT c.certificate_signer_name, c.certificate_signer_title, u.name AS locked_by
         FROM competitions c LEFT JOIN users u ON u.id = c.results_locked_by
         WHERE c.id = $1",
    )
    .bind(competition_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(CertificateSigner {
        name,
        title,
        locked_by,
    })
}

/// Runs of spaces (a name pasted from a letterhead) become one.
fn field(name: Input, value: &str) -> Result<String, FieldError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    text(name, &value, MAX_CHARS, false)
}

/// The name and title as typed, spaces tidied; either may be left empty (the defaults then).
pub fn parse(name: &str, title: &str) -> Result<(String, String), FieldError> {
    Ok((
        field(Input::SignerName, name)?,
        field(Input::SignerTitle, title)?,
    ))
}

/// Sets the current year's signer (the permission table allows it while deliberating and once
/// published).
pub async fn save(db: &Db, admin: &CurrentUser, name: &str, title: &str) -> Result<(), AppError> {
    let competition = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    let mut tx = db.begin_write().await?;
    let (was_name, was_title) = sqlx::query_as::<_, (String, String)>(&format!(
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
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(
            admin.id,
            AuditAction::ResultsCertificateSigner,
            "competition",
            competition.id,
        )
        .before(json!({ "name": was_name, "title": was_title }))
        .after(json!({ "name": name, "title": title })),
    )
    .await?;
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
            parse(&long, "").map_err(|e| e.field.to_string()),
            Err("signer_name".to_string())
        );
        assert_eq!(
            parse("", &long).map_err(|e| e.field.to_string()),
            Err("signer_title".to_string())
        );
    }
}
