-- The regency's identity on its documents and the certificates anyone can verify
-- (server/identity.rs, server/results/certificates.rs); docs/documents.md.
--
-- The issuing government as its documents name it, set once by an admin: one row, written the
-- first time (no row: nothing set yet, so that a restored backup brings its own). The crest is a
-- PNG in the file store (by its SHA-256), already checked and scaled down when it was uploaded.
CREATE TABLE regency_identity (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    government_name  TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    crest_sha256     TEXT,
    crest_width      INTEGER,
    crest_height     INTEGER,
    updated_by       INTEGER REFERENCES users (id),
    updated_at       INTEGER NOT NULL DEFAULT 0
);

-- Who signs each kind of document, with title and NIP (civil servant's number). No row: the
-- document falls back as before (the year's signer on the results page, then who locked them).
CREATE TABLE document_signatories (
    document  TEXT PRIMARY KEY CHECK (document IN ('certificate', 'recap', 'decree')),
    name      TEXT NOT NULL,
    title     TEXT NOT NULL,
    nip       TEXT NOT NULL DEFAULT ''
);

-- How a kind of document is numbered: a pattern with `{n}` (the running number) and `{year}`,
-- and the number the next one takes. No row: the default pattern (`models::default_series`),
-- from 1.
CREATE TABLE number_series (
    document     TEXT PRIMARY KEY CHECK (document IN ('certificate', 'decree')),
    pattern      TEXT NOT NULL,
    next_number  INTEGER NOT NULL CHECK (next_number >= 1)
);

-- Each certificate (piagam) issued: its number, the unguessable code in its verification
-- address, and to whom and for what it was given, as printed — the verification page answers
-- from this row even if the proposal or agency is renamed later. (Who signs is not kept: a
-- misspelt signer may be corrected and the certificate downloaded again.) Withdrawn with a
-- reason by an organiser; a proposal has at most one certificate in force.
CREATE TABLE certificates (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    number             TEXT NOT NULL UNIQUE,
    competition_id     INTEGER NOT NULL REFERENCES competitions (id),
    proposal_id        TEXT NOT NULL REFERENCES proposals (id),
    award              TEXT NOT NULL CHECK (award IN ('winner', 'finalist')),
    category_name      TEXT,
    agency_name        TEXT NOT NULL,
    proposal_title     TEXT NOT NULL,
    competition_name   TEXT NOT NULL,
    competition_year   INTEGER NOT NULL,
    government_name    TEXT NOT NULL,
    issued_by          INTEGER REFERENCES users (id),
    issued_at          INTEGER NOT NULL,
    withdrawn_by       INTEGER REFERENCES users (id),
    withdrawn_at       INTEGER,
    withdrawal_reason  TEXT
);
CREATE UNIQUE INDEX certificates_in_force ON certificates (proposal_id) WHERE withdrawn_at IS NULL;
CREATE INDEX certificates_competition ON certificates (competition_id);
