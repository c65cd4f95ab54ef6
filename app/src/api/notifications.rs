//! The signed-in person's notifications: the list, the header's unread count, marking read.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::NotificationList;

#[server(prefix = "/api", endpoint = "fetch_notifications")]
pub async fn fetch_notifications() -> Result<NotificationList, AppError> {
    use crate::server::{http::authz, infra::notify};
    let auth = authz::authorize::<FetchNotifications>().await?;
    notify::list(&auth.state.db, auth.user()?.id).await
}

/// How many of the person's notifications are unread (the bell in the header).
#[server(prefix = "/api", endpoint = "fetch_unread_count")]
pub async fn fetch_unread_count() -> Result<u32, AppError> {
    use crate::server::{http::authz, infra::notify};
    let auth = authz::authorize::<FetchUnreadCount>().await?;
    notify::unread(&auth.state.db, auth.user()?.id).await
}

/// Marks one notification read (`which` = its id) or all of them (`which` = "all").
#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(which: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::server::{http::authz, infra::notify};
    let auth = authz::authorize::<MarkNotificationsRead>().await?;
    let id = match which.trim() {
        "all" => None,
        one => Some(
            one.parse::<i64>()
                .map_err(|_| FieldError::new(Input::Which, Problem::NotAllowed))?,
        ),
    };
    notify::mark_read(&auth.state.db, auth.user()?.id, id).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::NOTIFICATIONS);
    Ok(())
}
