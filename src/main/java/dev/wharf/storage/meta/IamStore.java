package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where IAM and STS keep their state, and where the ECR repository and registry policies live.
 * Every method is one transaction. Names are compared as given except where a method says
 * otherwise; creating a user, group, role or policy whose name equals an existing one ignoring
 * case throws {@link DuplicateException}, as IAM's names are unique without regard to case.
 * Lists are sorted by name (or key id) and complete; callers page them.
 *
 * <p>The store enforces no IAM rule beyond uniqueness and the few preconditions named here; the
 * {@code iam} package decides what may be deleted and when.
 */
public interface IamStore {

    // ---- users and their long-term access keys

    /** @throws DuplicateException when the name (ignoring case) or the user id is taken */
    void createUser(IamRows.User user);

    Optional<IamRows.User> findUser(String accountId, String userName);

    List<IamRows.User> listUsers(String accountId);

    /** Deletes the user with its tags and group memberships; false when there was none. */
    boolean deleteUser(String accountId, String userName);

    /** The user's access keys (active and inactive), oldest first. */
    List<Rows.AccessKey> listAccessKeys(String accountId, String userName);

    /** @throws DuplicateException when the key id is taken */
    void createAccessKey(Rows.AccessKey key);

    /** Sets a user's key to {@code Active} or {@code Inactive}; false when the user has no such key. */
    boolean updateAccessKeyStatus(String accountId, String userName, String accessKeyId, String status);

    /** False when the user has no such key. */
    boolean deleteAccessKey(String accountId, String userName, String accessKeyId);

    // ---- groups

    /** @throws DuplicateException when the name (ignoring case) is taken */
    void createGroup(IamRows.Group group);

    Optional<IamRows.Group> findGroup(String accountId, String groupName);

    List<IamRows.Group> listGroups(String accountId);

    /** Deletes the group and its memberships; false when there was none. */
    boolean deleteGroup(String accountId, String groupName);

    /** Adds a member (no-op when already one); both must exist. */
    void addGroupMember(String accountId, String groupName, String userName);

    boolean removeGroupMember(String accountId, String groupName, String userName);

    List<String> groupMembers(String accountId, String groupName);

    List<String> groupsOfUser(String accountId, String userName);

    // ---- roles

    /** @throws DuplicateException when the name (ignoring case) or the role id is taken */
    void createRole(IamRows.Role role);

    Optional<IamRows.Role> findRole(String accountId, String roleName);

    List<IamRows.Role> listRoles(String accountId);

    /** Deletes the role with its tags; false when there was none. */
    boolean deleteRole(String accountId, String roleName);

    boolean updateTrustPolicy(String accountId, String roleName, String trustPolicy);

    // ---- customer managed policies

    /** Creates the policy with its first version {@code v1} as default. @throws DuplicateException when the name is taken */
    void createPolicy(IamRows.Policy policy, String document);

    Optional<IamRows.Policy> findPolicy(String accountId, String policyName);

    List<IamRows.Policy> listPolicies(String accountId);

    /** Deletes the policy and all its versions; false when there was none. */
    boolean deletePolicy(String accountId, String policyName);

    /**
     * Adds the next version ({@code v2}, {@code v3}, ...; numbers are never reused) and returns its id,
     * making it the default when asked.
     *
     * @throws LimitException when the policy already has {@code maxVersions} versions
     * @throws ConflictException when the policy does not exist
     */
    String createPolicyVersion(String accountId, String policyName, String document, boolean setAsDefault,
                               int maxVersions, long now);

    Optional<IamRows.PolicyVersion> findPolicyVersion(String accountId, String policyName, String versionId);

    /** Versions, oldest first. */
    List<IamRows.PolicyVersion> listPolicyVersions(String accountId, String policyName);

    /** False when the policy has no such version. */
    boolean setDefaultPolicyVersion(String accountId, String policyName, String versionId, long now);

    /** Deletes a non-default version; false when there is no such version. */
    boolean deletePolicyVersion(String accountId, String policyName, String versionId);

    // ---- attachments, inline policies and tags of users, groups and roles

    /** Attaches a managed policy (no-op when attached already). */
    void attach(String accountId, IamRows.Kind kind, String name, String policyArn);

    boolean detach(String accountId, IamRows.Kind kind, String name, String policyArn);

    /** ARNs of the policies attached to the user, group or role, sorted. */
    List<String> attachedPolicies(String accountId, IamRows.Kind kind, String name);

    /** How many users, groups and roles (of any account) the policy is attached to. */
    int attachmentCount(String policyArn);

    /** Creates or replaces an inline policy. */
    void putInlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName, String document);

    Optional<String> inlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName);

    /** Inline policies by name, sorted. */
    Map<String, String> inlinePolicies(String accountId, IamRows.Kind kind, String name);

    boolean deleteInlinePolicy(String accountId, IamRows.Kind kind, String name, String policyName);

    /** Tags sorted by key. */
    Map<String, String> tags(String accountId, IamRows.Kind kind, String name);

    /** Adds or overwrites tags, unless the result would hold more than {@code maxTags}: then {@link LimitException}. */
    void putTags(String accountId, IamRows.Kind kind, String name, Map<String, String> tags, int maxTags);

    void removeTags(String accountId, IamRows.Kind kind, String name, List<String> keys);

    // ---- temporary credentials

    /** @throws DuplicateException when the key id is taken */
    void createSession(IamRows.Session session);

    Optional<IamRows.Session> findSession(String accessKeyId);

    /** Deletes sessions that expired before {@code before}; returns how many. */
    int deleteSessionsExpiredBefore(long before);

    // ---- ECR resource policies

    Optional<String> repositoryPolicy(long repositoryId);

    void putRepositoryPolicy(long repositoryId, String policyText, long now);

    boolean deleteRepositoryPolicy(long repositoryId);

    Optional<String> registryPolicy(String accountId);

    void putRegistryPolicy(String accountId, String policyText, long now);

    boolean deleteRegistryPolicy(String accountId);
}
