package dev.wharf.registry;

import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PolicyValidationException;
import dev.wharf.policy.Principal;
import dev.wharf.policy.RequestContext;
import dev.wharf.storage.meta.IamStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Whether a destination registry lets a source account replicate into it: ECR asks only the
 * destination's registry policy, with the source account's root as the principal (the replication
 * service acts for the source registry, not for whoever pushed). No policy: no.
 */
final class ReplicationPermissions {
    private final IamStore iam;
    private final Clock clock;
    private final Evaluator evaluator = new Evaluator();

    ReplicationPermissions(IamStore iam, Clock clock) {
        this.iam = iam;
        this.clock = clock;
    }

    boolean allows(String sourceAccount, String action, String resourceArn, String destinationAccount) {
        Optional<String> text = iam.registryPolicy(destinationAccount);
        if (text.isEmpty()) return false;
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(text.get(), PolicyKind.RESOURCE);
        } catch (PolicyValidationException e) {
            return false;
        }
        RequestContext ctx = RequestContext.of(Principal.root(sourceAccount), action, resourceArn, clock.instant());
        return evaluator.decide(new AuthorizationRequest(ctx, List.of(), List.of(policy), destinationAccount)).allowed();
    }
}
