package dev.wharf.policy;

/**
 * The shape the numeric and date families share: both sides parse to an ordered value, then one of
 * the {@link Comparison}s decides. A value that does not parse never matches.
 */
abstract sealed class OrderedOperator<T extends Comparable<T>> extends ConditionOperator permits NumericOperator, DateOperator {

    private final Comparison comparison;
    private final String notAValue;

    OrderedOperator(String name, boolean negated, Comparison comparison, String notAValue) {
        super(name, negated);
        this.comparison = comparison;
        this.notAValue = notAValue;
    }

    /** The value, or null when the text is not one. */
    abstract T parseValue(String text);

    @Override
    final boolean takesVariables() { return false; }

    @Override
    final String checkValue(String policyValue) {
        return parseValue(policyValue) == null ? notAValue : null;
    }

    @Override
    final boolean matches(String requestValue, Wildcard policyValue) {
        T request = parseValue(requestValue);
        T policy = parseValue(policyValue.text());
        return request != null && policy != null && comparison.holds(request.compareTo(policy));
    }
}
