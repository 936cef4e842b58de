package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.Repositories;
import dev.wharf.registry.ResourcePolicies;

import java.util.Map;

/** SetRepositoryPolicy, GetRepositoryPolicy, DeleteRepositoryPolicy and the registry policy operations. */
final class PolicyOperations {
    private final ResourcePolicies policies;

    PolicyOperations(ResourcePolicies policies) {
        this.policies = policies;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("SetRepositoryPolicy", this::setRepositoryPolicy);
        ops.put("GetRepositoryPolicy", c -> repository(policies.getRepositoryPolicy(c.caller(), account(c), name(c))));
        ops.put("DeleteRepositoryPolicy", c -> repository(policies.deleteRepositoryPolicy(c.caller(), account(c), name(c))));
        ops.put("PutRegistryPolicy", c -> registry(c, policies.putRegistryPolicy(c.caller(), c.input().requiredString("policyText"))));
        ops.put("GetRegistryPolicy", c -> registry(c, policies.getRegistryPolicy(c.caller())));
        ops.put("DeleteRegistryPolicy", c -> registry(c, policies.deleteRegistryPolicy(c.caller())));
    }

    private JsonNode setRepositoryPolicy(EcrOperation.Call c) {
        return repository(policies.setRepositoryPolicy(c.caller(), account(c), name(c), c.input().requiredString("policyText"),
                Boolean.TRUE.equals(c.input().bool("force"))));
    }

    private static String account(EcrOperation.Call c) {
        return Repositories.registryId(c.input().string("registryId"), c.account());
    }

    private static String name(EcrOperation.Call c) {
        return c.input().requiredString("repositoryName");
    }

    private static JsonNode repository(ResourcePolicies.RepositoryPolicy p) {
        ObjectNode out = EcrJson.object();
        out.put("registryId", p.accountId());
        out.put("repositoryName", p.repositoryName());
        out.put("policyText", p.policyText());
        return out;
    }

    private static JsonNode registry(EcrOperation.Call c, String policyText) {
        ObjectNode out = EcrJson.object();
        out.put("registryId", c.account());
        out.put("policyText", policyText);
        return out;
    }
}
