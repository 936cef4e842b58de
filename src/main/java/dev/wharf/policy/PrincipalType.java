package dev.wharf.policy;

/** The kind of calling identity, as the {@code aws:PrincipalType} key reports it. */
public enum PrincipalType {
    ROOT("Account"),
    USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    /** An AWS service principal such as {@code ecs.amazonaws.com}; AWS sets no aws:PrincipalType. */
    SERVICE(null),
    ANONYMOUS("Anonymous");

    private final String keyValue;

    PrincipalType(String keyValue) {
        this.keyValue = keyValue;
    }

    /** The value of {@code aws:PrincipalType}, or null when AWS sets none. */
    public String keyValue() { return keyValue; }
}
