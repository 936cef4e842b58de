package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.ManagedPolicies;
import dev.wharf.policy.ManagedPolicy;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PolicyValidationException;
import dev.wharf.policy.PrincipalType;
import dev.wharf.policy.RequestContext;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.Rows;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's rules: users, access keys, groups, roles, managed and inline policies, tags, and the policy
 * simulator. Every method authorizes its IAM action first (the account root may do everything in its
 * account; others need an identity policy that allows {@code iam:<Action>} on the entity's ARN), and
 * acts in the caller's account only. Errors and messages are IAM's.
 */
public final class IamService {
    /** IAM quotas (IAM User Guide, "IAM and AWS STS quotas"). */
    public static final int ACCESS_KEYS_PER_USER = 2;
    public static final int VERSIONS_PER_POLICY = 5;
    public static final int TAGS_PER_ENTITY = 50;
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final IamStore iam;
    private final IdentityPolicies policies;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Evaluator evaluator = new Evaluator();

    public IamService(IamStore iam, IdentityPolicies policies, SecretCipher cipher, Clock clock) {
        this.iam = iam;
        this.policies = policies;
        this.cipher = cipher;
        this.clock = clock;
    }

    public IamStore store() {
        return iam;
    }

    public IdentityPolicies policies() {
        return policies;
    }

    // ---------------------------------------------------------------- authorization

    /**
     * Authorizes an IAM or STS action of the caller on a resource of its own account by its identity
     * policies, and on a resource of another account only with {@code resourcePolicies} allowing too.
     *
     * @throws WharfException QUERY_ACCESS_DENIED with AWS's message
     */
    public void authorize(IamCaller caller, String action, String resourceArn, List<PolicyDocument> resourcePolicies,
                          String resourceAccount) {
        AuthorizationDecision d = evaluator.decide(new AuthorizationRequest(caller.context(action, resourceArn),
                policies.apply(caller.principal()), resourcePolicies, resourceAccount));
        if (!d.allowed()) throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED, d.message(action, resourceArn));
    }

    private void authorize(IamCaller caller, String action, String resourceArn) {
        authorize(caller, action, resourceArn, List.of(), caller.principal().accountId());
    }

    private static String arn(IamCaller c, String type, String path, String name) {
        return "arn:aws:iam::" + c.principal().accountId() + ":" + type + path + name;
    }

    private static String account(IamCaller c) {
        return c.principal().accountId();
    }

    // ---------------------------------------------------------------- users

    public IamRows.User createUser(IamCaller c, String userName, String path, Map<String, String> tags) {
        authorize(c, "iam:CreateUser", arn(c, "user", path, userName));
        checkTagCount(tags);
        IamRows.User u = new IamRows.User(account(c), userName, Identities.newId("AIDA"), path, clock.millis());
        try {
            iam.createUser(u);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "User with name " + userName + " already exists.");
        }
        if (!tags.isEmpty()) iam.putTags(u.accountId(), IamRows.Kind.USER, userName, tags, TAGS_PER_ENTITY);
        return u;
    }

    /** The named user, or the caller itself when {@code userName} is null and the caller is a user. */
    public IamRows.User getUser(IamCaller c, String userName) {
        String name = userName != null ? userName : c.principal().userName();
        if (name == null) {
            throw new WharfException(ErrorCode.VALIDATION, "Must specify userName when calling with non-User credentials");
        }
        IamRows.User u = user(c, name);
        authorize(c, "iam:GetUser", userArn(u));
        return u;
    }

    public List<IamRows.User> listUsers(IamCaller c, String pathPrefix) {
        authorize(c, "iam:ListUsers", arn(c, "user", "/", ""));
        return iam.listUsers(account(c)).stream().filter(u -> pathPrefix == null || u.path().startsWith(pathPrefix)).toList();
    }

    public void deleteUser(IamCaller c, String userName) {
        IamRows.User u = user(c, userName);
        authorize(c, "iam:DeleteUser", userArn(u));
        if (!iam.listAccessKeys(u.accountId(), userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete access keys first.");
        }
        if (!iam.attachedPolicies(u.accountId(), IamRows.Kind.USER, userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(u.accountId(), IamRows.Kind.USER, userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        if (!iam.groupsOfUser(u.accountId(), userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove user from all groups first.");
        }
        iam.deleteUser(u.accountId(), userName);
    }

    private IamRows.User user(IamCaller c, String userName) {
        return iam.findUser(account(c), userName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The user with name " + userName + " cannot be found."));
    }

    public static String userArn(IamRows.User u) {
        return "arn:aws:iam::" + u.accountId() + ":user" + u.path() + u.userName();
    }

    // ---------------------------------------------------------------- access keys

    /** A new access key with its secret, shown once. */
    public record NewAccessKey(Rows.AccessKey key, String secretAccessKey) {}

    /** Creates a key for the named user, or for the calling user when {@code userName} is null. */
    public NewAccessKey createAccessKey(IamCaller c, String userName) {
        IamRows.User u = keyOwner(c, userName, "iam:CreateAccessKey");
        if (iam.listAccessKeys(u.accountId(), u.userName()).size() >= ACCESS_KEYS_PER_USER) {
            throw new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
        }
        String secret = Identities.newSecret();
        Rows.AccessKey k = new Rows.AccessKey(Identities.newId("AKIA"), u.accountId(), u.userName(), cipher.encrypt(secret),
                "Active", clock.millis());
        iam.createAccessKey(k);
        return new NewAccessKey(k, secret);
    }

    public List<Rows.AccessKey> listAccessKeys(IamCaller c, String userName) {
        IamRows.User u = keyOwner(c, userName, "iam:ListAccessKeys");
        return iam.listAccessKeys(u.accountId(), u.userName());
    }

    public void updateAccessKey(IamCaller c, String userName, String accessKeyId, String status) {
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        IamRows.User u = keyOwner(c, userName, "iam:UpdateAccessKey");
        if (!iam.updateAccessKeyStatus(u.accountId(), u.userName(), accessKeyId, status)) {
            throw noSuchKey(accessKeyId);
        }
    }

    public void deleteAccessKey(IamCaller c, String userName, String accessKeyId) {
        IamRows.User u = keyOwner(c, userName, "iam:DeleteAccessKey");
        if (!iam.deleteAccessKey(u.accountId(), u.userName(), accessKeyId)) throw noSuchKey(accessKeyId);
    }

    private static WharfException noSuchKey(String accessKeyId) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "The Access Key with id " + accessKeyId + " cannot be found.");
    }

    private IamRows.User keyOwner(IamCaller c, String userName, String action) {
        String name = userName != null ? userName : c.principal().userName();
        if (name == null) {
            // The root's own keys are managed by the operator (bin/wharf account), not through IAM.
            throw new WharfException(ErrorCode.VALIDATION, "Must specify userName when calling with non-User credentials");
        }
        IamRows.User u = user(c, name);
        authorize(c, action, userArn(u));
        return u;
    }

    // ---------------------------------------------------------------- groups

    public IamRows.Group createGroup(IamCaller c, String groupName, String path) {
        authorize(c, "iam:CreateGroup", arn(c, "group", path, groupName));
        IamRows.Group g = new IamRows.Group(account(c), groupName, Identities.newId("AGPA"), path, clock.millis());
        try {
            iam.createGroup(g);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "Group with name " + groupName + " already exists.");
        }
        return g;
    }

    public IamRows.Group getGroup(IamCaller c, String groupName) {
        IamRows.Group g = group(c, groupName);
        authorize(c, "iam:GetGroup", groupArn(g));
        return g;
    }

    public List<IamRows.User> groupMembers(IamRows.Group g) {
        List<IamRows.User> out = new ArrayList<>();
        for (String n : iam.groupMembers(g.accountId(), g.groupName())) iam.findUser(g.accountId(), n).ifPresent(out::add);
        return out;
    }

    public List<IamRows.Group> listGroups(IamCaller c, String pathPrefix) {
        authorize(c, "iam:ListGroups", arn(c, "group", "/", ""));
        return iam.listGroups(account(c)).stream().filter(g -> pathPrefix == null || g.path().startsWith(pathPrefix)).toList();
    }

    public void deleteGroup(IamCaller c, String groupName) {
        IamRows.Group g = group(c, groupName);
        authorize(c, "iam:DeleteGroup", groupArn(g));
        if (!iam.groupMembers(g.accountId(), groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove users from group first.");
        }
        if (!iam.attachedPolicies(g.accountId(), IamRows.Kind.GROUP, groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(g.accountId(), IamRows.Kind.GROUP, groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        iam.deleteGroup(g.accountId(), groupName);
    }

    public void addUserToGroup(IamCaller c, String groupName, String userName) {
        IamRows.Group g = group(c, groupName);
        authorize(c, "iam:AddUserToGroup", groupArn(g));
        user(c, userName);
        iam.addGroupMember(g.accountId(), groupName, userName);
    }

    public void removeUserFromGroup(IamCaller c, String groupName, String userName) {
        IamRows.Group g = group(c, groupName);
        authorize(c, "iam:RemoveUserFromGroup", groupArn(g));
        user(c, userName);
        iam.removeGroupMember(g.accountId(), groupName, userName);
    }

    public List<IamRows.Group> listGroupsForUser(IamCaller c, String userName) {
        IamRows.User u = user(c, userName);
        authorize(c, "iam:ListGroupsForUser", userArn(u));
        List<IamRows.Group> out = new ArrayList<>();
        for (String g : iam.groupsOfUser(u.accountId(), userName)) iam.findGroup(u.accountId(), g).ifPresent(out::add);
        return out;
    }

    private IamRows.Group group(IamCaller c, String groupName) {
        return iam.findGroup(account(c), groupName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The group with name " + groupName + " cannot be found."));
    }

    public static String groupArn(IamRows.Group g) {
        return "arn:aws:iam::" + g.accountId() + ":group" + g.path() + g.groupName();
    }

    // ---------------------------------------------------------------- roles

    public IamRows.Role createRole(IamCaller c, String roleName, String path, String trustPolicy, String description,
                                   Integer maxSessionSeconds, Map<String, String> tags) {
        authorize(c, "iam:CreateRole", arn(c, "role", path, roleName));
        validate(trustPolicy, PolicyKind.TRUST);
        checkTagCount(tags);
        IamRows.Role r = new IamRows.Role(account(c), roleName, Identities.newId("AROA"), path, trustPolicy, description,
                maxSessionSeconds == null ? DEFAULT_MAX_SESSION_SECONDS : maxSessionSeconds, clock.millis());
        try {
            iam.createRole(r);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "Role with name " + roleName + " already exists.");
        }
        if (!tags.isEmpty()) iam.putTags(r.accountId(), IamRows.Kind.ROLE, roleName, tags, TAGS_PER_ENTITY);
        return r;
    }

    public IamRows.Role getRole(IamCaller c, String roleName) {
        IamRows.Role r = role(account(c), roleName);
        authorize(c, "iam:GetRole", Identities.roleArn(r));
        return r;
    }

    public List<IamRows.Role> listRoles(IamCaller c, String pathPrefix) {
        authorize(c, "iam:ListRoles", arn(c, "role", "/", ""));
        return iam.listRoles(account(c)).stream().filter(r -> pathPrefix == null || r.path().startsWith(pathPrefix)).toList();
    }

    public void deleteRole(IamCaller c, String roleName) {
        IamRows.Role r = role(account(c), roleName);
        authorize(c, "iam:DeleteRole", Identities.roleArn(r));
        if (!iam.attachedPolicies(r.accountId(), IamRows.Kind.ROLE, roleName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(r.accountId(), IamRows.Kind.ROLE, roleName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        iam.deleteRole(r.accountId(), roleName);
    }

    public void updateAssumeRolePolicy(IamCaller c, String roleName, String trustPolicy) {
        IamRows.Role r = role(account(c), roleName);
        authorize(c, "iam:UpdateAssumeRolePolicy", Identities.roleArn(r));
        validate(trustPolicy, PolicyKind.TRUST);
        iam.updateTrustPolicy(r.accountId(), roleName, trustPolicy);
    }

    IamRows.Role role(String accountId, String roleName) {
        return iam.findRole(accountId, roleName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + roleName + " cannot be found."));
    }

    // ---------------------------------------------------------------- managed policies

    /** A managed policy as the API shows it: AWS's or the account's. */
    public record Managed(String name, String policyId, String arn, String path, String description, String defaultVersion,
                          int attachmentCount, long createdAt, long updatedAt, boolean awsManaged) {}

    public Managed createPolicy(IamCaller c, String policyName, String path, String document, String description) {
        String arn = PolicyArn.of(account(c), path, policyName);
        authorize(c, "iam:CreatePolicy", arn);
        validate(document, PolicyKind.IDENTITY);
        long now = clock.millis();
        IamRows.Policy p = new IamRows.Policy(account(c), policyName, Identities.newUniqueId("ANPA"), path, description, "v1", now, now);
        try {
            iam.createPolicy(p, document);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "A policy called " + policyName
                    + " already exists. Duplicate names are not allowed.");
        }
        return managed(p);
    }

    public Managed getPolicy(IamCaller c, String policyArn) {
        authorize(c, "iam:GetPolicy", policyArn);
        return findManaged(policyArn).orElseThrow(() -> noSuchPolicy(policyArn));
    }

    /** @param scope {@code All}, {@code AWS} or {@code Local} */
    public List<Managed> listPolicies(IamCaller c, String scope, boolean onlyAttached, String pathPrefix) {
        authorize(c, "iam:ListPolicies", arn(c, "policy", "/", ""));
        List<Managed> out = new ArrayList<>();
        if (!scope.equals("Local")) {
            for (ManagedPolicy m : ManagedPolicies.all()) out.add(awsManaged(m));
        }
        if (!scope.equals("AWS")) {
            for (IamRows.Policy p : iam.listPolicies(account(c))) out.add(managed(p));
        }
        return out.stream().filter(m -> !onlyAttached || m.attachmentCount() > 0)
                .filter(m -> pathPrefix == null || m.path().startsWith(pathPrefix)).toList();
    }

    public void deletePolicy(IamCaller c, String policyArn) {
        authorize(c, "iam:DeletePolicy", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        if (iam.attachmentCount(policyArn) > 0) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
        }
        iam.deletePolicy(a.accountId(), a.name());
    }

    public IamRows.PolicyVersion createPolicyVersion(IamCaller c, String policyArn, String document, boolean setAsDefault) {
        authorize(c, "iam:CreatePolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        validate(document, PolicyKind.IDENTITY);
        try {
            String id = iam.createPolicyVersion(a.accountId(), a.name(), document, setAsDefault, VERSIONS_PER_POLICY, clock.millis());
            return iam.findPolicyVersion(a.accountId(), a.name(), id).orElseThrow();
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "A managed policy can have up to " + VERSIONS_PER_POLICY
                    + " versions. Before you create a new version, you must delete an existing version.");
        } catch (ConflictException e) {
            throw noSuchPolicy(policyArn);
        }
    }

    /** A version and whether it is the default. */
    public record Version(IamRows.PolicyVersion version, boolean isDefault) {}

    public Version getPolicyVersion(IamCaller c, String policyArn, String versionId) {
        authorize(c, "iam:GetPolicyVersion", policyArn);
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) {
            if (!versionId.equals("v1")) throw noSuchVersion(policyArn, versionId);
            return new Version(new IamRows.PolicyVersion("v1", aws.get().json(), 0), true);
        }
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        IamRows.PolicyVersion v = iam.findPolicyVersion(a.accountId(), a.name(), versionId)
                .orElseThrow(() -> noSuchVersion(policyArn, versionId));
        return new Version(v, v.versionId().equals(p.defaultVersion()));
    }

    public List<Version> listPolicyVersions(IamCaller c, String policyArn) {
        authorize(c, "iam:ListPolicyVersions", policyArn);
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) return List.of(new Version(new IamRows.PolicyVersion("v1", aws.get().json(), 0), true));
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        return iam.listPolicyVersions(a.accountId(), a.name()).stream()
                .map(v -> new Version(v, v.versionId().equals(p.defaultVersion()))).toList();
    }

    public void setDefaultPolicyVersion(IamCaller c, String policyArn, String versionId) {
        authorize(c, "iam:SetDefaultPolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        if (!iam.setDefaultPolicyVersion(a.accountId(), a.name(), versionId, clock.millis())) throw noSuchVersion(policyArn, versionId);
    }

    public void deletePolicyVersion(IamCaller c, String policyArn, String versionId) {
        authorize(c, "iam:DeletePolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        if (p.defaultVersion().equals(versionId)) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete the default version of a policy.");
        }
        if (!iam.deletePolicyVersion(a.accountId(), a.name(), versionId)) throw noSuchVersion(policyArn, versionId);
    }

    private Optional<Managed> findManaged(String policyArn) {
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) return Optional.of(awsManaged(aws.get()));
        return PolicyArn.parse(policyArn).flatMap(a -> iam.findPolicy(a.accountId(), a.name()))
                .filter(p -> PolicyArn.of(p.accountId(), p.path(), p.policyName()).equals(policyArn)).map(this::managed);
    }

    private PolicyArn customerPolicy(IamCaller c, String policyArn) {
        if (ManagedPolicies.byArn(policyArn).isPresent()) {
            throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED, "User: " + c.principal().arn()
                    + " is not authorized to modify the AWS managed policy " + policyArn);
        }
        return PolicyArn.parse(policyArn).filter(a -> a.accountId().equals(account(c)))
                .filter(a -> iam.findPolicy(a.accountId(), a.name()).isPresent())
                .orElseThrow(() -> noSuchPolicy(policyArn));
    }

    private Managed awsManaged(ManagedPolicy m) {
        return new Managed(m.name(), m.policyId(), m.arn(), "/", null, "v1",
                iam.attachmentCount(m.arn()), m.createdAt().toEpochMilli(), m.updatedAt().toEpochMilli(), true);
    }

    private Managed managed(IamRows.Policy p) {
        String arn = PolicyArn.of(p.accountId(), p.path(), p.policyName());
        return new Managed(p.policyName(), p.policyId(), arn, p.path(), p.description(), p.defaultVersion(),
                iam.attachmentCount(arn), p.createdAt(), p.updatedAt(), false);
    }

    private static WharfException noSuchPolicy(String policyArn) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " does not exist or is not attachable.");
    }

    private static WharfException noSuchVersion(String policyArn, String versionId) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " version " + versionId + " does not exist or is not attachable.");
    }

    // ---------------------------------------------------------------- attachments, inline policies, tags

    /** The user, group or role an attachment, inline policy or tag belongs to, after authorizing the action on it. */
    private String entity(IamCaller c, IamRows.Kind kind, String name, String action) {
        String arn = switch (kind) {
            case USER -> userArn(user(c, name));
            case GROUP -> groupArn(group(c, name));
            case ROLE -> Identities.roleArn(role(account(c), name));
        };
        authorize(c, action, arn);
        return name;
    }

    private static String kindWord(IamRows.Kind kind) {
        return switch (kind) {
            case USER -> "User";
            case GROUP -> "Group";
            case ROLE -> "Role";
        };
    }

    public void attachPolicy(IamCaller c, IamRows.Kind kind, String name, String policyArn) {
        entity(c, kind, name, "iam:Attach" + kindWord(kind) + "Policy");
        if (findManaged(policyArn).filter(m -> m.awsManaged() || PolicyArn.parse(policyArn)
                .map(a -> a.accountId().equals(account(c))).orElse(false)).isEmpty()) {
            throw noSuchPolicy(policyArn);
        }
        iam.attach(account(c), kind, name, policyArn);
    }

    public void detachPolicy(IamCaller c, IamRows.Kind kind, String name, String policyArn) {
        entity(c, kind, name, "iam:Detach" + kindWord(kind) + "Policy");
        if (!iam.detach(account(c), kind, name, policyArn)) {
            throw new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
        }
    }

    /** The attached policies as (name, ARN). */
    public List<Map.Entry<String, String>> listAttachedPolicies(IamCaller c, IamRows.Kind kind, String name, String pathPrefix) {
        entity(c, kind, name, "iam:ListAttached" + kindWord(kind) + "Policies");
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String arn : iam.attachedPolicies(account(c), kind, name)) {
            findManaged(arn).filter(m -> pathPrefix == null || m.path().startsWith(pathPrefix))
                    .ifPresent(m -> out.add(Map.entry(m.name(), arn)));
        }
        return out;
    }

    public void putInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName, String document) {
        entity(c, kind, name, "iam:Put" + kindWord(kind) + "Policy");
        validate(document, PolicyKind.IDENTITY);
        iam.putInlinePolicy(account(c), kind, name, policyName, document);
    }

    public String getInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName) {
        entity(c, kind, name, "iam:Get" + kindWord(kind) + "Policy");
        return iam.inlinePolicy(account(c), kind, name, policyName).orElseThrow(() -> noSuchInline(kind, policyName));
    }

    public List<String> listInlinePolicies(IamCaller c, IamRows.Kind kind, String name) {
        entity(c, kind, name, "iam:List" + kindWord(kind) + "Policies");
        return List.copyOf(iam.inlinePolicies(account(c), kind, name).keySet());
    }

    public void deleteInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName) {
        entity(c, kind, name, "iam:Delete" + kindWord(kind) + "Policy");
        if (!iam.deleteInlinePolicy(account(c), kind, name, policyName)) throw noSuchInline(kind, policyName);
    }

    private static WharfException noSuchInline(IamRows.Kind kind, String policyName) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "The " + kindWord(kind).toLowerCase() + " policy with name "
                + policyName + " cannot be found.");
    }

    public void tag(IamCaller c, IamRows.Kind kind, String name, Map<String, String> tags) {
        entity(c, kind, name, "iam:Tag" + kindWord(kind));
        try {
            iam.putTags(account(c), kind, name, tags, TAGS_PER_ENTITY);
        } catch (LimitException e) {
            throw tagLimit();
        }
    }

    public void untag(IamCaller c, IamRows.Kind kind, String name, List<String> keys) {
        entity(c, kind, name, "iam:Untag" + kindWord(kind));
        iam.removeTags(account(c), kind, name, keys);
    }

    public Map<String, String> listTags(IamCaller c, IamRows.Kind kind, String name) {
        entity(c, kind, name, "iam:List" + kindWord(kind) + "Tags");
        return iam.tags(account(c), kind, name);
    }

    /** Tags of an entity already authorized (for Get* answers). */
    public Map<String, String> tagsOf(String accountId, IamRows.Kind kind, String name) {
        return iam.tags(accountId, kind, name);
    }

    private static void checkTagCount(Map<String, String> tags) {
        if (tags.size() > TAGS_PER_ENTITY) throw tagLimit();
    }

    private static WharfException tagLimit() {
        return new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "The number of tags has reached the maximum limit of "
                + TAGS_PER_ENTITY + ".");
    }

    // ---------------------------------------------------------------- validation and simulation

    /** Validates a policy document of the given kind; MalformedPolicyDocument with the validator's reason. */
    public static PolicyDocument validate(String document, PolicyKind kind) {
        try {
            return PolicyDocument.parse(document, kind);
        } catch (PolicyValidationException e) {
            throw new WharfException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
        }
    }

    /** One simulated decision: {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
    public record Simulation(String action, String resource, String decision) {}

    /**
     * The policy simulator on a user, group or role of the caller's account (SimulatePrincipalPolicy):
     * its identity policies plus {@code extraPolicies}, for each action and resource.
     */
    public List<Simulation> simulatePrincipalPolicy(IamCaller c, String policySourceArn, List<String> extraPolicies,
                                                    List<String> actions, List<String> resources,
                                                    String resourcePolicy, Map<String, List<String>> contextKeys) {
        authorize(c, "iam:SimulatePrincipalPolicy", policySourceArn);
        List<PolicyDocument> docs = new ArrayList<>(sourcePolicies(c, policySourceArn));
        for (String p : extraPolicies) docs.add(validate(p, PolicyKind.IDENTITY));
        return simulate(c, sourcePrincipal(c, policySourceArn), docs, actions, resources, resourcePolicy, contextKeys);
    }

    /** The policy simulator on given identity policies (SimulateCustomPolicy), as the caller. */
    public List<Simulation> simulateCustomPolicy(IamCaller c, List<String> policies, List<String> actions, List<String> resources,
                                                 String resourcePolicy, Map<String, List<String>> contextKeys) {
        authorize(c, "iam:SimulateCustomPolicy", "*");
        List<PolicyDocument> docs = new ArrayList<>();
        for (String p : policies) docs.add(validate(p, PolicyKind.IDENTITY));
        dev.wharf.policy.Principal simulated = c.principal().type() == PrincipalType.ROOT
                // A custom simulation evaluates only the given policies, not the root's implicit allow.
                ? dev.wharf.policy.Principal.user(account(c), "SimulatedUser", "AIDASIMULATEDUSER", Map.of())
                : c.principal();
        return simulate(c, simulated, docs, actions, resources, resourcePolicy, contextKeys);
    }

    private List<Simulation> simulate(IamCaller c, dev.wharf.policy.Principal who, List<PolicyDocument> identity,
                                      List<String> actions, List<String> resources, String resourcePolicy,
                                      Map<String, List<String>> contextKeys) {
        List<PolicyDocument> resourceDocs = resourcePolicy == null ? List.of() : List.of(validate(resourcePolicy, PolicyKind.RESOURCE));
        List<String> targets = resources.isEmpty() ? List.of("*") : resources;
        List<Simulation> out = new ArrayList<>();
        for (String action : actions) {
            for (String resource : targets) {
                RequestContext ctx = new RequestContext(who, action, resource, contextKeys, c.at());
                String resourceAccount = resourceAccount(resource, who.accountId());
                AuthorizationDecision d = evaluator.decide(new AuthorizationRequest(ctx, identity, resourceDocs, resourceAccount));
                String decision;
                if (d.allowed()) {
                    decision = "allowed";
                } else if (d.denial() == AuthorizationDecision.Denial.IDENTITY_DENY
                        || d.denial() == AuthorizationDecision.Denial.RESOURCE_DENY) {
                    decision = "explicitDeny";
                } else {
                    decision = "implicitDeny";
                }
                out.add(new Simulation(action, resource, decision));
            }
        }
        return out;
    }

    /** The account in an ARN's fifth field; the caller's for {@code *} and ARNs without one. */
    static String resourceAccount(String arn, String fallback) {
        String[] f = arn.split(":", 6);
        return f.length >= 5 && f[4].matches("\\d{12}") ? f[4] : fallback;
    }

    private List<PolicyDocument> sourcePolicies(IamCaller c, String arn) {
        String prefix = "arn:aws:iam::" + account(c) + ":";
        if (arn.startsWith(prefix + "user/")) {
            String name = IdentityPolicies.roleName(arn);
            user(c, name);
            List<PolicyDocument> out = new ArrayList<>(policies.of(account(c), IamRows.Kind.USER, name));
            for (String g : iam.groupsOfUser(account(c), name)) out.addAll(policies.of(account(c), IamRows.Kind.GROUP, g));
            return out;
        }
        if (arn.startsWith(prefix + "group/")) {
            String name = IdentityPolicies.roleName(arn);
            group(c, name);
            return policies.of(account(c), IamRows.Kind.GROUP, name);
        }
        if (arn.startsWith(prefix + "role/")) {
            String name = IdentityPolicies.roleName(arn);
            role(account(c), name);
            return policies.of(account(c), IamRows.Kind.ROLE, name);
        }
        throw new WharfException(ErrorCode.IAM_INVALID_INPUT, "Invalid ARN " + arn + ": the policy source is a user, group or role of this account.");
    }

    private dev.wharf.policy.Principal sourcePrincipal(IamCaller c, String arn) {
        String name = IdentityPolicies.roleName(arn);
        if (arn.contains(":user/")) {
            return Identities.userPrincipal(user(c, name), iam.tags(account(c), IamRows.Kind.USER, name));
        }
        if (arn.contains(":role/")) {
            return Identities.assumedRolePrincipal(role(account(c), name), "SimulatedSession", iam.tags(account(c), IamRows.Kind.ROLE, name));
        }
        IamRows.Group g = group(c, name);
        return dev.wharf.policy.Principal.user(account(c), "SimulatedGroupMember", g.groupId(), Map.of());
    }
}
