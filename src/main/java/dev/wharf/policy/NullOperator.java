package dev.wharf.policy;

/**
 * Null: {@code "true"} holds when the key is absent from the request (or has no value),
 * {@code "false"} when it is present. Evaluated by {@link ConditionClause} itself, as it looks at
 * presence rather than values.
 */
final class NullOperator extends ConditionOperator {

    NullOperator() {
        super("Null", false);
    }

    @Override
    boolean takesVariables() { return false; }

    @Override
    String checkValue(String policyValue) {
        return policyValue.equalsIgnoreCase("true") || policyValue.equalsIgnoreCase("false") ? null : "is not true or false";
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        throw new UnsupportedOperationException("Null is decided by the presence of the key");
    }
}
