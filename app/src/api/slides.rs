//! The slides an agency brings to its presentation: uploaded from the agency's home page
//! (multipart, a plain form that works without script). Opening them is a plain route,
//! `GET /presentasi/bahan/<proposal id>` (server::http::downloads), under the same table.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;

/// Stores the slides of one of the caller's finalists. Form fields: `proposal_id`, `file`.
#[server(prefix = "/api", endpoint = "upload_slides", input = MultipartFormData)]
pub async fn upload_slides(data: MultipartData) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::server::http::authz;
    use crate::server::presentation::slides::{self, MAX_BYTES};

    let auth = authz::authorize::<UploadSlides>().await?;
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest {
        detail: "multipart body expected".into(),
    })?;
    let bad = |e: String| AppError::BadRequest { detail: e };
    let (mut proposal_id, mut file) = (None, None);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.to_string()))?
    {
        match field.name() {
            Some("proposal_id") => {
                proposal_id = Some(crate::api::attachments::small_field(&mut field).await?);
            }
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.to_string()))? {
                    if bytes.len() + chunk.len() > MAX_BYTES {
                        return Err(FieldError::new(
                            Input::File,
                            Problem::FileTooLarge { max_mb: 10 },
                        )
                        .into());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A form sent without choosing a file still carries an empty `file` part.
                if !bytes.is_empty() {
                    file = Some((name, bytes));
                }
            }
            _ => {}
        }
    }
    let proposal_id = proposal_id.ok_or(AppError::NotFound)?;
    let (name, bytes) = file.ok_or_else(|| FieldError::new(Input::File, Problem::Required))?;
    slides::upload(
        &auth.state.db,
        &auth.state.files,
        auth.user()?,
        proposal_id.trim(),
        &name,
        bytes.into(),
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&format!("{}?saved=slides", crate::routes::AGENCY));
    Ok(())
}
