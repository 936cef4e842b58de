package dev.wharf.iam;

import dev.wharf.policy.Principal;
import dev.wharf.policy.PrincipalType;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
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
    private final IamStore iam;
    private final SecretCipher cipher;
    private final Clock clock;

    /** Accounts and root keys only (the admin commands): user keys and sessions resolve to nothing. */
    public Identities(MetadataStore meta, SecretCipher cipher, Clock clock) {
        this(meta, null, cipher, clock);
    }

    public Identities(MetadataStore meta, IamStore iam, SecretCipher cipher, Clock clock) {
        this.meta = meta;
        this.iam = iam;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A new account's root credentials, shown once. */
    public record RootCredentials(String accountId, String accessKeyId, String secretAccessKey) {}

    /**
     * An access key resolved for authentication: whose it is and its secret (plaintext, never logged).
     * Temporary credentials (STS) also carry their expiry and the SHA-256 of their session token;
     * both are null for long-term keys.
     */
    public record ResolvedKey(String accessKeyId, Principal principal, String secretAccessKey, Instant expiresAt,
                              String sessionTokenHash) {
        public ResolvedKey(String accessKeyId, Principal principal, String secretAccessKey) {
            this(accessKeyId, principal, secretAccessKey, null, null);
        }

        public boolean temporary() {
            return sessionTokenHash != null;
        }

        /** Whether {@code token} is this temporary key's session token (compared in constant time). */
        public boolean tokenMatches(String token) {
            return sessionTokenHash != null && token != null && MessageDigest.isEqual(
                    sessionTokenHash.getBytes(StandardCharsets.US_ASCII), tokenHash(token).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The hex SHA-256 of a session token: what the store keeps instead of the token. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

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

    /**
     * The active key and its principal, read from the store on every call so that a deactivated or
     * deleted key, a deleted user or role, takes effect on the next request. Empty when unknown,
     * inactive, or its user or role is gone. Temporary credentials resolve even once expired (with
     * their expiry), so that the caller can answer ExpiredToken rather than an unknown key.
     */
    public Optional<ResolvedKey> resolve(String accessKeyId) {
        return resolve(accessKeyId, true);
    }

    /**
     * As {@link #resolve}, with the same checks, but without decrypting the secret (null in the
     * result): the registry-token path needs none (the token's HMAC proves it), and the AES-GCM
     * decrypt was the largest part of a pull request's authentication cost.
     */
    public Optional<ResolvedKey> resolveWithoutSecret(String accessKeyId) {
        return resolve(accessKeyId, false);
    }

    private Optional<ResolvedKey> resolve(String accessKeyId, boolean withSecret) {
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) return Optional.empty();
        Optional<Rows.AccessKey> key = meta.findAccessKey(accessKeyId);
        if (key.isPresent()) {
            Rows.AccessKey k = key.get();
            if (!k.active()) return Optional.empty();
            return principalOf(k.accountId(), k.userName())
                    .map(p -> new ResolvedKey(k.accessKeyId(), p, withSecret ? cipher.decrypt(k.secretEnc()) : null));
        }
        if (iam == null) return Optional.empty();
        return iam.findSession(accessKeyId).flatMap(s -> sessionPrincipal(s)
                .map(p -> new ResolvedKey(s.accessKeyId(), p, withSecret ? cipher.decrypt(s.secretEnc()) : null,
                        Instant.ofEpochMilli(s.expiresAt()), s.tokenHash())));
    }

    /** The root (null user name) or the IAM user, with its path, unique id and tags; empty when the user is gone. */
    private Optional<Principal> principalOf(String accountId, String userName) {
        if (userName == null) return Optional.of(Principal.root(accountId));
        if (iam == null) return Optional.empty();
        return iam.findUser(accountId, userName).map(u -> userPrincipal(u, iam.tags(accountId, IamRows.Kind.USER, userName)));
    }

    /** An IAM user as a principal: {@code arn:aws:iam::ACCT:user/PATH/NAME}, {@code aws:userid} its AIDA id. */
    public static Principal userPrincipal(IamRows.User u, Map<String, String> tags) {
        return new Principal("arn:aws:iam::" + u.accountId() + ":user" + u.path() + u.userName(), u.accountId(),
                PrincipalType.USER, u.userId(), u.userName(), tags, null);
    }

    /** The role's ARN, with its path: {@code arn:aws:iam::ACCT:role/PATH/NAME}. */
    public static String roleArn(IamRows.Role r) {
        return "arn:aws:iam::" + r.accountId() + ":role" + r.path() + r.roleName();
    }

    private Optional<Principal> sessionPrincipal(IamRows.Session s) {
        return switch (s.principalKind()) {
            case "root" -> Optional.of(Principal.root(s.accountId()));
            case "user" -> principalOf(s.accountId(), s.principalName());
            case "role" -> iam.findRole(s.accountId(), s.principalName()).map(r -> {
                // aws:PrincipalTag of a role session: the role's tags, overridden by the session tags.
                Map<String, String> tags = new HashMap<>(iam.tags(s.accountId(), IamRows.Kind.ROLE, r.roleName()));
                tags.putAll(s.tags());
                return assumedRolePrincipal(r, s.sessionName(), tags);
            });
            default -> Optional.empty();
        };
    }

    /** A session of a role: {@code arn:aws:sts::ACCT:assumed-role/NAME/SESSION} (no path, as AWS writes it). */
    public static Principal assumedRolePrincipal(IamRows.Role r, String sessionName, Map<String, String> tags) {
        return new Principal("arn:aws:sts::" + r.accountId() + ":assumed-role/" + r.roleName() + "/" + sessionName,
                r.accountId(), PrincipalType.ASSUMED_ROLE, r.roleId() + ":" + sessionName, null, tags, roleArn(r));
    }

    private static String randomAccountId() {
        StringBuilder sb = new StringBuilder(12);
        sb.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 12; i++) sb.append(RANDOM.nextInt(10));
        return sb.toString();
    }

    /** A new key or entity id: the prefix (AKIA, ASIA, AIDA, AGPA, AROA, ANPA) and 16 characters of [A-Z2-7]. */
    static String newId(String prefix) {
        return prefix + random(KEY_ALPHABET, 16);
    }

    /** A new unique id of an IAM entity (a managed policy: ANPA): the prefix and 17 characters of [A-Z2-7], as IAM's. */
    static String newUniqueId(String prefix) {
        return prefix + random(KEY_ALPHABET, 17);
    }

    /** A new 40-character secret access key. */
    static String newSecret() {
        return random(SECRET_ALPHABET, 40);
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return sb.toString();
    }
}
