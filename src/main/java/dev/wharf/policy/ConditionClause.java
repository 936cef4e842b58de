package dev.wharf.policy;

import java.util.List;

/**
 * One key of one operator in a Condition block, e.g. {@code "ForAnyValue:StringLikeIfExists":
 * {"aws:TagKeys": ["team*", "env"]}}. Several values are OR-ed (NOR for a negated operator).
 *
 * <p>Absent keys follow the IAM documentation ("Condition operators"): the plain operator is false,
 * a negated one ({@code StringNotEquals}, {@code NotIpAddress}, {@code ArnNotLike}, ...) true;
 * with {@code IfExists} the clause is true; {@code ForAllValues} is true and {@code ForAnyValue}
 * false; {@code Null} tests exactly the presence.
 */
public record ConditionClause(String operatorText, SetQualifier qualifier, ConditionOperator operator,
                              boolean ifExists, String key, List<String> values) {

    public ConditionClause {
        values = List.copyOf(values);
    }

    boolean test(ContextKeys keys, boolean substituteVariables) {
        List<String> request = keys.get(key);
        boolean absent = request.isEmpty();
        if (operator instanceof NullOperator) {
            for (String v : values) {
                if (Boolean.parseBoolean(v) == absent) {
                    return true;
                }
            }
            return false;
        }
        if (absent) {
            if (ifExists || qualifier == SetQualifier.FOR_ALL_VALUES) {
                return true;
            }
            return qualifier == SetQualifier.NONE && operator.negated();
        }
        Wildcard[] policy = new Wildcard[values.size()];
        for (int i = 0; i < policy.length; i++) {
            String v = values.get(i);
            policy[i] = substituteVariables && operator.takesVariables() ? PolicyVariables.resolve(v, keys) : Wildcard.of(v);
            if (policy[i] == null) {
                // A variable without a value: the condition does not match.
                return false;
            }
        }
        return switch (qualifier) {
            case NONE -> operator.negated() ? noneMatches(request, policy) : !noneMatches(request, policy);
            case FOR_ALL_VALUES -> {
                for (String r : request) {
                    if (matchesAny(r, policy) == operator.negated()) {
                        yield false;
                    }
                }
                yield true;
            }
            case FOR_ANY_VALUE -> {
                for (String r : request) {
                    if (matchesAny(r, policy) != operator.negated()) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private boolean noneMatches(List<String> request, Wildcard[] policy) {
        for (String r : request) {
            if (matchesAny(r, policy)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesAny(String requestValue, Wildcard[] policy) {
        for (Wildcard p : policy) {
            if (operator.matches(requestValue, p)) {
                return true;
            }
        }
        return false;
    }
}
