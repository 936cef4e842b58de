package dev.wharf.secrets;

import dev.wharf.registry.SecretValues;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SecretStore.SecretRow;

import java.util.Optional;

/**
 * The registry's read of a stored secret (a pull-through cache rule's {@code credentialArn}): the
 * AWSCURRENT text of a secret of the rule's own account, as ECR reads it on the account's behalf,
 * so with no caller to authorize. A secret scheduled for deletion, a binary one, or one of another
 * account reads as absent.
 */
public final class StoredSecretValues implements SecretValues {
    private final MetadataStore meta;
    private final SecretValueCipher cipher;

    public StoredSecretValues(MetadataStore meta, SecretValueCipher cipher) {
        this.meta = meta;
        this.cipher = cipher;
    }

    @Override
    public Optional<String> secretString(String accountId, String secretArn) {
        Optional<SecretRow> secret = meta.findSecretByArn(secretArn)
                .filter(s -> s.accountId().equals(accountId) && s.deletionDate() == null);
        if (secret.isEmpty()) return Optional.empty();
        String versionId = meta.secretStages(secretArn).get(SecretsManager.CURRENT);
        if (versionId == null) return Optional.empty();
        return meta.findSecretVersion(secretArn, versionId)
                .filter(v -> !v.binary())
                .map(v -> cipher.decrypt(v.valueEnc(), false).text());
    }
}
