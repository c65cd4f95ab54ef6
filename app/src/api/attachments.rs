//! Evidence files: upload (multipart, so the browser can show progress) and removal. Downloads
//! are a plain route, `GET /files/<id>` (server::http::downloads), under the same permission table.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::models::AttachmentInfo;

/// Attaches one file to an evidence slot. Form fields: `proposal_id`, `question_id`, `file`.
#[server(prefix = "/api", endpoint = "upload_attachment", input = MultipartFormData)]
pub async fn upload_attachment(data: MultipartData) -> Result<AttachmentInfo, AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::submission::attachments::{self, Upload, MAX_FILE_BYTES};
    use crate::server::{http::authz, submission::send_back};

    let auth = authz::authorize::<UploadAttachment>().await?;
    let user = auth.user()?.clone();
    let agency_id = auth.own_agency()?;
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest {
        detail: "multipart body expected".into(),
    })?;
    let bad = |detail: &str| AppError::BadRequest {
        detail: detail.to_string(),
    };
    let (mut proposal_id, mut question_id, mut file) = (None, None, None);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(&e.to_string()))?
    {
        match field.name() {
            Some("proposal_id") => proposal_id = Some(small_field(&mut field).await?),
            Some("question_id") => {
                let text = small_field(&mut field).await?;
                question_id = Some(text.trim().parse::<i64>().map_err(|_| bad("question_id"))?);
            }
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                // Read in chunks and stop at the limit: a huge upload never sits in memory whole.
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| bad(&e.to_string()))? {
                    if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        return Err(FieldError::new(
                            crate::error::Input::File,
                            Problem::FileTooLarge { max_mb: 10 },
                        )
                        .into());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let proposal_id = proposal_id.ok_or_else(|| bad("proposal_id missing"))?;
    let question_id = question_id.ok_or_else(|| bad("question_id missing"))?;
    let (file_name, bytes) =
        file.ok_or_else(|| FieldError::new(crate::error::Input::File, Problem::Required))?;

    let db = &auth.state.db;
    let competition_id = super::proposals::competition_for(&auth, &proposal_id).await?;
    let form = send_back::form_for(db, competition_id, agency_id, &proposal_id).await?;
    attachments::add(
        db,
        &auth.state.files,
        &user,
        &form,
        Upload {
            proposal_id,
            question_id,
            file_name,
            bytes: bytes.into(),
        },
    )
    .await
}

/// A multipart text field of the upload form (an id), read in chunks and refused past a few
/// hundred bytes: the body may hold 11 MB, and only the file is meant to be large.
#[cfg(feature = "ssr")]
pub(crate) async fn small_field(field: &mut multer::Field<'static>) -> Result<String, AppError> {
    const MAX_FIELD_BYTES: usize = 256;
    let bad = |detail: String| AppError::BadRequest { detail };
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.to_string()))? {
        if bytes.len() + chunk.len() > MAX_FIELD_BYTES {
            return Err(bad(format!(
                "the field {} is longer than {MAX_FIELD_BYTES} bytes",
                field.name().unwrap_or_default()
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| bad("a text field that is not UTF-8".into()))
}

/// Removes a file from a draft's evidence slot.
#[server(prefix = "/api", endpoint = "delete_attachment")]
pub async fn delete_attachment(attachment_id: String) -> Result<(), AppError> {
    use crate::server::{http::authz, submission::attachments, submission::send_back};
    let auth = authz::authorize::<DeleteAttachment>().await?;
    let db = &auth.state.db;
    let stored = attachments::find(db, &attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    auth.require_agency(stored.agency_id)?;
    let row = crate::server::submission::proposals::find(db, &stored.proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = send_back::form_for(db, row.competition_id, row.agency_id, &row.id).await?;
    attachments::remove(db, &auth.state.files, &form, &stored, &attachment_id).await
}
