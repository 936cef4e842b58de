package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.Principal;
import dev.wharf.policy.RequestContext;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authorization of both doors by AWS's policy evaluation: the caller's identity policies, the
 * repository policy (for a repository ARN) and the account's registry policy, with the global
 * condition keys of the request and the repository's tags as {@code aws:ResourceTag/*} and
 * {@code ecr:ResourceTag/*}. Parsed documents are cached by their own text; the rows they come from
 * are read through the metadata cache, which is exact across nodes (docs/design.md, "Caches across
 * nodes"), so a changed key, user or policy counts on the very next request, on every node.
 */
public final class PolicyAccessControl implements AccessControl {
    private static final int CACHE_SIZE = 1024;

    private final MetadataStore meta;
    private final IamStore iam;
    private final Function<Principal, List<PolicyDocument>> identityPolicies;
    private final RegistrySettings settings;
    private final Evaluator evaluator = new Evaluator();
    private final Map<String, PolicyDocument> parsed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PolicyDocument> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** @param identityPolicies the identity policies of a principal (user and groups, or role), read fresh on each call */
    public PolicyAccessControl(MetadataStore meta, IamStore iam, Function<Principal, List<PolicyDocument>> identityPolicies,
                               RegistrySettings settings) {
        this.meta = meta;
        this.iam = iam;
        this.identityPolicies = identityPolicies;
        this.settings = settings;
    }

    @Override
    public void check(Caller caller, String action, String resourceArn, String resourceAccount) {
        AuthorizationDecision d = decide(caller, action, resourceArn, resourceAccount);
        if (!d.allowed()) throw new WharfException(ErrorCode.ACCESS_DENIED, d.message(action, resourceArn));
    }

    @Override
    public boolean allows(Caller caller, String action, String resourceArn, String resourceAccount) {
        return decide(caller, action, resourceArn, resourceAccount).allowed();
    }

    private AuthorizationDecision decide(Caller caller, String action, String resourceArn, String resourceAccount) {
        Map<String, List<String>> keys = new HashMap<>();
        if (caller.sourceIp() != null) keys.put("aws:SourceIp", List.of(caller.sourceIp()));
        if (caller.userAgent() != null) keys.put("aws:UserAgent", List.of(caller.userAgent()));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(caller.secureTransport())));
        List<PolicyDocument> resourcePolicies = new ArrayList<>();
        repository(resourceArn, resourceAccount).ifPresent(repo -> {
            iam.repositoryPolicy(repo.id()).ifPresent(text -> resourcePolicies.add(parse(text)));
            meta.repositoryTags(repo.id()).forEach((k, v) -> {
                keys.put("aws:ResourceTag/" + k, List.of(v));
                keys.put("ecr:ResourceTag/" + k, List.of(v));
            });
        });
        iam.registryPolicy(resourceAccount).ifPresent(text -> resourcePolicies.add(parse(text)));
        RequestContext ctx = new RequestContext(caller.principal(), action, resourceArn, keys, caller.at());
        return evaluator.decide(new AuthorizationRequest(ctx, identityPolicies.apply(caller.principal()), resourcePolicies,
                resourceAccount));
    }

    /** The repository a repository ARN of this Wharf's region names, when it exists. */
    private Optional<Rows.Repository> repository(String resourceArn, String resourceAccount) {
        String prefix = settings.repositoryArn(resourceAccount, "");
        if (!resourceArn.startsWith(prefix) || resourceArn.length() == prefix.length()) return Optional.empty();
        return meta.findRepository(resourceAccount, resourceArn.substring(prefix.length()));
    }

    private PolicyDocument parse(String text) {
        PolicyDocument d = parsed.get(text);
        if (d == null) {
            d = PolicyDocument.parse(text, PolicyKind.RESOURCE);
            parsed.put(text, d);
        }
        return d;
    }
}
