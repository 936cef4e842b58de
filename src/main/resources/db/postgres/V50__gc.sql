-- PostgreSQL dialect of db/sqlite/V50__gc.sql (text compares byte by byte, as in V1; the trigger as a PL/pgSQL function).
-- Online garbage collection (docs/design.md, "Garbage collection").

-- The blobs each manifest needs, as foreign keys onto the repository's links: a link that a
-- manifest uses cannot be deleted, and a manifest cannot be stored over a link that is gone or
-- being deleted. The database, not a read before the write, decides a manifest PUT racing a
-- collection (SQLite: one writer; PostgreSQL: the foreign key's row lock).
CREATE TABLE manifest_blobs (
    repository_id   BIGINT NOT NULL,
    manifest_digest TEXT COLLATE "C"   NOT NULL,
    digest          TEXT COLLATE "C"   NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    -- checked when the transaction commits, as SQLite orders its checks within one statement list
    FOREIGN KEY (repository_id, digest) REFERENCES repository_blobs (repository_id, digest) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX manifest_blobs_link ON manifest_blobs (repository_id, digest);

-- Existing images: relink what a manifest needs (an OCI blob DELETE could unlink it before), then record the needs.
INSERT INTO repository_blobs (repository_id, digest, created_at)
    SELECT DISTINCT r.repository_id, r.child_digest, 0 FROM manifest_refs r JOIN blobs b ON b.digest = r.child_digest
    WHERE r.kind = 'blob'
ON CONFLICT (repository_id, digest) DO NOTHING;
INSERT INTO manifest_blobs (repository_id, manifest_digest, digest)
    SELECT r.repository_id, r.manifest_digest, r.child_digest FROM manifest_refs r
    WHERE r.kind = 'blob' AND EXISTS (SELECT 1 FROM repository_blobs l WHERE l.repository_id = r.repository_id AND l.digest = r.child_digest)
ON CONFLICT DO NOTHING;

-- Pins: an upload completing keeps its blob row from collection while it makes the bytes visible
-- and links them (until), each upload its own pin, removed when it has linked.
CREATE TABLE blob_pins (
    pin_id TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    digest TEXT COLLATE "C"   NOT NULL,
    until  BIGINT NOT NULL
);
CREATE INDEX blob_pins_digest ON blob_pins (digest);
CREATE INDEX blobs_created ON blobs (created_at);
CREATE INDEX repository_blobs_created ON repository_blobs (created_at);

-- The deletion queue: a blob whose row is gone and whose bytes are to be deleted. Its row is
-- deleted in the same transaction that queues it; a collector claims entries (claimed_by,
-- claimed_until) before deleting their bytes, and no blob row of that digest can be created
-- while a claim holds (an upload completing the same digest waits), so bytes are only ever
-- deleted while no live row exists. Unclaimed entries are cancelled by such an upload.
CREATE TABLE blob_deletions (
    digest        TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    size          BIGINT NOT NULL,
    queued_at     BIGINT NOT NULL,
    claimed_by    TEXT COLLATE "C",
    claimed_until BIGINT
);

-- Manifests an index listed when it was deleted: collected with it when nothing else needs them.
CREATE TABLE gc_manifest_candidates (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    digest        TEXT COLLATE "C"   NOT NULL,
    queued_at     BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE FUNCTION manifest_refs_child_released() RETURNS trigger AS $$
BEGIN
    IF OLD.kind = 'manifest' THEN
        INSERT INTO gc_manifest_candidates (repository_id, digest, queued_at)
            SELECT OLD.repository_id, OLD.child_digest, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT
            WHERE EXISTS (SELECT 1 FROM repositories WHERE repository_id = OLD.repository_id)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER manifest_refs_child_released AFTER DELETE ON manifest_refs
    FOR EACH ROW EXECUTE FUNCTION manifest_refs_child_released();

-- One collector at a time, across processes and nodes: a lease row.
CREATE TABLE gc_lease (
    name   TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    holder TEXT COLLATE "C"   NOT NULL,
    until  BIGINT NOT NULL
);
