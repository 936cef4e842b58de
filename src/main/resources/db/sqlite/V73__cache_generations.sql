-- Exact caches across nodes and processes (docs/design.md, "Caches across nodes"): a counter per
-- cached area, bumped in the same transaction as every write that could make a cached row stale.
-- A node reads it once per request and serves a cached row only if the row was read under the
-- generation it reads now. Only positive answers of manifests, links, repositories and accounts
-- are cached, so inserts into those tables make nothing stale and do not bump; account limits are
-- cached whole (an empty answer too), so every write to them bumps.
CREATE TABLE cache_generations (
    area       TEXT   NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO cache_generations (area, generation) VALUES ('metadata', 0);

CREATE TRIGGER accounts_update_cache_generation AFTER UPDATE ON accounts
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER accounts_delete_cache_generation AFTER DELETE ON accounts
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER repositories_update_cache_generation AFTER UPDATE ON repositories
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repositories_delete_cache_generation AFTER DELETE ON repositories
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

-- A pull-time flush (last_pulled_at only) leaves cached manifests alone: nothing on the pull path reads it.
CREATE TRIGGER manifests_update_cache_generation AFTER UPDATE OF repository_id, digest, media_type, artifact_type,
    subject_digest, size, image_size, body, pushed_at ON manifests
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER manifests_delete_cache_generation AFTER DELETE ON manifests
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER repository_blobs_update_cache_generation AFTER UPDATE ON repository_blobs
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER repository_blobs_delete_cache_generation AFTER DELETE ON repository_blobs
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;

CREATE TRIGGER account_limits_insert_cache_generation AFTER INSERT ON account_limits
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER account_limits_update_cache_generation AFTER UPDATE ON account_limits
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
CREATE TRIGGER account_limits_delete_cache_generation AFTER DELETE ON account_limits
BEGIN UPDATE cache_generations SET generation = generation + 1 WHERE area = 'metadata'; END;
