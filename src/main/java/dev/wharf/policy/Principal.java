package dev.wharf.policy;

import java.util.Map;

/** The calling identity, as policies see it. */
public record Principal(String arn, String accountId, PrincipalType type, String userId, String userName,
                        Map<String, String> tags, String sourceIdentityArn) {
}
