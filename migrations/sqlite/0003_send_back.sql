-- Screening's administrative check (server/submission/send_back.rs): the organisers' verdict
-- on each item of a handed-in proposal, and the send-backs that return a proposal to its
-- agency with what to fix and by when. A sent-back proposal is a draft again (its status),
-- so the send-back row is what says it was sent back and until when it may change.
CREATE TABLE screening_checks (
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    item         TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('accepted', 'needs_fixing')),
    note         TEXT NOT NULL DEFAULT '',
    checked_by   INTEGER NOT NULL REFERENCES users (id),
    checked_at   INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, item)
);

CREATE TABLE send_backs (
    id              INTEGER PRIMARY KEY,
    proposal_id     TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    -- What to fix: [{"item": "q12", "label": "…", "note": "…"}], as the agency reads it.
    items_json      TEXT NOT NULL,
    fix_by          INTEGER NOT NULL,
    sent_by         INTEGER NOT NULL REFERENCES users (id),
    sent_at         INTEGER NOT NULL,
    resubmitted_at  INTEGER
);
CREATE INDEX send_backs_proposal_idx ON send_backs (proposal_id);
