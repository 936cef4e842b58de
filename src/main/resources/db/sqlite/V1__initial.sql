-- Wharf metadata, SQLite dialect. Times are epoch milliseconds. The PostgreSQL dialect keeps the
-- same tables and columns (BIGSERIAL for the surrogate key, BYTEA for manifest bodies).

CREATE TABLE accounts (
    account_id  TEXT    NOT NULL PRIMARY KEY,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE access_keys (
    access_key_id TEXT   NOT NULL PRIMARY KEY,
    account_id    TEXT   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name     TEXT,
    secret_enc    TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX access_keys_account ON access_keys (account_id, user_name);

CREATE TABLE repositories (
    repository_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id            TEXT    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    name                  TEXT    NOT NULL,
    tag_mutability        TEXT    NOT NULL,
    mutability_exclusions TEXT,
    scan_on_push          INTEGER NOT NULL DEFAULT 0,
    encryption_type       TEXT    NOT NULL DEFAULT 'AES256',
    kms_key               TEXT,
    created_at            BIGINT  NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE repository_tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    tag_key       TEXT   NOT NULL,
    tag_value     TEXT   NOT NULL,
    PRIMARY KEY (repository_id, tag_key)
);

CREATE TABLE blobs (
    digest     TEXT   NOT NULL PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    digest        TEXT   NOT NULL REFERENCES blobs (digest),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id  BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    digest         TEXT   NOT NULL,
    media_type     TEXT   NOT NULL,
    artifact_type  TEXT,
    subject_digest TEXT,
    size           BIGINT NOT NULL,
    image_size     BIGINT NOT NULL,
    body           BLOB   NOT NULL,
    pushed_at      BIGINT NOT NULL,
    last_pulled_at BIGINT,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject_digest);

CREATE TABLE manifest_refs (
    repository_id   BIGINT NOT NULL,
    manifest_digest TEXT   NOT NULL,
    child_digest    TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest, kind),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX manifest_refs_child ON manifest_refs (repository_id, child_digest);

CREATE TABLE tags (
    repository_id BIGINT NOT NULL,
    tag           TEXT   NOT NULL,
    digest        TEXT   NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, tag),
    FOREIGN KEY (repository_id, digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX tags_digest ON tags (repository_id, digest);

CREATE TABLE uploads (
    upload_id     TEXT   NOT NULL PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    size          BIGINT NOT NULL,
    parts         INTEGER NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
