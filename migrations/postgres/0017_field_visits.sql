-- Field verification (issue 16; docs/rounds.md "Field verification"): the judges visit each
-- finalist where its innovation runs, with a checklist of claims to verify, what they saw,
-- notes, who visited when, and photos taken on the spot.
--
-- The checklist of a field round: the claims to verify, one per line, as the organisers write
-- them. Answers are kept by a claim's place in the list, so the list no longer changes once a
-- visit report of the round exists (server/visits/claims.rs).
ALTER TABLE rounds ADD COLUMN visit_claims TEXT NOT NULL DEFAULT '';

-- One report per judge, finalist and field round. It is an offline record like a score sheet
-- (docs/sync.md): `version` grows with every accepted save, and each field of `visit_fields`
-- carries the version that last wrote it. `submitted_at` is set when the judge hands it in.
CREATE TABLE visits (
    id            TEXT PRIMARY KEY,
    round_id      BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    proposal_id   TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    judge_id      BIGINT NOT NULL REFERENCES users (id),
    version       BIGINT NOT NULL DEFAULT 0,
    submitted_at  BIGINT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (round_id, proposal_id, judge_id)
);

-- A report's fields as JSON values (`visited_on`, `visitors`, `notes`, `k<n>` / `w<n>` for the
-- n-th claim, `submitted`); a cleared field keeps its row with the value `null`.
CREATE TABLE visit_fields (
    visit_id  TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    version   BIGINT NOT NULL,
    PRIMARY KEY (visit_id, field)
);

-- The photos of a visit, each under the id the tablet gave it when it was taken (so an upload
-- retried after a lost answer is stored once), its file in the file store under its SHA-256.
CREATE TABLE visit_photos (
    id            TEXT PRIMARY KEY,
    visit_id      TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    claim         BIGINT,
    sha256        TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    taken_at      BIGINT NOT NULL,
    uploaded_at   BIGINT NOT NULL
);
CREATE INDEX visit_photos_visit ON visit_photos (visit_id, taken_at);
