package dev.wharf.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The table of condition operators IAM knows, by name (without qualifier or IfExists). */
final class ConditionOperators {

    private static final Map<String, ConditionOperator> BY_NAME = build();

    private ConditionOperators() {
    }

    /** The operator called {@code name}, or null when there is none such. */
    static ConditionOperator byName(String name) {
        return BY_NAME.get(name);
    }

    static Set<String> names() {
        return BY_NAME.keySet();
    }

    private static Map<String, ConditionOperator> build() {
        Map<String, ConditionOperator> m = new LinkedHashMap<>();
        add(m, new StringOperator("StringEquals", false, StringOperator.Mode.EXACT));
        add(m, new StringOperator("StringNotEquals", true, StringOperator.Mode.EXACT));
        add(m, new StringOperator("StringEqualsIgnoreCase", false, StringOperator.Mode.IGNORE_CASE));
        add(m, new StringOperator("StringNotEqualsIgnoreCase", true, StringOperator.Mode.IGNORE_CASE));
        add(m, new StringOperator("StringLike", false, StringOperator.Mode.LIKE));
        add(m, new StringOperator("StringNotLike", true, StringOperator.Mode.LIKE));
        for (String family : new String[] {"Numeric", "Date"}) {
            addOrdered(m, family, "Equals", false, Comparison.EQUALS);
            addOrdered(m, family, "NotEquals", true, Comparison.EQUALS);
            addOrdered(m, family, "LessThan", false, Comparison.LESS_THAN);
            addOrdered(m, family, "LessThanEquals", false, Comparison.LESS_THAN_EQUALS);
            addOrdered(m, family, "GreaterThan", false, Comparison.GREATER_THAN);
            addOrdered(m, family, "GreaterThanEquals", false, Comparison.GREATER_THAN_EQUALS);
        }
        add(m, new BoolOperator());
        add(m, new BinaryOperator());
        add(m, new IpAddressOperator("IpAddress", false));
        add(m, new IpAddressOperator("NotIpAddress", true));
        add(m, new ArnOperator("ArnEquals", false));
        add(m, new ArnOperator("ArnLike", false));
        add(m, new ArnOperator("ArnNotEquals", true));
        add(m, new ArnOperator("ArnNotLike", true));
        add(m, new NullOperator());
        return Map.copyOf(m);
    }

    private static void addOrdered(Map<String, ConditionOperator> m, String family, String suffix, boolean negated,
                                   Comparison c) {
        String name = family + suffix;
        add(m, family.equals("Numeric") ? new NumericOperator(name, negated, c) : new DateOperator(name, negated, c));
    }

    private static void add(Map<String, ConditionOperator> m, ConditionOperator op) {
        m.put(op.name(), op);
    }
}
