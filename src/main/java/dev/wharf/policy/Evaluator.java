package dev.wharf.policy;

import java.util.List;

/**
 * Evaluates policies against a request, as AWS documents it ("Policy evaluation logic"). Pure and
 * stateless: the same input always gives the same answer, and one instance may be shared.
 *
 * <p>Not modelled: SCPs/RCPs, permissions boundaries and session policies.
 */
public final class Evaluator {

    /**
     * The policy's own verdict: DENY when a Deny statement applies, else ALLOW when an Allow
     * statement applies, else NOT_APPLICABLE. A statement applies when its principal (if any),
     * action, resource and every condition match; a statement whose condition fails does not apply.
     */
    public Effect3 evaluate(PolicyDocument policy, RequestContext ctx) {
        return evaluate(policy, ctx, ContextKeys.of(ctx), false);
    }

    /**
     * The full decision. An explicit Deny in any policy wins. Otherwise, within one account, an
     * Allow from an identity policy or from a resource policy suffices (a resource policy that names
     * only the account, not the caller, delegates to identity policies and grants nothing by itself);
     * across accounts both sides must allow. The account root is allowed on the identity side
     * (everything in its own account; across accounts the resource policy must still allow). A
     * service or anonymous caller has no identity side and needs a resource policy's Allow.
     */
    public AuthorizationDecision decide(AuthorizationRequest req) {
        RequestContext ctx = req.ctx();
        ContextKeys keys = ContextKeys.of(ctx);
        Principal p = ctx.principal();
        boolean sameAccount = req.resourceAccountId().equals(p.accountId());

        boolean identityAllows = p.type() == PrincipalType.ROOT;
        for (PolicyDocument d : req.identityPolicies()) {
            Effect3 e = evaluate(d, ctx, keys, false);
            if (e == Effect3.DENY) {
                return denied(ctx, AuthorizationDecision.Denial.IDENTITY_DENY);
            }
            identityAllows |= e == Effect3.ALLOW;
        }
        boolean resourceAllows = false;
        for (PolicyDocument d : req.resourcePolicies()) {
            Effect3 e = evaluate(d, ctx, keys, sameAccount);
            if (e == Effect3.DENY) {
                return denied(ctx, AuthorizationDecision.Denial.RESOURCE_DENY);
            }
            resourceAllows |= e == Effect3.ALLOW;
        }
        boolean noIdentity = p.type() == PrincipalType.SERVICE || p.type() == PrincipalType.ANONYMOUS;
        if (noIdentity) {
            return resourceAllows ? allowed(ctx) : denied(ctx, AuthorizationDecision.Denial.NO_RESOURCE_ALLOW);
        }
        if (sameAccount) {
            return identityAllows || resourceAllows ? allowed(ctx) : denied(ctx, AuthorizationDecision.Denial.NO_IDENTITY_ALLOW);
        }
        if (identityAllows && resourceAllows) {
            return allowed(ctx);
        }
        return denied(ctx, resourceAllows ? AuthorizationDecision.Denial.NO_IDENTITY_ALLOW
                : AuthorizationDecision.Denial.NO_RESOURCE_ALLOW);
    }

    /**
     * The statements of {@code policy} with {@code effect} that apply to the request, in document
     * order: what the policy simulator reports as the matched statements of a decision.
     *
     * @param allowNeedsNamedPrincipal as in {@link #decide}: true for a resource policy of the
     *                                 caller's own account, where an Allow must name the caller
     */
    public List<Statement> applicableStatements(PolicyDocument policy, RequestContext ctx, StatementEffect effect,
                                                boolean allowNeedsNamedPrincipal) {
        ContextKeys keys = ContextKeys.of(ctx);
        boolean substitute = policy.version().substitutesVariables();
        boolean needsNamed = effect == StatementEffect.ALLOW && allowNeedsNamedPrincipal;
        return policy.statements().stream()
                .filter(s -> s.effect() == effect && applies(s, ctx, keys, substitute, needsNamed))
                .toList();
    }

    private static AuthorizationDecision allowed(RequestContext ctx) {
        return new AuthorizationDecision(true, AuthorizationDecision.Denial.NONE, ctx.principal().arn(), ctx.action());
    }

    private static AuthorizationDecision denied(RequestContext ctx, AuthorizationDecision.Denial why) {
        return new AuthorizationDecision(false, why, ctx.principal().arn(), ctx.action());
    }

    /**
     * @param allowNeedsNamedPrincipal when true, an Allow statement applies only if its Principal names
     *                                 the caller (not merely the caller's account)
     */
    private Effect3 evaluate(PolicyDocument policy, RequestContext ctx, ContextKeys keys, boolean allowNeedsNamedPrincipal) {
        boolean allow = false;
        boolean substitute = policy.version().substitutesVariables();
        // Deny is checked first: one applicable Deny decides, whatever the order of statements.
        for (Statement s : policy.statements()) {
            if (s.effect() == StatementEffect.DENY && applies(s, ctx, keys, substitute, false)) {
                return Effect3.DENY;
            }
        }
        for (Statement s : policy.statements()) {
            if (s.effect() == StatementEffect.ALLOW && applies(s, ctx, keys, substitute, allowNeedsNamedPrincipal)) {
                allow = true;
                break;
            }
        }
        return allow ? Effect3.ALLOW : Effect3.NOT_APPLICABLE;
    }

    private static boolean applies(Statement s, RequestContext ctx, ContextKeys keys, boolean substitute,
                                   boolean needsNamedPrincipal) {
        return principalMatches(s, ctx.principal(), needsNamedPrincipal)
                && actionMatches(s, ctx.action())
                && resourceMatches(s, ctx.resourceArn(), keys, substitute)
                && conditionsHold(s, keys, substitute);
    }

    private static boolean principalMatches(Statement s, Principal caller, boolean needsNamed) {
        if (s.principal() == null) {
            return true;
        }
        PrincipalElement.Match m = s.principal().match(caller);
        if (s.notPrincipal()) {
            return m == PrincipalElement.Match.NONE;
        }
        return needsNamed ? m == PrincipalElement.Match.SPECIFIC : m != PrincipalElement.Match.NONE;
    }

    private static boolean actionMatches(Statement s, String action) {
        boolean any = false;
        for (String pattern : s.actions()) {
            if (Wildcard.matchesIgnoreCase(pattern, action)) {
                any = true;
                break;
            }
        }
        return any != s.notAction();
    }

    private static boolean resourceMatches(Statement s, String resource, ContextKeys keys, boolean substitute) {
        List<String> patterns = s.resources();
        if (patterns == null) {
            return true;
        }
        boolean any = false;
        for (String pattern : patterns) {
            Wildcard w = substitute ? PolicyVariables.resolve(pattern, keys) : Wildcard.of(pattern);
            if (w == null) {
                // A variable without a value: this entry matches nothing, and a NotResource list
                // cannot be evaluated at all, so the statement does not apply.
                if (s.notResource()) {
                    return false;
                }
                continue;
            }
            if (w.matches(resource)) {
                any = true;
            }
        }
        return any != s.notResource();
    }

    private static boolean conditionsHold(Statement s, ContextKeys keys, boolean substitute) {
        for (ConditionClause c : s.conditions()) {
            if (!c.test(keys, substitute)) {
                return false;
            }
        }
        return true;
    }
}
