package dev.wharf.policy;

/**
 * The three-valued result of evaluating a statement or a policy against a request: no decision,
 * an explicit allow, or an explicit deny. NOT_APPLICABLE is never a deny by itself; it becomes an
 * implicit deny only when every policy in the decision is NOT_APPLICABLE.
 */
public enum Effect3 { NOT_APPLICABLE, ALLOW, DENY }
