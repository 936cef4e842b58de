-- Upload sessions that ended (completed, cancelled or discarded), by id (docs/design.md, "Upload
-- sessions"): a session is born without a row of uploads, its id alone (signed, with its start
-- time) saying that it exists; it gets that row with its first chunk. An id whose session ended is
-- kept here so that it is never valid again, until the id has expired anyway (auth.uploadExpiry
-- after its start, so after its end): then the maintenance task deletes the row.
CREATE TABLE ended_uploads (
    upload_id TEXT NOT NULL PRIMARY KEY,
    ended_at  BIGINT NOT NULL
);
