-- The organisers set a year's rounds before judging starts (issue 16; docs/rounds.md): each
-- round but the last says who goes on to the next (the top N overall or per category, a pass
-- mark, or the organisers' choice). Locking a round freezes its ranking in `round_results`,
-- with who went on and, when the organisers chose differently from the rule, why.
ALTER TABLE rounds ADD COLUMN advance_rule TEXT
    CHECK (advance_rule IN ('top_n', 'top_n_per_category', 'pass_mark', 'choice'));
-- N for the top-N rules, the mark (0–100) for the pass mark.
ALTER TABLE rounds ADD COLUMN advance_value REAL;
ALTER TABLE rounds ADD COLUMN locked_at INTEGER;
ALTER TABLE rounds ADD COLUMN locked_by INTEGER REFERENCES users (id);
ALTER TABLE rounds ADD COLUMN advance_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE round_results (
    round_id          INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    proposal_id       TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    score             REAL,
    rank              INTEGER,
    rank_in_category  INTEGER,
    advanced          INTEGER NOT NULL DEFAULT 0 CHECK (advanced IN (0, 1)),
    PRIMARY KEY (round_id, proposal_id)
);
