//! Signing in and out.

use std::net::IpAddr;

use tower_sessions::Session;

use crate::error::AppError;
use crate::models::CurrentUser;
use crate::server::infra::audit::AuditAction;
use crate::validation::{Email, PasswordAttempt};

use crate::server::http::authz::SIGNED_IN_AT_KEY;
use crate::server::infra::db::internal;
use crate::server::infra::session_store::USER_ID_KEY;
use crate::server::{infra::audit, infra::throttle, people::users, AppState};

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
    // Counted before the password is checked, so parallel guesses cannot outrun the count.
    let claim = throttle::claim(&state.db, &throttle::sign_in_subjects(&email, ip)).await?;
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
        (_, account) => {
            claim.keep();
            tracing::info!("sign-in refused");
            // Who tried is what the trail can say: the account when it exists, the address typed.
            audit::record(
                &state.db,
                audit::Event::new(
                    None,
                    AuditAction::UserSignInFailed,
                    "user",
                    account.map_or_else(String::new, |a| a.id.to_string()),
                )
                .after(serde_json::json!({
                    "email": email.as_str(),
                    "address": ip.map(|a| a.to_string()),
                })),
            )
            .await?;
            return Err(AppError::BadCredentials);
        }
    };
    claim.release(&state.db).await?;
    throttle::clear_account(&state.db, &email).await?;
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(internal)?;
    session
        .insert(SIGNED_IN_AT_KEY, crate::server::infra::db::now_ms())
        .await
        .map_err(internal)?;
    audit::record(
        &state.db,
        audit::Event::by(user_id, AuditAction::UserSignIn, "user", user_id)
            .after(serde_json::json!({ "address": ip.map(|a| a.to_string()) })),
    )
    .await?;
    users::load_current(&state.db, user_id)
        .await?
        .ok_or(AppError::BadCredentials)
}

/// Ends this session (the record is deleted, the cookie cleared).
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}
