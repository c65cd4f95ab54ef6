-- The nomination dossier for the province (server/results/dossier.rs; docs/documents.md): each
-- question of a year's form may be tagged with the section of the province's proposal outline
-- its answer goes into (`models::KippSection::as_str`; NULL: untagged). The names are checked by
-- the app, not by a CHECK here, so that a later outline adds names without rebuilding the table.
ALTER TABLE questions ADD COLUMN kipp_section TEXT;
