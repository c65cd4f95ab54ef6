//! E-mail (and the outgoing webhook) for notifications, through an outbox
//! (docs/notifications.md).
//!
//! A notification that its person wants beyond the app gets an outbox row per channel — e-mail,
//! and the regency's messaging gateway when one is configured — in the transaction that writes
//! it (`enqueue`), so an event that rolls back tells nobody and one that commits cannot lose
//! its delivery. The mail worker (`run`, one per server) claims due rows, sends them
//! and records the outcome; a failed SMTP server puts a row back with a later `due_at`, up to
//! `MAX_ATTEMPTS`, after which it waits on the organisers' outbox page for a retry.
//!
//! Claiming marks rows `sending` with a lease in one statement. On Postgres the statement skips
//! rows another server holds (`FOR UPDATE SKIP LOCKED`), so two servers never take the same
//! row; SQLite has one writer at a time, which does the same. A worker that dies mid-send
//! leaves its rows `sending`; they are claimed again when the lease runs out — the one case in
//! which an e-mail can go twice (SMTP cannot be told "only if you have not already").

use std::collections::BTreeMap;
use std::time::Duration;

use futures_util::{stream, StreamExt};
use sqlx::{Any, Transaction};

use crate::error::AppError;
use crate::i18n::{Lang, WIB_OFFSET_MS};
use crate::models::{
    notice_is_mandatory, MailStatus, Notice, NoticeWording, OutboxItem, OutboxPage,
};
use crate::server::infra::audit::{self, AuditAction};
use crate::server::infra::db::{now_ms, Backend};
use crate::server::infra::delivery::SENDS_AT_ONCE;
use crate::server::infra::mail::Mailer;
use crate::server::infra::notice_mail;
use crate::server::infra::notice_wording;
use crate::server::infra::webhook::{self, Webhook};
use crate::server::Db;

/// Who delivers one channel's rows of the outbox.
#[derive(Clone, Copy, Debug)]
pub enum Courier<'a> {
    Mail(&'a Mailer),
    Webhook(&'a Webhook),
}

impl Courier<'_> {
    /// The rows it takes (`outbox.channel`).
    fn channel(self) -> &'static str {
        match self {
            Courier::Mail(_) => "email",
            Courier::Webhook(_) => "webhook",
        }
    }
}

/// Tries before an e-mail is given up as failed (and waits for a retry by hand).
pub const MAX_ATTEMPTS: i64 = 6;
/// How long a claim holds: longer than a round's sends at the SMTP timeout — a batch over
/// `SENDS_AT_ONCE` lanes is 8 × 20 s, and one person's lane stops at `HOURLY_LIMIT` × 20 s.
/// (`SENDS_AT_ONCE` is `delivery`'s: the mail transport keeps as many connections.)
const LEASE_MS: i64 = 5 * 60 * 1000;
/// Rows claimed at once.
const BATCH: i64 = 32;
/// A notice older than this when its turn comes is not e-mailed any more (SMTP was set up
/// long after it happened, say): stale news by e-mail does more harm than good.
const TOO_OLD_MS: i64 = 3 * 24 * 3600 * 1000;
/// E-mails sent at once to one person in an hour; more go into their next daily digest.
pub const HOURLY_LIMIT: i64 = 10;
/// When the daily digest goes: 07:00 WIB, before the working day.
const DIGEST_HOUR_MS: i64 = 7 * 3600 * 1000;
const DAY_MS: i64 = 24 * 3600 * 1000;
/// How often an idle worker looks for due e-mails.
const POLL: Duration = Duration::from_secs(20);

/// The wait before try `attempts + 1`, after `attempts` failed tries.
fn backoff_ms(attempts: i64) -> i64 {
    const MINUTE: i64 = 60 * 1000;
    match attempts {
        ..=1 => MINUTE,
        2 => 5 * MINUTE,
        3 => 15 * MINUTE,
        4 => 60 * MINUTE,
        _ => 3 * 60 * MINUTE,
    }
}

/// The next daily digest after `now`.
pub fn next_digest_at(now: i64) -> i64 {
    let local = now + WIB_OFFSET_MS;
    let today = local.div_euclid(DAY_MS) * DAY_MS + DIGEST_HOUR_MS;
    let at = if today > local { today } else { today + DAY_MS };
    at - WIB_OFFSET_MS
}

/// Queues the deliveries of notification `notification_id` of `user_id`, as the person wants
/// that kind: an e-mail at once or in the next digest, and (when a gateway is configured) a
/// webhook call at once; or none beyond the app. Inside the notification's transaction, in one
/// statement.
pub async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    notification_id: i64,
    user_id: i64,
    kind: &str,
    now: i64,
) -> Result<(), AppError> {
    let mandatory = i64::from(notice_is_mandatory(kind));
    // A mandatory kind ignores any stored choice (none can be saved; this is belt and braces).
    // The digest is e-mail's: a gateway gets each notice when it happens.
    sqlx::query(
        "INSERT INTO outbox (user_id, notification_id, channel, digest, status, attempts, due_at,
                             created_at)
         SELECT u.id, $1, ch.channel,
                CASE WHEN ch.channel = 'email' AND $2 = 0 AND p.channel = 'digest' THEN 1 ELSE 0 END,
                'pending', 0,
                CASE WHEN ch.channel = 'email' AND $2 = 0 AND p.channel = 'digest' THEN $3 ELSE $4 END,
                $4
         FROM users u
         CROSS JOIN (SELECT 'email' AS channel UNION ALL SELECT channel FROM delivery_channels) ch
         LEFT JOIN notification_prefs p ON p.user_id = u.id AND p.kind = $5
         WHERE u.id = $6 AND ($2 = 1 OR COALESCE(p.channel, 'email') <> 'app')",
    )
    .bind(notification_id)
    .bind(mandatory)
    .bind(next_digest_at(now))
    .bind(now)
    .bind(kind)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records whether this deployment delivers to a messaging gateway (at start, from the
/// environment). Without one, deliveries still waiting for a gateway are dropped, saying why:
/// nobody would ever take them.
pub async fn set_webhook(db: &Db, configured: bool) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    if configured {
        sqlx::query(
            "INSERT INTO delivery_channels (channel, since) VALUES ('webhook', $1)
             ON CONFLICT (channel) DO NOTHING",
        )
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM delivery_channels WHERE channel = 'webhook'")
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE outbox SET status = 'dropped', claimed_until = NULL,
                    last_error = 'no messaging gateway is configured any more'
             WHERE channel = 'webhook' AND status IN ('pending', 'sending')",
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow, Clone, Debug)]
struct Claimed {
    id: i64,
    user_id: i64,
    digest: i64,
    attempts: i64,
    created_at: i64,
    notice: String,
}

/// Claims up to `BATCH` due rows of `channel` (and, for a digest row, every due digest row of
/// that person, so the day's notices go in one e-mail).
async fn claim(db: &Db, channel: &str, now: i64) -> Result<Vec<Claimed>, AppError> {
    let skip_locked = match db.backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let returning = "RETURNING id, user_id, digest, attempts, created_at,
         (SELECT n.notice FROM notifications n WHERE n.id = outbox.notification_id) AS notice";
    let sql = format!(
        "UPDATE outbox SET status = 'sending', claimed_until = $1, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox
                      WHERE channel = $4
                        AND ((status = 'pending' AND due_at <= $2)
                             OR (status = 'sending' AND claimed_until < $2))
                      ORDER BY due_at, id LIMIT $3 {skip_locked})
         {returning}"
    );
    let mut rows: Vec<Claimed> = sqlx::query_as(&sql)
        .bind(now + LEASE_MS)
        .bind(now)
        .bind(BATCH)
        .bind(channel)
        .fetch_all(&db.pool)
        .await?;
    let digest_people: std::collections::BTreeSet<i64> = rows
        .iter()
        .filter(|r| r.digest == 1)
        .map(|r| r.user_id)
        .collect();
    for user_id in digest_people {
        let sql = format!(
            "UPDATE outbox SET status = 'sending', claimed_until = $1, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                          WHERE user_id = $2 AND channel = 'email' AND digest = 1
                            AND status = 'pending' AND due_at <= $3
                          {skip_locked})
             {returning}"
        );
        let more: Vec<Claimed> = sqlx::query_as(&sql)
            .bind(now + LEASE_MS)
            .bind(user_id)
            .bind(now)
            .fetch_all(&db.pool)
            .await?;
        rows.extend(more);
    }
    Ok(rows)
}

#[derive(sqlx::FromRow)]
struct Recipient {
    name: String,
    email: String,
    lang: String,
    phone: Option<String>,
    active: i64,
}

/// What one round of the worker did (for the log and the tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Rows taken from the queue this round.
    pub claimed: usize,
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
    pub dropped: usize,
    /// Held back into the person's digest by the hourly limit.
    pub deferred: usize,
}

impl Round {
    fn is_empty(&self) -> bool {
        *self == Round::default()
    }

    /// Counts a lane's deliveries in (not its claims: the round counts those once).
    fn add(&mut self, lane: Round) {
        self.sent += lane.sent;
        self.retrying += lane.retrying;
        self.failed += lane.failed;
        self.dropped += lane.dropped;
        self.deferred += lane.deferred;
    }
}

/// One round of the mail worker: claims the e-mails due at `now` and sends them. `base_url`
/// makes the links absolute (without it the e-mail names the page instead).
pub async fn deliver_due(
    db: &Db,
    mailer: &Mailer,
    base_url: Option<&str>,
    now: i64,
) -> Result<Round, AppError> {
    deliver(db, Courier::Mail(mailer), base_url, now).await
}

/// One round of the webhook worker: the gateway's deliveries due at `now`, one call each.
pub async fn deliver_webhooks(
    db: &Db,
    hook: &Webhook,
    base_url: Option<&str>,
    now: i64,
) -> Result<Round, AppError> {
    deliver(db, Courier::Webhook(hook), base_url, now).await
}

async fn deliver(
    db: &Db,
    courier: Courier<'_>,
    base_url: Option<&str>,
    now: i64,
) -> Result<Round, AppError> {
    let claimed = claim(db, courier.channel(), now).await?;
    if claimed.is_empty() {
        return Ok(Round::default());
    }
    // The admins' words for notices, read once a round: a change reaches the next e-mail.
    let wording = notice_wording::load(db).await?;
    let to = Delivery {
        courier,
        base_url,
        wording: &wording,
        now,
    };
    let claimed_count = claimed.len();
    // Each row sent at once is an e-mail of its own; a person's digest rows make one e-mail.
    // One lane per person, in order, so their hourly limit counts what went before; the lanes
    // run `SENDS_AT_ONCE` at a time.
    let mut lanes: BTreeMap<i64, Vec<Vec<Claimed>>> = BTreeMap::new();
    let mut digests: BTreeMap<i64, Vec<Claimed>> = BTreeMap::new();
    for row in claimed {
        if row.digest == 1 {
            digests.entry(row.user_id).or_default().push(row);
        } else {
            lanes.entry(row.user_id).or_default().push(vec![row]);
        }
    }
    for (user_id, rows) in digests {
        lanes.entry(user_id).or_default().push(rows);
    }
    let outcomes: Vec<Result<Round, AppError>> = stream::iter(lanes.into_values())
        .map(|groups| async move {
            let mut lane = Round::default();
            for rows in groups {
                lane.add(deliver_group(db, to, rows).await?);
            }
            Ok(lane)
        })
        .buffer_unordered(SENDS_AT_ONCE)
        .collect()
        .await;
    let mut round = Round {
        claimed: claimed_count,
        ..Round::default()
    };
    let mut first_error = None;
    for outcome in outcomes {
        match outcome {
            Ok(lane) => round.add(lane),
            // The other lanes finished and recorded what they did; the rows of this one go
            // again when their lease runs out.
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    if !round.is_empty() {
        tracing::info!(?round, channel = courier.channel(), "outbox round");
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(round),
    }
}

/// How one round delivers: by whom, with which links and words, at what moment.
#[derive(Clone, Copy)]
struct Delivery<'a> {
    courier: Courier<'a>,
    base_url: Option<&'a str>,
    wording: &'a NoticeWording,
    now: i64,
}

/// Delivers one e-mail (or gateway call) made of `rows`, all of one person, and records the
/// outcome on each row; what it did comes back for the round's count.
async fn deliver_group(db: &Db, to: Delivery<'_>, rows: Vec<Claimed>) -> Result<Round, AppError> {
    let Delivery {
        courier,
        base_url,
        wording,
        now,
    } = to;
    let mut round = Round::default();
    let Some(first) = rows.first() else {
        return Ok(round);
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let recipient: Option<Recipient> =
        sqlx::query_as("SELECT name, email, lang, phone, active FROM users WHERE id = $1")
            .bind(first.user_id)
            .fetch_optional(&db.pool)
            .await?;
    let Some(recipient) = recipient.filter(|r| r.active == 1) else {
        round.dropped += rows.len();
        settle(db, &ids, MailStatus::Dropped, Some("account inactive"), now).await?;
        return Ok(round);
    };
    let (fresh, stale): (Vec<Claimed>, Vec<Claimed>) = rows
        .into_iter()
        .partition(|r| now - r.created_at <= TOO_OLD_MS);
    if !stale.is_empty() {
        round.dropped += stale.len();
        let stale_ids: Vec<i64> = stale.iter().map(|r| r.id).collect();
        settle(
            db,
            &stale_ids,
            MailStatus::Dropped,
            Some("older than 3 days when its turn came"),
            now,
        )
        .await?;
    }
    let Some(first) = fresh.first() else {
        return Ok(round);
    };
    let ids: Vec<i64> = fresh.iter().map(|r| r.id).collect();
    let digest = first.digest == 1;
    if !digest && over_hourly_limit(db, first.user_id, courier.channel(), now).await? {
        round.deferred += 1;
        match courier {
            Courier::Mail(_) => defer_to_digest(db, first.id, now).await?,
            // A gateway has no digest: the message waits out the hour.
            Courier::Webhook(_) => hold(db, first.id, now + 3600 * 1000).await?,
        }
        return Ok(round);
    }
    // A notice this build cannot read (written by a newer one, say) is set aside, never left to
    // fail every round and hold up the e-mails behind it.
    let Ok(notices) = fresh
        .iter()
        .map(|r| serde_json::from_str::<Notice>(&r.notice))
        .collect::<Result<Vec<_>, _>>()
    else {
        round.dropped += fresh.len();
        settle(
            db,
            &ids,
            MailStatus::Dropped,
            Some("unreadable notice"),
            now,
        )
        .await?;
        return Ok(round);
    };
    let lang = Lang::parse(&recipient.lang).unwrap_or(Lang::Id);
    let sent = match courier {
        Courier::Mail(mailer) => {
            let mail = if digest {
                notice_mail::digest(&recipient.name, &notices, lang, base_url, wording)
            } else {
                notice_mail::single(&recipient.name, &notices[0], lang, base_url, wording)
            };
            mailer.send(&recipient.name, &recipient.email, &mail).await
        }
        Courier::Webhook(hook) => {
            let notice = &notices[0];
            let text = notice.sentence_in(lang, wording);
            let link = notice_mail::address(base_url, &notice.link());
            let payload = webhook::Payload {
                id: first.id,
                kind: notice.kind(),
                created_at: first.created_at,
                recipient: webhook::Recipient {
                    name: &recipient.name,
                    email: &recipient.email,
                    phone: recipient.phone.as_deref(),
                    lang: lang.code(),
                },
                text: &text,
                link: &link,
            };
            hook.post(&payload, now).await
        }
    };
    match sent {
        Ok(()) => {
            round.sent += fresh.len();
            settle(db, &ids, MailStatus::Sent, None, now).await?
        }
        Err(error) => {
            // Every row of a group was claimed together, so they share their count of tries.
            let attempts = fresh.iter().map(|r| r.attempts).max().unwrap_or(1);
            let permanent = error.permanent;
            tracing::warn!(%error, attempts, permanent, channel = courier.channel(), "a delivery failed");
            // Refused for good (no such mailbox): trying again would only be refused again.
            if permanent || attempts >= MAX_ATTEMPTS {
                round.failed += fresh.len();
                settle(db, &ids, MailStatus::Failed, Some(&error.reason), now).await?
            } else {
                round.retrying += fresh.len();
                retry_later(db, &ids, &error.reason, now + backoff_ms(attempts)).await?
            }
        }
    }
    Ok(round)
}

async fn over_hourly_limit(
    db: &Db,
    user_id: i64,
    channel: &str,
    now: i64,
) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox
         WHERE user_id = $1 AND channel = $2 AND digest = 0 AND status = 'sent' AND sent_at > $3",
    )
    .bind(user_id)
    .bind(channel)
    .bind(now - 3600 * 1000)
    .fetch_one(&db.pool)
    .await?;
    Ok(n >= HOURLY_LIMIT)
}

async fn defer_to_digest(db: &Db, id: i64, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE outbox SET status = 'pending', digest = 1, due_at = $1, claimed_until = NULL,
                attempts = attempts - 1
         WHERE id = $2",
    )
    .bind(next_digest_at(now))
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Puts a claimed row back to go at `due_at`, the try not counted (the per-person limit held it).
async fn hold(db: &Db, id: i64, due_at: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE outbox SET status = 'pending', due_at = $1, claimed_until = NULL,
                attempts = attempts - 1
         WHERE id = $2",
    )
    .bind(due_at)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// `n` placeholders (`$4, $5, …`), numbered from `from`.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn settle(
    db: &Db,
    ids: &[i64],
    status: MailStatus,
    error: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE outbox SET status = $1, last_error = $2, claimed_until = NULL,
                sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END
         WHERE id IN ({})",
        placeholders(4, ids.len())
    );
    let mut q = sqlx::query(&sql)
        .bind(status.as_str())
        .bind(error.map(shorten))
        .bind(now);
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(&db.pool).await?;
    Ok(())
}

async fn retry_later(db: &Db, ids: &[i64], error: &str, due_at: i64) -> Result<(), AppError> {
    let sql = format!(
        "UPDATE outbox SET status = 'pending', last_error = $1, claimed_until = NULL, due_at = $2
         WHERE id IN ({})",
        placeholders(3, ids.len())
    );
    let mut q = sqlx::query(&sql).bind(shorten(error)).bind(due_at);
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(&db.pool).await?;
    Ok(())
}

/// An SMTP error as the outbox page shows it: its first 300 characters.
fn shorten(error: &str) -> String {
    error.chars().take(300).collect()
}

/// The mail worker: a round whenever something may be due, for as long as the server runs.
pub async fn run(db: Db, mailer: Mailer, base_url: Option<String>) {
    run_courier(db, Courier::Mail(&mailer), base_url).await
}

/// The webhook worker: the same, for the messaging gateway.
pub async fn run_webhook(db: Db, hook: Webhook, base_url: Option<String>) {
    run_courier(db, Courier::Webhook(&hook), base_url).await
}

async fn run_courier(db: Db, courier: Courier<'_>, base_url: Option<String>) {
    loop {
        match deliver(&db, courier, base_url.as_deref(), now_ms()).await {
            // A full batch: there may be more waiting right now.
            Ok(round) if round.claimed >= BATCH as usize => continue,
            Ok(_) => {}
            Err(e) => {
                tracing::error!(error = %e, channel = courier.channel(), "outbox round failed")
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Puts a failed or dropped e-mail back in line, to go at once (the outbox page's retry by an
/// organiser, audited). False when there is no such e-mail or it is not failed or dropped.
pub async fn retry(db: &Db, admin_id: i64, id: i64) -> Result<bool, AppError> {
    let mut tx = db.begin_write().await?;
    let now = now_ms();
    // The notice's own age no longer counts: the organiser asked for it now.
    let done = sqlx::query(
        "UPDATE outbox SET status = 'pending', attempts = 0, due_at = $1, created_at = $1,
                claimed_until = NULL
         WHERE id = $2 AND status IN ('failed', 'dropped')",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    audit::commit(
        tx,
        db.backend,
        audit::Event::by(admin_id, AuditAction::MailRetry, "outbox", id),
    )
    .await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    channel: String,
    recipient: String,
    email: String,
    notice: String,
    digest: i64,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
    due_at: i64,
    sent_at: Option<i64>,
}

/// How many e-mails the outbox page lists (the newest).
pub const PAGE_LIMIT: i64 = 100;

/// The organisers' outbox page: counts per status and the newest deliveries, the failed first.
pub async fn page(
    db: &Db,
    mail_configured: bool,
    webhook_configured: bool,
) -> Result<OutboxPage, AppError> {
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status")
            .fetch_all(&db.pool)
            .await?;
    let counts = MailStatus::ALL
        .into_iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|(name, _)| name == s.as_str())
                .map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect();
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT o.id, o.channel, u.name AS recipient, u.email, n.notice, o.digest, o.status, o.attempts,
                o.last_error, n.created_at, o.due_at, o.sent_at
         FROM outbox o JOIN users u ON u.id = o.user_id
         JOIN notifications n ON n.id = o.notification_id
         ORDER BY CASE o.status WHEN 'failed' THEN 0 ELSE 1 END, o.id DESC
         LIMIT $1",
    )
    .bind(PAGE_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    // A row this build cannot read (a notice written by a newer release, say) is left off the
    // list — it is still counted above — rather than taking the whole page down with it.
    let items = rows
        .into_iter()
        .filter_map(|r| {
            let (Ok(notice), Some(status)) = (
                serde_json::from_str::<Notice>(&r.notice),
                MailStatus::parse(&r.status),
            ) else {
                tracing::warn!(id = r.id, "an outbox row this build cannot read");
                return None;
            };
            Some(OutboxItem {
                id: r.id,
                webhook: r.channel == "webhook",
                recipient: r.recipient,
                email: r.email,
                notice,
                digest: r.digest == 1,
                status,
                attempts: r.attempts,
                last_error: r.last_error,
                created_at: r.created_at,
                due_at: r.due_at,
                sent_at: r.sent_at,
            })
        })
        .collect();
    Ok(OutboxPage {
        wording: notice_wording::load(db).await?,
        mail_configured,
        webhook_configured,
        counts,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_goes_at_seven_in_the_morning_wib() {
        // 2026-12-06 06:59 WIB = 2026-12-05 23:59 UTC → 07:00 WIB the same day.
        let before = 1_796_515_140_000; // 2026-12-05T23:59:00Z
        assert_eq!(next_digest_at(before), 1_796_515_200_000); // 2026-12-06T00:00:00Z
                                                               // At 07:00 WIB exactly it is the next day's.
        assert_eq!(next_digest_at(1_796_515_200_000), 1_796_601_600_000);
        // Mid-afternoon WIB → tomorrow morning.
        assert_eq!(next_digest_at(1_796_540_400_000), 1_796_601_600_000);
    }

    #[test]
    fn retries_wait_longer_each_time() {
        let waits: Vec<i64> = (1..=MAX_ATTEMPTS).map(backoff_ms).collect();
        assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
        assert_eq!(waits[0], 60_000);
    }
}
