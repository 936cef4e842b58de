package dev.wharf.policy;

import java.math.BigDecimal;

/** NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals): integers or decimals. */
final class NumericOperator extends ConditionOperator {

    private final Comparison comparison;

    NumericOperator(String name, boolean negated, Comparison comparison) {
        super(name, negated);
        this.comparison = comparison;
    }

    @Override
    boolean takesVariables() { return false; }

    @Override
    String checkValue(String policyValue) {
        return parse(policyValue) == null ? "is not a number" : null;
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        BigDecimal request = parse(requestValue);
        BigDecimal policy = parse(policyValue.text());
        return request != null && policy != null && comparison.holds(request.compareTo(policy));
    }

    static BigDecimal parse(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
