//! Notifications: written by the event's own transaction (before its `audit::commit`), so an
//! event that rolls back tells nobody and one that commits cannot lose its notice; with each,
//! the e-mail its person wants goes into the outbox in the same transaction (`outbox`). Read
//! and marked read by their recipient only.

use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::models::{Notice, NotificationItem, NotificationList};
use crate::server::infra::db::{internal, now_ms};
use crate::server::infra::outbox;
use crate::server::Db;

/// How many notifications the page lists (the newest).
pub const LIST_LIMIT: i64 = 50;

/// Who in an agency is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Its head(s) and members.
    Everyone,
    /// Its head(s) only.
    Heads,
}

/// Tells the people of an agency (active accounts; never `except`, who caused it).
pub async fn agency(
    tx: &mut Transaction<'static, Any>,
    agency_id: i64,
    audience: Audience,
    except: Option<i64>,
    notice: &Notice,
) -> Result<(), AppError> {
    let roles = match audience {
        Audience::Everyone => "('agency_head', 'agency_member')",
        Audience::Heads => "('agency_head')",
    };
    let sql = format!(
        "INSERT INTO notifications (user_id, kind, notice, created_at)
         SELECT id, $1, $2, $3 FROM users
         WHERE agency_id = $4 AND active = 1 AND role IN {roles} AND id <> $5
         RETURNING id, user_id"
    );
    let now = now_ms();
    let told: Vec<(i64, i64)> = sqlx::query_as(&sql)
        .bind(notice.kind())
        .bind(serde_json::to_string(notice).map_err(internal)?)
        .bind(now)
        .bind(agency_id)
        .bind(except.unwrap_or(0))
        .fetch_all(&mut **tx)
        .await?;
    for (id, user_id) in told {
        outbox::enqueue(tx, id, user_id, notice.kind(), now).await?;
    }
    Ok(())
}

/// Tells one person; returns the notification's id.
pub async fn user(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    notice: &Notice,
) -> Result<i64, AppError> {
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notifications (user_id, kind, notice, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(user_id)
    .bind(notice.kind())
    .bind(serde_json::to_string(notice).map_err(internal)?)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    outbox::enqueue(tx, id, user_id, notice.kind(), now).await?;
    Ok(id)
}

/// How many of the person's notifications are unread (the header's count).
pub async fn unread(db: &Db, user_id: i64) -> Result<u32, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    notice: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// The person's newest notifications.
pub async fn list(db: &Db, user_id: i64) -> Result<NotificationList, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, notice, created_at, read_at FROM notifications WHERE user_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(LIST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    // A notice this build cannot read (written by a newer release, say) is left off the list
    // rather than taking the person's whole page down with it.
    let items = rows
        .into_iter()
        .filter_map(|r| match serde_json::from_str(&r.notice) {
            Ok(notice) => Some(NotificationItem {
                id: r.id,
                notice,
                created_at: r.created_at,
                read: r.read_at.is_some(),
            }),
            Err(error) => {
                tracing::warn!(id = r.id, %error, "a notification this build cannot read");
                None
            }
        })
        .collect();
    Ok(NotificationList {
        items,
        unread: unread(db, user_id).await?,
        wording: crate::server::infra::notice_wording::load(db).await?,
    })
}

/// Marks one of the person's notifications read, or all of them (`None`). Another person's
/// notification is left as it is: the statement only ever touches the caller's own rows.
pub async fn mark_read(db: &Db, user_id: i64, id: Option<i64>) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE notifications SET read_at = $1
         WHERE user_id = $2 AND read_at IS NULL AND ($3 = 0 OR id = $4)",
    )
    .bind(now_ms())
    .bind(user_id)
    .bind(i64::from(id.is_some()))
    .bind(id.unwrap_or(0))
    .execute(&db.pool)
    .await?;
    Ok(())
}
