package dev.wharf.policy;

import java.util.Locale;

/** StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike. */
final class StringOperator extends ConditionOperator {

    enum Mode { EXACT, IGNORE_CASE, LIKE }

    private final Mode mode;

    StringOperator(String name, boolean negated, Mode mode) {
        super(name, negated);
        this.mode = mode;
    }

    @Override
    boolean takesVariables() { return true; }

    @Override
    String checkValue(String policyValue) { return null; }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        return switch (mode) {
            case EXACT -> requestValue.equals(policyValue.text());
            case IGNORE_CASE -> requestValue.toLowerCase(Locale.ROOT).equals(policyValue.text().toLowerCase(Locale.ROOT));
            case LIKE -> policyValue.matches(requestValue);
        };
    }
}
