//! Managing accounts (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::UserListItem;

/// Every account, for the admin's user page.
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserListItem>, AppError> {
    use crate::server::{authz, users};
    let auth = authz::authorize("list_users").await?;
    users::list(&auth.state.db).await
}

/// Activates or deactivates an account; deactivation signs the person out everywhere.
#[server(prefix = "/api", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use crate::error::{FieldError, Problem};
    use crate::server::{authz, users};
    let auth = authz::authorize("set_user_active").await?;
    let me = auth.user()?.id;
    if me == user_id && !active {
        // An admin locking themselves out could leave the regency with no admin at all.
        return Err(FieldError::new("user", Problem::NotAllowed).into());
    }
    users::set_active(&auth.state.db, me, user_id, active).await
}
