-- PostgreSQL dialect of db/sqlite/V72__replication.sql (text compares byte by byte, as in V1).
-- Replication (issue 12). A registry's replication configuration (ECR's ReplicationConfiguration,
-- as the JSON PutReplicationConfiguration accepted), and the durable queue of images to copy: one
-- row per pushed image (and tag) and destination, kept after it ends as that destination's status.
CREATE TABLE replication_configurations (
    account_id    TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    configuration TEXT COLLATE "C" NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- status IN_PROGRESS (queued or being copied), COMPLETE or FAILED; tag '' for a push by digest.
-- claimed_by/claimed_until: the worker copying the item now; another takes it only once the claim lapses.
CREATE TABLE replication_queue (
    item_id              BIGSERIAL PRIMARY KEY,
    account_id           TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    repository           TEXT COLLATE "C" NOT NULL,
    digest               TEXT COLLATE "C" NOT NULL,
    tag                  TEXT COLLATE "C" NOT NULL,
    destination_region   TEXT COLLATE "C" NOT NULL,
    destination_registry TEXT COLLATE "C" NOT NULL,
    status               TEXT COLLATE "C" NOT NULL,
    failure_code         TEXT COLLATE "C",
    last_error           TEXT COLLATE "C",
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      BIGINT  NOT NULL,
    claimed_by           TEXT COLLATE "C",
    claimed_until        BIGINT,
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    UNIQUE (account_id, repository, digest, tag, destination_region, destination_registry)
);
CREATE INDEX replication_queue_due ON replication_queue (status, next_attempt_at);
