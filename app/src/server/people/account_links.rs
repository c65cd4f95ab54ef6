//! One-time links that let a person choose a password: an invitation to a new account, or a
//! reset of a forgotten one. The admin sees the link once and passes it on (chat, e-mail); the
//! database keeps only its SHA-256, so a copy of the database opens no account. A link works
//! once, until it expires, and issuing a new one voids the person's older links.

use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::{AppError, FieldError, Input, Problem};
use crate::models::{CurrentUser, IssuedLink, LinkInfo, LinkPurpose};
use crate::server::infra::audit::AuditAction;
use crate::validation::NewPassword;

use crate::server::infra::db::{now_ms, parse_enum, Flag};
use crate::server::{infra::audit, infra::session_store, infra::throttle, AppState, Db};

/// Where the page that redeems a link lives.
pub const SETUP_PATH: &str = "/account/setup";

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl LinkPurpose {
    /// How long a link stays valid: a week to accept an invitation, a day for a reset.
    pub fn lifetime_ms(self) -> i64 {
        match self {
            LinkPurpose::Invite => 7 * DAY_MS,
            LinkPurpose::Reset => DAY_MS,
        }
    }
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

#[derive(sqlx::FromRow)]
struct UserRow {
    name: String,
    email: String,
    #[sqlx(try_from = "i64")]
    active: Flag,
}

/// Makes a link for `user_id` and returns it, with the site's address in front.
pub async fn issue(
    db: &Db,
    admin: &CurrentUser,
    user_id: i64,
    purpose: LinkPurpose,
    base_url: &str,
) -> Result<IssuedLink, AppError> {
    let mut secret = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut secret);
    let token = hex::encode(secret);
    let now = now_ms();
    let expires_at = now + purpose.lifetime_ms();

    let mut tx = db.begin_write().await?;
    let row: UserRow = sqlx::query_as("SELECT name, email, active FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if !row.active.0 {
        // A deactivated account is not reopened by a link; activate it first.
        return Err(FieldError::new(Input::User, Problem::NotAllowed).into());
    }
    sqlx::query("DELETE FROM account_tokens WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash(&token))
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(admin.id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    let action = match purpose {
        LinkPurpose::Invite => AuditAction::UserInviteLink,
        LinkPurpose::Reset => AuditAction::UserResetLink,
    };
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin.id, action, "user", user_id)
            .after(json!({ "expires_at": expires_at })),
    )
    .await?;
    Ok(IssuedLink {
        name: row.name,
        email: row.email,
        purpose,
        url: format!(
            "{}{SETUP_PATH}?token={token}",
            base_url.trim_end_matches('/')
        ),
        expires_at,
        emailed: None,
    })
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    name: String,
    email: String,
    purpose: String,
}

/// Whose account a link opens, if it still works. A used, expired, voided or made-up link all
/// answer `NotFound` alike.
pub async fn peek(db: &Db, token: &str) -> Result<LinkInfo, AppError> {
    let row: LinkRow = sqlx::query_as(
        "SELECT u.name, u.email, t.purpose FROM account_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.active = 1",
    )
    .bind(hash(token))
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(LinkInfo {
        purpose: parse_enum("purpose", &row.purpose, LinkPurpose::parse)?,
        name: row.name,
        email: row.email,
    })
}

/// Sets the password a link was made for, uses the link up, and ends the account's sessions
/// (a reset locks out whoever knew the old password).
///
/// Anyone may call this, so the cheap checks come before the expensive one: the link must open
/// an account before the new password is hashed (argon2), so a made-up token costs one indexed
/// read, never a hash, and the hashes are bounded by the links the organisers issued. Made-up
/// tokens are counted against the caller's address (a whole office activating its accounts at
/// once is not slowed down).
pub async fn redeem(
    state: &AppState,
    ip: Option<std::net::IpAddr>,
    token: &str,
    password: &NewPassword,
) -> Result<(), AppError> {
    let db = &state.db;
    let claim = throttle::claim(
        db,
        &throttle::address_subject(throttle::LINK_PER_ADDRESS, ip),
    )
    .await?;
    match peek(db, token).await {
        Ok(_) => claim.release(db).await?,
        Err(e) => {
            claim.keep();
            return Err(e);
        }
    }
    // Hashed outside the write transaction (it is the slow part); the link is checked again
    // under the row lock below, so one raced by another redemption is still used only once.
    let password_hash = state.hasher.hash(password.expose().to_string()).await?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT t.user_id, t.purpose FROM account_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.active = 1{}",
        crate::server::infra::db::for_update(db.backend)
    );
    let (user_id, purpose): (i64, String) = sqlx::query_as(&sql)
        .bind(hash(token))
        .bind(now_ms())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    sqlx::query("UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2")
        .bind(now_ms())
        .bind(hash(token))
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    session_store::end_sessions_of(&mut *tx, user_id).await?;
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(user_id, AuditAction::UserPasswordSet, "user", user_id)
            .after(json!({ "by_link": purpose })),
    )
    .await?;
    Ok(())
}

/// The site's address for links: `INOVASI_PUBLIC_URL` when set, else the address this request
/// came to (fine on a regency's intranet, where there is no proxy to mislead it).
pub fn base_url(state: &AppState, headers: Option<&http::HeaderMap>) -> String {
    if let Some(url) = &state.security.public_url {
        return url.clone();
    }
    let host = headers
        .and_then(|h| h.get(http::header::HOST))
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && !h.contains(['/', ' ', '@']))
        .unwrap_or("localhost:3000");
    let scheme = if state.security.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}
