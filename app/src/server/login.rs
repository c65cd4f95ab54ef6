//! Signing in and out.

use std::net::IpAddr;

use tower_sessions::Session;

use crate::error::AppError;
use crate::models::CurrentUser;
use crate::validation::{Email, PasswordAttempt};

use super::db::internal;
use super::session_store::USER_ID_KEY;
use super::{login_throttle, users, AppState};

/// Checks the credentials and binds the session to the user. The session gets a new id first,
/// so an id planted before sign-in (session fixation) is worth nothing after it.
#[tracing::instrument(skip(state, session, email, password), fields(email = %email.as_str()))]
pub async fn sign_in(
    state: &AppState,
    session: &Session,
    ip: Option<IpAddr>,
    email: Email,
    password: PasswordAttempt,
) -> Result<CurrentUser, AppError> {
    login_throttle::check(&state.db, &email, ip).await?;
    let account = users::find_credentials(&state.db, &email).await?;
    let hash = account
        .as_ref()
        .filter(|a| a.active)
        .and_then(|a| a.password_hash.clone());
    let ok = state
        .hasher
        .verify(password.expose().to_string(), hash)
        .await?;
    let user_id = match (ok, account) {
        (true, Some(a)) => a.id,
        _ => {
            login_throttle::record_failure(&state.db, &email, ip).await?;
            tracing::info!("sign-in refused");
            return Err(AppError::BadCredentials);
        }
    };
    login_throttle::clear_account(&state.db, &email).await?;
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(internal)?;
    users::load_current(&state.db, user_id)
        .await?
        .ok_or(AppError::BadCredentials)
}

/// Ends this session (the record is deleted, the cookie cleared).
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}
