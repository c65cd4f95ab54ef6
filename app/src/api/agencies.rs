//! Agencies, for the admins: the list, one at a time, and CSV import.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
use crate::models::AgencyRow;

#[server(prefix = "/api", endpoint = "list_agencies")]
pub async fn list_agencies() -> Result<Vec<AgencyRow>, AppError> {
    use crate::server::{http::authz, people::agencies};
    let auth = authz::authorize::<ListAgencies>().await?;
    agencies::list(&auth.state.db).await
}

#[server(prefix = "/api", endpoint = "fetch_agency")]
pub async fn fetch_agency(agency_id: i64) -> Result<AgencyRow, AppError> {
    use crate::server::{http::authz, people::agencies};
    let auth = authz::authorize::<FetchAgency>().await?;
    agencies::get(&auth.state.db, agency_id).await
}

#[server(prefix = "/api", endpoint = "add_agency")]
pub async fn add_agency(
    name: String,
    short_name: String,
    kind: String,
    head_name: String,
) -> Result<i64, AppError> {
    use crate::models::AgencyDraft;
    use crate::server::{http::authz, people::agencies};
    use crate::validation::agency::parse_agency;
    let auth = authz::authorize::<AddAgency>().await?;
    let agency = parse_agency(&AgencyDraft {
        name,
        short_name,
        kind,
        head_name,
    })?;
    let id = agencies::add(&auth.state.db, &auth.state.caches, auth.user()?, &agency).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_AGENCIES);
    Ok(id)
}

#[server(prefix = "/api", endpoint = "update_agency")]
pub async fn update_agency(
    agency_id: String,
    name: String,
    short_name: String,
    kind: String,
    head_name: String,
) -> Result<(), AppError> {
    use crate::models::AgencyDraft;
    use crate::server::{http::authz, people::agencies};
    use crate::validation::agency::parse_agency;
    let auth = authz::authorize::<UpdateAgency>().await?;
    let id: i64 = agency_id.trim().parse().map_err(|_| AppError::NotFound)?;
    let agency = parse_agency(&AgencyDraft {
        name,
        short_name,
        kind,
        head_name,
    })?;
    agencies::update(
        &auth.state.db,
        &auth.state.caches,
        auth.user()?,
        id,
        &agency,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_AGENCIES);
    Ok(())
}

/// Deactivating an agency also deactivates its accounts (and signs them out).
#[server(prefix = "/api", endpoint = "set_agency_active")]
pub async fn set_agency_active(agency_id: String, active: bool) -> Result<(), AppError> {
    use crate::server::{http::authz, people::agencies};
    let auth = authz::authorize::<SetAgencyActive>().await?;
    let id: i64 = agency_id.trim().parse().map_err(|_| AppError::NotFound)?;
    agencies::set_active(&auth.state.db, auth.user()?, id, active).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_AGENCIES);
    Ok(())
}

/// Imports agencies from a CSV file (field `file`): all rows, or none with a report naming each
/// broken row. Answers how many were added.
#[server(prefix = "/api", endpoint = "import_agencies", input = MultipartFormData)]
pub async fn import_agencies(data: MultipartData) -> Result<usize, AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, people::agencies};
    /// A list of a few thousand agencies is far below this.
    const MAX_BYTES: usize = 1024 * 1024;

    let auth = authz::authorize::<ImportAgencies>().await?;
    let mut multipart = data.into_inner().ok_or_else(|| AppError::BadRequest {
        detail: "multipart body expected".into(),
    })?;
    let bad = |e: String| AppError::BadRequest { detail: e };
    let mut file = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(e.to_string()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| bad(e.to_string()))? {
            if bytes.len() + chunk.len() > MAX_BYTES {
                return Err(FieldError::new(
                    crate::error::Input::File,
                    Problem::FileTooLarge { max_mb: 1 },
                )
                .into());
            }
            bytes.extend_from_slice(&chunk);
        }
        file = Some(bytes);
    }
    let bytes =
        file.ok_or_else(|| FieldError::new(crate::error::Input::File, Problem::Required))?;
    let added = agencies::import(&auth.state.db, &auth.state.caches, auth.user()?, &bytes).await?;
    crate::api::auth::redirect_plain_form_post(&format!(
        "{}?imported={added}",
        crate::routes::ADMIN_AGENCIES
    ));
    Ok(added)
}
