-- Inovasi schema, SQLite dialect. Keep in step with ../postgres/0001_schema.sql.
-- Conventions (docs/database.md): ids are INTEGER PRIMARY KEY, except records a browser creates
-- offline (proposals, score sheets), which carry a client-made UUID as TEXT. Booleans are
-- INTEGER 0/1, points in time INTEGER milliseconds since the epoch (UTC), calendar dates TEXT
-- 'YYYY-MM-DD', structured values TEXT holding JSON.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('perangkat_daerah', 'kesehatan', 'pendidikan')),
    head_name   TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  INTEGER NOT NULL,
    CONSTRAINT agencies_name_key UNIQUE (name)
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    -- NULL until the person sets a password through an invitation link.
    password_hash  TEXT,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'judge', 'agency_head', 'agency_member')),
    agency_id      INTEGER REFERENCES agencies (id),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    expertise      TEXT,
    created_at     INTEGER NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    -- Agency roles belong to an agency; a judge may (an official of that agency, never assigned
    -- its proposals); an admin never does.
    CONSTRAINT users_agency_role CHECK (role = 'judge' OR (role IN ('agency_head', 'agency_member')) = (agency_id IS NOT NULL))
);

-- One-time links that let a person choose a password: an invitation to a new account, or a
-- reset. Only the SHA-256 of the link's secret is kept; a link works once, until it expires.
CREATE TABLE account_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

-- Failed sign-ins, per account ('email:…') and per address ('ip:…'), for throttling.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    subject  TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_failures_subject_idx ON login_failures (subject, at);

CREATE TABLE competitions (
    id                   INTEGER PRIMARY KEY,
    year                 INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    phase                TEXT NOT NULL CHECK (phase IN ('setup', 'submission_open', 'screening', 'judging', 'deliberation', 'published', 'archived')),
    blind_judging        INTEGER NOT NULL DEFAULT 0 CHECK (blind_judging IN (0, 1)),
    judges_per_proposal  INTEGER NOT NULL DEFAULT 3 CHECK (judges_per_proposal >= 1),
    -- An innovation must have been running this many days by the submission deadline.
    min_running_days     INTEGER NOT NULL DEFAULT 365,
    -- The ranking's pass mark (0–100) and whether per-judge normalised scores are the official
    -- ranking (docs/ranking.md). Both fixed once the results are locked.
    pass_mark            REAL NOT NULL DEFAULT 85 CHECK (pass_mark >= 0 AND pass_mark <= 100),
    normalise_scores     INTEGER NOT NULL DEFAULT 0 CHECK (normalise_scores IN (0, 1)),
    results_locked_at    INTEGER,
    results_locked_by    INTEGER REFERENCES users (id),
    -- Who signs the certificates (piagam): typically the regent or the committee's chair. Empty:
    -- the admin who locked the results, as the committee's chair.
    certificate_signer_name   TEXT NOT NULL DEFAULT '',
    certificate_signer_title  TEXT NOT NULL DEFAULT '',
    created_at           INTEGER NOT NULL
);

CREATE TABLE competition_phases (
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    phase           TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    PRIMARY KEY (competition_id, phase),
    CHECK (ends_at > starts_at)
);

-- The agencies the year obliges to take part (the compliance register's rows).
CREATE TABLE competition_agencies (
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    agency_id       INTEGER NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (competition_id, agency_id)
);

CREATE TABLE deadline_extensions (
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    agency_id       INTEGER NOT NULL REFERENCES agencies (id),
    deadline_at     INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    granted_by      INTEGER NOT NULL REFERENCES users (id),
    granted_at      INTEGER NOT NULL,
    PRIMARY KEY (competition_id, agency_id)
);

CREATE TABLE categories (
    id              INTEGER PRIMARY KEY,
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    CONSTRAINT categories_competition_id_code_key UNIQUE (competition_id, code)
);

CREATE TABLE criteria (
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
    CONSTRAINT criteria_competition_id_code_key UNIQUE (competition_id, code),
    CHECK (scale_max > scale_min)
);

-- What a score band means, e.g. 1–3 "not new", 8–10 "first in Indonesia".
CREATE TABLE rubric_levels (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
    score_from    INTEGER NOT NULL,
    score_to      INTEGER NOT NULL,
    descriptor    TEXT NOT NULL,
    CHECK (score_to >= score_from)
);

CREATE TABLE form_sections (
    id              INTEGER PRIMARY KEY,
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES form_sections (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('short_text', 'long_text', 'number', 'date', 'single_choice', 'multiple_choice', 'team', 'evidence')),
    label       TEXT NOT NULL,
    help        TEXT NOT NULL DEFAULT '',
    required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    word_limit  INTEGER,
    char_limit  INTEGER,
    min_value   INTEGER,
    max_value   INTEGER,
    -- JSON array of choices for single/multiple choice.
    options     TEXT NOT NULL DEFAULT '[]',
    -- Evidence slots: how many files at most.
    max_files   INTEGER,
    -- What the app itself reads this answer for: 'started_on' is the date the innovation began
    -- (it must have run long enough by the deadline).
    purpose     TEXT CHECK (purpose IN ('started_on'))
);

CREATE TABLE proposals (
    id              TEXT PRIMARY KEY,
    competition_id  INTEGER NOT NULL REFERENCES competitions (id),
    agency_id       INTEGER NOT NULL REFERENCES agencies (id),
    category_id     INTEGER REFERENCES categories (id),
    title           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'awaiting_approval', 'submitted', 'screened_in', 'screened_out', 'scored', 'finalist', 'winner', 'not_selected')),
    -- Incremented on every accepted write; a save must name the version it was based on.
    version         INTEGER NOT NULL DEFAULT 0,
    -- Links the same innovation across years (re-submissions).
    innovation_key  TEXT,
    head_note       TEXT,
    screening_note  TEXT,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    submitted_at    INTEGER,
    submitted_by    INTEGER REFERENCES users (id)
);
CREATE INDEX proposals_competition_agency_idx ON proposals (competition_id, agency_id);

-- A proposal's content, one row per field ('title', 'category', 'q<question id>'), each with the
-- proposal version that last wrote it: saves compare and set field by field, and a client learns
-- which fields others changed since the version it started from.
CREATE TABLE proposal_fields (
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    field        TEXT NOT NULL,
    value        TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (proposal_id, field)
);

-- What a save with a given idempotency key answered, so a retry is stored once.
CREATE TABLE sync_receipts (
    record_kind      TEXT NOT NULL,
    record_id        TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    response         TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (record_kind, record_id, idempotency_key)
);

CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,
    proposal_id   TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL REFERENCES questions (id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_by   INTEGER NOT NULL REFERENCES users (id),
    uploaded_at   INTEGER NOT NULL
);

-- The year's judge pool, with an optional category of expertise.
CREATE TABLE competition_judges (
    competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    category_id     INTEGER REFERENCES categories (id),
    PRIMARY KEY (competition_id, user_id)
);

CREATE TABLE judge_assignments (
    id           INTEGER PRIMARY KEY,
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    judge_id     INTEGER NOT NULL REFERENCES users (id),
    assigned_by  INTEGER NOT NULL REFERENCES users (id),
    assigned_at  INTEGER NOT NULL,
    CONSTRAINT judge_assignments_proposal_id_judge_id_key UNIQUE (proposal_id, judge_id)
);
CREATE INDEX judge_assignments_judge_idx ON judge_assignments (judge_id);

CREATE TABLE conflict_declarations (
    id           INTEGER PRIMARY KEY,
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    judge_id     INTEGER NOT NULL REFERENCES users (id),
    reason       TEXT NOT NULL,
    declared_at  INTEGER NOT NULL,
    CONSTRAINT conflict_declarations_proposal_id_judge_id_key UNIQUE (proposal_id, judge_id)
);

-- One judge's scores for one proposal. Saved through the same sync protocol as proposal drafts
-- (docs/sync.md): every column a judge writes has the sheet version that last wrote it, so a
-- save learns what changed elsewhere (the judge's other device) since its base.
CREATE TABLE score_sheets (
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
    -- The scores as handed in, 'criterion:value,…': what the ranking reads (one short text per
    -- sheet instead of a join over every score; server/judging/handed_in.rs). Written when the
    -- sheet is handed in, cleared when it is reopened.
    handed_in        TEXT,
    CONSTRAINT score_sheets_proposal_id_judge_id_key UNIQUE (proposal_id, judge_id),
    CONSTRAINT score_sheets_handed_in_check CHECK (status <> 'submitted' OR handed_in IS NOT NULL)
);
CREATE INDEX score_sheets_judge_idx ON score_sheets (judge_id);

CREATE TABLE scores (
    sheet_id         TEXT NOT NULL REFERENCES score_sheets (id) ON DELETE CASCADE,
    criterion_id     INTEGER NOT NULL REFERENCES criteria (id),
    value            INTEGER,
    value_version    INTEGER NOT NULL DEFAULT 0,
    comment          TEXT NOT NULL DEFAULT '',
    comment_version  INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
);

-- The deliberation's decisions per proposal; at locking, the official ranking as it stood is
-- written in too (the gallery and the agencies' feedback read it from here).
CREATE TABLE results (
    proposal_id       TEXT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    competition_id    INTEGER NOT NULL REFERENCES competitions (id),
    award             TEXT CHECK (award IN ('finalist', 'winner')),
    nominated         INTEGER NOT NULL DEFAULT 0 CHECK (nominated IN (0, 1)),
    score             REAL,
    rank              INTEGER,
    rank_in_category  INTEGER,
    passes            INTEGER NOT NULL DEFAULT 0 CHECK (passes IN (0, 1)),
    -- The innovation in short (the form's first long answer), for the public gallery.
    summary           TEXT NOT NULL DEFAULT '',
    decided_at        INTEGER NOT NULL,
    decided_by        INTEGER REFERENCES users (id)
);
CREATE INDEX results_competition_idx ON results (competition_id);

-- People who want to replicate a published innovation, for its agency to contact.
CREATE TABLE replication_interests (
    id            INTEGER PRIMARY KEY,
    proposal_id   TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    contact       TEXT NOT NULL,
    message       TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX replication_interests_proposal_idx ON replication_interests (proposal_id);

-- Append-only; each row's hash covers the previous row's hash (tamper evidence).
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    actor_id     INTEGER REFERENCES users (id),
    action       TEXT NOT NULL,
    object_kind  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
