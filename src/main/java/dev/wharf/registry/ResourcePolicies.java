package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PolicyValidationException;
import dev.wharf.policy.RequestContext;
import dev.wharf.storage.meta.IamStore;

import java.util.List;

/**
 * Repository policies and the registry policy: set (validated as resource policies), get, delete.
 * Each operation is authorized as its own ECR action.
 */
public final class ResourcePolicies {
    public static final String SET_REPOSITORY_POLICY = "ecr:SetRepositoryPolicy";
    public static final String GET_REPOSITORY_POLICY = "ecr:GetRepositoryPolicy";
    public static final String DELETE_REPOSITORY_POLICY = "ecr:DeleteRepositoryPolicy";
    public static final String PUT_REGISTRY_POLICY = "ecr:PutRegistryPolicy";
    public static final String GET_REGISTRY_POLICY = "ecr:GetRegistryPolicy";
    public static final String DELETE_REGISTRY_POLICY = "ecr:DeleteRegistryPolicy";

    private final Repositories repositories;
    private final AccessControl access;
    private final IamStore iam;
    private final Evaluator evaluator = new Evaluator();

    public ResourcePolicies(Repositories repositories, AccessControl access, IamStore iam) {
        this.repositories = repositories;
        this.access = access;
        this.iam = iam;
    }

    /** A repository's policy text with the repository it belongs to. */
    public record RepositoryPolicy(String accountId, String repositoryName, String policyText) {}

    /**
     * Sets a repository's policy. Without {@code force}, a policy that would deny the caller itself
     * SetRepositoryPolicy explicitly is refused, so that nobody locks themselves out by mistake
     * (ECR's "force" parameter exists to override that check).
     */
    public RepositoryPolicy setRepositoryPolicy(Caller caller, String accountId, String name, String policyText, boolean force) {
        RepositoryInfo repo = repositories.require(caller, accountId, name, SET_REPOSITORY_POLICY);
        PolicyDocument doc = validate(policyText, "policyText");
        if (!force) {
            RequestContext ctx = RequestContext.of(caller.principal(), SET_REPOSITORY_POLICY, repo.arn(), caller.at());
            AuthorizationDecision d = evaluator.decide(new AuthorizationRequest(ctx, List.of(), List.of(doc), accountId));
            if (d.denial() == AuthorizationDecision.Denial.RESOURCE_DENY) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                        + "'The policy would prevent you from setting the repository policy in the future. Use force to override'");
            }
        }
        iam.putRepositoryPolicy(repo.id(), policyText, repositories.settings().clock().millis());
        return new RepositoryPolicy(accountId, repo.name(), policyText);
    }

    public RepositoryPolicy getRepositoryPolicy(Caller caller, String accountId, String name) {
        RepositoryInfo repo = repositories.require(caller, accountId, name, GET_REPOSITORY_POLICY);
        String text = iam.repositoryPolicy(repo.id()).orElseThrow(() -> noRepositoryPolicy(accountId, repo.name()));
        return new RepositoryPolicy(accountId, repo.name(), text);
    }

    public RepositoryPolicy deleteRepositoryPolicy(Caller caller, String accountId, String name) {
        RepositoryInfo repo = repositories.require(caller, accountId, name, DELETE_REPOSITORY_POLICY);
        String text = iam.repositoryPolicy(repo.id()).orElseThrow(() -> noRepositoryPolicy(accountId, repo.name()));
        iam.deleteRepositoryPolicy(repo.id());
        return new RepositoryPolicy(accountId, repo.name(), text);
    }

    /** The registry policy of the caller's account ({@code ecr:*RegistryPolicy} are authorized on Resource "*"). */
    public String putRegistryPolicy(Caller caller, String policyText) {
        String account = caller.principal().accountId();
        access.check(caller, PUT_REGISTRY_POLICY, "*", account);
        validate(policyText, "policyText");
        iam.putRegistryPolicy(account, policyText, repositories.settings().clock().millis());
        return policyText;
    }

    public String getRegistryPolicy(Caller caller) {
        String account = caller.principal().accountId();
        access.check(caller, GET_REGISTRY_POLICY, "*", account);
        return iam.registryPolicy(account).orElseThrow(() -> noRegistryPolicy(account));
    }

    public String deleteRegistryPolicy(Caller caller) {
        String account = caller.principal().accountId();
        access.check(caller, DELETE_REGISTRY_POLICY, "*", account);
        String text = iam.registryPolicy(account).orElseThrow(() -> noRegistryPolicy(account));
        iam.deleteRegistryPolicy(account);
        return text;
    }

    private static PolicyDocument validate(String text, String param) {
        try {
            return PolicyDocument.parse(text, PolicyKind.RESOURCE);
        } catch (PolicyValidationException e) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at '" + param
                    + "' failed to satisfy constraint: 'Invalid repository policy provided: " + e.getMessage() + "'");
        }
    }

    private static WharfException noRepositoryPolicy(String accountId, String name) {
        return new WharfException(ErrorCode.REPOSITORY_POLICY_NOT_FOUND, "Repository policy does not exist for the repository with name '"
                + name + "' in the registry with id '" + accountId + "'");
    }

    private static WharfException noRegistryPolicy(String accountId) {
        return new WharfException(ErrorCode.REGISTRY_POLICY_NOT_FOUND, "Registry policy does not exist in the registry with id '"
                + accountId + "'");
    }
}
