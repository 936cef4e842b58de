package dev.wharf.iam;

import dev.wharf.policy.ManagedPolicies;
import dev.wharf.policy.ManagedPolicy;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.Principal;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The identity policies of a principal, read from the store on every call (the server's store caches
 * them exactly across nodes, so a changed policy counts on the next request): for an IAM user its inline and attached policies and those of its
 * groups; for a role session the role's; none for the root (which is allowed in its own account
 * by the evaluator). Parsed documents are cached by their text only, so the cache can never be stale.
 */
public final class IdentityPolicies implements Function<Principal, List<PolicyDocument>> {
    private static final int CACHE_SIZE = 1024;

    private final IamStore iam;
    private final Map<String, PolicyDocument> parsed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PolicyDocument> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public IdentityPolicies(IamStore iam) {
        this.iam = iam;
    }

    @Override
    public List<PolicyDocument> apply(Principal p) {
        List<PolicyDocument> out = new ArrayList<>();
        switch (p.type()) {
            case USER -> {
                String account = p.accountId();
                collect(account, IamRows.Kind.USER, p.userName(), out);
                for (String g : iam.groupsOfUser(account, p.userName())) collect(account, IamRows.Kind.GROUP, g, out);
            }
            case ASSUMED_ROLE -> collect(p.accountId(), IamRows.Kind.ROLE, roleName(p.sourceIdentityArn()), out);
            default -> { }
        }
        return out;
    }

    /** The last segment of a role ARN ({@code arn:aws:iam::ACCT:role/PATH/NAME}). */
    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** The policies of one user, group or role: inline ones, then attached managed ones. */
    public List<PolicyDocument> of(String accountId, IamRows.Kind kind, String name) {
        List<PolicyDocument> out = new ArrayList<>();
        collect(accountId, kind, name, out);
        return out;
    }

    /**
     * A policy with the name and source type the policy simulator reports for its statements
     * (IAM's PolicySourceType: user, group, role, aws-managed, user-managed, none).
     */
    public record Named(String name, String sourceType, PolicyDocument document) {}

    /** {@link #of}, each policy with its name and source type. */
    public List<Named> named(String accountId, IamRows.Kind kind, String name) {
        List<Named> out = new ArrayList<>();
        String inlineType = kind.name().toLowerCase(java.util.Locale.ROOT);
        iam.inlinePolicies(accountId, kind, name).forEach((policyName, text) -> out.add(new Named(policyName, inlineType, parse(text))));
        for (String arn : iam.attachedPolicies(accountId, kind, name)) {
            String type = ManagedPolicies.byArn(arn).isPresent() ? "aws-managed" : "user-managed";
            managedDocument(arn).ifPresent(t -> out.add(new Named(arn.substring(arn.lastIndexOf('/') + 1), type, parse(t))));
        }
        return out;
    }

    private void collect(String accountId, IamRows.Kind kind, String name, List<PolicyDocument> out) {
        for (String text : iam.inlinePolicies(accountId, kind, name).values()) out.add(parse(text));
        for (String arn : iam.attachedPolicies(accountId, kind, name)) managedDocument(arn).ifPresent(t -> out.add(parse(t)));
    }

    /** The default version's text of a managed policy (AWS's or a customer's), empty when it no longer exists. */
    public Optional<String> managedDocument(String policyArn) {
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) return Optional.of(aws.get().json());
        return PolicyArn.parse(policyArn).flatMap(a -> iam.findPolicy(a.accountId(), a.name())
                .flatMap(p -> iam.findPolicyVersion(a.accountId(), a.name(), p.defaultVersion()))
                .map(IamRows.PolicyVersion::document));
    }

    /** Parses stored (hence already validated) text, through the cache. */
    public PolicyDocument parse(String text) {
        PolicyDocument d = parsed.get(text);
        if (d == null) {
            d = PolicyDocument.parse(text, PolicyKind.IDENTITY);
            parsed.put(text, d);
        }
        return d;
    }
}
