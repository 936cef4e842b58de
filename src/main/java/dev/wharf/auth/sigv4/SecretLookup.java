package dev.wharf.auth.sigv4;

import java.util.Optional;

/**
 * Finds the secret access key that signs for an access key id.
 *
 * <p>Contract: returns the plaintext secret of an active key, or empty when the key is unknown,
 * deleted or inactive (the verifier then answers UNRECOGNIZED_CLIENT). It must not throw for an
 * unknown key; any exception it throws propagates unchanged. It is called at most once per
 * {@link SigV4Verifier#verify} call, and only after the request parsed.
 */
@FunctionalInterface
public interface SecretLookup {
    Optional<String> secretKeyFor(String accessKeyId);
}
