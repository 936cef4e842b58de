package dev.wharf.policy;

import java.math.BigDecimal;

/** NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals): integers or decimals. */
final class NumericOperator extends OrderedOperator<BigDecimal> {

    NumericOperator(String name, boolean negated, Comparison comparison) {
        super(name, negated, comparison, "is not a number");
    }

    @Override
    BigDecimal parseValue(String text) {
        return parse(text);
    }

    static BigDecimal parse(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
