-- Small blobs' bytes kept in the database (docs/design.md, "Small blobs in the database"): a blob
-- that arrives whole and is no larger than storage.inlineBlobBytes is stored here instead of as a
-- file, so that its bytes become durable with the commit that links it (one flush instead of a
-- file's, its directory's and the commit's). The row of the same digest in blobs says the blob
-- exists; this row only holds its bytes, and is deleted with them by garbage collection.
CREATE TABLE blob_contents (
    digest  TEXT NOT NULL PRIMARY KEY,
    content BYTEA NOT NULL
);
