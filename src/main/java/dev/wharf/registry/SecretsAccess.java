package dev.wharf.registry;

/**
 * Who may use a Secrets Manager secret: each of its actions ({@code secretsmanager:GetSecretValue},
 * ...) is decided at the one authorization point like every ECR action, so throttled and named in
 * the audit record there too. The {@code secrets} service asks this class, never
 * {@link AccessControl} itself, as CloudTrail's door asks {@link AuditAccess}.
 */
public final class SecretsAccess {
    private final AccessControl access;

    public SecretsAccess(AccessControl access) {
        this.access = access;
    }

    /**
     * Checks {@code secretsmanager:<operation>} on the secret's ARN (or {@code *} for an operation
     * without a resource, ListSecrets).
     *
     * @param account the account that owns the secret
     * @throws dev.wharf.errors.WharfException ACCESS_DENIED, or THROTTLED past the account's rate
     */
    public void authorize(Caller caller, String operation, String secretArn, String account) {
        access.check(caller, "secretsmanager:" + operation, secretArn, account);
    }
}
