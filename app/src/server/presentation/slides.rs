//! The slides an agency brings to its presentation (docs/presentation.md "Slides"): uploaded
//! beforehand from the agency's home page, one file per finalist and round, a PDF or a
//! PowerPoint file recognised by its content (never by its name), and opened from the room's
//! board when the finalist comes on. A new upload replaces the one before.

use bytes::Bytes;
use serde_json::json;

use crate::error::{AppError, FieldError, Input, Problem, ServerProblem};
use crate::models::{CurrentUser, Phase, RoundKind, SlidesInfo};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::now_ms;
use crate::server::infra::files::FileStore;
use crate::server::submission::attachments::clean_name;
use crate::server::year::{competitions, rounds};
use crate::server::Db;

/// Largest slides accepted: as large as an evidence file (the request's own limit is 11 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The kinds accepted, by content: a PDF opens in the board's browser; a PowerPoint file is
/// what many agencies have, and the moderator's laptop opens it.
const ACCEPTED: &[&str] = &[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// The content's type, if it is slides we accept.
pub fn detect(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    ACCEPTED.iter().copied().find(|t| *t == kind.mime_type())
}

/// Stores `bytes` as the slides of `proposal_id` for the presentation round under way, for an
/// agency person whose agency it is (anyone else's finalist, or a proposal that does not present,
/// is "not found").
pub async fn upload(
    db: &Db,
    files: &FileStore,
    user: &CurrentUser,
    proposal_id: &str,
    file_name: &str,
    bytes: Bytes,
) -> Result<SlidesInfo, AppError> {
    let name = clean_name(file_name)?;
    if bytes.len() > MAX_BYTES {
        return Err(FieldError::new(Input::File, Problem::FileTooLarge { max_mb: 10 }).into());
    }
    let content_type = detect(&bytes)
        .ok_or_else(|| FieldError::new(Input::File, Problem::Server(ServerProblem::NotSlides)))?;
    let agency = user.agency_id.ok_or(AppError::Forbidden)?;
    // Checked before the file is stored (nobody fills the store with refused uploads), and again
    // under the year's lock: the file goes in between, outside the write transaction, so a slow
    // store never holds the database. A blob nobody points at costs only space; a row pointing
    // at nothing would break the board.
    let year = competitions::current(db).await?.ok_or(AppError::NotFound)?;
    presents(&mut *db.pool.acquire().await?, year.id, agency, proposal_id).await?;
    let size = bytes.len() as i64;
    let sha = files.put(bytes).await?;
    let mut tx = db.begin_write().await?;
    let (year, phase) = competitions::lock_current(&mut tx, db).await?;
    if phase != Phase::Judging {
        return Err(AppError::WrongPhase);
    }
    let round = presents(&mut tx, year, agency, proposal_id).await?;
    let now = now_ms();
    sqlx::query(
        "INSERT INTO presentation_slides (round_id, proposal_id, sha256, file_name, content_type,
             size_bytes, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (round_id, proposal_id) DO UPDATE SET sha256 = excluded.sha256,
             file_name = excluded.file_name, content_type = excluded.content_type,
             size_bytes = excluded.size_bytes, uploaded_by = excluded.uploaded_by,
             uploaded_at = excluded.uploaded_at",
    )
    .bind(round.id)
    .bind(proposal_id)
    .bind(&sha)
    .bind(&name)
    .bind(content_type)
    .bind(size)
    .bind(user.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(user.id, AuditAction::SlidesUpload, "proposal", proposal_id)
            .after(json!({ "round": round.position, "file": name, "bytes": size, "sha256": sha })),
    )
    .await?;
    Ok(SlidesInfo {
        file_name: name,
        size_bytes: size,
        uploaded_at: now,
    })
}

/// The presentation round under way, when `proposal_id` is a finalist of `agency` scheduled in
/// it ("not found" otherwise: another agency's proposal, one that does not present, no such
/// round).
async fn presents(
    conn: &mut sqlx::AnyConnection,
    year: i64,
    agency: i64,
    proposal_id: &str,
) -> Result<crate::models::RoundInfo, AppError> {
    let round = rounds::list(&mut *conn, year)
        .await?
        .into_iter()
        .find(|r| r.current && r.kind == RoundKind::Presentation)
        .ok_or(AppError::NotFound)?;
    let presents: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM slots s
         JOIN rooms r ON r.id = s.room_id
         JOIN proposals p ON p.id = s.proposal_id
         WHERE s.proposal_id = $1 AND r.round_id = $2 AND p.agency_id = $3",
    )
    .bind(proposal_id)
    .bind(round.id)
    .bind(agency)
    .fetch_one(&mut *conn)
    .await?;
    if presents == 0 {
        return Err(AppError::NotFound);
    }
    Ok(round)
}

/// The slides of `proposal_id` in the current round, as stored.
pub struct Stored {
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub agency_id: i64,
}

pub async fn find(db: &Db, proposal_id: &str) -> Result<Option<Stored>, AppError> {
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT ps.sha256, ps.file_name, ps.content_type, p.agency_id
         FROM presentation_slides ps
         JOIN rounds r ON r.id = ps.round_id AND r.is_current = 1
         JOIN proposals p ON p.id = ps.proposal_id
         WHERE ps.proposal_id = $1",
    )
    .bind(proposal_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(
        row.map(|(sha256, file_name, content_type, agency_id)| Stored {
            sha256,
            file_name,
            content_type,
            agency_id,
        }),
    )
}

/// Whether `judge` sits in the room where `proposal_id` presents in the current round: the
/// judges who see the talk see its slides beforehand.
pub async fn judge_sees(db: &Db, judge: i64, proposal_id: &str) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM slots s
         JOIN rooms r ON r.id = s.room_id
         JOIN rounds rd ON rd.id = r.round_id AND rd.is_current = 1
         JOIN room_judges rj ON rj.room_id = s.room_id
         WHERE s.proposal_id = $1 AND rj.judge_id = $2",
    )
    .bind(proposal_id)
    .bind(judge)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}
