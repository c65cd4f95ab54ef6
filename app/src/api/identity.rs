//! The regency's identity on its documents (`/admin/identity`), and the certificates: the
//! organisers' list with withdrawal, and the public verification page.

// The identity form posts fifteen plain fields, one argument each (a form without script posts
// them by name); the server macro's browser-side function takes them too.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::models::{IssuedCertificate, RegencyIdentity, VerifiedCertificate};

/// The identity as set (empty fields: not set yet).
#[server(prefix = "/api", endpoint = "fetch_identity")]
pub async fn fetch_identity() -> Result<RegencyIdentity, AppError> {
    use crate::server::{http::authz, identity};
    let auth = authz::authorize::<FetchIdentity>().await?;
    identity::load(&auth.state.db).await
}

/// The whole identity form: the government and place, a signatory per kind of document (name,
/// title, NIP), and the numbering of certificates and decrees.
#[server(prefix = "/api", endpoint = "save_identity")]
pub async fn save_identity(
    government_name: String,
    place: String,
    certificate_signer_name: String,
    certificate_signer_title: String,
    certificate_signer_nip: String,
    recap_signer_name: String,
    recap_signer_title: String,
    recap_signer_nip: String,
    decree_signer_name: String,
    decree_signer_title: String,
    decree_signer_nip: String,
    certificate_pattern: String,
    certificate_next: String,
    decree_pattern: String,
    decree_next: String,
) -> Result<(), AppError> {
    use crate::server::{http::authz, identity};
    let auth = authz::authorize::<SaveIdentity>().await?;
    let form = identity::IdentityForm {
        government_name,
        place,
        signatories: [
            (
                certificate_signer_name,
                certificate_signer_title,
                certificate_signer_nip,
            ),
            (recap_signer_name, recap_signer_title, recap_signer_nip),
            (decree_signer_name, decree_signer_title, decree_signer_nip),
        ],
        series: [
            (certificate_pattern, certificate_next),
            (decree_pattern, decree_next),
        ],
    };
    identity::save(&auth.state.db, auth.user()?, &form).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=identity",
        crate::routes::ADMIN_IDENTITY
    ));
    Ok(())
}

/// A new crest (field `file`, a PNG or JPEG), or, with `remove` set, none.
#[server(prefix = "/api", endpoint = "upload_crest", input = MultipartFormData)]
pub async fn upload_crest(data: MultipartData) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::server::documents::crest::MAX_BYTES;
    use crate::server::{http::authz, identity};

    let auth = authz::authorize::<UploadCrest>().await?;
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest {
        detail: "multipart body expected".into(),
    })?;
    let bad = |e: String| AppError::BadRequest { detail: e };
    let (mut file, mut remove) = (None, false);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.to_string()))?
    {
        match field.name() {
            Some("remove") => remove = true,
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.to_string()))? {
                    if bytes.len() + chunk.len() > MAX_BYTES {
                        return Err(FieldError::new(
                            Input::File,
                            Problem::FileTooLarge {
                                max_mb: (MAX_BYTES / (1024 * 1024)) as u32,
                            },
                        )
                        .into());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A form sent without choosing a file still carries an empty `file` part.
                if !bytes.is_empty() {
                    file = Some(bytes);
                }
            }
            _ => {}
        }
    }
    let upload = match (remove, file) {
        (true, _) => None,
        (false, Some(bytes)) => Some(bytes),
        (false, None) => return Err(FieldError::new(Input::File, Problem::Required).into()),
    };
    identity::set_crest(
        &auth.state.db,
        &auth.state.files,
        auth.user()?,
        upload.as_deref(),
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?saved=crest",
        crate::routes::ADMIN_IDENTITY
    ));
    Ok(())
}

/// The current year's certificates, newest first (none before any is issued).
#[server(prefix = "/api", endpoint = "fetch_certificates")]
pub async fn fetch_certificates() -> Result<Vec<IssuedCertificate>, AppError> {
    use crate::server::{http::authz, results::certificates, year::competitions};
    let auth = authz::authorize::<FetchCertificates>().await?;
    let db = &auth.state.db;
    match competitions::current(db).await? {
        Some(c) => certificates::list(db, c.id).await,
        None => Ok(Vec::new()),
    }
}

/// Withdraws a certificate, saying why; its verification page says so from then on.
#[server(prefix = "/api", endpoint = "withdraw_certificate")]
pub async fn withdraw_certificate(certificate: String, reason: String) -> Result<(), AppError> {
    use crate::server::{http::authz, results::certificates};
    let auth = authz::authorize::<WithdrawCertificate>().await?;
    let id: i64 = certificate.trim().parse().map_err(|_| AppError::NotFound)?;
    certificates::withdraw(&auth.state.db, auth.user()?, id, &reason).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?withdrawn={id}#certificates",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// Purges a withdrawn certificate: what it said is erased and its verification address answers
/// like one nobody was given.
#[server(prefix = "/api", endpoint = "purge_certificate")]
pub async fn purge_certificate(certificate: String) -> Result<(), AppError> {
    use crate::server::{http::authz, results::certificates};
    let auth = authz::authorize::<PurgeCertificate>().await?;
    let id: i64 = certificate.trim().parse().map_err(|_| AppError::NotFound)?;
    certificates::purge(&auth.state.db, auth.user()?, id).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?purged={id}#certificates",
        crate::routes::ADMIN_RESULTS
    ));
    Ok(())
}

/// What the certificate with this code says, for anyone; `None` when no certificate has it.
#[server(prefix = "/api", endpoint = "fetch_verification")]
pub async fn fetch_verification(code: String) -> Result<Option<VerifiedCertificate>, AppError> {
    use crate::server::{http::authz, results::certificates};
    let auth = authz::authorize::<FetchVerification>().await?;
    certificates::verify(&auth.state.db, &code).await
}
