-- PostgreSQL dialect of db/sqlite/V60__creation_templates.sql (text compares byte by byte, as in V1).
-- Repository creation templates (issue 12): one per (registry, prefix). The template's settings are
-- one JSON document written and read by registry.CreationTemplates; the store keeps it opaque.
CREATE TABLE creation_templates (
    account_id TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    prefix     TEXT COLLATE "C"   NOT NULL,
    settings   TEXT COLLATE "C"   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, prefix)
);
