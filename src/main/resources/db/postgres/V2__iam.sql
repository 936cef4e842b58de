-- IAM and STS: users, groups, roles, customer managed policies and their versions, attachments,
-- inline policies, tags, temporary credentials, and the ECR repository and registry policies.
-- IAM users' long-term access keys live in access_keys (V1) with user_name set.
-- Names are kept as given; IAM's case-insensitive uniqueness is the name_key column (lower case).

CREATE TABLE iam_users (
    account_id TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name  TEXT COLLATE "C"   NOT NULL,
    name_key   TEXT COLLATE "C"   NOT NULL,
    user_id    TEXT COLLATE "C"   NOT NULL UNIQUE,
    path       TEXT COLLATE "C"   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, user_name),
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_groups (
    account_id TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    group_name TEXT COLLATE "C"   NOT NULL,
    name_key   TEXT COLLATE "C"   NOT NULL,
    group_id   TEXT COLLATE "C"   NOT NULL UNIQUE,
    path       TEXT COLLATE "C"   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, group_name),
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_group_members (
    account_id TEXT COLLATE "C" NOT NULL,
    group_name TEXT COLLATE "C" NOT NULL,
    user_name  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, group_name, user_name),
    FOREIGN KEY (account_id, group_name) REFERENCES iam_groups (account_id, group_name) ON DELETE CASCADE,
    FOREIGN KEY (account_id, user_name) REFERENCES iam_users (account_id, user_name) ON DELETE CASCADE
);
CREATE INDEX iam_group_members_user ON iam_group_members (account_id, user_name);

CREATE TABLE iam_roles (
    account_id           TEXT COLLATE "C"    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    role_name            TEXT COLLATE "C"    NOT NULL,
    name_key             TEXT COLLATE "C"    NOT NULL,
    role_id              TEXT COLLATE "C"    NOT NULL UNIQUE,
    path                 TEXT COLLATE "C"    NOT NULL,
    trust_policy         TEXT COLLATE "C"    NOT NULL,
    description          TEXT COLLATE "C",
    max_session_seconds  INTEGER NOT NULL,
    created_at           BIGINT  NOT NULL,
    PRIMARY KEY (account_id, role_name),
    UNIQUE (account_id, name_key)
);

-- Tags of users and roles: principal_kind is 'user' or 'role'.
CREATE TABLE iam_tags (
    account_id     TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_kind TEXT COLLATE "C" NOT NULL,
    principal_name TEXT COLLATE "C" NOT NULL,
    tag_key        TEXT COLLATE "C" NOT NULL,
    tag_value      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, principal_kind, principal_name, tag_key)
);

CREATE TABLE iam_policies (
    account_id      TEXT COLLATE "C"    NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    policy_name     TEXT COLLATE "C"    NOT NULL,
    name_key        TEXT COLLATE "C"    NOT NULL,
    policy_id       TEXT COLLATE "C"    NOT NULL UNIQUE,
    path            TEXT COLLATE "C"    NOT NULL,
    description     TEXT COLLATE "C",
    default_version TEXT COLLATE "C"    NOT NULL,
    next_version    INTEGER NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (account_id, policy_name),
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_policy_versions (
    account_id  TEXT COLLATE "C"   NOT NULL,
    policy_name TEXT COLLATE "C"   NOT NULL,
    version_id  TEXT COLLATE "C"   NOT NULL,
    document    TEXT COLLATE "C"   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, policy_name, version_id),
    FOREIGN KEY (account_id, policy_name) REFERENCES iam_policies (account_id, policy_name) ON DELETE CASCADE
);

-- Managed policies (AWS's or the account's) attached to a user, group or role.
CREATE TABLE iam_attachments (
    account_id     TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_kind TEXT COLLATE "C" NOT NULL,
    principal_name TEXT COLLATE "C" NOT NULL,
    policy_arn     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, principal_kind, principal_name, policy_arn)
);
CREATE INDEX iam_attachments_policy ON iam_attachments (policy_arn);

CREATE TABLE iam_inline_policies (
    account_id     TEXT COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_kind TEXT COLLATE "C" NOT NULL,
    principal_name TEXT COLLATE "C" NOT NULL,
    policy_name    TEXT COLLATE "C" NOT NULL,
    document       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, principal_kind, principal_name, policy_name)
);

-- Temporary credentials from STS. principal_kind is 'role' (AssumeRole), 'user' or 'root'
-- (GetSessionToken). The session token is kept only as its SHA-256.
CREATE TABLE iam_sessions (
    access_key_id  TEXT COLLATE "C"   NOT NULL PRIMARY KEY,
    account_id     TEXT COLLATE "C"   NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    principal_kind TEXT COLLATE "C"   NOT NULL,
    principal_name TEXT COLLATE "C",
    session_name   TEXT COLLATE "C",
    secret_enc     TEXT COLLATE "C"   NOT NULL,
    token_hash     TEXT COLLATE "C"   NOT NULL,
    tags_json      TEXT COLLATE "C",
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL
);
CREATE INDEX iam_sessions_expiry ON iam_sessions (expires_at);

CREATE TABLE repository_policies (
    repository_id BIGINT NOT NULL PRIMARY KEY REFERENCES repositories (repository_id) ON DELETE CASCADE,
    policy_text   TEXT COLLATE "C"   NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE registry_policies (
    account_id  TEXT COLLATE "C"   NOT NULL PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    policy_text TEXT COLLATE "C"   NOT NULL,
    updated_at  BIGINT NOT NULL
);
