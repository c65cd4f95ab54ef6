-- The copy of an evidence file a judge reads in a blind year: the same content without the
-- author, EXIF and document properties that could name the agency (server/judge_copy.rs).
-- Written at upload; empty for files uploaded before this migration, which are cleaned the
-- first time a judge opens them. Equal to sha256 when the file carried nothing to remove.
ALTER TABLE attachments ADD COLUMN judge_sha256 TEXT;
