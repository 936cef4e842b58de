-- The archive storage class (issue 12): an image's storage state when it has ever been archived.
-- No row: ACTIVE and never archived. ACTIVATING becomes ACTIVE once the restore delay has passed
-- since restore_started_at (decided by registry.Archive when read).
CREATE TABLE image_archive (
    repository_id      BIGINT NOT NULL,
    digest             TEXT   NOT NULL,
    status             TEXT   NOT NULL,
    archived_at        BIGINT,
    activated_at       BIGINT,
    restore_started_at BIGINT,
    PRIMARY KEY (repository_id, digest),
    FOREIGN KEY (repository_id, digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
