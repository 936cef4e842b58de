package dev.wharf.policy;

/** Bool: compares {@code true}/{@code false}, ignoring case. */
final class BoolOperator extends ConditionOperator {

    BoolOperator() {
        super("Bool", false);
    }

    @Override
    boolean takesVariables() { return true; }

    @Override
    String checkValue(String policyValue) {
        return policyValue.equalsIgnoreCase("true") || policyValue.equalsIgnoreCase("false") || policyValue.contains("${")
                ? null : "is not true or false";
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        return requestValue.equalsIgnoreCase(policyValue.text());
    }
}
