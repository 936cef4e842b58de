package dev.wharf.policy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The calling identity of a request.
 *
 * @param arn               the caller's ARN: {@code arn:aws:iam::ACCT:root}, {@code arn:aws:iam::ACCT:user/NAME},
 *                          {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}, the service name for
 *                          {@link PrincipalType#SERVICE}, {@code anonymous} for {@link PrincipalType#ANONYMOUS}
 * @param accountId         the 12-digit account the caller belongs to; null for services and anonymous callers
 * @param userId            the unique id ({@code aws:userid}): the account id for root, {@code AIDA...} for a user,
 *                          {@code AROA...:SESSION} for a role session
 * @param userName          the friendly user name ({@code aws:username}); set only for IAM users
 * @param tags              principal tags ({@code aws:PrincipalTag/KEY}); never null, keys case-insensitive
 * @param sourceIdentityArn for a role session, the ARN of the role ({@code arn:aws:iam::ACCT:role/PATH/ROLE});
 *                          a resource policy naming that role matches every session of it
 */
public record Principal(String arn, String accountId, PrincipalType type, String userId, String userName,
                        Map<String, String> tags, String sourceIdentityArn) {

    public Principal {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(type, "type");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (tags != null) {
            copy.putAll(tags);
        }
        tags = java.util.Collections.unmodifiableMap(copy);
        if ((type == PrincipalType.SERVICE || type == PrincipalType.ANONYMOUS) != (accountId == null)) {
            throw new IllegalArgumentException("accountId must be null exactly for service and anonymous principals");
        }
        if (type == PrincipalType.ASSUMED_ROLE && sourceIdentityArn == null) {
            throw new IllegalArgumentException("a role session needs the role ARN as sourceIdentityArn");
        }
    }

    /** The account's root user. */
    public static Principal root(String accountId) {
        return new Principal("arn:aws:iam::" + accountId + ":root", accountId, PrincipalType.ROOT, accountId,
                null, Map.of(), null);
    }

    /** An IAM user without a path. */
    public static Principal user(String accountId, String userName, String userId, Map<String, String> tags) {
        return new Principal("arn:aws:iam::" + accountId + ":user/" + userName, accountId, PrincipalType.USER,
                userId, userName, tags, null);
    }

    /** A session of a role without a path; the session's userid is {@code roleId:session}. */
    public static Principal assumedRole(String accountId, String roleName, String sessionName, String roleId,
                                        Map<String, String> tags) {
        return new Principal("arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
                accountId, PrincipalType.ASSUMED_ROLE, roleId + ":" + sessionName, null, tags,
                "arn:aws:iam::" + accountId + ":role/" + roleName);
    }

    /** An AWS service principal such as {@code ecs.amazonaws.com}. */
    public static Principal service(String serviceName) {
        return new Principal(serviceName, null, PrincipalType.SERVICE, null, null, Map.of(), null);
    }

    /** A caller that presented no credentials. */
    public static Principal anonymous() {
        return new Principal("anonymous", null, PrincipalType.ANONYMOUS, "anonymous", null, Map.of(), null);
    }

    /**
     * The value of {@code aws:PrincipalArn}: the role's ARN for a role session (as AWS documents it),
     * the caller's ARN otherwise.
     */
    public String principalArn() {
        return type == PrincipalType.ASSUMED_ROLE ? sourceIdentityArn : arn;
    }
}
