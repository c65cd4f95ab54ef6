//! The organisers' broadcast: compose a message for a group, see who gets what, send it once.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{BroadcastSummary, BroadcastView};

/// The newest broadcasts, drafts and sent.
#[server(prefix = "/api", endpoint = "list_broadcasts")]
pub async fn list_broadcasts() -> Result<Vec<BroadcastSummary>, AppError> {
    use crate::server::{http::authz, people::broadcasts};
    let auth = authz::authorize::<ListBroadcasts>().await?;
    broadcasts::list(&auth.state.db).await
}

/// A broadcast with everyone it goes (went) to and what it says to each.
#[server(prefix = "/api", endpoint = "fetch_broadcast")]
pub async fn fetch_broadcast(id: i64) -> Result<BroadcastView, AppError> {
    use crate::server::{http::authz, people::broadcasts};
    let auth = authz::authorize::<FetchBroadcast>().await?;
    broadcasts::view(&auth.state.db, id, auth.state.mailer.is_some()).await
}

/// Writes a draft (`id` empty) or changes one, then shows it with its recipients.
#[server(prefix = "/api", endpoint = "save_broadcast")]
pub async fn save_broadcast(
    #[server(default)] id: String,
    audience: String,
    #[server(default)] agency_kind: String,
    #[server(default)] compliance: String,
    #[server(default)] progress: String,
    message_id: String,
    #[server(default)] message_en: String,
) -> Result<i64, AppError> {
    use crate::server::{http::authz, people::broadcasts};
    let auth = authz::authorize::<SaveBroadcast>().await?;
    let id = parse_id(&id)?;
    let draft = broadcasts::parse_draft(
        &audience,
        &agency_kind,
        &compliance,
        &progress,
        &message_id,
        &message_en,
    )?;
    let id = broadcasts::save(&auth.state.db, auth.user()?.id, id, &draft).await?;
    crate::api::auth::redirect_plain_form_post(&crate::routes::admin_broadcast(id));
    Ok(id)
}

/// Sends a draft to everyone it picks now (their notifications and e-mails).
#[server(prefix = "/api", endpoint = "send_broadcast")]
pub async fn send_broadcast(id: String) -> Result<usize, AppError> {
    use crate::server::{http::authz, people::broadcasts};
    let auth = authz::authorize::<SendBroadcast>().await?;
    let id = parse_id(&id)?.ok_or(AppError::NotFound)?;
    let sent = broadcasts::send(&auth.state.db, auth.user()?.id, id).await?;
    crate::api::auth::redirect_plain_form_post(&crate::routes::admin_broadcast_sent(id));
    Ok(sent)
}

/// A broadcast's id as the form posts it: empty for a new one.
#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Option<i64>, AppError> {
    use crate::error::{FieldError, Input, Problem};
    match id.trim() {
        "" => Ok(None),
        s => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| FieldError::new(Input::Which, Problem::NotAllowed).into()),
    }
}
