-- Wharf metadata, PostgreSQL dialect: the tables and columns of db/sqlite, version for version.
-- Differences: BIGSERIAL for the surrogate key, BYTEA for manifest bodies, and every text column
-- compares byte by byte (COLLATE "C"), as SQLite does, so that ordering and paging by name are the
-- same on both and do not depend on the database's locale. Times are epoch milliseconds.

CREATE TABLE accounts (
    account_id  TEXT COLLATE "C"    NOT NULL PRIMARY KEY,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE access_keys (
    access_key_id TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    account_id    TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name     TEXT COLLATE "C",
    secret_enc    TEXT COLLATE "C"   NOT NULL,
    status        TEXT COLLATE "C"   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX access_keys_account ON access_keys (account_id, user_name);

CREATE TABLE repositories (
    repository_id         BIGSERIAL PRIMARY KEY,
    account_id            TEXT COLLATE "C"    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    name                  TEXT COLLATE "C"    NOT NULL,
    tag_mutability        TEXT COLLATE "C"    NOT NULL,
    mutability_exclusions TEXT COLLATE "C",
    scan_on_push          INTEGER NOT NULL DEFAULT 0,
    encryption_type       TEXT COLLATE "C"    NOT NULL DEFAULT 'AES256',
    kms_key               TEXT COLLATE "C",
    created_at            BIGINT  NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE repository_tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    tag_key       TEXT COLLATE "C"   NOT NULL,
    tag_value     TEXT COLLATE "C"   NOT NULL,
    PRIMARY KEY (repository_id, tag_key)
);

CREATE TABLE blobs (
    digest     TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    digest        TEXT COLLATE "C"   NOT NULL REFERENCES blobs (digest),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id  BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    digest         TEXT COLLATE "C"   NOT NULL,
    media_type     TEXT COLLATE "C"   NOT NULL,
    artifact_type  TEXT COLLATE "C",
    subject_digest TEXT COLLATE "C",
    size           BIGINT NOT NULL,
    image_size     BIGINT NOT NULL,
    body           BYTEA  NOT NULL,
    pushed_at      BIGINT NOT NULL,
    last_pulled_at BIGINT,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject_digest);

CREATE TABLE manifest_refs (
    repository_id   BIGINT NOT NULL,
    manifest_digest TEXT COLLATE "C"   NOT NULL,
    child_digest    TEXT COLLATE "C"   NOT NULL,
    kind            TEXT COLLATE "C"   NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest, kind),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX manifest_refs_child ON manifest_refs (repository_id, child_digest);

CREATE TABLE tags (
    repository_id BIGINT NOT NULL,
    tag           TEXT COLLATE "C"   NOT NULL,
    digest        TEXT COLLATE "C"   NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, tag),
    FOREIGN KEY (repository_id, digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
);
CREATE INDEX tags_digest ON tags (repository_id, digest);

CREATE TABLE uploads (
    upload_id     TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES repositories (repository_id) ON DELETE CASCADE,
    size          BIGINT NOT NULL,
    parts         INTEGER NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE settings (
    name  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);
