package dev.wharf.secrets;

import dev.wharf.iam.SecretCipher;

import java.util.Base64;

/**
 * Encrypts secret values at rest: AES-256-GCM (through {@link SecretCipher}) under a key derived
 * from the master key for this purpose alone, so a Secrets Manager ciphertext can never be
 * decrypted as an IAM secret key or the reverse. A binary value is encrypted as its base64 text.
 */
public final class SecretValueCipher {
    private final SecretCipher cipher;

    public SecretValueCipher(SecretCipher masterKey) {
        this.cipher = new SecretCipher(masterKey.deriveKey("secretsmanager-values"));
    }

    public String encrypt(SecretValue value) {
        return cipher.encrypt(value.isBinary() ? Base64.getEncoder().encodeToString(value.binary()) : value.text());
    }

    public SecretValue decrypt(String stored, boolean binary) {
        String plain = cipher.decrypt(stored);
        return binary ? SecretValue.of(null, Base64.getDecoder().decode(plain)) : SecretValue.of(plain, null);
    }
}
