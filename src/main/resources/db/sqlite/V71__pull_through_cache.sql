-- Pull through cache (issue 12): one rule per (registry, repository prefix), and when each cached
-- tag was last compared with its upstream (a tag is re-checked at most once per 24 hours, shared by
-- every node).
CREATE TABLE pull_through_cache_rules (
    account_id        TEXT   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    prefix            TEXT   NOT NULL,
    upstream_url      TEXT   NOT NULL,
    upstream_registry TEXT,
    credential_arn    TEXT,
    custom_role_arn   TEXT,
    upstream_prefix   TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (account_id, prefix)
);

CREATE TABLE upstream_checks (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    tag           TEXT   NOT NULL,
    checked_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, tag)
);
