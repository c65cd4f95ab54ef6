-- The organisers' broadcast (server/people/broadcasts.rs), the outgoing webhook
-- (server/infra/webhook.rs) and the admins' words for notices (server/infra/notice_wording.rs);
-- docs/notifications.md.
--
-- A WhatsApp number a person may give, so the organisers' broadcast can offer a click-to-chat
-- link to them: digits only, with the country code (62…), as wa.me wants it.
ALTER TABLE users ADD COLUMN phone TEXT;

-- A message from the organisers to a chosen group of people, in both languages. Written as a
-- draft (what it says and whom it is for), previewed, then sent once: sending writes each
-- recipient's notification (and e-mail, through the outbox) in one transaction and records who
-- got it. `audience` and the filters pick the recipients; a filter does not apply to an audience
-- it does not describe (agency kind and compliance to agencies, progress to judges).
CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    audience      TEXT NOT NULL CHECK (audience IN ('agency_heads', 'agency_people', 'judges')),
    agency_kind   TEXT,
    compliance    TEXT,
    progress      TEXT,
    message_id    TEXT NOT NULL,
    message_en    TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    sent_by       INTEGER REFERENCES users (id),
    sent_at       INTEGER,
    recipients    INTEGER NOT NULL DEFAULT 0
);

-- Who a sent broadcast reached, with the notification that told them (what it said to them).
CREATE TABLE broadcast_recipients (
    broadcast_id     INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_id  INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    PRIMARY KEY (broadcast_id, user_id)
);

-- The outbox also delivers to a regency's messaging gateway: each row is for one channel.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'webhook'));

-- The channels besides e-mail that notifications are delivered to, as the servers' environment
-- sets them (a row while `INOVASI_WEBHOOK_URL` is set; written at start): the transaction that
-- writes a notification reads it to know which outbox rows to write.
CREATE TABLE delivery_channels (
    channel  TEXT PRIMARY KEY CHECK (channel IN ('webhook')),
    since    INTEGER NOT NULL
);

-- The words of a kind of notice as the admins set them, per language (`template`: a key of
-- `NOTICE_TEMPLATES`, e.g. `screened_out`). No row: the default words of the dictionary.
CREATE TABLE notice_templates (
    template    TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('id', 'en')),
    text        TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id),
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (template, lang)
);
