package dev.wharf.policy;

/**
 * ArnEquals, ArnLike, ArnNotEquals, ArnNotLike. As AWS documents, Equals and Like behave alike:
 * each of the six colon-separated parts is matched case-sensitively, wildcards allowed, so a
 * {@code *} never spans a colon before the resource part.
 */
final class ArnOperator extends ConditionOperator {

    ArnOperator(String name, boolean negated) {
        super(name, negated);
    }

    @Override
    boolean takesVariables() { return true; }

    @Override
    String checkValue(String policyValue) {
        return policyValue.equals("*") || colons(policyValue) >= 5 ? null : "is not an ARN (arn:partition:service:region:account:resource)";
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        return matchArn(policyValue, requestValue);
    }

    /** Part-by-part ARN match; {@code *} alone matches any ARN. */
    static boolean matchArn(Wildcard pattern, String arn) {
        String p = pattern.text();
        if (p.equals("*")) {
            return true;
        }
        int pStart = 0;
        int aStart = 0;
        for (int part = 0; part < 5; part++) {
            int pEnd = p.indexOf(':', pStart);
            int aEnd = arn.indexOf(':', aStart);
            if (pEnd < 0 || aEnd < 0) {
                return false;
            }
            if (!pattern.slice(pStart, pEnd).matches(arn.substring(aStart, aEnd))) {
                return false;
            }
            pStart = pEnd + 1;
            aStart = aEnd + 1;
        }
        return pattern.slice(pStart, p.length()).matches(arn.substring(aStart));
    }

    private static int colons(String s) {
        return (int) s.chars().filter(c -> c == ':').count();
    }
}
