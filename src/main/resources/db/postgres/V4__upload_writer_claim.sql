-- The upload row is the one truth of a session (docs/design.md, "Upload sessions"): a chunk is
-- written only by the holder of the row's writer claim, taken by compare-and-set on the size.
ALTER TABLE uploads ADD COLUMN writer TEXT COLLATE "C";
ALTER TABLE uploads ADD COLUMN claimed_at BIGINT;
CREATE INDEX uploads_by_repository ON uploads (repository_id);
