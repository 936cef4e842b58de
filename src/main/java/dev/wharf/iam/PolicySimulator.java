package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PrincipalType;
import dev.wharf.policy.RequestContext;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.iam.IamEntities.account;
import static dev.wharf.iam.IamEntities.resourceAccount;
import static dev.wharf.iam.IamEntities.validate;

/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy): the same evaluator that
 * authorizes requests, run on chosen policies, actions and resources, reporting each decision.
 */
public final class PolicySimulator {
    private final IamEntities entities;
    private final IamStore iam;

    public PolicySimulator(IamEntities entities) {
        this.entities = entities;
        this.iam = entities.store();
    }

    /** One simulated decision: {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
    public record Simulation(String action, String resource, String decision) {}

    /**
     * The policy simulator on a user, group or role of the caller's account (SimulatePrincipalPolicy):
     * its identity policies plus {@code extraPolicies}, for each action and resource.
     */
    public List<Simulation> simulatePrincipalPolicy(IamCaller c, String policySourceArn, List<String> extraPolicies,
                                                    List<String> actions, List<String> resources,
                                                    String resourcePolicy, Map<String, List<String>> contextKeys) {
        entities.authorize(c, "iam:SimulatePrincipalPolicy", policySourceArn);
        List<PolicyDocument> docs = new ArrayList<>(sourcePolicies(c, policySourceArn));
        for (String p : extraPolicies) docs.add(validate(p, PolicyKind.IDENTITY));
        return simulate(c, sourcePrincipal(c, policySourceArn), docs, actions, resources, resourcePolicy, contextKeys);
    }

    /** The policy simulator on given identity policies (SimulateCustomPolicy), as the caller. */
    public List<Simulation> simulateCustomPolicy(IamCaller c, List<String> policies, List<String> actions, List<String> resources,
                                                 String resourcePolicy, Map<String, List<String>> contextKeys) {
        entities.authorize(c, "iam:SimulateCustomPolicy", "*");
        List<PolicyDocument> docs = new ArrayList<>();
        for (String p : policies) docs.add(validate(p, PolicyKind.IDENTITY));
        dev.wharf.policy.Principal simulated = c.principal().type() == PrincipalType.ROOT
                // A custom simulation evaluates only the given policies, not the root's implicit allow.
                ? dev.wharf.policy.Principal.user(account(c), "SimulatedUser", "AIDASIMULATEDUSER", Map.of())
                : c.principal();
        return simulate(c, simulated, docs, actions, resources, resourcePolicy, contextKeys);
    }

    private List<Simulation> simulate(IamCaller c, dev.wharf.policy.Principal who, List<PolicyDocument> identity,
                                      List<String> actions, List<String> resources, String resourcePolicy,
                                      Map<String, List<String>> contextKeys) {
        List<PolicyDocument> resourceDocs = resourcePolicy == null ? List.of() : List.of(validate(resourcePolicy, PolicyKind.RESOURCE));
        List<String> targets = resources.isEmpty() ? List.of("*") : resources;
        List<Simulation> out = new ArrayList<>();
        for (String action : actions) {
            for (String resource : targets) {
                RequestContext ctx = new RequestContext(who, action, resource, contextKeys, c.at());
                String resourceAccount = resourceAccount(resource, who.accountId());
                AuthorizationDecision d = entities.evaluator().decide(new AuthorizationRequest(ctx, identity, resourceDocs, resourceAccount));
                String decision;
                if (d.allowed()) {
                    decision = "allowed";
                } else if (d.denial() == AuthorizationDecision.Denial.IDENTITY_DENY
                        || d.denial() == AuthorizationDecision.Denial.RESOURCE_DENY) {
                    decision = "explicitDeny";
                } else {
                    decision = "implicitDeny";
                }
                out.add(new Simulation(action, resource, decision));
            }
        }
        return out;
    }

    private List<PolicyDocument> sourcePolicies(IamCaller c, String arn) {
        String prefix = "arn:aws:iam::" + account(c) + ":";
        if (arn.startsWith(prefix + "user/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.user(c, name);
            List<PolicyDocument> out = new ArrayList<>(entities.policies().of(account(c), IamRows.Kind.USER, name));
            for (String g : iam.groupsOfUser(account(c), name)) out.addAll(entities.policies().of(account(c), IamRows.Kind.GROUP, g));
            return out;
        }
        if (arn.startsWith(prefix + "group/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.group(c, name);
            return entities.policies().of(account(c), IamRows.Kind.GROUP, name);
        }
        if (arn.startsWith(prefix + "role/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.role(account(c), name);
            return entities.policies().of(account(c), IamRows.Kind.ROLE, name);
        }
        throw new WharfException(ErrorCode.IAM_INVALID_INPUT, "Invalid ARN " + arn + ": the policy source is a user, group or role of this account.");
    }

    private dev.wharf.policy.Principal sourcePrincipal(IamCaller c, String arn) {
        String name = IdentityPolicies.roleName(arn);
        if (arn.contains(":user/")) {
            return Identities.userPrincipal(entities.user(c, name), iam.tags(account(c), IamRows.Kind.USER, name));
        }
        if (arn.contains(":role/")) {
            return Identities.assumedRolePrincipal(entities.role(account(c), name), "SimulatedSession", iam.tags(account(c), IamRows.Kind.ROLE, name));
        }
        IamRows.Group g = entities.group(c, name);
        return dev.wharf.policy.Principal.user(account(c), "SimulatedGroupMember", g.groupId(), Map.of());
    }
}
