package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PrincipalType;
import dev.wharf.policy.RequestContext;
import dev.wharf.policy.Statement;
import dev.wharf.policy.StatementEffect;
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

    /**
     * One simulated request's outcome ({@code allowed}, {@code explicitDeny} or {@code implicitDeny});
     * {@code matched} are the statements that decided it (the applicable Allow statements when
     * allowed, the applicable Deny statements on an explicit deny, none on an implicit deny).
     */
    public record Simulation(String action, String resource, String decision, List<MatchedStatement> matched) {}

    /**
     * A deciding statement: its policy's name and source type (IAM's PolicySourceType; the
     * resource policy is "resource"), its position in the policy's Statement array (from 1) and Sid.
     */
    public record MatchedStatement(String sourcePolicyId, String sourcePolicyType, int statementNumber, String sid) {}

    /**
     * The policy simulator on a user, group or role of the caller's account (SimulatePrincipalPolicy):
     * its identity policies plus {@code extraPolicies}, for each action and resource.
     */
    public List<Simulation> simulatePrincipalPolicy(IamCaller c, String policySourceArn, List<String> extraPolicies,
                                                    List<String> actions, List<String> resources,
                                                    String resourcePolicy, Map<String, List<String>> contextKeys) {
        entities.authorize(c, "iam:SimulatePrincipalPolicy", policySourceArn);
        List<IdentityPolicies.Named> docs = new ArrayList<>(sourcePolicies(c, policySourceArn));
        for (String p : extraPolicies) docs.add(input(docs.size(), p));
        return simulate(c, sourcePrincipal(c, policySourceArn), docs, actions, resources, resourcePolicy, contextKeys);
    }

    /** The policy simulator on given identity policies (SimulateCustomPolicy), as the caller. */
    public List<Simulation> simulateCustomPolicy(IamCaller c, List<String> policies, List<String> actions, List<String> resources,
                                                 String resourcePolicy, Map<String, List<String>> contextKeys) {
        entities.authorize(c, "iam:SimulateCustomPolicy", "*");
        List<IdentityPolicies.Named> docs = new ArrayList<>();
        for (String p : policies) docs.add(input(docs.size(), p));
        dev.wharf.policy.Principal simulated = c.principal().type() == PrincipalType.ROOT
                // A custom simulation evaluates only the given policies, not the root's implicit allow.
                ? dev.wharf.policy.Principal.user(account(c), "SimulatedUser", "AIDASIMULATEDUSER", Map.of())
                : c.principal();
        return simulate(c, simulated, docs, actions, resources, resourcePolicy, contextKeys);
    }

    /** A PolicyInputList entry, named as the simulator names it. */
    private static IdentityPolicies.Named input(int position, String text) {
        return new IdentityPolicies.Named("PolicyInputList." + (position + 1), "none", validate(text, PolicyKind.IDENTITY));
    }

    private List<Simulation> simulate(IamCaller c, dev.wharf.policy.Principal who, List<IdentityPolicies.Named> identity,
                                      List<String> actions, List<String> resources, String resourcePolicy,
                                      Map<String, List<String>> contextKeys) {
        List<PolicyDocument> resourceDocs = resourcePolicy == null ? List.of() : List.of(validate(resourcePolicy, PolicyKind.RESOURCE));
        List<String> targets = resources.isEmpty() ? List.of("*") : resources;
        List<Simulation> out = new ArrayList<>();
        for (String action : actions) {
            for (String resource : targets) {
                RequestContext ctx = new RequestContext(who, action, resource, contextKeys, c.at());
                String resourceAccount = resourceAccount(resource, who.accountId());
                AuthorizationDecision d = entities.evaluator().decide(new AuthorizationRequest(ctx,
                        identity.stream().map(IdentityPolicies.Named::document).toList(), resourceDocs, resourceAccount));
                String decision;
                if (d.allowed()) {
                    decision = "allowed";
                } else if (d.denial() == AuthorizationDecision.Denial.IDENTITY_DENY
                        || d.denial() == AuthorizationDecision.Denial.RESOURCE_DENY) {
                    decision = "explicitDeny";
                } else {
                    decision = "implicitDeny";
                }
                List<MatchedStatement> matched = new ArrayList<>();
                if (!decision.equals("implicitDeny")) {
                    StatementEffect effect = d.allowed() ? StatementEffect.ALLOW : StatementEffect.DENY;
                    for (IdentityPolicies.Named n : identity) {
                        for (Statement s : entities.evaluator().applicableStatements(n.document(), ctx, effect, false)) {
                            matched.add(new MatchedStatement(n.name(), n.sourceType(), s.index() + 1, s.sid()));
                        }
                    }
                    boolean sameAccount = resourceAccount.equals(who.accountId());
                    for (PolicyDocument r : resourceDocs) {
                        for (Statement s : entities.evaluator().applicableStatements(r, ctx, effect, sameAccount)) {
                            matched.add(new MatchedStatement("ResourcePolicy", "resource", s.index() + 1, s.sid()));
                        }
                    }
                }
                out.add(new Simulation(action, resource, decision, matched));
            }
        }
        return out;
    }

    private List<IdentityPolicies.Named> sourcePolicies(IamCaller c, String arn) {
        String prefix = "arn:aws:iam::" + account(c) + ":";
        if (arn.startsWith(prefix + "user/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.user(c, name);
            List<IdentityPolicies.Named> out = new ArrayList<>(entities.policies().named(account(c), IamRows.Kind.USER, name));
            for (String g : iam.groupsOfUser(account(c), name)) out.addAll(entities.policies().named(account(c), IamRows.Kind.GROUP, g));
            return out;
        }
        if (arn.startsWith(prefix + "group/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.group(c, name);
            return entities.policies().named(account(c), IamRows.Kind.GROUP, name);
        }
        if (arn.startsWith(prefix + "role/")) {
            String name = IdentityPolicies.roleName(arn);
            entities.role(account(c), name);
            return entities.policies().named(account(c), IamRows.Kind.ROLE, name);
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
