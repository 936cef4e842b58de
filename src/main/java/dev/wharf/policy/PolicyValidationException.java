package dev.wharf.policy;

/**
 * A policy document was rejected. The message names the statement (index from 0, and Sid when it
 * has one), the element and what is wrong, so it can be shown to the user as it is
 * ({@code MalformedPolicyDocument} / {@code InvalidParameterException} in the API layers).
 */
public final class PolicyValidationException extends RuntimeException {

    public PolicyValidationException(String message) {
        super(message);
    }
}
