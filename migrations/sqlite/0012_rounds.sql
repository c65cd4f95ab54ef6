-- A year is judged in rounds (issue 16; docs/rounds.md): the desk round that every year has had,
-- and after it, where the organisers set them, a presentation round and a field visit. Each
-- round has its own criteria, its own judges' assignments and its own score sheets, so the same
-- judge may score the same proposal once in each round. Every existing year gets its first
-- round, the desk round, and everything judged so far belongs to it.
--
-- SQLite cannot change a table's UNIQUE constraints or add a NOT NULL reference in place, so
-- criteria, their rubric levels, the score sheets, their scores and the assignments are rebuilt:
-- each new table is filled from the old one, the old ones are dropped children first (so that
-- no ON DELETE CASCADE fires into rows still wanted), and the new ones take the old names
-- (SQLite rewrites the references to them as it renames). The round comes last in each, where
-- Postgres adds it, so that both databases list the columns alike (a backup restores across).

CREATE TABLE rounds (
    id              INTEGER PRIMARY KEY,
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 1),
    kind            TEXT NOT NULL CHECK (kind IN ('desk', 'presentation', 'field')),
    -- The organisers' name for it; empty: the kind's name in the reader's language.
    name            TEXT NOT NULL DEFAULT '',
    -- The round the organisers' and judges' pages work on now: one per year.
    is_current      INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    created_at      INTEGER NOT NULL,
    CONSTRAINT rounds_competition_id_position_key UNIQUE (competition_id, position)
);

CREATE UNIQUE INDEX rounds_one_current_idx ON rounds (competition_id) WHERE is_current = 1;

INSERT INTO rounds (competition_id, position, kind, is_current, created_at)
SELECT id, 1, 'desk', 1, created_at FROM competitions;

CREATE TABLE criteria_new (
    id                     INTEGER PRIMARY KEY,
    competition_id         INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    code                   TEXT NOT NULL,
    name                   TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    weight                 INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
    scale_min              INTEGER NOT NULL DEFAULT 1,
    scale_max              INTEGER NOT NULL DEFAULT 10,
    counts_toward_ranking  INTEGER NOT NULL DEFAULT 1 CHECK (counts_toward_ranking IN (0, 1)),
    position               INTEGER NOT NULL,
    round_id               INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    CONSTRAINT criteria_round_id_code_key UNIQUE (round_id, code),
    CHECK (scale_max > scale_min)
);
INSERT INTO criteria_new (id, competition_id, round_id, code, name, description, weight,
    scale_min, scale_max, counts_toward_ranking, position)
SELECT c.id, c.competition_id, r.id, c.code, c.name, c.description, c.weight, c.scale_min,
    c.scale_max, c.counts_toward_ranking, c.position
FROM criteria c JOIN rounds r ON r.competition_id = c.competition_id AND r.position = 1;

CREATE TABLE rubric_levels_new (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES criteria_new (id) ON DELETE CASCADE,
    score_from    INTEGER NOT NULL,
    score_to      INTEGER NOT NULL,
    descriptor    TEXT NOT NULL,
    CHECK (score_to >= score_from)
);
INSERT INTO rubric_levels_new (id, criterion_id, score_from, score_to, descriptor)
SELECT id, criterion_id, score_from, score_to, descriptor FROM rubric_levels;

CREATE TABLE judge_assignments_new (
    id           INTEGER PRIMARY KEY,
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    judge_id     INTEGER NOT NULL REFERENCES users (id),
    assigned_by  INTEGER NOT NULL REFERENCES users (id),
    assigned_at  INTEGER NOT NULL,
    round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    CONSTRAINT judge_assignments_round_id_proposal_id_judge_id_key
        UNIQUE (round_id, proposal_id, judge_id)
);
INSERT INTO judge_assignments_new (id, round_id, proposal_id, judge_id, assigned_by, assigned_at)
SELECT ja.id, r.id, ja.proposal_id, ja.judge_id, ja.assigned_by, ja.assigned_at
FROM judge_assignments ja
JOIN proposals p ON p.id = ja.proposal_id
JOIN rounds r ON r.competition_id = p.competition_id AND r.position = 1;

CREATE TABLE score_sheets_new (
    id               TEXT PRIMARY KEY,
    proposal_id      TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    judge_id         INTEGER NOT NULL REFERENCES users (id),
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reopened')),
    status_version   INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 0,
    overall_comment  TEXT NOT NULL DEFAULT '',
    overall_version  INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    submitted_at     INTEGER,
    reopened_by      INTEGER REFERENCES users (id),
    reopen_reason    TEXT,
    -- The scores as handed in, 'criterion:value,…' (server/judging/handed_in.rs).
    handed_in        TEXT,
    round_id         INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    CONSTRAINT score_sheets_round_id_proposal_id_judge_id_key
        UNIQUE (round_id, proposal_id, judge_id),
    CONSTRAINT score_sheets_handed_in_check CHECK (status <> 'submitted' OR handed_in IS NOT NULL)
);
INSERT INTO score_sheets_new (id, round_id, proposal_id, judge_id, status, status_version,
    version, overall_comment, overall_version, created_at, updated_at, submitted_at,
    reopened_by, reopen_reason, handed_in)
SELECT s.id, r.id, s.proposal_id, s.judge_id, s.status, s.status_version, s.version,
    s.overall_comment, s.overall_version, s.created_at, s.updated_at, s.submitted_at,
    s.reopened_by, s.reopen_reason, s.handed_in
FROM score_sheets s
JOIN proposals p ON p.id = s.proposal_id
JOIN rounds r ON r.competition_id = p.competition_id AND r.position = 1;

CREATE TABLE scores_new (
    sheet_id         TEXT NOT NULL REFERENCES score_sheets_new (id) ON DELETE CASCADE,
    criterion_id     INTEGER NOT NULL REFERENCES criteria_new (id),
    value            INTEGER,
    value_version    INTEGER NOT NULL DEFAULT 0,
    comment          TEXT NOT NULL DEFAULT '',
    comment_version  INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
);
INSERT INTO scores_new (sheet_id, criterion_id, value, value_version, comment, comment_version,
    updated_at)
SELECT sheet_id, criterion_id, value, value_version, comment, comment_version, updated_at
FROM scores;

-- Children first: nothing is left for a cascade to reach.
DROP TABLE scores;
DROP TABLE rubric_levels;
DROP TABLE score_sheets;
DROP TABLE judge_assignments;
DROP TABLE criteria;

ALTER TABLE criteria_new RENAME TO criteria;
ALTER TABLE rubric_levels_new RENAME TO rubric_levels;
ALTER TABLE judge_assignments_new RENAME TO judge_assignments;
ALTER TABLE score_sheets_new RENAME TO score_sheets;
ALTER TABLE scores_new RENAME TO scores;

CREATE INDEX judge_assignments_judge_idx ON judge_assignments (judge_id);
CREATE INDEX score_sheets_judge_idx ON score_sheets (judge_id);

-- The unique keys now lead with the round; a proposal's rows are still found by the proposal
-- alone (its feedback across rounds, and removing a proposal's rows with it).
CREATE INDEX judge_assignments_proposal_idx ON judge_assignments (proposal_id);
CREATE INDEX score_sheets_proposal_idx ON score_sheets (proposal_id);
