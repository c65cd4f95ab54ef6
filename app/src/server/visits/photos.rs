//! The photos of a visit. The tablet keeps each photo it takes until the network returns
//! (docs/sync.md "Photos"), then sends it here under the id it gave the photo when it was taken:
//! a retry after a lost answer finds the photo already stored and is answered the same, so a
//! photo is stored once however often it is sent. A photo is judged by its content (JPEG, PNG
//! or WebP, what every organiser's browser shows), never by its name.

use bytes::Bytes;
use serde_json::json;

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{CurrentUser, Phase, VisitPhoto};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::now_ms;
use crate::server::infra::files::FileStore;
use crate::server::Db;

use super::record::begin;
use super::visiting::Visiting;

/// Largest photo taken: a tablet camera's JPEG is 2–6 MB (the request's own limit is 11 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
const ACCEPTED: &[&str] = &["image/jpeg", "image/png", "image/webp"];

/// The content's type, if it is a photo we keep.
pub fn detect(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    ACCEPTED.iter().copied().find(|t| *t == kind.mime_type())
}

/// A photo as the tablet sends it.
pub struct NewPhoto {
    pub id: String,
    pub claim: Option<i64>,
    pub taken_at: i64,
    pub bytes: Bytes,
}

/// Stores a photo of the calling judge's visit. The report is begun if the photo comes first.
pub async fn upload(
    db: &Db,
    files: &FileStore,
    judge: &CurrentUser,
    visiting: &Visiting,
    photo: NewPhoto,
) -> Result<VisitPhoto, AppError> {
    let bad = |detail: &str| AppError::BadRequest {
        detail: detail.to_string(),
    };
    uuid::Uuid::parse_str(&photo.id).map_err(|_| bad("a photo id is a UUID"))?;
    if photo.taken_at <= 0 {
        return Err(bad("when the photo was taken"));
    }
    if let Some(claim) = photo.claim {
        if claim < 1 || claim as usize > visiting.claims.len() {
            return Err(bad("the photo names a claim the checklist does not have"));
        }
    }
    if photo.bytes.len() > MAX_BYTES {
        return Err(FieldError::new(Input::File, Problem::FileTooLarge { max_mb: 10 }).into());
    }
    let content_type =
        detect(&photo.bytes).ok_or_else(|| FieldError::new(Input::File, Problem::NotAPhoto))?;
    let a = &visiting.assigned;
    if a.phase != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    if let Some(kept) = already(db, &photo.id, a.round_id, judge.id, &a.proposal_id).await? {
        return Ok(kept);
    }
    // The file goes in outside the write transaction, so a slow store never holds the database;
    // a blob nobody points at costs only space.
    let size = photo.bytes.len() as i64;
    let sha = files.put(photo.bytes).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let visit = begin(&mut tx, db, visiting, judge.id, now).await?;
    // Two sends of the same photo racing: the second finds the first's row under the lock.
    let owner: Option<String> =
        sqlx::query_scalar("SELECT visit_id FROM visit_photos WHERE id = $1")
            .bind(&photo.id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(owner) = owner {
        drop(tx);
        return if owner == visit.id {
            already(db, &photo.id, a.round_id, judge.id, &a.proposal_id)
                .await?
                .ok_or(AppError::NotFound)
        } else {
            Err(AppError::NotFound)
        };
    }
    let claim_sql = if photo.claim.is_some() { "$8" } else { "NULL" };
    let query = format!(
        "INSERT INTO visit_photos (id, visit_id, sha256, content_type, size_bytes, taken_at,
             uploaded_at, claim)
         VALUES ($1, $2, $3, $4, $5, $6, $7, {claim_sql})"
    );
    let insert = sqlx::query(&query)
        .bind(&photo.id)
        .bind(&visit.id)
        .bind(&sha)
        .bind(content_type)
        .bind(size)
        .bind(photo.taken_at)
        .bind(now);
    match photo.claim {
        Some(claim) => insert.bind(claim),
        None => insert,
    }
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(judge.id, AuditAction::VisitPhoto, "visit", &visit.id).after(json!({
            "photo": photo.id, "claim": photo.claim, "bytes": size, "sha256": sha,
        })),
    )
    .await?;
    Ok(VisitPhoto {
        id: photo.id,
        claim: photo.claim,
        taken_at: photo.taken_at,
        size_bytes: size,
    })
}

/// The photo `id` when it is already stored for this judge's visit; "not found" when the id is
/// another visit's (a tablet never reuses one, so that is a tampered request).
async fn already(
    db: &Db,
    id: &str,
    round_id: i64,
    judge_id: i64,
    proposal_id: &str,
) -> Result<Option<VisitPhoto>, AppError> {
    let row: Option<(String, i64, Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT v.proposal_id, v.judge_id, ph.claim, ph.taken_at, ph.size_bytes
         FROM visit_photos ph JOIN visits v ON v.id = ph.visit_id
         WHERE ph.id = $1 AND v.round_id = $2",
    )
    .bind(id)
    .bind(round_id)
    .fetch_optional(&db.pool)
    .await?;
    match row {
        None => {
            let anywhere: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM visit_photos WHERE id = $1")
                    .bind(id)
                    .fetch_one(&db.pool)
                    .await?;
            if anywhere > 0 {
                Err(AppError::NotFound)
            } else {
                Ok(None)
            }
        }
        Some((proposal, judge, claim, taken_at, size_bytes)) => {
            if proposal != proposal_id || judge != judge_id {
                return Err(AppError::NotFound);
            }
            Ok(Some(VisitPhoto {
                id: id.to_string(),
                claim,
                taken_at,
                size_bytes,
            }))
        }
    }
}

/// The photos of a report, oldest first.
pub async fn of_visit(db: &Db, visit_id: &str) -> Result<Vec<VisitPhoto>, AppError> {
    let rows: Vec<(String, Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT id, claim, taken_at, size_bytes FROM visit_photos
         WHERE visit_id = $1 ORDER BY taken_at, id",
    )
    .bind(visit_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, claim, taken_at, size_bytes)| VisitPhoto {
            id,
            claim,
            taken_at,
            size_bytes,
        })
        .collect())
}

/// A stored photo as its route serves it.
pub struct StoredPhoto {
    pub judge_id: i64,
    pub sha256: String,
    pub content_type: String,
}

/// The photo `id`, for its route (none: no such photo).
pub async fn find_photo(db: &Db, id: &str) -> Result<Option<StoredPhoto>, AppError> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT v.judge_id, ph.sha256, ph.content_type
         FROM visit_photos ph JOIN visits v ON v.id = ph.visit_id WHERE ph.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(judge_id, sha256, content_type)| StoredPhoto {
        judge_id,
        sha256,
        content_type,
    }))
}
