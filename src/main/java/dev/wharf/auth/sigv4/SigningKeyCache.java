package dev.wharf.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derived signing keys (kSecret → kDate → kRegion → kService → kSigning, four HMACs) for recently
 * seen (secret, date, region, service), least recently used evicted first.
 *
 * <p>The raw secret never becomes a map key: an entry is keyed by access key id, scope and the
 * SHA-256 of the secret, so a rotated secret under the same key id derives a fresh key, and a heap
 * dump of the map shows no secret. The derived key itself is as sensitive as the secret for one
 * day, region and service; it stays in this map only.
 */
final class SigningKeyCache {
    private final int capacity;
    private final Map<String, byte[]> keys;

    SigningKeyCache(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > SigningKeyCache.this.capacity;
            }
        };
    }

    byte[] signingKey(String secret, CredentialScope scope) {
        String cacheKey = scope.accessKeyId() + '\n' + scope.scopeString() + '\n'
                + Base64.getEncoder().encodeToString(Crypto.sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
        synchronized (keys) {
            byte[] cached = keys.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] derived = derive(secret, scope);
        synchronized (keys) {
            keys.put(cacheKey, derived);
        }
        return derived;
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** AWS General Reference, "Calculate the signature for AWS Signature Version 4". */
    static byte[] derive(String secret, CredentialScope scope) {
        byte[] kDate = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] kRegion = Crypto.hmac(kDate, scope.region());
        byte[] kService = Crypto.hmac(kRegion, scope.service());
        return Crypto.hmac(kService, CredentialScope.TERMINATOR);
    }
}
