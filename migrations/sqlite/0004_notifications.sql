-- In-app notifications (server/infra/notify.rs): one row per person told, written in the same
-- transaction as the event that causes it, so a rolled-back event tells nobody. The words are
-- not stored: `notice` holds what happened (JSON, its kind inside) and the page says it in the
-- reader's language when it is read.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    notice      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX notifications_user_idx ON notifications (user_id, read_at);
