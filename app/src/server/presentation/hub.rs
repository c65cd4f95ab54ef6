//! Live updates of the rooms (docs/presentation.md "Live"): every screen of a room — the
//! projector, the moderator's laptop, the judges' tablets — keeps a server-sent-events stream
//! open (`GET /live/rooms/<id>`, http/room_stream.rs) and gets the room again whenever it
//! changes. This is how a change reaches every stream, on every server.
//!
//! Why server-sent events, not WebSockets: the screens only listen (the moderator's presses are
//! plain form posts that work without script), the browser's `EventSource` reconnects by
//! itself after the meeting room's Wi-Fi drops, and it is plain HTTP through any proxy.
//!
//! Within one process a change goes through a broadcast channel of room ids (`RoomHub`). With
//! several servers behind a load balancer the screens of one room are spread over them, so on
//! Postgres a change is announced with `pg_notify` and every server's listener passes it to its
//! own channel (the server that made the change hears its own announcement too). On SQLite
//! there is one server, and the channel is all there is. A stream also reads its room every
//! `REFRESH` whatever happens (http/room_stream.rs), so an announcement lost while a listener
//! reconnects costs at most that long.

use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::server::infra::db::Backend;
use crate::server::Db;

/// The Postgres channel the servers announce room changes on.
pub const CHANNEL: &str = "inovasi_rooms";
/// Every room (after a listener reconnected: whatever was announced meanwhile is unknown).
pub const EVERY_ROOM: i64 = 0;
/// Announcements a slow stream may fall behind before it just reads its room again.
const BACKLOG: usize = 256;

/// The process's channel of room changes.
#[derive(Clone, Debug)]
pub struct RoomHub {
    sender: broadcast::Sender<i64>,
    backend: Backend,
    /// Set when the server shuts down: every stream ends, or the graceful shutdown would wait
    /// for the tablets forever.
    closing: std::sync::Arc<watch::Sender<bool>>,
}

impl RoomHub {
    /// The hub for `db`; on Postgres also the listener that brings other servers' changes
    /// (a task of its own, reconnecting when the connection drops).
    pub fn start(db: &Db) -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        if db.backend == Backend::Postgres {
            tokio::spawn(listen(db.url.to_string(), sender.downgrade()));
        }
        RoomHub {
            sender,
            backend: db.backend,
            closing: std::sync::Arc::new(watch::channel(false).0),
        }
    }

    /// Ends every stream (the server is shutting down; the screens reconnect to another).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Changes to `true` when the server shuts down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.sender.subscribe()
    }

    /// Says that room `room_id` changed, after the change was committed. A failure is logged,
    /// not returned: the change itself is stored, and every stream reads its room again within
    /// the stream's refresh.
    pub async fn changed(&self, db: &Db, room_id: i64) {
        match self.backend {
            Backend::Sqlite => {
                // No receiver (no screen open) is not a failure.
                let _ = self.sender.send(room_id);
            }
            Backend::Postgres => {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(room_id.to_string())
                    .execute(&db.pool)
                    .await;
                if let Err(e) = sent {
                    tracing::warn!(error = %e, room_id, "a room change was not announced");
                }
            }
        }
    }
}

/// Passes every server's announcements on to this one's channel until the hub is gone.
async fn listen(url: String, sender: broadcast::WeakSender<i64>) {
    let mut wait = Duration::from_millis(500);
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    wait = Duration::from_millis(500);
                    loop {
                        let Some(sender) = sender.upgrade() else {
                            return;
                        };
                        match listener.try_recv().await {
                            Ok(Some(note)) => {
                                if let Ok(room) = note.payload().parse::<i64>() {
                                    let _ = sender.send(room);
                                }
                            }
                            // The connection dropped and comes back on the next call: what was
                            // announced meanwhile is lost, so every room is read again.
                            Ok(None) => {
                                let _ = sender.send(EVERY_ROOM);
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "the room listener stopped");
                                break;
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "the room listener could not listen"),
            },
            Err(e) => tracing::warn!(error = %e, "the room listener could not connect"),
        }
        if sender.upgrade().is_none() {
            return;
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(15));
    }
}
