//! The audit trail: append-only, each row's hash covering the previous row's hash, so that an
//! edited or deleted row breaks the chain (`inovasi verify-audit`).

use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

use crate::error::AppError;

use super::db::{now_ms, Backend};

/// One thing that happened.
pub struct Event<'a> {
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub object_kind: &'a str,
    pub object_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The hash of the chain before its first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash that seals one row: every stored field plus the previous hash, length-prefixed so
/// that moving text between fields changes it.
#[allow(clippy::too_many_arguments)]
pub fn seal(
    prev_hash: &str,
    at: i64,
    actor_id: Option<i64>,
    action: &str,
    object_kind: &str,
    object_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    let actor = actor_id.map(|a| a.to_string());
    for part in [
        Some(prev_hash),
        Some(&at.to_string()[..]),
        actor.as_deref(),
        Some(action),
        Some(object_kind),
        Some(object_id),
        before,
        after,
    ] {
        match part {
            Some(p) => {
                h.update((p.len() as u64).to_be_bytes());
                h.update(p.as_bytes());
            }
            None => h.update(u64::MAX.to_be_bytes()),
        }
    }
    hex::encode(h.finalize())
}

/// Appends an event inside the caller's write transaction, so it commits or rolls back with the
/// change it describes.
pub async fn append(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    event: Event<'_>,
) -> Result<(), AppError> {
    if backend == Backend::Postgres {
        // Serialise appenders so two rows never chain to the same predecessor. (On SQLite the
        // write transaction already holds the database's single write lock.)
        sqlx::query("SELECT pg_advisory_xact_lock(7242001)")
            .execute(&mut **tx)
            .await?;
    }
    let prev: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    let prev = prev.unwrap_or_else(|| GENESIS.to_string());
    let at = now_ms();
    let before = event.before.map(|v| v.to_string());
    let after = event.after.map(|v| v.to_string());
    let hash = seal(
        &prev,
        at,
        event.actor_id,
        event.action,
        event.object_kind,
        &event.object_id,
        before.as_deref(),
        after.as_deref(),
    );
    sqlx::query(
        "INSERT INTO audit_events (at, actor_id, action, object_kind, object_id, before_json,
             after_json, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at)
    .bind(event.actor_id)
    .bind(event.action)
    .bind(event.object_kind)
    .bind(&event.object_id)
    .bind(before)
    .bind(after)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_depends_on_every_field() {
        let base = seal(GENESIS, 1, Some(2), "a", "b", "c", Some("{}"), None);
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            seal(GENESIS, 1, Some(2), "a", "b", "c", Some("{}"), Some(""))
        );
        assert_ne!(
            base,
            seal(GENESIS, 1, None, "a", "b", "c", Some("{}"), None)
        );
        assert_ne!(
            base,
            seal(GENESIS, 1, Some(2), "ab", "", "c", Some("{}"), None)
        );
        assert_ne!(
            base,
            seal(&base, 1, Some(2), "a", "b", "c", Some("{}"), None)
        );
    }
}
