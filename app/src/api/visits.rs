//! Field verification: a judge's visit report (the draft sync protocol, like a score sheet), its
//! photos (multipart, sent by the tablet when the network returns), and the organisers writing
//! a field round's checklist. The report is shown on the scoring page (`fetch_scoring`); the
//! organisers read it on a proposal's result page; a photo opens at `GET /kunjungan/foto/<id>`
//! (server::http::downloads), under the same table.

use leptos::prelude::*;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::models::{SaveOutcome, SaveRequest, VisitPhoto};

/// Saves changed fields of the calling judge's report on a finalist they visit (docs/sync.md);
/// `submitted: true` among them hands the report in.
#[server(prefix = "/api", endpoint = "save_visit", input = Json)]
pub async fn save_visit(request: SaveRequest) -> Result<SaveOutcome, AppError> {
    use crate::server::{http::authz, visits};
    let auth = authz::authorize::<SaveVisit>().await?;
    let judge = auth.user()?.clone();
    let db = &auth.state.db;
    let visiting = visits::visiting(db, judge.id, &request.proposal_id).await?;
    visits::record::save(db, &judge, &visiting, &request).await
}

/// Stores one photo of the calling judge's visit. Form fields: `proposal_id`, `photo_id` (the
/// id the tablet gave it), `claim` (its place on the checklist, or empty), `taken_at` (ms),
/// `file`.
#[server(prefix = "/api", endpoint = "upload_visit_photo", input = MultipartFormData)]
pub async fn upload_visit_photo(data: MultipartData) -> Result<VisitPhoto, AppError> {
    use crate::api::attachments::small_field;
    use crate::error::{FieldError, Input, Problem};
    use crate::server::http::authz;
    use crate::server::visits::{self, photos};

    let auth = authz::authorize::<UploadVisitPhoto>().await?;
    let judge = auth.user()?.clone();
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest {
        detail: "multipart body expected".into(),
    })?;
    let bad = |e: String| AppError::BadRequest { detail: e };
    let (mut proposal_id, mut photo_id, mut claim, mut taken_at, mut file) =
        (None, None, None, None, None);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.to_string()))?
    {
        match field.name() {
            Some("proposal_id") => proposal_id = Some(small_field(&mut field).await?),
            Some("photo_id") => photo_id = Some(small_field(&mut field).await?),
            Some("claim") => claim = Some(small_field(&mut field).await?),
            Some("taken_at") => taken_at = Some(small_field(&mut field).await?),
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.to_string()))? {
                    if bytes.len() + chunk.len() > photos::MAX_BYTES {
                        return Err(FieldError::new(
                            Input::File,
                            Problem::FileTooLarge { max_mb: 10 },
                        )
                        .into());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some(bytes);
            }
            _ => {}
        }
    }
    let proposal_id = proposal_id.ok_or(AppError::NotFound)?;
    let bytes = file
        .filter(|b| !b.is_empty())
        .ok_or_else(|| FieldError::new(Input::File, Problem::Required))?;
    let claim = match claim.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(n) => Some(
            n.parse::<i64>()
                .map_err(|_| bad("claim is a number".into()))?,
        ),
    };
    let taken_at = taken_at
        .as_deref()
        .and_then(|t| t.trim().parse::<i64>().ok())
        .ok_or_else(|| bad("taken_at is a time in ms".into()))?;
    let db = &auth.state.db;
    let visiting = visits::visiting(db, judge.id, proposal_id.trim()).await?;
    photos::upload(
        db,
        &auth.state.files,
        &judge,
        &visiting,
        photos::NewPhoto {
            id: photo_id.unwrap_or_default().trim().to_string(),
            claim,
            taken_at,
            bytes: bytes.into(),
        },
    )
    .await
}

/// An admin opens a handed-in visit report again so its judge can correct it (recorded with
/// the reason, told to the judge), from the finalist's result page: a plain form.
#[server(prefix = "/api", endpoint = "reopen_visit")]
pub async fn reopen_visit(visit_id: String, reason: String) -> Result<(), AppError> {
    use crate::server::{http::authz, visits};
    let auth = authz::authorize::<ReopenVisit>().await?;
    let proposal_id =
        visits::reopen::reopen(&auth.state.db, auth.user()?, &visit_id, &reason).await?;
    crate::api::auth::redirect_plain_form_post(&crate::routes::admin_result(&proposal_id));
    Ok(())
}

/// Writes the checklist of the field round at `position` (one claim per line), from the rounds
/// page: a plain form.
#[server(prefix = "/api", endpoint = "save_visit_claims")]
pub async fn save_visit_claims(position: String, claims: String) -> Result<(), AppError> {
    use crate::server::{http::authz, visits};
    let auth = authz::authorize::<SaveVisitClaims>().await?;
    visits::claims::save(&auth.state.db, auth.user()?, &position, &claims).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=claims",
        crate::routes::ADMIN_ROUNDS
    ));
    Ok(())
}
