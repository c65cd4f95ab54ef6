//! Throttles, kept in the database so that every server process behind a load balancer counts
//! the same attempts: failed sign-ins per account and per address, and the anonymous writes
//! (choosing a password through a link, "I want to replicate this") per address.
//!
//! A sliding window: at most `max` attempts of one subject within `window_ms`; the next is
//! refused until the oldest leaves the window. An attempt is *claimed* before the work it guards
//! (the password check, the hash, the write): its row is inserted (and committed) first and only
//! then are the subject's rows counted. Of any number of racing attempts at most `max` get
//! through: among any `max + 1` that did, the last one to count would have seen the rows of all
//! the others. (Racing attempts may also refuse each other; that errs on the safe side.) A claim
//! that turns out to be no failure (a correct password) is released.
//!
//! The table is still called `login_failures` (migrations are append-only; its columns fit any
//! subject). An unknown email is counted exactly like a known one, so the throttle does not
//! reveal which accounts exist.

use std::net::IpAddr;

use crate::error::AppError;
use crate::validation::Email;

use crate::server::infra::db::now_ms;
use crate::server::Db;

/// How many attempts of one kind a subject may make within a window.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Names the kind of attempt in the subject key (`email:`, `ip:`, `link-ip:` …).
    pub prefix: &'static str,
    pub max: i64,
    pub window_ms: i64,
}

const FIFTEEN_MINUTES: i64 = 15 * 60 * 1000;

/// Failed sign-ins of one account.
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    prefix: "email",
    max: 5,
    window_ms: FIFTEEN_MINUTES,
};
/// Failed sign-ins from one address: higher, as a whole office signs in from behind one.
pub const SIGN_IN_PER_ADDRESS: Limit = Limit {
    prefix: "ip",
    max: 50,
    window_ms: FIFTEEN_MINUTES,
};
/// Passwords chosen through a one-time link, from one address (each costs an argon2 hash).
pub const LINK_PER_ADDRESS: Limit = Limit {
    prefix: "link-ip",
    max: 10,
    window_ms: FIFTEEN_MINUTES,
};
/// "I want to replicate this" sent from one address.
pub const INTEREST_PER_ADDRESS: Limit = Limit {
    prefix: "interest-ip",
    max: 10,
    window_ms: 60 * 60 * 1000,
};

/// The same figures under their old names (docs and tests speak of them).
pub const MAX_PER_ACCOUNT: i64 = SIGN_IN_PER_ACCOUNT.max;
pub const MAX_PER_ADDRESS: i64 = SIGN_IN_PER_ADDRESS.max;

/// Attempts counted against their subjects; `release` takes them back.
#[must_use = "a claim is kept (counted) unless released"]
#[derive(Debug)]
pub struct Claim {
    rows: Vec<i64>,
}

/// Counts one attempt against each `(limit, subject)` and refuses it when any of them is over
/// its limit (nothing of a refused attempt stays counted).
pub async fn claim(db: &Db, subjects: &[(Limit, String)]) -> Result<Claim, AppError> {
    let now = now_ms();
    let mut rows = Vec::with_capacity(subjects.len());
    let mut refusal = None;
    for (limit, subject) in subjects {
        let key = format!("{}:{subject}", limit.prefix);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO login_failures (subject, at) VALUES ($1, $2) RETURNING id",
        )
        .bind(&key)
        .bind(now)
        .fetch_one(&db.pool)
        .await?;
        rows.push(id);
        // Counted after the insert: this attempt's own row and every racing one's are in.
        let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures
             WHERE subject = $1 AND at > $2",
        )
        .bind(&key)
        .bind(now - limit.window_ms)
        .fetch_one(&db.pool)
        .await?;
        if n > limit.max {
            let free_at = oldest.unwrap_or(now) + limit.window_ms;
            let retry_after_secs = ((free_at - now).max(1000) / 1000) as u64;
            refusal = Some(AppError::Throttled { retry_after_secs });
            break;
        }
    }
    if let Some(refused) = refusal {
        Claim { rows }.release(db).await?;
        return Err(refused);
    }
    // Housekeeping: nothing older than the longest window matters any more.
    let longest = subjects
        .iter()
        .map(|(l, _)| l.window_ms)
        .max()
        .unwrap_or(0)
        .max(INTEREST_PER_ADDRESS.window_ms);
    sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(now - longest)
        .execute(&db.pool)
        .await?;
    Ok(Claim { rows })
}

impl Claim {
    /// The attempts were no failures after all: they count no more.
    pub async fn release(self, db: &Db) -> Result<(), AppError> {
        for id in self.rows {
            sqlx::query("DELETE FROM login_failures WHERE id = $1")
                .bind(id)
                .execute(&db.pool)
                .await?;
        }
        Ok(())
    }

    /// The attempts stay counted (a failure).
    pub fn keep(self) {}
}

/// The subjects of one sign-in attempt: the account, and the address when known.
pub fn sign_in_subjects(email: &Email, ip: Option<IpAddr>) -> Vec<(Limit, String)> {
    let mut v = vec![(SIGN_IN_PER_ACCOUNT, email.as_str().to_string())];
    if let Some(ip) = ip {
        v.push((SIGN_IN_PER_ADDRESS, ip.to_string()));
    }
    v
}

/// The subject of an anonymous write from `ip` (without an address, e.g. a unit test, all such
/// writes share one subject, which errs on the side of refusing).
pub fn address_subject(limit: Limit, ip: Option<IpAddr>) -> Vec<(Limit, String)> {
    vec![(limit, ip.map(|ip| ip.to_string()).unwrap_or_default())]
}

/// A successful sign-in clears the account's failures (not the address's).
pub async fn clear_account(db: &Db, email: &Email) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_failures WHERE subject = $1")
        .bind(format!("{}:{}", SIGN_IN_PER_ACCOUNT.prefix, email.as_str()))
        .execute(&db.pool)
        .await?;
    Ok(())
}
