//! Receipts of saves (docs/sync.md): what a save carrying an idempotency key answered, kept so
//! that a retry of the same save (its answer lost on a bad line) is answered the same and
//! written once. Proposal drafts and score sheets share them; both read the receipt under the
//! record's row lock, so a retry racing its original sees the original's receipt.

use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::models::SaveOutcome;
use crate::server::infra::db::internal;

/// What kind of record a receipt belongs to (`sync_receipts.record_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    Proposal,
    ScoreSheet,
    Visit,
}

impl Record {
    fn as_str(self) -> &'static str {
        match self {
            Record::Proposal => "proposal",
            Record::ScoreSheet => "score_sheet",
            Record::Visit => "visit",
        }
    }
}

/// The answer already given to this save, if it was made before.
pub async fn answered(
    tx: &mut Transaction<'static, Any>,
    record: Record,
    record_id: &str,
    key: &str,
) -> Result<Option<SaveOutcome>, AppError> {
    let receipt: Option<String> = sqlx::query_scalar(
        "SELECT response FROM sync_receipts
         WHERE record_kind = $1 AND record_id = $2 AND idempotency_key = $3",
    )
    .bind(record.as_str())
    .bind(record_id)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    receipt
        .map(|response| serde_json::from_str(&response).map_err(internal))
        .transpose()
}

/// Keeps the answer to this save, in the save's own transaction.
pub async fn keep(
    tx: &mut Transaction<'static, Any>,
    record: Record,
    record_id: &str,
    key: &str,
    outcome: &SaveOutcome,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO sync_receipts (record_kind, record_id, idempotency_key, response, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(record.as_str())
    .bind(record_id)
    .bind(key)
    .bind(serde_json::to_string(outcome).map_err(internal)?)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
