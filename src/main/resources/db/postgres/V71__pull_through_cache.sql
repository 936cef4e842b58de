-- PostgreSQL dialect of db/sqlite/V71__pull_through_cache.sql (text compares byte by byte, as in V1).
-- Pull through cache (issue 12): one rule per (registry, repository prefix), and when each cached
-- tag was last compared with its upstream (a tag is re-checked at most once per 24 hours, shared by
-- every node).
CREATE TABLE pull_through_cache_rules (
    account_id        TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    prefix            TEXT COLLATE "C" NOT NULL,
    upstream_url      TEXT COLLATE "C" NOT NULL,
    upstream_registry TEXT COLLATE "C",
    credential_arn    TEXT COLLATE "C",
    custom_role_arn   TEXT COLLATE "C",
    upstream_prefix   TEXT COLLATE "C",
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (account_id, prefix)
);

CREATE TABLE upstream_checks (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    tag           TEXT COLLATE "C" NOT NULL,
    checked_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, tag)
);
