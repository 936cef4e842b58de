package dev.wharf.registry;

import java.util.Optional;

/**
 * The port through which the registry reads a stored secret (pull-through cache upstream credentials). The
 * {@code secrets} package implements it; {@code cli.Application} plugs it in.
 */
public interface SecretValues {
    /**
     * The current {@code SecretString} of the secret named by this full ARN in this account, or empty when the
     * account has no such secret (or it is scheduled for deletion).
     */
    Optional<String> secretString(String accountId, String secretArn);
}
