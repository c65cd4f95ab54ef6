-- The presentation day (issue 16; docs/presentation.md): a presentation round's rooms, the
-- judges who sit in each, and the slots in which each finalist presents and answers questions.
CREATE TABLE rooms (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    CONSTRAINT rooms_round_id_name_key UNIQUE (round_id, name)
);

CREATE TABLE room_judges (
    room_id   INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    judge_id  INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (room_id, judge_id)
);

-- One slot per finalist and round (the rooms are the round's): when it starts (ms, UTC), how
-- long the presentation and the questions take.
CREATE TABLE slots (
    id                INTEGER PRIMARY KEY,
    room_id           INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    proposal_id       TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    starts_at         INTEGER NOT NULL,
    present_minutes   INTEGER NOT NULL CHECK (present_minutes BETWEEN 1 AND 120),
    question_minutes  INTEGER NOT NULL CHECK (question_minutes BETWEEN 0 AND 120),
    CONSTRAINT slots_room_id_proposal_id_key UNIQUE (room_id, proposal_id)
);
CREATE INDEX slots_proposal_id ON slots (proposal_id);
