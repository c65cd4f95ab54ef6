-- Reminders sent (server/year/reminders.rs): one row per reminder and agency or judge, written
-- with its notifications, so each goes once however many servers look for it. `kind` names the
-- threshold and the deadline it is for ("deadline_7:<ms>"): a deadline moved later is
-- reminded of again.
CREATE TABLE reminders_sent (
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    audience        TEXT NOT NULL CHECK (audience IN ('agency', 'judge')),
    subject_id      INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    PRIMARY KEY (competition_id, audience, subject_id, kind)
);
