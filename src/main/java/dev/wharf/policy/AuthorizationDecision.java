package dev.wharf.policy;

import java.util.Objects;

/**
 * The outcome of {@link Evaluator#decide}: allowed, or denied for one of the reasons AWS names in
 * its AccessDenied messages.
 *
 * @param allowed      whether the request may proceed
 * @param denial       why not; {@link Denial#NONE} when allowed
 * @param principalArn the caller's ARN, for the message
 * @param action       the action decided on
 */
public record AuthorizationDecision(boolean allowed, Denial denial, String principalArn, String action) {

    /** Why a request was denied. */
    public enum Denial {
        NONE,
        IDENTITY_DENY,
        RESOURCE_DENY,
        NO_IDENTITY_ALLOW,
        NO_RESOURCE_ALLOW;

        String phrase(String action) {
            return switch (this) {
                case NONE -> "";
                case IDENTITY_DENY -> "with an explicit deny in an identity-based policy";
                case RESOURCE_DENY -> "with an explicit deny in a resource-based policy";
                case NO_IDENTITY_ALLOW -> "because no identity-based policy allows the " + action + " action";
                case NO_RESOURCE_ALLOW -> "because no resource-based policy allows the " + action + " action";
            };
        }
    }

    public AuthorizationDecision {
        Objects.requireNonNull(denial, "denial");
        if (allowed != (denial == Denial.NONE)) {
            throw new IllegalArgumentException("an allowed decision has no denial, a denied one has one");
        }
    }

    /** The AWS phrasing of why the request was denied, e.g. "with an explicit deny in a resource-based policy"; empty when allowed. */
    public String denialReason() {
        return denial.phrase(action);
    }

    /**
     * The AccessDenied message: {@code User: <arn> is not authorized to perform: <action> on resource:
     * <resource> <reason>}.
     */
    public String message(String action, String resource) {
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource
                + " " + denial.phrase(action);
    }
}
