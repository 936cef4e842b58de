package dev.wharf.policy;

import java.util.BitSet;

/**
 * Policy variables in Resource and condition values (version 2012-10-17 only):
 * {@code ${key}}, {@code ${key, 'default'}} and the literal escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}}. A substituted value is literal: a {@code *} in a user name never acts as a wildcard.
 */
final class PolicyVariables {

    private PolicyVariables() {
    }

    /**
     * Checks the variable syntax of {@code value} at parse time.
     *
     * @return null when well-formed, else what is wrong
     */
    static String syntaxError(String value) {
        int i = 0;
        while ((i = value.indexOf("${", i)) >= 0) {
            int end = value.indexOf('}', i + 2);
            if (end < 0) {
                return "policy variable at position " + i + " has no closing '}'";
            }
            String body = value.substring(i + 2, end);
            if (parseBody(body) == null) {
                return "policy variable \"${" + body + "}\" is malformed";
            }
            i = end + 1;
        }
        return null;
    }

    /**
     * Substitutes the variables of {@code value} from {@code keys}.
     *
     * @return the pattern with substituted characters marked literal, or null when a variable has no
     *         value and no default (the element then does not match)
     */
    static Wildcard resolve(String value, ContextKeys keys) {
        if (!value.contains("${")) {
            return Wildcard.of(value);
        }
        StringBuilder out = new StringBuilder(value.length());
        BitSet literal = new BitSet();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String[] parsed = parseBody(value.substring(start + 2, end));
            if (parsed == null) {
                return null;
            }
            String replacement = switch (parsed[0]) {
                case "*", "?", "$" -> parsed[0];
                default -> {
                    String v = keys.single(parsed[0]);
                    yield v != null ? v : parsed[1];
                }
            };
            if (replacement == null) {
                return null;
            }
            literal.set(out.length(), out.length() + replacement.length());
            out.append(replacement);
            i = end + 1;
        }
        return Wildcard.of(out.toString(), literal);
    }

    /** {@code {name, default-or-null}}, or null when malformed. */
    private static String[] parseBody(String body) {
        String name = body;
        String dflt = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
            name = body.substring(0, comma);
            String rest = body.substring(comma + 1).strip();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                return null;
            }
            dflt = rest.substring(1, rest.length() - 1);
        }
        name = name.strip();
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return new String[] {name, dflt};
    }
}
