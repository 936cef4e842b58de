-- PostgreSQL dialect of db/sqlite/V62__image_archive.sql (text compares byte by byte, as in V1).
-- The archive storage class (issue 12): an image's storage state when it has ever been archived.
-- No row: ACTIVE and never archived. ACTIVATING becomes ACTIVE once the restore delay has passed
-- since restore_started_at (decided by registry.Archive when read).
CREATE TABLE image_archive (
    repository_id      BIGINT NOT NULL,
    digest             TEXT COLLATE "C"   NOT NULL,
    status             TEXT COLLATE "C"   NOT NULL,
    archived_at        BIGINT,
    activated_at       BIGINT,
    restore_started_at BIGINT,
    PRIMARY KEY (repository_id, digest),
    FOREIGN KEY (repository_id, digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
