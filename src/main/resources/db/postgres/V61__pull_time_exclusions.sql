-- PostgreSQL dialect of db/sqlite/V61__pull_time_exclusions.sql (text compares byte by byte, as in V1).
-- Pull-time update exclusions (issue 12): principals whose pulls do not move an image's
-- lastRecordedPullTime in one registry.
CREATE TABLE pull_time_exclusions (
    account_id    TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_arn TEXT COLLATE "C"   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, principal_arn)
);
