//! Evidence files attached to proposals: limits, type by content, storage, removal.

use bytes::Bytes;

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{AttachmentInfo, CurrentUser, ProposalForm, ProposalStatus, QuestionKind};

use crate::server::infra::db::{internal, now_ms, Db};
use crate::server::infra::files::FileStore;
use crate::server::{submission::judge_copy, submission::proposals};
use crate::validation::answers::DEFAULT_MAX_FILES;

/// Largest file accepted (10 MB: a scanned decree or a photo, not a video).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The types accepted, recognised by their content (magic bytes), never by the file name.
const ALLOWED: &[&str] = &[
    "application/pdf",
    "image/jpeg",
    "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/// The content's type if it is one we accept.
pub fn detect_type(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    ALLOWED.iter().copied().find(|t| *t == kind.mime_type())
}

/// A file name fit to show and to offer back: no directories, no control characters, bounded.
pub fn clean_name(raw: &str) -> Result<String, FieldError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let name = name.trim().to_string();
    if name.is_empty() || name == "." || name == ".." {
        return Err(FieldError::new(Input::File, Problem::Required));
    }
    Ok(name)
}

/// What an upload carries once read.
pub struct Upload {
    pub proposal_id: String,
    pub question_id: i64,
    pub file_name: String,
    pub bytes: Bytes,
}

/// Checks and stores one file for an evidence slot of a draft the caller may edit.
pub async fn add(
    db: &Db,
    files: &FileStore,
    user: &CurrentUser,
    form: &ProposalForm,
    upload: Upload,
) -> Result<AttachmentInfo, AppError> {
    let question = form
        .question(upload.question_id)
        .filter(|q| q.kind == QuestionKind::Evidence)
        .ok_or_else(|| FieldError::new(Input::Question, Problem::NotAllowed))?;
    let file_name = clean_name(&upload.file_name)?;
    if upload.bytes.is_empty() {
        return Err(FieldError::new(Input::File, Problem::Required).into());
    }
    if upload.bytes.len() > MAX_FILE_BYTES {
        return Err(FieldError::new(Input::File, Problem::FileTooLarge { max_mb: 10 }).into());
    }
    let content_type = detect_type(&upload.bytes)
        .ok_or_else(|| FieldError::new(Input::File, Problem::FileType))?;

    // The copy a blind judge reads, made now so that opening it later costs nothing; a file
    // that cannot be read as its type is refused here, while its sender can still act,
    // and before anything is written.
    let judge_copy = {
        let bytes = upload.bytes.clone();
        tokio::task::spawn_blocking(move || judge_copy::clean(content_type, &bytes))
            .await
            .map_err(internal)?
            .ok_or_else(|| FieldError::new(Input::File, Problem::FileUnreadable))?
    };

    // The proposal: created if this upload is the first thing the server hears of it.
    let row = proposals::ensure_draft(db, user, form, &upload.proposal_id).await?;
    if row.status != ProposalStatus::Draft {
        return Err(AppError::ReadOnly);
    }
    // After the agency's deadline (its extension included) evidence is as closed as answers.
    if form.deadline_at.is_some_and(|d| now_ms() > d) {
        return Err(AppError::DeadlinePassed);
    }
    let max = question.max_files.unwrap_or(DEFAULT_MAX_FILES);
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM attachments WHERE proposal_id = $1 AND question_id = $2",
    )
    .bind(&upload.proposal_id)
    .bind(upload.question_id)
    .fetch_one(&db.pool)
    .await?;
    if count >= i64::from(max) {
        return Err(FieldError::new(Input::File, Problem::TooMany { max }).into());
    }

    let size = upload.bytes.len() as i64;
    let sha256 = files.put(upload.bytes).await?;
    let judge_sha256 = files.put(judge_copy).await?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO attachments (id, proposal_id, question_id, file_name, content_type,
             size_bytes, sha256, judge_sha256, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(&upload.proposal_id)
    .bind(upload.question_id)
    .bind(&file_name)
    .bind(content_type)
    .bind(size)
    .bind(&sha256)
    .bind(&judge_sha256)
    .bind(user.id)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(AttachmentInfo {
        id,
        question_id: upload.question_id,
        file_name,
        content_type: content_type.to_string(),
        size_bytes: size,
    })
}

/// One stored attachment with what is needed to check access and serve it.
#[derive(sqlx::FromRow)]
pub struct Stored {
    pub proposal_id: String,
    pub agency_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub sha256: String,
    /// The copy for blind judges (`judge_copy`); `None` for a file uploaded before copies were
    /// made.
    pub judge_sha256: Option<String>,
}

pub async fn find(db: &Db, id: &str) -> Result<Option<Stored>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.proposal_id, p.agency_id, a.file_name, a.content_type, a.sha256,
                a.judge_sha256
         FROM attachments a JOIN proposals p ON p.id = a.proposal_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Removes an attachment of a draft; its content goes too when nothing else refers to it.
pub async fn remove(
    db: &Db,
    files: &FileStore,
    form: &ProposalForm,
    stored: &Stored,
    id: &str,
) -> Result<(), AppError> {
    let row = proposals::find(db, &stored.proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != ProposalStatus::Draft {
        return Err(AppError::ReadOnly);
    }
    if form.deadline_at.is_some_and(|d| now_ms() > d) {
        return Err(AppError::DeadlinePassed);
    }
    sqlx::query("DELETE FROM attachments WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    let contents = std::iter::once(&stored.sha256).chain(stored.judge_sha256.as_ref());
    for sha in contents {
        let still_used: i64 = sqlx::query_scalar(
            // The same bytes may also be a finalist's slides (presentation/slides.rs) or a
            // visit's photo (visits/photos.rs).
            "SELECT (SELECT COUNT(*) FROM attachments WHERE sha256 = $1 OR judge_sha256 = $1)
                  + (SELECT COUNT(*) FROM presentation_slides WHERE sha256 = $1)
                  + (SELECT COUNT(*) FROM visit_photos WHERE sha256 = $1)",
        )
        .bind(sha)
        .fetch_one(&db.pool)
        .await?;
        if still_used == 0 {
            files.delete(sha).await?;
        }
    }
    Ok(())
}

/// The content a judge in a blind year reads. A file uploaded before judges' copies were made
/// is cleaned now, once, and its copy remembered.
pub async fn judge_content(
    db: &Db,
    files: &FileStore,
    id: &str,
    stored: &Stored,
) -> Result<Bytes, AppError> {
    if let Some(sha) = &stored.judge_sha256 {
        return files.get(sha).await;
    }
    let original = files.get(&stored.sha256).await?;
    let content_type = stored.content_type.clone();
    let copy = tokio::task::spawn_blocking(move || judge_copy::clean(&content_type, &original))
        .await
        .map_err(internal)?
        // Never the original in its place: it may name the agency.
        .ok_or(AppError::NotFound)?;
    let sha = files.put(copy.clone()).await?;
    sqlx::query("UPDATE attachments SET judge_sha256 = $1 WHERE id = $2")
        .bind(&sha)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_judged_by_content() {
        assert_eq!(detect_type(b"%PDF-1.7\n%\xe2\xe3"), Some("application/pdf"));
        assert_eq!(
            detect_type(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
            Some("image/png")
        );
        assert_eq!(
            detect_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some("image/jpeg")
        );
        // A Windows executable, whatever its name says.
        assert_eq!(detect_type(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"), None);
        assert_eq!(detect_type(b"just some text"), None);
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(
            clean_name("C:\\Users\\dewi\\SK Bupati.pdf").ok().as_deref(),
            Some("SK Bupati.pdf")
        );
        assert_eq!(
            clean_name("../../etc/passwd").ok().as_deref(),
            Some("passwd")
        );
        assert!(clean_name("   ").is_err());
        assert!(clean_name("dir/").is_err());
    }
}
