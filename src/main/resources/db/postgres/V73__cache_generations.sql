-- Exact caches across nodes (docs/design.md, "Caches across nodes"): a counter per cached area,
-- bumped in the same transaction as every write that could make a cached row stale. A node reads
-- it once per request and serves a cached row only if the row was read under the generation it
-- reads now. Only positive answers of manifests, links, repositories and accounts are cached, so
-- inserts into those tables make nothing stale and do not bump; account limits are cached whole
-- (an empty answer too), so every write to them bumps.
--
-- The bumps are deferred constraint triggers: they run at COMMIT, so the counter's row lock is the
-- last lock a writing transaction takes and is held only while it commits. Two writers can then
-- wait on it, never deadlock over it.
CREATE TABLE cache_generations (
    area       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO cache_generations (area, generation) VALUES ('metadata', 0);

CREATE FUNCTION bump_cache_generation() RETURNS trigger AS $$
BEGIN
    UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER accounts_cache_generation AFTER UPDATE OR DELETE ON accounts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER repositories_cache_generation AFTER UPDATE OR DELETE ON repositories
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
-- A pull-time flush (last_pulled_at only) leaves cached manifests alone: nothing on the pull path reads it.
CREATE CONSTRAINT TRIGGER manifests_cache_generation AFTER UPDATE OF repository_id, digest, media_type, artifact_type,
    subject_digest, size, image_size, body, pushed_at OR DELETE ON manifests
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER repository_blobs_cache_generation AFTER UPDATE OR DELETE ON repository_blobs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
CREATE CONSTRAINT TRIGGER account_limits_cache_generation AFTER INSERT OR UPDATE OR DELETE ON account_limits
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_generation();
