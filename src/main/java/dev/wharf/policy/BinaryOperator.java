package dev.wharf.policy;

import java.util.Arrays;
import java.util.Base64;

/** BinaryEquals: the policy value is base64; the request value (also base64) must decode to the same bytes. */
final class BinaryOperator extends ConditionOperator {

    BinaryOperator() {
        super("BinaryEquals", false);
    }

    @Override
    boolean takesVariables() { return false; }

    @Override
    String checkValue(String policyValue) {
        return decode(policyValue) == null ? "is not base64" : null;
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        byte[] request = decode(requestValue);
        byte[] policy = decode(policyValue.text());
        return request != null && policy != null && Arrays.equals(request, policy);
    }

    private static byte[] decode(String s) {
        try {
            return Base64.getDecoder().decode(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
