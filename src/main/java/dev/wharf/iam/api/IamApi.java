package dev.wharf.iam.api;

import dev.wharf.auth.Authenticator;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.iam.IamCaller;
import dev.wharf.iam.AccessKeys;
import dev.wharf.iam.IamDirectory;
import dev.wharf.iam.IamEntities;
import dev.wharf.iam.IamPolicies;
import dev.wharf.iam.IamServices;
import dev.wharf.iam.PolicySimulator;
import dev.wharf.iam.Identities;
import dev.wharf.query.QueryApi;
import dev.wharf.query.QueryRequest;
import dev.wharf.query.Xml;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.Rows;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The IAM Query API ({@code Version=2010-05-08}, SigV4 service {@code iam}): parses each action's
 * parameters, calls {@link IamServices}, renders IAM's XML. Policy documents are returned URL-encoded,
 * as IAM does.
 */
public final class IamApi extends QueryApi {
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final IamDirectory directory;
    private final AccessKeys keys;
    private final IamPolicies policies;
    private final PolicySimulator simulator;
    private final Clock clock;

    public IamApi(IamServices iam, Authenticator authenticator, String region, long maxBody, Clock clock) {
        super("iam", NAMESPACE, authenticator, region, maxBody);
        this.directory = iam.directory();
        this.keys = iam.accessKeys();
        this.policies = iam.policies();
        this.simulator = iam.simulator();
        this.clock = clock;
        users();
        accessKeys();
        groups();
        roles();
        policies();
        for (IamRows.Kind kind : IamRows.Kind.values()) attachedAndInline(kind);
        tags(IamRows.Kind.USER, "User", "UserName");
        tags(IamRows.Kind.ROLE, "Role", "RoleName");
        action("SimulatePrincipalPolicy", (c, x) -> simulation(x, simulator.simulatePrincipalPolicy(caller(c),
                c.params().required("PolicySourceArn"), c.params().list("PolicyInputList"), actions(c.params()),
                c.params().list("ResourceArns"), c.params().string("ResourcePolicy"), contextEntries(c.params()))));
        action("SimulateCustomPolicy", (c, x) -> simulation(x, simulator.simulateCustomPolicy(caller(c),
                nonEmpty(c.params(), "PolicyInputList"), actions(c.params()), c.params().list("ResourceArns"),
                c.params().string("ResourcePolicy"), contextEntries(c.params()))));
    }

    private IamCaller caller(Call c) {
        return new IamCaller(c.who().principal(), c.exchange().sourceIp(), c.exchange().userAgent(), c.exchange().secure(), clock.instant());
    }

    // ---------------------------------------------------------------- users and keys

    private void users() {
        action("CreateUser", (c, x) -> {
            QueryRequest p = c.params();
            IamRows.User u = directory.createUser(caller(c), p.name("UserName", 64), p.path("Path"), p.tags("Tags"));
            user(x, u, directory.tagsOf(u.accountId(), IamRows.Kind.USER, u.userName()));
        });
        action("GetUser", (c, x) -> {
            String name = c.params().string("UserName");
            IamRows.User u = directory.getUser(caller(c), name == null ? null : QueryRequest.checkName("UserName", name, 64));
            user(x, u, directory.tagsOf(u.accountId(), IamRows.Kind.USER, u.userName()));
        });
        action("ListUsers", (c, x) -> page(c, x, "Users", directory.listUsers(caller(c), c.params().string("PathPrefix")),
                IamRows.User::userName, (u, w) -> userFields(w.open("member"), u).close()));
        action("DeleteUser", (c, x) -> directory.deleteUser(caller(c), c.params().name("UserName", 64)));
    }

    private static void user(Xml x, IamRows.User u, Map<String, String> tags) {
        userFields(x.open("User"), u);
        tagList(x, tags);
        x.close();
    }

    private static Xml userFields(Xml x, IamRows.User u) {
        return x.leaf("Path", u.path()).leaf("UserName", u.userName()).leaf("UserId", u.userId())
                .leaf("Arn", IamEntities.userArn(u)).leaf("CreateDate", Instant.ofEpochMilli(u.createdAt()));
    }

    private void accessKeys() {
        action("CreateAccessKey", (c, x) -> {
            AccessKeys.NewAccessKey k = keys.createAccessKey(caller(c), optionalName(c.params(), "UserName"));
            x.open("AccessKey").leaf("UserName", k.key().userName()).leaf("AccessKeyId", k.key().accessKeyId())
                    .leaf("Status", k.key().status()).leaf("SecretAccessKey", k.secretAccessKey())
                    .leaf("CreateDate", Instant.ofEpochMilli(k.key().createdAt())).close();
        });
        action("ListAccessKeys", (c, x) -> page(c, x, "AccessKeyMetadata",
                keys.listAccessKeys(caller(c), optionalName(c.params(), "UserName")), Rows.AccessKey::accessKeyId,
                (k, w) -> w.open("member").leaf("UserName", k.userName()).leaf("AccessKeyId", k.accessKeyId())
                        .leaf("Status", k.status()).leaf("CreateDate", Instant.ofEpochMilli(k.createdAt())).close()));
        action("UpdateAccessKey", (c, x) -> keys.updateAccessKey(caller(c), optionalName(c.params(), "UserName"),
                c.params().required("AccessKeyId"), c.params().required("Status")));
        action("DeleteAccessKey", (c, x) -> keys.deleteAccessKey(caller(c), optionalName(c.params(), "UserName"),
                c.params().required("AccessKeyId")));
    }

    private static String optionalName(QueryRequest p, String param) {
        String v = p.string(param);
        return v == null ? null : QueryRequest.checkName(param, v, 64);
    }

    // ---------------------------------------------------------------- groups

    private void groups() {
        action("CreateGroup", (c, x) -> groupFields(x.open("Group"),
                directory.createGroup(caller(c), c.params().name("GroupName", 128), c.params().path("Path"))).close());
        action("GetGroup", (c, x) -> {
            IamRows.Group g = directory.getGroup(caller(c), c.params().name("GroupName", 128));
            groupFields(x.open("Group"), g).close();
            page(c, x, "Users", directory.groupMembers(g), IamRows.User::userName, (u, w) -> userFields(w.open("member"), u).close());
        });
        action("ListGroups", (c, x) -> page(c, x, "Groups", directory.listGroups(caller(c), c.params().string("PathPrefix")),
                IamRows.Group::groupName, (g, w) -> groupFields(w.open("member"), g).close()));
        action("DeleteGroup", (c, x) -> directory.deleteGroup(caller(c), c.params().name("GroupName", 128)));
        action("AddUserToGroup", (c, x) -> directory.addUserToGroup(caller(c), c.params().name("GroupName", 128),
                c.params().name("UserName", 64)));
        action("RemoveUserFromGroup", (c, x) -> directory.removeUserFromGroup(caller(c), c.params().name("GroupName", 128),
                c.params().name("UserName", 64)));
        action("ListGroupsForUser", (c, x) -> page(c, x, "Groups", directory.listGroupsForUser(caller(c), c.params().name("UserName", 64)),
                IamRows.Group::groupName, (g, w) -> groupFields(w.open("member"), g).close()));
    }

    private static Xml groupFields(Xml x, IamRows.Group g) {
        return x.leaf("Path", g.path()).leaf("GroupName", g.groupName()).leaf("GroupId", g.groupId())
                .leaf("Arn", IamEntities.groupArn(g)).leaf("CreateDate", Instant.ofEpochMilli(g.createdAt()));
    }

    // ---------------------------------------------------------------- roles

    private void roles() {
        action("CreateRole", (c, x) -> {
            QueryRequest p = c.params();
            IamRows.Role r = directory.createRole(caller(c), p.name("RoleName", 64), p.path("Path"),
                    p.required("AssumeRolePolicyDocument"), p.string("Description"),
                    p.integer("MaxSessionDuration", 3600, 43_200), p.tags("Tags"));
            role(x, r, directory.tagsOf(r.accountId(), IamRows.Kind.ROLE, r.roleName()));
        });
        action("GetRole", (c, x) -> {
            IamRows.Role r = directory.getRole(caller(c), c.params().name("RoleName", 64));
            role(x, r, directory.tagsOf(r.accountId(), IamRows.Kind.ROLE, r.roleName()));
        });
        action("ListRoles", (c, x) -> page(c, x, "Roles", directory.listRoles(caller(c), c.params().string("PathPrefix")),
                IamRows.Role::roleName, (r, w) -> roleFields(w.open("member"), r).close()));
        action("DeleteRole", (c, x) -> directory.deleteRole(caller(c), c.params().name("RoleName", 64)));
        action("UpdateAssumeRolePolicy", (c, x) -> directory.updateAssumeRolePolicy(caller(c), c.params().name("RoleName", 64),
                c.params().required("PolicyDocument")));
    }

    private static void role(Xml x, IamRows.Role r, Map<String, String> tags) {
        roleFields(x.open("Role"), r);
        tagList(x, tags);
        x.close();
    }

    private static Xml roleFields(Xml x, IamRows.Role r) {
        return x.leaf("Path", r.path()).leaf("RoleName", r.roleName()).leaf("RoleId", r.roleId())
                .leaf("Arn", Identities.roleArn(r)).leaf("CreateDate", Instant.ofEpochMilli(r.createdAt()))
                .leaf("AssumeRolePolicyDocument", encode(r.trustPolicy())).leaf("Description", r.description())
                .leaf("MaxSessionDuration", r.maxSessionSeconds());
    }

    // ---------------------------------------------------------------- managed policies

    private void policies() {
        action("CreatePolicy", (c, x) -> {
            QueryRequest p = c.params();
            policy(x.open("Policy"), policies.createPolicy(caller(c), p.name("PolicyName", 128), p.path("Path"),
                    p.required("PolicyDocument"), p.string("Description"))).close();
        });
        action("GetPolicy", (c, x) -> policy(x.open("Policy"), policies.getPolicy(caller(c), c.params().required("PolicyArn"))).close());
        action("ListPolicies", (c, x) -> {
            QueryRequest p = c.params();
            String scope = p.string("Scope") == null ? "All" : p.string("Scope");
            if (!List.of("All", "AWS", "Local").contains(scope)) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + scope
                        + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
            }
            page(c, x, "Policies", policies.listPolicies(caller(c), scope, p.bool("OnlyAttached"), p.string("PathPrefix")),
                    m -> (m.awsManaged() ? "0" : "1") + m.name(), (m, w) -> policy(w.open("member"), m).close());
        });
        action("DeletePolicy", (c, x) -> policies.deletePolicy(caller(c), c.params().required("PolicyArn")));
        action("CreatePolicyVersion", (c, x) -> {
            QueryRequest p = c.params();
            var v = policies.createPolicyVersion(caller(c), p.required("PolicyArn"), p.required("PolicyDocument"), p.bool("SetAsDefault"));
            x.open("PolicyVersion").leaf("VersionId", v.versionId()).leaf("IsDefaultVersion", p.bool("SetAsDefault"))
                    .leaf("CreateDate", Instant.ofEpochMilli(v.createdAt())).close();
        });
        action("GetPolicyVersion", (c, x) -> version(x.open("PolicyVersion"),
                policies.getPolicyVersion(caller(c), c.params().required("PolicyArn"), c.params().required("VersionId")), true).close());
        action("ListPolicyVersions", (c, x) -> page(c, x, "Versions", policies.listPolicyVersions(caller(c), c.params().required("PolicyArn")),
                v -> String.format("%08d", Integer.parseInt(v.version().versionId().substring(1))),
                (v, w) -> version(w.open("member"), v, false).close()));
        action("SetDefaultPolicyVersion", (c, x) -> policies.setDefaultPolicyVersion(caller(c), c.params().required("PolicyArn"),
                c.params().required("VersionId")));
        action("DeletePolicyVersion", (c, x) -> policies.deletePolicyVersion(caller(c), c.params().required("PolicyArn"),
                c.params().required("VersionId")));
    }

    private static Xml policy(Xml x, IamPolicies.Managed m) {
        return x.leaf("PolicyName", m.name()).leaf("PolicyId", m.policyId()).leaf("Arn", m.arn()).leaf("Path", m.path())
                .leaf("DefaultVersionId", m.defaultVersion()).leaf("AttachmentCount", m.attachmentCount())
                .leaf("PermissionsBoundaryUsageCount", 0).leaf("IsAttachable", true).leaf("Description", m.description())
                .leaf("CreateDate", Instant.ofEpochMilli(m.createdAt())).leaf("UpdateDate", Instant.ofEpochMilli(m.updatedAt()));
    }

    private static Xml version(Xml x, IamPolicies.Version v, boolean withDocument) {
        if (withDocument) x.leaf("Document", encode(v.version().document()));
        return x.leaf("VersionId", v.version().versionId()).leaf("IsDefaultVersion", v.isDefault())
                .leaf("CreateDate", Instant.ofEpochMilli(v.version().createdAt()));
    }

    // ---------------------------------------------------------------- attached and inline policies, tags

    private void attachedAndInline(IamRows.Kind kind) {
        String word = switch (kind) {
            case USER -> "User";
            case GROUP -> "Group";
            case ROLE -> "Role";
        };
        String param = word + "Name";
        int max = kind == IamRows.Kind.GROUP ? 128 : 64;
        action("Attach" + word + "Policy", (c, x) -> policies.attachPolicy(caller(c), kind, c.params().name(param, max),
                c.params().required("PolicyArn")));
        action("Detach" + word + "Policy", (c, x) -> policies.detachPolicy(caller(c), kind, c.params().name(param, max),
                c.params().required("PolicyArn")));
        action("ListAttached" + word + "Policies", (c, x) -> page(c, x, "AttachedPolicies",
                policies.listAttachedPolicies(caller(c), kind, c.params().name(param, max), c.params().string("PathPrefix")),
                Map.Entry::getValue, (e, w) -> w.open("member").leaf("PolicyName", e.getKey()).leaf("PolicyArn", e.getValue()).close()));
        action("Put" + word + "Policy", (c, x) -> policies.putInlinePolicy(caller(c), kind, c.params().name(param, max),
                c.params().name("PolicyName", 128), c.params().required("PolicyDocument")));
        action("Get" + word + "Policy", (c, x) -> {
            String name = c.params().name(param, max);
            String policyName = c.params().name("PolicyName", 128);
            String doc = policies.getInlinePolicy(caller(c), kind, name, policyName);
            x.leaf(param, name).leaf("PolicyName", policyName).leaf("PolicyDocument", encode(doc));
        });
        action("List" + word + "Policies", (c, x) -> page(c, x, "PolicyNames",
                policies.listInlinePolicies(caller(c), kind, c.params().name(param, max)), Function.identity(),
                (n, w) -> w.leaf("member", n)));
        action("Delete" + word + "Policy", (c, x) -> policies.deleteInlinePolicy(caller(c), kind, c.params().name(param, max),
                c.params().name("PolicyName", 128)));
    }

    private void tags(IamRows.Kind kind, String word, String param) {
        action("Tag" + word, (c, x) -> directory.tag(caller(c), kind, c.params().name(param, 64), c.params().tags("Tags")));
        action("Untag" + word, (c, x) -> directory.untag(caller(c), kind, c.params().name(param, 64), c.params().list("TagKeys")));
        action("List" + word + "Tags", (c, x) -> page(c, x, "Tags",
                new ArrayList<>(directory.listTags(caller(c), kind, c.params().name(param, 64)).entrySet()), Map.Entry::getKey,
                (t, w) -> w.open("member").leaf("Key", t.getKey()).leaf("Value", t.getValue()).close()));
    }

    private static void tagList(Xml x, Map<String, String> tags) {
        if (tags.isEmpty()) return;
        x.open("Tags");
        tags.forEach((k, v) -> x.open("member").leaf("Key", k).leaf("Value", v).close());
        x.close();
    }

    // ---------------------------------------------------------------- simulation

    private static List<String> actions(QueryRequest p) {
        return nonEmpty(p, "ActionNames");
    }

    private static List<String> nonEmpty(QueryRequest p, String name) {
        List<String> l = p.list(name);
        if (l.isEmpty()) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value null at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return l;
    }

    /** {@code ContextEntries.member.N.ContextKeyName} / {@code ContextKeyValues.member.M}. */
    private static Map<String, List<String>> contextEntries(QueryRequest p) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (QueryRequest e : p.structs("ContextEntries")) out.put(e.required("ContextKeyName"), e.list("ContextKeyValues"));
        return out;
    }

    private static void simulation(Xml x, List<PolicySimulator.Simulation> results) {
        x.open("EvaluationResults");
        for (PolicySimulator.Simulation s : results) {
            x.open("member").leaf("EvalActionName", s.action()).leaf("EvalResourceName", s.resource())
                    .leaf("EvalDecision", s.decision()).open("MatchedStatements");
            for (PolicySimulator.MatchedStatement m : s.matched()) {
                // SourcePolicyId and SourcePolicyType as IAM has them; StatementNumber and Sid are
                // Wharf's (IAM gives text positions instead), ignored by the AWS SDKs.
                x.open("member").leaf("SourcePolicyId", m.sourcePolicyId()).leaf("SourcePolicyType", m.sourcePolicyType())
                        .leaf("StatementNumber", m.statementNumber());
                if (m.sid() != null) x.leaf("Sid", m.sid());
                x.close();
            }
            x.close().open("MissingContextValues").close().close();
        }
        x.close().leaf("IsTruncated", false);
    }

    // ---------------------------------------------------------------- paging and encoding

    /**
     * Writes one page of {@code items} (sorted by {@code key}) as {@code <listName><member>...}, with
     * IsTruncated and, when truncated, an opaque Marker: the key of the last item shown.
     */
    private static <T> void page(Call c, Xml x, String listName, List<T> items, Function<T, String> key, BiConsumer<T, Xml> member) {
        Integer maxItems = c.params().integer("MaxItems", 1, 1000);
        int max = maxItems == null ? 100 : maxItems;
        String marker = c.params().string("Marker");
        String after = null;
        if (marker != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new WharfException(ErrorCode.VALIDATION, "Invalid Marker: " + marker);
            }
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> key.apply(a).compareTo(key.apply(b)));
        x.open(listName);
        int shown = 0;
        String last = null;
        boolean truncated = false;
        for (T t : sorted) {
            String k = key.apply(t);
            if (after != null && k.compareTo(after) <= 0) continue;
            if (shown == max) {
                truncated = true;
                break;
            }
            member.accept(t, x);
            last = k;
            shown++;
        }
        x.close().leaf("IsTruncated", truncated);
        if (truncated) x.leaf("Marker", Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }

    /** IAM returns policy documents URL-encoded (RFC 3986). */
    static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
