//! Throttling of failed sign-ins, per account and per address, kept in the database so that
//! every server process behind a load balancer counts the same failures.
//!
//! A sliding window: after `MAX_PER_ACCOUNT` failures within `WINDOW_MS` for one email, further
//! attempts are refused until the oldest of them leaves the window. An unknown email is counted
//! exactly like a known one, so the throttle does not reveal which accounts exist.

use std::net::IpAddr;

use sqlx::Row;

use crate::error::AppError;
use crate::validation::Email;

use super::db::now_ms;
use super::Db;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Higher than per account: a whole office signs in from behind one address.
pub const MAX_PER_ADDRESS: i64 = 50;

fn subjects(email: &Email, ip: Option<IpAddr>) -> Vec<(String, i64)> {
    let mut v = vec![(format!("email:{}", email.as_str()), MAX_PER_ACCOUNT)];
    if let Some(ip) = ip {
        v.push((format!("ip:{ip}"), MAX_PER_ADDRESS));
    }
    v
}

/// Refuses the attempt when the account or the address is over its limit.
pub async fn check(db: &Db, email: &Email, ip: Option<IpAddr>) -> Result<(), AppError> {
    let now = now_ms();
    for (subject, max) in subjects(email, ip) {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures
             WHERE subject = $1 AND at > $2",
        )
        .bind(&subject)
        .bind(now - WINDOW_MS)
        .fetch_one(&db.pool)
        .await?;
        let n: i64 = row.try_get("n")?;
        let oldest: Option<i64> = row.try_get("oldest")?;
        if n >= max {
            let free_at = oldest.unwrap_or(now) + WINDOW_MS;
            let retry_after_secs = ((free_at - now).max(1000) / 1000) as u64;
            return Err(AppError::Throttled { retry_after_secs });
        }
    }
    Ok(())
}

pub async fn record_failure(db: &Db, email: &Email, ip: Option<IpAddr>) -> Result<(), AppError> {
    let now = now_ms();
    for (subject, _) in subjects(email, ip) {
        sqlx::query("INSERT INTO login_failures (subject, at) VALUES ($1, $2)")
            .bind(subject)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    // Housekeeping: nothing older than the window matters any more.
    sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(now - WINDOW_MS)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's count (not the address's).
pub async fn clear_account(db: &Db, email: &Email) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(format!("email:{}", email.as_str()))
        .execute(&db.pool)
        .await?;
    Ok(())
}
