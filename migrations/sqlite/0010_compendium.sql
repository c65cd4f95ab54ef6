-- The year's compendium of innovations (server/results/compendium.rs; docs/documents.md): the
-- foreword the organisers write and which innovations the book holds ('screened': all that
-- passed screening; 'awarded': the winners, finalists and nominees). No row: no foreword, all.
CREATE TABLE compendiums (
    competition_id  INTEGER PRIMARY KEY REFERENCES competitions (id) ON DELETE CASCADE,
    foreword        TEXT NOT NULL DEFAULT '',
    selection       TEXT NOT NULL DEFAULT 'screened' CHECK (selection IN ('screened', 'awarded')),
    updated_by      INTEGER REFERENCES users (id),
    updated_at      INTEGER NOT NULL
);
