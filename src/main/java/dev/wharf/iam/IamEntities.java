package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PolicyValidationException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;

import java.util.List;
import java.util.Map;

/**
 * What every IAM service starts with: the authorization of the caller's IAM action (the account root
 * may do everything in its account; others need an identity policy that allows {@code iam:<Action>}
 * on the entity's ARN), and the users, groups and roles of the caller's account looked up by name,
 * with IAM's NoSuchEntity when they are missing.
 */
public final class IamEntities {
    /** IAM quota (IAM User Guide, "IAM and AWS STS quotas"). */
    public static final int TAGS_PER_ENTITY = 50;

    private final IamStore iam;
    private final IdentityPolicies policies;
    private final Evaluator evaluator = new Evaluator();

    public IamEntities(IamStore iam, IdentityPolicies policies) {
        this.iam = iam;
        this.policies = policies;
    }

    IamStore store() {
        return iam;
    }

    IdentityPolicies policies() {
        return policies;
    }

    Evaluator evaluator() {
        return evaluator;
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

    void authorize(IamCaller caller, String action, String resourceArn) {
        authorize(caller, action, resourceArn, List.of(), caller.principal().accountId());
    }

    static String arn(IamCaller c, String type, String path, String name) {
        return "arn:aws:iam::" + c.principal().accountId() + ":" + type + path + name;
    }

    static String account(IamCaller c) {
        return c.principal().accountId();
    }

    /** The account in an ARN's fifth field; the caller's for {@code *} and ARNs without one. */
    static String resourceAccount(String arn, String fallback) {
        String[] f = arn.split(":", 6);
        return f.length >= 5 && f[4].matches("\\d{12}") ? f[4] : fallback;
    }

    /** Validates a policy document of the given kind; MalformedPolicyDocument with the validator's reason. */
    public static PolicyDocument validate(String document, PolicyKind kind) {
        try {
            return PolicyDocument.parse(document, kind);
        } catch (PolicyValidationException e) {
            throw new WharfException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- entities by name

    IamRows.User user(IamCaller c, String userName) {
        return iam.findUser(account(c), userName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The user with name " + userName + " cannot be found."));
    }

    IamRows.Group group(IamCaller c, String groupName) {
        return iam.findGroup(account(c), groupName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The group with name " + groupName + " cannot be found."));
    }

    IamRows.Role role(String accountId, String roleName) {
        return iam.findRole(accountId, roleName).orElseThrow(() ->
                new WharfException(ErrorCode.NO_SUCH_ENTITY, "The role with name " + roleName + " cannot be found."));
    }

    public static String userArn(IamRows.User u) {
        return "arn:aws:iam::" + u.accountId() + ":user" + u.path() + u.userName();
    }

    public static String groupArn(IamRows.Group g) {
        return "arn:aws:iam::" + g.accountId() + ":group" + g.path() + g.groupName();
    }

    /** The user, group or role an attachment, inline policy or tag belongs to, after authorizing the action on it. */
    String entity(IamCaller c, IamRows.Kind kind, String name, String action) {
        String arn = switch (kind) {
            case USER -> userArn(user(c, name));
            case GROUP -> groupArn(group(c, name));
            case ROLE -> Identities.roleArn(role(account(c), name));
        };
        authorize(c, action, arn);
        return name;
    }

    static String kindWord(IamRows.Kind kind) {
        return switch (kind) {
            case USER -> "User";
            case GROUP -> "Group";
            case ROLE -> "Role";
        };
    }

    // ---------------------------------------------------------------- tag limits

    static void checkTagCount(Map<String, String> tags) {
        if (tags.size() > TAGS_PER_ENTITY) throw tagLimit();
    }

    static WharfException tagLimit() {
        return new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "The number of tags has reached the maximum limit of "
                + TAGS_PER_ENTITY + ".");
    }
}
