-- E-mail for notifications (server/infra/outbox.rs, docs/notifications.md).
--
-- The language a person reads the app in, so their e-mails come in it too; kept when they
-- switch language or sign in.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en'));

-- How a person wants each kind of notice: e-mailed at once, in one e-mail a day, or in the app
-- only. No row: at once.
CREATE TABLE notification_prefs (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    channel  TEXT NOT NULL CHECK (channel IN ('email', 'digest', 'app')),
    PRIMARY KEY (user_id, kind)
);

-- The outbox: one row per e-mail to send, written in the same transaction as the notification
-- it carries, delivered by the mail worker with retries. `status` moves pending → sending →
-- sent, or back to pending with a later `due_at` after a failure, or to failed after the last
-- try, or to dropped when there is nothing left to send (the account is gone, the notice is
-- too old). A row left `sending` past `claimed_until` (a worker that died) is claimed again.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_id  INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    digest           INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    due_at           INTEGER NOT NULL,
    claimed_until    INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER
);
CREATE INDEX outbox_due_idx ON outbox (status, due_at);
CREATE INDEX outbox_user_sent_idx ON outbox (user_id, sent_at);
