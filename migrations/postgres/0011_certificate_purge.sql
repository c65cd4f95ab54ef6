-- A withdrawn certificate can be purged (server/results/certificates.rs; docs/documents.md):
-- what it said about whom is erased and its code no longer answers, so the verification page
-- says of it what it says of a code nobody was given. The row stays, with its number, so the
-- number is never handed out again.
ALTER TABLE certificates ADD COLUMN purged_at BIGINT;
ALTER TABLE certificates ADD COLUMN purged_by BIGINT REFERENCES users (id);
