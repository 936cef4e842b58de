-- The Secrets Manager subset (issue 12): secrets, their versions and their staging labels.
-- A secret's name stays taken while it is scheduled for deletion (deletion_date set); once that
-- date has passed the secret is gone, and its row is purged when the name is used again.
-- revision is bumped by every write to the secret: versions and labels are replaced only by a
-- write that read the revision it replaces (compare-and-set), so concurrent writers on several
-- nodes cannot interleave their label moves.
CREATE TABLE secrets (
    arn           TEXT    NOT NULL PRIMARY KEY,
    account_id    TEXT    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    description   TEXT,
    tags          TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    last_changed  BIGINT  NOT NULL,
    last_accessed BIGINT,
    deletion_date BIGINT,
    revision      BIGINT  NOT NULL,
    UNIQUE (account_id, name)
);
CREATE INDEX secrets_by_created ON secrets (account_id, created_at, arn);

-- One value each, encrypted under a key derived from the master key (never in clear text here).
CREATE TABLE secret_versions (
    secret_arn TEXT    NOT NULL REFERENCES secrets (arn) ON DELETE CASCADE,
    version_id TEXT    NOT NULL,
    value_enc  TEXT    NOT NULL,
    is_binary  INTEGER NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (secret_arn, version_id)
);

-- A staging label names one version of its secret.
CREATE TABLE secret_stages (
    secret_arn TEXT NOT NULL,
    stage      TEXT NOT NULL,
    version_id TEXT NOT NULL,
    PRIMARY KEY (secret_arn, stage),
    FOREIGN KEY (secret_arn, version_id) REFERENCES secret_versions (secret_arn, version_id) ON DELETE CASCADE
);
