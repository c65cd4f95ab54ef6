//! `GET /files/<attachment id>`: an attachment's content, after the same permission check as any
//! server function (`download_attachment` in the permission table) and the object scope: the
//! agency's own files, any for an admin, and those of assigned proposals for a judge. Every
//! download is checked anew. Also `GET /presentasi/bahan/<proposal id>`: a finalist's slides for
//! the presentation day (`slides`), and `GET /kunjungan/foto/<photo id>`: a photo of a field
//! visit (`visit_photo`).

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::models::Role;
use crate::server::http::authz::{authorize_route, Principal};
use crate::server::http::form_return::refuse;
use crate::server::{judging, submission::attachments, AppState};

pub async fn download(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<String>,
) -> Response {
    let principal = Principal::of(principal);
    match serve(&state, principal, &id).await {
        Ok(response) => response,
        Err(e) => refuse(e),
    }
}

async fn serve(
    state: &AppState,
    principal: Principal,
    id: &str,
) -> Result<Response, crate::error::AppError> {
    let auth = authorize_route(
        state,
        principal,
        crate::permissions::route::DOWNLOAD_ATTACHMENT,
    )?;
    let stored = attachments::find(&state.db, id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    // A judge reads the files of assigned proposals in the browser; when judging is blind, under
    // a neutral name and as the copy without its makers' names (judge_copy.rs). Everyone else
    // gets their agency's files (an admin any) as uploaded, as a download.
    let (file_name, inline, bytes) = match auth.user()? {
        user if user.role == Role::Judge => {
            let assigned = judging::assigned(&state.db, user.id, &stored.proposal_id).await?;
            if assigned.blind {
                let name = format!(
                    "lampiran.{}",
                    judging::blind::extension(&stored.content_type)
                );
                let bytes =
                    attachments::judge_content(&state.db, &state.files, id, &stored).await?;
                (name, true, bytes)
            } else {
                let bytes = state.files.get(&stored.sha256).await?;
                (stored.file_name.clone(), true, bytes)
            }
        }
        _ => {
            auth.require_agency(stored.agency_id)?;
            let bytes = state.files.get(&stored.sha256).await?;
            (stored.file_name.clone(), false, bytes)
        }
    };
    Ok(stored_file(bytes, &stored.content_type, &file_name, inline))
}

/// A stored file as the answer: its type, its name (shown in the browser, or saved), never
/// cached on the way.
fn stored_file(bytes: bytes::Bytes, content_type: &str, file_name: &str, inline: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        ascii_fallback(file_name),
        percent_encode(file_name)
    );
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// The name with anything outside printable ASCII (and quotes) replaced, for old clients.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// RFC 5987 encoding for `filename*`.
fn percent_encode(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET /presentasi/bahan/<proposal id>`: the slides of a finalist of the presentation round
/// under way (`slides` in the permission table), opened in the browser: for the organisers, the
/// agency itself, and the judges who sit in the room where it presents. Anyone else, and a
/// finalist without slides, gets "not found".
pub async fn slides(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<String>,
) -> Response {
    let principal = Principal::of(principal);
    match serve_slides(&state, principal, &id).await {
        Ok(response) => response,
        Err(e) => refuse(e),
    }
}

async fn serve_slides(
    state: &AppState,
    principal: Principal,
    id: &str,
) -> Result<Response, crate::error::AppError> {
    use crate::server::presentation::slides as stored_slides;
    let auth = authorize_route(state, principal, crate::permissions::route::SLIDES)?;
    let stored = stored_slides::find(&state.db, id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    match auth.user()? {
        user if user.role == Role::Judge => {
            if !stored_slides::judge_sees(&state.db, user.id, id).await? {
                return Err(crate::error::AppError::NotFound);
            }
        }
        _ => auth.require_agency(stored.agency_id)?,
    }
    let bytes = state.files.get(&stored.sha256).await?;
    Ok(stored_file(
        bytes,
        &stored.content_type,
        &stored.file_name,
        true,
    ))
}

/// `GET /kunjungan/foto/<photo id>`: a photo of a field visit (`visit_photo` in the permission
/// table): for the organisers, and for the judge whose visit it is. Anyone else gets "not found".
pub async fn visit_photo(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    Path(id): Path<String>,
) -> Response {
    let principal = Principal::of(principal);
    match serve_visit_photo(&state, principal, &id).await {
        Ok(response) => response,
        Err(e) => refuse(e),
    }
}

async fn serve_visit_photo(
    state: &AppState,
    principal: Principal,
    id: &str,
) -> Result<Response, crate::error::AppError> {
    use crate::server::visits::photos;
    let auth = authorize_route(state, principal, crate::permissions::route::VISIT_PHOTO)?;
    let photo = photos::find_photo(&state.db, id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    let user = auth.user()?;
    if user.role != Role::Admin && user.id != photo.judge_id {
        return Err(crate::error::AppError::NotFound);
    }
    let bytes = state.files.get(&photo.sha256).await?;
    let extension = photo.content_type.trim_start_matches("image/");
    Ok(stored_file(
        bytes,
        &photo.content_type,
        &format!("foto-kunjungan.{extension}"),
        true,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_safe_in_headers() {
        assert_eq!(
            super::ascii_fallback("SK \"Bupati\" 2024.pdf"),
            "SK _Bupati_ 2024.pdf"
        );
        assert_eq!(
            super::percent_encode("Foto kegiatan é.jpg"),
            "Foto%20kegiatan%20%C3%A9.jpg"
        );
    }
}
