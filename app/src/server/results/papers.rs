//! The year's result papers as their downloads and the nomination dossier both make them: the
//! berita acara, a certificate (issued on first use) and the draft decree, each typeset off the
//! async threads. One place, so that a dossier carries exactly what the single downloads give.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::models::{CompetitionSummary, CurrentUser, PhaseBlock, ResultRow, ResultsBoard};
use crate::routes;
use crate::server::documents::{
    self,
    typeset::{Templates, TypesetError},
};
use crate::server::infra::{audit, db::internal, db::now_ms};
use crate::server::results::{certificates, exports, round_record};
use crate::server::{identity, AppState};

/// A typeset paper and the file name it is downloaded under.
pub struct Paper {
    pub bytes: Vec<u8>,
    pub name: String,
}

/// Typesets a document with the deployment's templates, off the async threads: laying out a
/// long recap takes a while. A template that fails is refused naming it, its line and what it
/// could not find (`AppError::TemplateFailed`), for the organiser to pass on to whoever keeps
/// the templates; the details also go to the log.
pub async fn typeset(
    state: &AppState,
    job: impl FnOnce(&Templates) -> Result<Vec<u8>, TypesetError> + Send + 'static,
) -> Result<Vec<u8>, AppError> {
    let templates = state.templates.clone();
    tokio::task::spawn_blocking(move || job(&templates))
        .await
        .map_err(internal)?
        .map_err(|e| {
            tracing::error!(error = %e, "a document did not lay out");
            AppError::TemplateFailed {
                template: e.template.to_string(),
                line: e.line,
                detail: e.messages.join("; "),
            }
        })
}

/// The berita acara: the ranking, one signature line per judge who handed in a sheet, and the
/// audit trail's newest seal.
pub async fn recap(state: &AppState, board: &ResultsBoard, lang: Lang) -> Result<Paper, AppError> {
    let panel = board
        .judges
        .iter()
        .filter(|j| j.sheets > 0)
        .map(|j| j.name.clone())
        .collect();
    let name = format!("berita-acara-{}.pdf", board.competition.year);
    recap_paper(state, name, |seal, letterhead| {
        exports::recap(board, panel, now_ms(), lang, seal, letterhead)
    })
    .await
}

/// The berita acara of round `position`, locked when proposals were sent on from it ("not
/// found" for a round that is not).
pub async fn round_recap(
    state: &AppState,
    competition: &CompetitionSummary,
    position: i64,
    lang: Lang,
) -> Result<Paper, AppError> {
    let locked = round_record::load(&state.db, competition.id, position).await?;
    let name = format!("berita-acara-{}-babak-{position}.pdf", competition.year);
    recap_paper(state, name, |seal, letterhead| {
        exports::round_recap(&locked, competition, now_ms(), lang, seal, letterhead)
    })
    .await
}

/// A berita acara as `make` words it with the regency's letterhead and the audit trail's newest
/// seal, typeset.
async fn recap_paper(
    state: &AppState,
    name: String,
    make: impl FnOnce(Option<&str>, exports::Letterhead<'_>) -> documents::Recap,
) -> Result<Paper, AppError> {
    let seal = audit::head(&state.db).await?;
    let (identity, crest) = identity::letterhead(&state.db, &state.files).await?;
    let recap = make(
        seal.as_deref(),
        exports::Letterhead {
            identity: &identity,
            crest,
        },
    );
    Ok(Paper {
        bytes: typeset(state, move |t| documents::pdf::recap(t, &recap)).await?,
        name,
    })
}

/// The certificate of an awarded proposal of a locked year. The first call issues it (its number
/// and verification code); later ones give the same certificate until it is withdrawn.
/// `base`: this server's address, for the verification link.
pub async fn certificate(
    state: &AppState,
    admin: &CurrentUser,
    board: &ResultsBoard,
    row: &ResultRow,
    base: &str,
    lang: Lang,
) -> Result<Paper, AppError> {
    let Some(locked_at) = board.locked_at else {
        return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
    };
    if row.award.is_none() {
        return Err(AppError::NotFound);
    }
    let (identity, crest) = identity::letterhead(&state.db, &state.files).await?;
    let signer = certificates::signer(board, &identity);
    let identity = &identity;
    let (issued, bytes) = certificates::issue(
        &state.db,
        admin,
        board,
        row,
        identity,
        |issued| async move {
            let address = format!("{base}{}", routes::verification(&issued.code));
            let printing = exports::Printing {
                signer,
                crest,
                address: &address,
                dated: locked_at,
            };
            let cert = exports::certificate(&issued, identity, printing, lang);
            typeset(state, move |t| documents::pdf::certificate(t, &cert)).await
        },
    )
    .await?;
    let number: String = issued
        .number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok(Paper {
        bytes,
        name: format!("piagam-{number}.pdf"),
    })
}

/// The draft decree naming the nominees: once the results are locked (the nominations are
/// final then) and someone is nominated.
pub async fn decree(state: &AppState, board: &ResultsBoard) -> Result<Paper, AppError> {
    let Some(locked_at) = board.locked_at else {
        return Err(AppError::PhaseBlocked(PhaseBlock::ResultsNotLocked));
    };
    if !board.rows.iter().any(|r| r.nominated) {
        return Err(AppError::PhaseBlocked(PhaseBlock::NoNominees));
    }
    let (identity, crest) = identity::letterhead(&state.db, &state.files).await?;
    let decree = exports::decree(board, &identity, locked_at, crest);
    Ok(Paper {
        bytes: typeset(state, move |t| documents::pdf::decree(t, &decree)).await?,
        name: format!("rancangan-sk-{}.pdf", board.competition.year),
    })
}
