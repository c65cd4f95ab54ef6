//! Result files served as plain routes, under the same permission table as server functions:
//! the ranking (`/admin/results.csv`, `/admin/results.xlsx`), the recap
//! (`/admin/results/berita-acara.pdf`), a certificate (`/admin/results/piagam/<proposal id>`),
//! the draft decree, the nomination dossiers (`/admin/nominasi/…zip`),
//! the gallery's open data (`/galeri.json`, `/galeri.csv`) and the regency's crest
//! (`/lambang.png`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::error::AppError;
use crate::models::{GalleryFilter, PhaseBlock, ResultsBoard};
use crate::permissions::route;
use crate::routes;
use crate::server::http::authz::{authorize_route, refuse_download, Principal};
use crate::server::http::file_response::{caller, respond, serve_file, File, CSV};
use crate::server::infra::db::internal;
use crate::server::people::account_links;
use crate::server::results::{board, compendium, dossier, exports, gallery, papers};
use crate::server::{documents, identity, year::competitions, AppState};

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
const ZIP: &str = "application/zip";

pub async fn ranking_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_RESULTS,
        |auth, lang| async move {
            let state = auth.state;
            let board = scored_board(&state).await?;
            Ok(File {
                bytes: exports::ranking_csv(&board, lang)?,
                content_type: CSV,
                name: format!("peringkat-{}.csv", board.competition.year),
            })
        },
    )
    .await
}

pub async fn ranking_xlsx(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_RESULTS,
        |auth, lang| async move {
            let state = auth.state;
            let board = scored_board(&state).await?;
            let ids: Vec<i64> = board.criteria.iter().map(|c| c.id).collect();
            let sheets = exports::judge_sheets(&state.db, board.competition.id, &ids).await?;
            let book = exports::workbook(&board, &sheets, lang);
            Ok(File {
                bytes: documents::xlsx::workbook(&book).map_err(internal)?,
                content_type: XLSX,
                name: format!("peringkat-{}.xlsx", board.competition.year),
            })
        },
    )
    .await
}

/// Which berita acara: `?babak=1` for a round proposals were sent on from; none for the
/// current round's.
#[derive(serde::Deserialize)]
pub struct RecapQuery {
    babak: Option<String>,
}

pub async fn recap_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(query): Query<RecapQuery>,
) -> Response {
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_RECAP,
        |auth, lang| async move {
            if let Some(round) = query.babak {
                // A number that is no locked round of the year (or no number) finds nothing.
                let position: i64 = round.trim().parse().map_err(|_| AppError::NotFound)?;
                let competition = competitions::current(&auth.state.db)
                    .await?
                    .ok_or(AppError::NotFound)?;
                return pdf(papers::round_recap(&auth.state, &competition, position, lang).await?);
            }
            let board = scored_board(&auth.state).await?;
            pdf(papers::recap(&auth.state, &board, lang).await?)
        },
    )
    .await
}

/// A certificate: only for a winner or finalist of a locked year (the award is final then).
pub async fn certificate_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Path(proposal_id): Path<String>,
) -> Response {
    let base = account_links::base_url(&state, Some(&headers));
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_CERTIFICATE,
        |auth, lang| async move {
            let board = scored_board(&auth.state).await?;
            if board.locked_at.is_none() {
                return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
            }
            let row = board
                .rows
                .iter()
                .find(|r| r.proposal_id == proposal_id && r.award.is_some())
                .ok_or(AppError::NotFound)?;
            pdf(papers::certificate(&auth.state, auth.user()?, &board, row, &base, lang).await?)
        },
    )
    .await
}

/// The draft decree naming the nominees (refused before locking and without nominees).
pub async fn decree_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_DECREE,
        |auth, _lang| async move {
            let board = scored_board(&auth.state).await?;
            pdf(papers::decree(&auth.state, &board).await?)
        },
    )
    .await
}

/// One nominee's dossier: its papers and evidence in one ZIP with a table of contents.
pub async fn dossier_zip(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Path(proposal_id): Path<String>,
) -> Response {
    dossier_response(state, principal, headers, Some(proposal_id)).await
}

/// Every nominee's dossier in one ZIP, with the decree and the berita acara once.
pub async fn dossiers_zip(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    dossier_response(state, principal, headers, None).await
}

/// The dossier ZIP of one nominee (`Some`) or of all of them (`None`).
async fn dossier_response(
    state: AppState,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    proposal_id: Option<String>,
) -> Response {
    let base = account_links::base_url(&state, Some(&headers));
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_DOSSIER,
        |auth, _lang| async move {
            let board = scored_board(&auth.state).await?;
            let made = dossier::zip(
                &auth.state,
                auth.user()?,
                &board,
                proposal_id.as_deref(),
                &base,
            )
            .await?;
            Ok(File {
                bytes: made.bytes,
                content_type: ZIP,
                name: made.name,
            })
        },
    )
    .await
}

/// The compendium of a year (`?year=`; none or odd: the newest public one): anyone for a
/// published year, the organisers also for the current year once its results are locked.
pub async fn compendium_pdf(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(query): Query<YearQuery>,
) -> Response {
    serve_file(
        state,
        principal,
        &headers,
        route::EXPORT_COMPENDIUM,
        |auth, _lang| async move {
            let organiser = auth
                .user()
                .is_ok_and(|u| u.role == crate::models::Role::Admin);
            let year = compendium::year_param(query.year.as_deref());
            let (bytes, name) = compendium::pdf(&auth.state, year, organiser).await?;
            Ok(File {
                bytes,
                content_type: PDF,
                name,
            })
        },
    )
    .await
}

/// `?year=2026`, as text: an odd value reads as "the newest" rather than failing.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct YearQuery {
    year: Option<String>,
}

fn pdf(paper: papers::Paper) -> Result<File, AppError> {
    Ok(File {
        bytes: paper.bytes,
        content_type: PDF,
        name: paper.name,
    })
}

/// The regency's crest as the documents print it (`/lambang.png`), for the identity page and
/// the verification page; not found until an admin uploads one.
pub async fn crest_png(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
) -> Response {
    let (principal, _) = caller(principal, &headers);
    let result = async {
        authorize_route(&state, principal, route::CREST)?;
        identity::crest_png(&state.db, &state.files)
            .await?
            .ok_or(AppError::NotFound)
    }
    .await;
    match result {
        Ok(png) => {
            let mut res = (StatusCode::OK, png).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            // Its address carries the image's version, so a new crest is fetched anew.
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            res
        }
        Err(e) => refuse_download(e),
    }
}

/// The gallery's open data, with the same filters as the page. JSON keeps the fields' own
/// names; the CSV is worded in the reader's language.
pub async fn gallery_json(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(filter): Query<GalleryFilter>,
    Query(paging): Query<OpenDataPaging>,
) -> Response {
    gallery_data(state, principal, headers, filter, paging, false).await
}

pub async fn gallery_csv(
    State(state): State<AppState>,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    Query(filter): Query<GalleryFilter>,
    Query(paging): Query<OpenDataPaging>,
) -> Response {
    gallery_data(state, principal, headers, filter, paging, true).await
}

/// Open data comes in pages: `?page=2&per_page=500` (at most `OPEN_DATA_MAX_PER_PAGE`, the
/// default). The body stays a plain list (or table); the pages are told in the headers, as
/// common web APIs do: `X-Total-Count`, and `Link: <…>; rel="next"` while more follow.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct OpenDataPaging {
    /// Text, not numbers: an odd value falls back to the default instead of failing.
    page: Option<String>,
    per_page: Option<String>,
}

pub const OPEN_DATA_MAX_PER_PAGE: u32 = 1000;

impl OpenDataPaging {
    fn page(&self) -> u32 {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    fn per_page(&self) -> u32 {
        self.per_page
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .map_or(OPEN_DATA_MAX_PER_PAGE, |n: u32| {
                n.clamp(1, OPEN_DATA_MAX_PER_PAGE)
            })
    }
}

async fn gallery_data(
    state: AppState,
    principal: Option<Extension<Principal>>,
    headers: HeaderMap,
    filter: GalleryFilter,
    paging: OpenDataPaging,
    csv: bool,
) -> Response {
    let (principal, lang) = caller(principal, &headers);
    let (page_no, per_page) = (paging.page(), paging.per_page());
    let mut total = 0;
    let result = async {
        authorize_route(&state, principal, route::EXPORT_GALLERY)?;
        let page = gallery::search(
            &state.db,
            &state.caches.gallery,
            &filter,
            page_no,
            Some(per_page),
        )
        .await?;
        total = page.total;
        Ok(if csv {
            File {
                bytes: gallery::to_csv(&page.items, lang)?,
                content_type: CSV,
                name: "galeri-inovasi.csv".into(),
            }
        } else {
            File {
                bytes: serde_json::to_vec_pretty(&page.items).map_err(internal)?,
                content_type: "application/json",
                name: "galeri-inovasi.json".into(),
            }
        })
    }
    .await;
    let mut response = respond(result);
    if response.status().is_success() {
        let h = response.headers_mut();
        h.insert("x-total-count", axum::http::HeaderValue::from(total));
        if u64::from(page_no) * u64::from(per_page) < u64::from(total) {
            let next = next_page_link(&filter, page_no + 1, per_page, csv);
            if let Ok(v) = axum::http::HeaderValue::from_str(&next) {
                h.insert(axum::http::header::LINK, v);
            }
        }
    }
    response
}

/// `<path?filters&page=N&per_page=M>; rel="next"`, the filters re-encoded from what was parsed.
fn next_page_link(filter: &GalleryFilter, page: u32, per_page: u32, csv: bool) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [
        ("q", &filter.q),
        ("year", &filter.year),
        ("category", &filter.category),
        ("award", &filter.award),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            q.append_pair(key, v);
        }
    }
    q.append_pair("page", &page.to_string());
    q.append_pair("per_page", &per_page.to_string());
    let path = if csv {
        routes::GALLERY_CSV
    } else {
        routes::GALLERY_JSON
    };
    format!("<{path}?{}>; rel=\"next\"", q.finish())
}
