-- The rest of the ECR API: lifecycle policies and their previews, account settings, per-account
-- service limits, and the part bookkeeping of the layer-part API.

CREATE TABLE lifecycle_policies (
    repository_id     BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (repository_id) ON DELETE CASCADE,
    policy_text       TEXT COLLATE "C"   NOT NULL,
    updated_at        BIGINT NOT NULL,
    last_evaluated_at BIGINT
);

CREATE TABLE lifecycle_previews (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (repository_id) ON DELETE CASCADE,
    policy_text   TEXT COLLATE "C"   NOT NULL,
    status        TEXT COLLATE "C"   NOT NULL,
    results       TEXT COLLATE "C"   NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE account_settings (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    name       TEXT COLLATE "C" NOT NULL,
    value      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- Overrides of the configured service limits for one account (name = a WharfConfig.Limits component).
CREATE TABLE account_limits (
    account_id TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    name       TEXT COLLATE "C"   NOT NULL,
    value      BIGINT NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- UploadLayerPart: the size of the last part received, and whether a part before it was below the minimum.
CREATE TABLE upload_parts (
    upload_id      TEXT COLLATE "C"    NOT NULL PRIMARY KEY REFERENCES uploads (upload_id) ON DELETE CASCADE,
    last_part_size BIGINT  NOT NULL,
    small_part     INTEGER NOT NULL DEFAULT 0
);
