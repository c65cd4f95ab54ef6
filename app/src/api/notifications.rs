//! The signed-in person's notifications: the list, the header's unread count, marking read,
//! how they want each kind e-mailed; and the organisers' outbox of those e-mails.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{NoticePrefs, NoticeTemplate, NotificationList, OutboxPage};

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
    let user_id = auth.user()?.id;
    // Rendering a page: the count came with the person (`principal_layer`).
    match authz::current_unread() {
        Some(n) => Ok(n),
        None => notify::unread(&auth.state.db, user_id).await,
    }
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

/// The person's e-mail choices per kind of notice.
#[server(prefix = "/api", endpoint = "fetch_notice_prefs")]
pub async fn fetch_notice_prefs() -> Result<NoticePrefs, AppError> {
    use crate::server::{http::authz, people::notice_prefs};
    let auth = authz::authorize::<FetchNoticePrefs>().await?;
    let mail_configured = auth.state.mailer.is_some();
    notice_prefs::load(&auth.state.db, auth.user()?, mail_configured).await
}

/// Stores the person's e-mail choices: `delivery[<kind>]` = `email`, `digest` or `app`; and
/// their WhatsApp number when the form has it (empty: none).
#[server(prefix = "/api", endpoint = "save_notice_prefs")]
pub async fn save_notice_prefs(
    #[server(default)] delivery: BTreeMap<String, String>,
    #[server(default)] phone: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{http::authz, people::notice_prefs};
    let auth = authz::authorize::<SaveNoticePrefs>().await?;
    notice_prefs::save(&auth.state.db, auth.user()?, &delivery, phone.as_deref()).await?;
    crate::api::auth::redirect_plain_form_post(crate::routes::NOTIFICATIONS_SAVED);
    Ok(())
}

/// The organisers' outbox: what was e-mailed, what waits, what failed.
#[server(prefix = "/api", endpoint = "fetch_outbox")]
pub async fn fetch_outbox() -> Result<OutboxPage, AppError> {
    use crate::server::{http::authz, infra::outbox};
    let auth = authz::authorize::<FetchOutbox>().await?;
    let state = &auth.state;
    outbox::page(&state.db, state.mailer.is_some(), state.webhook.is_some()).await
}

/// Sends a failed or dropped e-mail again (at the worker's next round).
#[server(prefix = "/api", endpoint = "retry_mail")]
pub async fn retry_mail(id: String) -> Result<(), AppError> {
    use crate::error::{FieldError, Input, Problem};
    use crate::server::{http::authz, infra::outbox};
    let auth = authz::authorize::<RetryMail>().await?;
    let id = id
        .trim()
        .parse::<i64>()
        .map_err(|_| FieldError::new(Input::Which, Problem::NotAllowed))?;
    if !outbox::retry(&auth.state.db, auth.user()?.id, id).await? {
        return Err(AppError::NotFound);
    }
    crate::api::auth::redirect_plain_form_post(crate::routes::ADMIN_OUTBOX);
    Ok(())
}

/// Every notice's words: the default, the admins' own, and an example said in them.
#[server(prefix = "/api", endpoint = "fetch_notice_templates")]
pub async fn fetch_notice_templates() -> Result<Vec<NoticeTemplate>, AppError> {
    use crate::server::http::authz;
    use crate::server::infra::{db::now_ms, notice_wording};
    let auth = authz::authorize::<FetchNoticeTemplates>().await?;
    notice_wording::page(&auth.state.db, now_ms()).await
}

/// Sets a notice's words in both languages (empty: its default), checked for placeholders its
/// kind cannot fill and for markup.
#[server(prefix = "/api", endpoint = "save_notice_template")]
pub async fn save_notice_template(
    template: String,
    #[server(default)] text_id: String,
    #[server(default)] text_en: String,
) -> Result<(), AppError> {
    use crate::server::{http::authz, infra::notice_wording};
    let auth = authz::authorize::<SaveNoticeTemplate>().await?;
    notice_wording::save(
        &auth.state.db,
        auth.user()?.id,
        &template,
        &text_id,
        &text_en,
    )
    .await?;
    crate::api::auth::redirect_plain_form_post(&crate::routes::admin_template_saved(&template));
    Ok(())
}
