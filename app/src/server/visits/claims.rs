//! The checklist of a field round: the claims its visitors verify, one per line, written by the
//! organisers on the rounds page. A report keeps its answers by a claim's place in the list, so
//! the list is fixed once a visit report of the round exists.

use serde_json::json;

use crate::error::{AppError, Field, FieldError, Problem, RoundPart};
use crate::models::{claims_of, CurrentUser, RoundKind};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::year::{competitions, rounds};
use crate::server::Db;
use crate::validation::visit::{CLAIM_MAX_CHARS, MAX_CLAIMS};

/// The checklist as typed, checked: at most `MAX_CLAIMS` claims, each within its length; the
/// error names the round.
pub fn parse(position: usize, text: &str) -> Result<Vec<String>, FieldError> {
    let field = || Field::Round {
        position,
        part: RoundPart::Claims,
    };
    let claims = claims_of(text);
    if claims.len() > MAX_CLAIMS {
        return Err(FieldError::new(
            field(),
            Problem::TooMany {
                max: MAX_CLAIMS as u32,
            },
        ));
    }
    if claims
        .iter()
        .any(|c| c.chars().count() > CLAIM_MAX_CHARS as usize)
    {
        return Err(FieldError::new(
            field(),
            Problem::TooLong {
                max: CLAIM_MAX_CHARS,
            },
        ));
    }
    Ok(claims)
}

/// Writes the checklist of the current year's field round at `position`. Refused ("not found")
/// for a round that is not a field round, and as a conflict once a visit of the round is
/// reported; nothing is stored.
pub async fn save(
    db: &Db,
    admin: &CurrentUser,
    position: &str,
    text: &str,
) -> Result<(), AppError> {
    let position: usize = position.trim().parse().map_err(|_| AppError::NotFound)?;
    let claims = parse(position, text)?;
    let mut tx = db.begin_write().await?;
    let (year, _) = competitions::lock_current(&mut tx, db).await?;
    let round = rounds::list(&mut *tx, year)
        .await?
        .into_iter()
        .find(|r| r.position == position as i64 && r.kind == RoundKind::Field)
        .ok_or(AppError::NotFound)?;
    if round.visited || round.locked_at.is_some() {
        return Err(AppError::Conflict {
            what: "visits of this round are already reported".into(),
        });
    }
    sqlx::query("UPDATE rounds SET visit_claims = $1 WHERE id = $2")
        .bind(claims.join("\n"))
        .bind(round.id)
        .execute(&mut *tx)
        .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, AuditAction::VisitClaims, "round", round.id)
            .before(json!({ "claims": round.claims }))
            .after(json!({ "claims": claims })),
    )
    .await?;
    Ok(())
}
