//! Result files served as plain routes, under the same permission table as server functions:
//! the ranking (`/admin/results.csv`, `/admin/results.xlsx`), the recap
//! (`/admin/results/berita-acara.pdf`), a certificate (`/admin/results/piagam/<proposal id>`) and
//! the gallery's open data (`/galeri.json`, `/galeri.csv`).

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

use super::authz::{authorize_route, Principal};
use super::file_response::{caller, respond, File, CSV};
use super::results::{board, exports, gallery, settings};
use super::{competitions, documents, AppState};
use crate::error::AppError;
use crate::models::{Award, GalleryFilter, PhaseBlock, ResultsBoard};

/// The current year's board, refused when nobody has scored anything yet.
async fn scored_board(state: &AppState) -> Result<ResultsBoard, AppError> {
    let competition = competitions::current(&state.db)
        .await?
        .ok_or(AppError::PhaseBlocked(PhaseBlock::NoScores))?;
    let board = board::load(&state.db, competition).await?;
    exports::require_scores(&board)?;
    Ok(board)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PDF: &str = "application/pdf";

pub async fn ranking_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, "export_results")?;
        let board = scored_board(&state).await?;
        Ok(File {
            bytes: exports::ranking_csv(&board, lang)?,
            content_type: CSV,
            name: format!("peringkat-{}.csv", board.competition.year),
        })
    }
    .await;
    respond(&headers, result)
}

pub async fn ranking_xlsx(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, "export_results")?;
        let board = scored_board(&state).await?;
        let ids: Vec<i64> = board.criteria.iter().map(|c| c.id).collect();
        let sheets = exports::judge_sheets(&state.db, board.competition.id, &ids).await?;
        let book = exports::workbook(&board, &sheets, lang);
        Ok(File {
            bytes: documents::xlsx::workbook(&book).map_err(super::db::internal)?,
            content_type: XLSX,
            name: format!("peringkat-{}.xlsx", board.competition.year),
        })
    }
    .await;
    respond(&headers, result)
}

pub async fn recap_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, "export_recap")?;
        let board = scored_board(&state).await?;
        let panel = board
            .judges
            .iter()
            .filter(|j| j.sheets > 0)
            .map(|j| j.name.clone())
            .collect();
        let recap = exports::recap(&board, panel, super::db::now_ms(), lang);
        Ok(File {
            bytes: documents::pdf::recap(&recap),
            content_type: PDF,
            name: format!("berita-acara-{}.pdf", board.competition.year),
        })
    }
    .await;
    respond(&headers, result)
}

/// A certificate: only for a winner or finalist of a locked year (the award is final then).
pub async fn certificate_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Path(proposal_id): Path<String>,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, "export_certificate")?;
        let board = scored_board(&state).await?;
        let settings = settings(&state.db, board.competition.id).await?;
        if settings.locked_at.is_none() {
            return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
        }
        let awarded: Vec<_> = board.rows.iter().filter(|r| r.award.is_some()).collect();
        let (serial, row) = awarded
            .iter()
            .enumerate()
            .find(|(_, r)| r.proposal_id == proposal_id)
            .ok_or(AppError::NotFound)?;
        let cert = exports::certificate(&board, row, serial + 1, &settings, lang);
        let kind = if row.award == Some(Award::Winner) {
            "pemenang"
        } else {
            "finalis"
        };
        Ok(File {
            bytes: documents::pdf::certificate(&cert),
            content_type: PDF,
            name: format!("piagam-{kind}-{}.pdf", serial + 1),
        })
    }
    .await;
    respond(&headers, result)
}

/// The gallery's open data, with the same filters as the page. JSON keeps the fields' own
/// names; the CSV is worded in the reader's language.
pub async fn gallery_json(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(filter): Query<GalleryFilter>,
) -> Response {
    gallery_data(state, principal, headers, filter, false).await
}

pub async fn gallery_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(filter): Query<GalleryFilter>,
) -> Response {
    gallery_data(state, principal, headers, filter, true).await
}

async fn gallery_data(
    state: AppState,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    filter: GalleryFilter,
    csv: bool,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, "export_gallery")?;
        let page = gallery::search(&state.db, &filter, 1, None).await?;
        Ok(if csv {
            File {
                bytes: gallery::to_csv(&page.items, lang)?,
                content_type: CSV,
                name: "galeri-inovasi.csv".into(),
            }
        } else {
            File {
                bytes: serde_json::to_vec_pretty(&page.items).map_err(super::db::internal)?,
                content_type: "application/json",
                name: "galeri-inovasi.json".into(),
            }
        })
    }
    .await;
    respond(&headers, result)
}
