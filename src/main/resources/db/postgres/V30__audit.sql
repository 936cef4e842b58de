-- PostgreSQL dialect of db/sqlite/V30__audit.sql (text compares byte by byte, as in V1).
-- The audit trail: one row per API call, as a CloudTrail event record (the JSON in `record`) with
-- the fields LookupEvents filters on beside it. No foreign key to accounts: an event outlives a
-- deleted account until the retention period removes it, as CloudTrail's event history does.
CREATE TABLE audit_events (
    event_id      TEXT COLLATE "C"    PRIMARY KEY,
    account_id    TEXT COLLATE "C"    NOT NULL,
    event_time    BIGINT  NOT NULL,
    event_source  TEXT COLLATE "C"    NOT NULL,
    event_name    TEXT COLLATE "C"    NOT NULL,
    username      TEXT COLLATE "C",
    access_key_id TEXT COLLATE "C",
    read_only     INTEGER NOT NULL,
    resource_type TEXT COLLATE "C",
    resource_name TEXT COLLATE "C",
    resource_arn  TEXT COLLATE "C",
    record        TEXT COLLATE "C"    NOT NULL
);

-- LookupEvents reads an account's events newest first; retention deletes the oldest of all.
CREATE INDEX audit_events_account_time ON audit_events (account_id, event_time, event_id);
CREATE INDEX audit_events_time ON audit_events (event_time);
