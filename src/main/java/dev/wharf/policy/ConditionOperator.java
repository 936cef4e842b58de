package dev.wharf.policy;

/**
 * One condition operator, without its {@code ForAllValues:}/{@code ForAnyValue:} qualifier or
 * {@code IfExists} suffix. Each family (string, numeric, date, bool, binary, IP address, ARN,
 * null) is one subclass. A negated operator ({@code StringNotEquals}, {@code NotIpAddress}, ...)
 * is represented by its positive comparison plus {@link #negated()}: AWS evaluates the values of
 * a negated operator as NOR, "none of the policy values matches".
 */
public abstract sealed class ConditionOperator
        permits StringOperator, OrderedOperator, BoolOperator, BinaryOperator,
        IpAddressOperator, ArnOperator, NullOperator {

    private final String name;
    private final boolean negated;

    ConditionOperator(String name, boolean negated) {
        this.name = name;
        this.negated = negated;
    }

    /** The operator's name as written in a policy, e.g. {@code StringNotLike}. */
    public final String name() { return name; }

    /** Whether this operator requires the key NOT to match (true when the key is missing). */
    public final boolean negated() { return negated; }

    /** Whether policy variables are substituted in this operator's values. */
    abstract boolean takesVariables();

    /**
     * Checks one policy value when the document is parsed.
     *
     * @return null when acceptable, else a phrase saying what is wrong
     */
    abstract String checkValue(String policyValue);

    /** The positive comparison of one request value with one (substituted) policy value. */
    abstract boolean matches(String requestValue, Wildcard policyValue);

    @Override
    public String toString() { return name; }
}
