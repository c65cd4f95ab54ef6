-- The room board of the presentation day (issue 16; docs/presentation.md): what each room is
-- doing now, as the moderator drives it, which finalists have presented, and their slides.
--
-- One row per room once its moderator first starts a presentation. `proposal_id` is the
-- finalist on the stage (none: between two presentations); `stage` says whether it is
-- presenting or answering questions; the countdown runs from `running_since` (ms, UTC; none:
-- paused) after `spent_ms` already spent on this stage. `seq` grows with every change and
-- `started_seq` is its value when the finalist on the stage came on: the tablets open a new
-- finalist's score sheet once, when that number grows.
CREATE TABLE room_states (
    room_id        BIGINT PRIMARY KEY REFERENCES rooms (id) ON DELETE CASCADE,
    proposal_id    TEXT REFERENCES proposals (id) ON DELETE SET NULL,
    stage          TEXT NOT NULL DEFAULT 'waiting'
                   CHECK (stage IN ('waiting', 'presenting', 'questions')),
    running_since  BIGINT,
    spent_ms       BIGINT NOT NULL DEFAULT 0 CHECK (spent_ms >= 0),
    seq            BIGINT NOT NULL DEFAULT 0,
    started_seq    BIGINT NOT NULL DEFAULT 0,
    updated_at     BIGINT NOT NULL
);

-- Each finalist's presentation as it ran: when it came on and when the moderator closed it
-- (none: on the stage now). Kept apart from `slots`, which the schedule page rewrites whole.
CREATE TABLE slot_runs (
    room_id      BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    proposal_id  TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    PRIMARY KEY (room_id, proposal_id)
);

-- The slides a finalist's agency uploads beforehand (server/presentation/slides.rs): one file per
-- finalist and round, kept in the file store under its SHA-256 like the evidence files.
CREATE TABLE presentation_slides (
    round_id      BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    proposal_id   TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    uploaded_by   BIGINT NOT NULL REFERENCES users (id),
    uploaded_at   BIGINT NOT NULL,
    PRIMARY KEY (round_id, proposal_id)
);
