package dev.wharf.policy;

import java.util.List;
import java.util.Objects;

/**
 * Everything one authorization decision needs.
 *
 * @param ctx                the request
 * @param identityPolicies   every identity policy of the caller (user, its groups, or the role), kind IDENTITY
 * @param resourcePolicies   the resource's policies (repository policy, registry policy), kind RESOURCE
 * @param resourceAccountId  the account that owns the resource
 */
public record AuthorizationRequest(RequestContext ctx, List<PolicyDocument> identityPolicies,
                                   List<PolicyDocument> resourcePolicies, String resourceAccountId) {

    public AuthorizationRequest {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(resourceAccountId, "resourceAccountId");
        identityPolicies = List.copyOf(identityPolicies);
        resourcePolicies = List.copyOf(resourcePolicies);
        for (PolicyDocument p : identityPolicies) {
            if (p.kind() != PolicyKind.IDENTITY) {
                throw new IllegalArgumentException("identityPolicies holds a " + p.kind() + " policy");
            }
        }
        for (PolicyDocument p : resourcePolicies) {
            if (p.kind() != PolicyKind.RESOURCE) {
                throw new IllegalArgumentException("resourcePolicies holds a " + p.kind() + " policy");
            }
        }
    }
}
