package dev.wharf.storage.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/**
 * The {@link IamStore} over JDBC, in the portable SQL of {@link JdbcMetadataStore}, over the plumbing of {@link Jdbc}. It shares the
 * metadata store's connection pool (the caller owns and closes it).
 */
public class JdbcIamStore implements IamStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;
    private final Dialect dialect;

    public JdbcIamStore(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    private <T> T tx(Jdbc.Work<T> work) {
        return Jdbc.tx(ds, dialect, work);
    }

    private <T> T read(Jdbc.Work<T> work) {
        return Jdbc.read(ds, dialect, work);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- mappers

    private static final Jdbc.RowMapper<IamRows.User> USER = rs -> new IamRows.User(
            rs.getString("account_id"), rs.getString("user_name"), rs.getString("user_id"), rs.getString("path"),
            rs.getLong("created_at"));
    private static final Jdbc.RowMapper<IamRows.Group> GROUP = rs -> new IamRows.Group(
            rs.getString("account_id"), rs.getString("group_name"), rs.getString("group_id"), rs.getString("path"),
            rs.getLong("created_at"));
    private static final Jdbc.RowMapper<IamRows.Role> ROLE = rs -> new IamRows.Role(
            rs.getString("account_id"), rs.getString("role_name"), rs.getString("role_id"), rs.getString("path"),
            rs.getString("trust_policy"), rs.getString("description"), rs.getInt("max_session_seconds"),
            rs.getLong("created_at"));
    private static final Jdbc.RowMapper<IamRows.Policy> POLICY = rs -> new IamRows.Policy(
            rs.getString("account_id"), rs.getString("policy_name"), rs.getString("policy_id"), rs.getString("path"),
            rs.getString("description"), rs.getString("default_version"), rs.getLong("created_at"), rs.getLong("updated_at"));
    private static final Jdbc.RowMapper<IamRows.PolicyVersion> VERSION = rs -> new IamRows.PolicyVersion(
            rs.getString("version_id"), rs.getString("document"), rs.getLong("created_at"));
    private static final Jdbc.RowMapper<Rows.AccessKey> ACCESS_KEY = rs -> new Rows.AccessKey(
            rs.getString("access_key_id"), rs.getString("account_id"), rs.getString("user_name"),
            rs.getString("secret_enc"), rs.getString("status"), rs.getLong("created_at"));
    private static final Jdbc.RowMapper<IamRows.Session> SESSION = rs -> new IamRows.Session(
            rs.getString("access_key_id"), rs.getString("account_id"), rs.getString("principal_kind"),
            rs.getString("principal_name"), rs.getString("session_name"), rs.getString("secret_enc"),
            rs.getString("token_hash"), tagsFromJson(rs.getString("tags_json")), rs.getLong("created_at"),
            rs.getLong("expires_at"));

    private static Map<String, String> tagsFromJson(String json) {
        if (json == null) return Map.of();
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new MetadataException("stored session tags are not JSON", e);
        }
    }

    private static String tagsToJson(Map<String, String> tags) {
        if (tags.isEmpty()) return null;
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- users and keys

    @Override
    public void createUser(IamRows.User u) {
        tx(c -> update(c, "INSERT INTO iam_users (account_id, user_name, name_key, user_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                u.accountId(), u.userName(), key(u.userName()), u.userId(), u.path(), u.createdAt()));
    }

    @Override
    public Optional<IamRows.User> findUser(String accountId, String userName) {
        return read(c -> one(c, "SELECT * FROM iam_users WHERE account_id = ? AND user_name = ?", USER, accountId, userName));
    }

    @Override
    public List<IamRows.User> listUsers(String accountId) {
        return read(c -> query(c, "SELECT * FROM iam_users WHERE account_id = ? ORDER BY user_name", USER, accountId));
    }

    @Override
    public boolean deleteUser(String accountId, String userName) {
        return tx(c -> {
            deleteOwned(c, accountId, IamRows.Kind.USER, userName);
            update(c, "DELETE FROM access_keys WHERE account_id = ? AND user_name = ?", accountId, userName);
            return update(c, "DELETE FROM iam_users WHERE account_id = ? AND user_name = ?", accountId, userName) > 0;
        });
    }

    /** Tags, attachments and inline policies belong to their user, group or role and go with it. */
    private static void deleteOwned(Connection c, String accountId, IamRows.Kind kind, String name) throws SQLException {
        for (String table : List.of("iam_tags", "iam_attachments", "iam_inline_policies")) {
            update(c, "DELETE FROM " + table + " WHERE account_id = ? AND principal_kind = ? AND principal_name = ?",
                    accountId, kind.column(), name);
        }
    }

    @Override
    public List<Rows.AccessKey> listAccessKeys(String accountId, String userName) {
        return read(c -> query(c, "SELECT * FROM access_keys WHERE account_id = ? AND user_name = ? ORDER BY created_at, access_key_id",
                ACCESS_KEY, accountId, userName));
    }

    @Override
    public void createAccessKey(Rows.AccessKey k) {
        tx(c -> update(c, "INSERT INTO access_keys (access_key_id, account_id, user_name, secret_enc, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                k.accessKeyId(), k.accountId(), k.userName(), k.secretEnc(), k.status(), k.createdAt()));
    }

    @Override
    public boolean updateAccessKeyStatus(String accountId, String userName, String accessKeyId, String status) {
        return tx(c -> update(c, "UPDATE access_keys SET status = ? WHERE account_id = ? AND user_name = ? AND access_key_id = ?",
                status, accountId, userName, accessKeyId) > 0);
    }

    @Override
    public boolean deleteAccessKey(String accountId, String userName, String accessKeyId) {
        return tx(c -> update(c, "DELETE FROM access_keys WHERE account_id = ? AND user_name = ? AND access_key_id = ?",
                accountId, userName, accessKeyId) > 0);
    }

    // ---------------------------------------------------------------- groups

    @Override
    public void createGroup(IamRows.Group g) {
        tx(c -> update(c, "INSERT INTO iam_groups (account_id, group_name, name_key, group_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                g.accountId(), g.groupName(), key(g.groupName()), g.groupId(), g.path(), g.createdAt()));
    }

    @Override
    public Optional<IamRows.Group> findGroup(String accountId, String groupName) {
        return read(c -> one(c, "SELECT * FROM iam_groups WHERE account_id = ? AND group_name = ?", GROUP, accountId, groupName));
    }

    @Override
    public List<IamRows.Group> listGroups(String accountId) {
        return read(c -> query(c, "SELECT * FROM iam_groups WHERE account_id = ? ORDER BY group_name", GROUP, accountId));
    }

    @Override
    public boolean deleteGroup(String accountId, String groupName) {
        return tx(c -> {
            deleteOwned(c, accountId, IamRows.Kind.GROUP, groupName);
            return update(c, "DELETE FROM iam_groups WHERE account_id = ? AND group_name = ?", accountId, groupName) > 0;
        });
    }

    @Override
    public void addGroupMember(String accountId, String groupName, String userName) {
        tx(c -> update(c, "INSERT INTO iam_group_members (account_id, group_name, user_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                accountId, groupName, userName));
    }

    @Override
    public boolean removeGroupMember(String accountId, String groupName, String userName) {
        return tx(c -> update(c, "DELETE FROM iam_group_members WHERE account_id = ? AND group_name = ? AND user_name = ?",
                accountId, groupName, userName) > 0);
    }

    @Override
    public List<String> groupMembers(String accountId, String groupName) {
        return read(c -> query(c, "SELECT user_name FROM iam_group_members WHERE account_id = ? AND group_name = ? ORDER BY user_name",
                rs -> rs.getString(1), accountId, groupName));
    }

    @Override
    public List<String> groupsOfUser(String accountId, String userName) {
        return read(c -> query(c, "SELECT group_name FROM iam_group_members WHERE account_id = ? AND user_name = ? ORDER BY group_name",
                rs -> rs.getString(1), accountId, userName));
    }

    // ---------------------------------------------------------------- roles

    @Override
    public void createRole(IamRows.Role r) {
        tx(c -> update(c, "INSERT INTO iam_roles (account_id, role_name, name_key, role_id, path, trust_policy, description, "
                        + "max_session_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.accountId(), r.roleName(), key(r.roleName()), r.roleId(), r.path(), r.trustPolicy(), r.description(),
                r.maxSessionSeconds(), r.createdAt()));
    }

    @Override
    public Optional<IamRows.Role> findRole(String accountId, String roleName) {
        return read(c -> one(c, "SELECT * FROM iam_roles WHERE account_id = ? AND role_name = ?", ROLE, accountId, roleName));
    }

    @Override
    public List<IamRows.Role> listRoles(String accountId) {
        return read(c -> query(c, "SELECT * FROM iam_roles WHERE account_id = ? ORDER BY role_name", ROLE, accountId));
    }

    @Override
    public boolean deleteRole(String accountId, String roleName) {
        return tx(c -> {
            deleteOwned(c, accountId, IamRows.Kind.ROLE, roleName);
            return update(c, "DELETE FROM iam_roles WHERE account_id = ? AND role_name = ?", accountId, roleName) > 0;
        });
    }

    @Override
    public boolean updateTrustPolicy(String accountId, String roleName, String trustPolicy) {
        return tx(c -> update(c, "UPDATE iam_roles SET trust_policy = ? WHERE account_id = ? AND role_name = ?",
                trustPolicy, accountId, roleName) > 0);
    }

    // ---------------------------------------------------------------- managed policies

    @Override
    public void createPolicy(IamRows.Policy p, String document) {
        tx(c -> {
            update(c, "INSERT INTO iam_policies (account_id, policy_name, name_key, policy_id, path, description, default_version, "
                            + "next_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'v1', 2, ?, ?)",
                    p.accountId(), p.policyName(), key(p.policyName()), p.policyId(), p.path(), p.description(),
                    p.createdAt(), p.updatedAt());
            update(c, "INSERT INTO iam_policy_versions (account_id, policy_name, version_id, document, created_at) VALUES (?, ?, 'v1', ?, ?)",
                    p.accountId(), p.policyName(), document, p.createdAt());
            return null;
        });
    }

    @Override
    public Optional<IamRows.Policy> findPolicy(String accountId, String policyName) {
        return read(c -> one(c, "SELECT * FROM iam_policies WHERE account_id = ? AND policy_name = ?", POLICY, accountId, policyName));
    }

    @Override
    public List<IamRows.Policy> listPolicies(String accountId) {
        return read(c -> query(c, "SELECT * FROM iam_policies WHERE account_id = ? ORDER BY policy_name", POLICY, accountId));
    }

    @Override
    public boolean deletePolicy(String accountId, String policyName) {
        return tx(c -> update(c, "DELETE FROM iam_policies WHERE account_id = ? AND policy_name = ?", accountId, policyName) > 0);
    }

    @Override
    public String createPolicyVersion(String accountId, String policyName, String document, boolean setAsDefault,
                                      int maxVersions, long now) {
        return tx(c -> {
            Optional<Integer> next = one(c, "SELECT next_version FROM iam_policies WHERE account_id = ? AND policy_name = ?",
                    rs -> rs.getInt(1), accountId, policyName);
            if (next.isEmpty()) throw new ConflictException("no policy " + policyName);
            int count = one(c, "SELECT COUNT(*) FROM iam_policy_versions WHERE account_id = ? AND policy_name = ?",
                    rs -> rs.getInt(1), accountId, policyName).orElse(0);
            if (count >= maxVersions) throw new LimitException("a policy has at most " + maxVersions + " versions", maxVersions);
            String versionId = "v" + next.get();
            update(c, "INSERT INTO iam_policy_versions (account_id, policy_name, version_id, document, created_at) VALUES (?, ?, ?, ?, ?)",
                    accountId, policyName, versionId, document, now);
            update(c, "UPDATE iam_policies SET next_version = next_version + 1, updated_at = ? WHERE account_id = ? AND policy_name = ?",
                    now, accountId, policyName);
            if (setAsDefault) {
                update(c, "UPDATE iam_policies SET default_version = ? WHERE account_id = ? AND policy_name = ?",
                        versionId, accountId, policyName);
            }
            return versionId;
        });
    }

    @Override
    public Optional<IamRows.PolicyVersion> findPolicyVersion(String accountId, String policyName, String versionId) {
        return read(c -> one(c, "SELECT * FROM iam_policy_versions WHERE account_id = ? AND policy_name = ? AND version_id = ?",
                VERSION, accountId, policyName, versionId));
    }

    @Override
    public List<IamRows.PolicyVersion> listPolicyVersions(String accountId, String policyName) {
        return read(c -> query(c, "SELECT * FROM iam_policy_versions WHERE account_id = ? AND policy_name = ? ORDER BY created_at, version_id",
                VERSION, accountId, policyName));
    }

    @Override
    public boolean setDefaultPolicyVersion(String accountId, String policyName, String versionId, long now) {
        return tx(c -> {
            if (one(c, "SELECT version_id FROM iam_policy_versions WHERE account_id = ? AND policy_name = ? AND version_id = ?",
                    rs -> rs.getString(1), accountId, policyName, versionId).isEmpty()) {
                return false;
            }
            update(c, "UPDATE iam_policies SET default_version = ?, updated_at = ? WHERE account_id = ? AND policy_name = ?",
                    versionId, now, accountId, policyName);
            return true;
        });
    }

    @Override
    public boolean deletePolicyVersion(String accountId, String policyName, String versionId) {
        return tx(c -> update(c, "DELETE FROM iam_policy_versions WHERE account_id = ? AND policy_name = ? AND version_id = ? "
                        + "AND version_id <> (SELECT default_version FROM iam_policies WHERE account_id = ? AND policy_name = ?)",
                accountId, policyName, versionId, accountId, policyName) > 0);
    }

    // ---------------------------------------------------------------- attachments, inline policies, tags

    @Override
    public void attach(String accountId, IamRows.Kind kind, String name, String policyArn) {
        tx(c -> update(c, "INSERT INTO iam_attachments (account_id, principal_kind, principal_name, policy_arn) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", accountId, kind.column(), name, policyArn));
    }

    @Override
    public boolean detach(String accountId, IamRows.Kind kind, String name, String policyArn) {
        return tx(c -> update(c, "DELETE FROM iam_attachments WHERE account_id = ? AND principal_kind = ? AND principal_name = ? AND policy_arn = ?",
                accountId, kind.column(), name, policyArn) > 0);
    }

    @Override
    public List<String> attachedPolicies(String accountId, IamRows.Kind kind, String name) {
        return read(c -> query(c, "SELECT policy_arn FROM iam_attachments WHERE account_id = ? AND principal_kind = ? AND principal_name = ? "
                + "ORDER BY policy_arn", rs -> rs.getString(1), accountId, kind.column(), name));
    }

    @Override
    public int attachmentCount(String policyArn) {
        return read(c -> one(c, "SELECT COUNT(*) FROM iam_attachments WHERE policy_arn = ?", rs -> rs.getInt(1), policyArn).orElse(0));
    }

    @Override
    public void putInlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName, String document) {
        tx(c -> update(c, "INSERT INTO iam_inline_policies (account_id, principal_kind, principal_name, policy_name, document) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, principal_kind, principal_name, policy_name) "
                        + "DO UPDATE SET document = excluded.document",
                accountId, kind.column(), name, policyName, document));
    }

    @Override
    public Optional<String> inlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName) {
        return read(c -> one(c, "SELECT document FROM iam_inline_policies WHERE account_id = ? AND principal_kind = ? "
                + "AND principal_name = ? AND policy_name = ?", rs -> rs.getString(1), accountId, kind.column(), name, policyName));
    }

    @Override
    public Map<String, String> inlinePolicies(String accountId, IamRows.Kind kind, String name) {
        return read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            query(c, "SELECT policy_name, document FROM iam_inline_policies WHERE account_id = ? AND principal_kind = ? "
                            + "AND principal_name = ? ORDER BY policy_name",
                    rs -> out.put(rs.getString(1), rs.getString(2)), accountId, kind.column(), name);
            return out;
        });
    }

    @Override
    public boolean deleteInlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName) {
        return tx(c -> update(c, "DELETE FROM iam_inline_policies WHERE account_id = ? AND principal_kind = ? AND principal_name = ? "
                + "AND policy_name = ?", accountId, kind.column(), name, policyName) > 0);
    }

    @Override
    public Map<String, String> tags(String accountId, IamRows.Kind kind, String name) {
        return read(c -> tagsIn(c, accountId, kind, name));
    }

    private static Map<String, String> tagsIn(Connection c, String accountId, IamRows.Kind kind, String name) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        query(c, "SELECT tag_key, tag_value FROM iam_tags WHERE account_id = ? AND principal_kind = ? AND principal_name = ? ORDER BY tag_key",
                rs -> out.put(rs.getString(1), rs.getString(2)), accountId, kind.column(), name);
        return out;
    }

    @Override
    public void putTags(String accountId, IamRows.Kind kind, String name, Map<String, String> tags, int maxTags) {
        tx(c -> {
            Map<String, String> merged = tagsIn(c, accountId, kind, name);
            merged.putAll(tags);
            if (merged.size() > maxTags) throw new LimitException("at most " + maxTags + " tags", maxTags);
            for (Map.Entry<String, String> t : tags.entrySet()) {
                update(c, "INSERT INTO iam_tags (account_id, principal_kind, principal_name, tag_key, tag_value) VALUES (?, ?, ?, ?, ?) "
                                + "ON CONFLICT (account_id, principal_kind, principal_name, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                        accountId, kind.column(), name, t.getKey(), t.getValue());
            }
            return null;
        });
    }

    @Override
    public void removeTags(String accountId, IamRows.Kind kind, String name, List<String> keys) {
        tx(c -> {
            for (String k : keys) {
                update(c, "DELETE FROM iam_tags WHERE account_id = ? AND principal_kind = ? AND principal_name = ? AND tag_key = ?",
                        accountId, kind.column(), name, k);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- sessions

    @Override
    public void createSession(IamRows.Session s) {
        tx(c -> update(c, "INSERT INTO iam_sessions (access_key_id, account_id, principal_kind, principal_name, session_name, "
                        + "secret_enc, token_hash, tags_json, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.accessKeyId(), s.accountId(), s.principalKind(), s.principalName(), s.sessionName(), s.secretEnc(),
                s.tokenHash(), tagsToJson(s.tags()), s.createdAt(), s.expiresAt()));
    }

    @Override
    public Optional<IamRows.Session> findSession(String accessKeyId) {
        return read(c -> one(c, "SELECT * FROM iam_sessions WHERE access_key_id = ?", SESSION, accessKeyId));
    }

    @Override
    public int deleteSessionsExpiredBefore(long before) {
        return tx(c -> update(c, "DELETE FROM iam_sessions WHERE expires_at < ?", before));
    }

    // ---------------------------------------------------------------- ECR resource policies

    @Override
    public Optional<String> repositoryPolicy(long repositoryId) {
        return read(c -> one(c, "SELECT policy_text FROM repository_policies WHERE repository_id = ?", rs -> rs.getString(1), repositoryId));
    }

    @Override
    public void putRepositoryPolicy(long repositoryId, String policyText, long now) {
        tx(c -> update(c, "INSERT INTO repository_policies (repository_id, policy_text, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text, updated_at = excluded.updated_at",
                repositoryId, policyText, now));
    }

    @Override
    public boolean deleteRepositoryPolicy(long repositoryId) {
        return tx(c -> update(c, "DELETE FROM repository_policies WHERE repository_id = ?", repositoryId) > 0);
    }

    @Override
    public Optional<String> registryPolicy(String accountId) {
        return read(c -> one(c, "SELECT policy_text FROM registry_policies WHERE account_id = ?", rs -> rs.getString(1), accountId));
    }

    @Override
    public void putRegistryPolicy(String accountId, String policyText, long now) {
        tx(c -> update(c, "INSERT INTO registry_policies (account_id, policy_text, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id) DO UPDATE SET policy_text = excluded.policy_text, updated_at = excluded.updated_at",
                accountId, policyText, now));
    }

    @Override
    public boolean deleteRegistryPolicy(String accountId) {
        return tx(c -> update(c, "DELETE FROM registry_policies WHERE account_id = ?", accountId) > 0);
    }
}
