package dev.wharf.iam;

import dev.wharf.policy.Principal;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts and their access keys: creation, the first-start bootstrap, and key resolution for authentication. */
public final class Identities {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private final MetadataStore meta;
    private final SecretCipher cipher;
    private final Clock clock;

    public Identities(MetadataStore meta, SecretCipher cipher, Clock clock) {
        this.meta = meta;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A new account's root credentials, shown once. */
    public record RootCredentials(String accountId, String accessKeyId, String secretAccessKey) {}

    /** An access key resolved for authentication: whose it is and its secret (plaintext, never logged). */
    public record ResolvedKey(String accessKeyId, Principal principal, String secretAccessKey) {}

    /**
     * Creates an account with a root access key. Null arguments are generated.
     *
     * @throws IllegalArgumentException for a malformed id or key, or one already taken
     */
    public RootCredentials createAccount(String accountId, String accessKeyId, String secretAccessKey, boolean makeDefault) {
        String id = accountId != null ? accountId : randomAccountId();
        if (!ACCOUNT_ID.matcher(id).matches()) throw new IllegalArgumentException("an account id is 12 digits, got '" + id + "'");
        String akid = accessKeyId != null ? accessKeyId : "AKIA" + random(KEY_ALPHABET, 16);
        if (!ACCESS_KEY_ID.matcher(akid).matches()) {
            throw new IllegalArgumentException("an access key id is 16 to 128 uppercase letters and digits");
        }
        String secret = secretAccessKey != null ? secretAccessKey : random(SECRET_ALPHABET, 40);
        if (secret.length() < 16 || secret.length() > 128) throw new IllegalArgumentException("a secret access key is 16 to 128 characters");
        long now = clock.millis();
        try {
            meta.createAccount(new Rows.Account(id, makeDefault, now),
                    new Rows.AccessKey(akid, id, null, cipher.encrypt(secret), "Active", now));
        } catch (DuplicateException e) {
            throw new IllegalArgumentException("the account " + id + " or the access key " + akid + " already exists");
        }
        return new RootCredentials(id, akid, secret);
    }

    public List<Rows.Account> accounts() {
        return meta.listAccounts();
    }

    public boolean deleteAccount(String accountId) {
        return meta.deleteAccount(accountId);
    }

    public Optional<Rows.Account> defaultAccount() {
        return meta.defaultAccount();
    }

    /** The active key and its principal; empty when unknown or inactive (revoked keys resolve to nothing). */
    public Optional<ResolvedKey> resolve(String accessKeyId) {
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) return Optional.empty();
        return meta.findAccessKey(accessKeyId).filter(Rows.AccessKey::active)
                .map(k -> new ResolvedKey(k.accessKeyId(), principalOf(k), cipher.decrypt(k.secretEnc())));
    }

    /**
     * The principal of an active key, without decrypting its secret: what the registry-token path
     * needs (the token's HMAC already proves it), at a fraction of {@link #resolve}'s cost.
     */
    public Optional<Principal> activePrincipal(String accessKeyId) {
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) return Optional.empty();
        return meta.findAccessKey(accessKeyId).filter(Rows.AccessKey::active).map(Identities::principalOf);
    }

    private static Principal principalOf(Rows.AccessKey k) {
        if (k.userName() == null) {
            return Principal.root(k.accountId());
        }
        return Principal.user(k.accountId(), k.userName(), k.accessKeyId(), Map.of());
    }

    private static String randomAccountId() {
        StringBuilder sb = new StringBuilder(12);
        sb.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 12; i++) sb.append(RANDOM.nextInt(10));
        return sb.toString();
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return sb.toString();
    }
}
