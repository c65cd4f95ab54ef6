-- One result from a year's rounds (issue 16; docs/ranking.md, "A year in rounds"): either the
-- last round decides and earlier rounds break its ties, or each round weighs a share of the
-- final score (40 / 60), the shares totalling 100. Set with the rounds, before judging starts.
ALTER TABLE competitions ADD COLUMN round_combination TEXT NOT NULL DEFAULT 'last_decides'
    CHECK (round_combination IN ('last_decides', 'weights'));
-- The round's share (0–100) when the rounds are weighed; none until the organisers set it.
ALTER TABLE rounds ADD COLUMN weight DOUBLE PRECISION CHECK (weight IS NULL OR (weight >= 0 AND weight <= 100));
