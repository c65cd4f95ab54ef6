//! Managing accounts (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::UserListItem;

/// Every account, for the admin's user page.
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserListItem>, AppError> {
    use crate::server::{http::authz, people::users};
    let auth = authz::authorize::<ListUsers>().await?;
    users::list(&auth.state.db).await
}

/// Activates or deactivates an account; deactivation signs the person out everywhere.
#[server(prefix = "/api", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, people::users};
    let auth = authz::authorize::<SetUserActive>().await?;
    let me = auth.user()?.id;
    if me == user_id && !active {
        // An admin locking themselves out could leave the regency with no admin at all.
        return Err(FieldError::new(crate::error::Input::User, Problem::NotAllowed).into());
    }
    users::set_active(&auth.state.db, me, user_id, active).await
}

/// Creates an account and makes its invitation link, which the admin's page then shows once.
#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    name: String,
    email: String,
    role: String,
    agency_id: Option<String>,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::models::{LinkPurpose, Role};
    use crate::server::{http::authz, people::users};
    use crate::validation::{Email, PersonName};
    let auth = authz::authorize::<InviteUser>().await?;
    let invitation =
        users::Invitation {
            name: PersonName::parse(&name)?,
            email: Email::parse(&email)?,
            role: Role::parse(role.trim())
                .ok_or_else(|| FieldError::new(crate::error::Input::Role, Problem::NotAllowed))?,
            agency_id: match agency_id.as_deref().unwrap_or_default().trim() {
                "" => None,
                id => Some(id.parse().map_err(|_| {
                    FieldError::new(crate::error::Input::Agency, Problem::NotAllowed)
                })?),
            },
        };
    if invitation.role.belongs_to_agency() && invitation.agency_id.is_none() {
        return Err(FieldError::new(crate::error::Input::Agency, Problem::Required).into());
    }
    let admin = auth.user()?;
    let id = users::invite(&auth.state.db, admin, &invitation).await?;
    issue_and_keep(&auth, id, LinkPurpose::Invite).await
}

/// Makes a password-reset link for an account (voiding its older links); shown once.
#[server(prefix = "/api", endpoint = "issue_reset_link")]
pub async fn issue_reset_link(user_id: String) -> Result<(), AppError> {
    use crate::models::LinkPurpose;
    use crate::server::http::authz;
    let auth = authz::authorize::<IssueResetLink>().await?;
    let id: i64 = user_id.trim().parse().map_err(|_| AppError::NotFound)?;
    issue_and_keep(&auth, id, LinkPurpose::Reset).await
}

/// Makes the link and keeps it in the admin's session until their page shows it.
#[cfg(feature = "ssr")]
async fn issue_and_keep(
    auth: &crate::server::http::authz::Auth,
    user_id: i64,
    purpose: crate::models::LinkPurpose,
) -> Result<(), AppError> {
    use crate::server::people::account_links;
    let parts = use_context::<http::request::Parts>();
    let base = account_links::base_url(&auth.state, parts.as_ref().map(|p| &p.headers));
    let mut link =
        account_links::issue(&auth.state.db, auth.user()?, user_id, purpose, &base).await?;
    if let Some(mailer) = &auth.state.mailer {
        let sent = mailer.send_link(&link).await;
        if let Err(e) = &sent {
            // The admin sees that it failed and passes the link on themselves.
            tracing::warn!(error = %e, "sending an account link by e-mail failed");
        }
        link.emailed = Some(sent.is_ok());
    }
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(crate::server::infra::db::internal)?;
    session
        .insert(ISSUED_LINK_KEY, &link)
        .await
        .map_err(crate::server::infra::db::internal)?;
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_USERS);
    Ok(())
}

/// The session key under which a freshly made link waits to be shown.
#[cfg(feature = "ssr")]
const ISSUED_LINK_KEY: &str = "issued_link";

/// The link made last by this admin, once: reading it removes it from the session.
#[server(prefix = "/api", endpoint = "take_issued_link")]
pub async fn take_issued_link() -> Result<Option<crate::models::IssuedLink>, AppError> {
    use crate::server::http::authz;
    authz::authorize::<TakeIssuedLink>().await?;
    let session: tower_sessions::Session = leptos_axum::extract()
        .await
        .map_err(crate::server::infra::db::internal)?;
    session
        .remove(ISSUED_LINK_KEY)
        .await
        .map_err(crate::server::infra::db::internal)
}

/// Whose account a one-time link opens (for the page where the password is chosen).
#[server(prefix = "/api", endpoint = "fetch_account_link")]
pub async fn fetch_account_link(token: String) -> Result<crate::models::LinkInfo, AppError> {
    use crate::server::{http::authz, people::account_links};
    let auth = authz::authorize::<FetchAccountLink>().await?;
    account_links::peek(&auth.state.db, &token).await
}

/// Chooses the password of the account a link opens; then the person signs in with it.
#[server(prefix = "/api", endpoint = "set_password_with_link")]
pub async fn set_password_with_link(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{http::authz, people::account_links};
    use crate::validation::NewPassword;
    let auth = authz::authorize::<SetPasswordWithLink>().await?;
    let password = NewPassword::parse(&password)?;
    if password.expose() != password_again {
        return Err(FieldError::new(crate::error::Input::PasswordAgain, Problem::Mismatch).into());
    }
    account_links::redeem(&auth.state, authz::current_client_addr(), &token, &password).await?;
    crate::api::auth::redirect_plain_form_post(&format!("{}?ready=1", crate::routes::LOGIN));
    Ok(())
}
