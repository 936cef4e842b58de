-- Repository creation templates (issue 12): one per (registry, prefix). The template's settings are
-- one JSON document written and read by registry.CreationTemplates; the store keeps it opaque.
CREATE TABLE creation_templates (
    account_id TEXT   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    prefix     TEXT   NOT NULL,
    settings   TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, prefix)
);
