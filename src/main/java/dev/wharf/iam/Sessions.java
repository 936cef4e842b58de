package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.Principal;
import dev.wharf.policy.PrincipalType;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS's rules: AssumeRole (trust policy and the caller's identity policies decide, as AWS documents
 * for "granting a user permissions to switch roles") and GetSessionToken. Temporary credentials are
 * an {@code ASIA...} key id, a secret kept encrypted, and a session token kept only as its SHA-256.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    public static final int MIN_DURATION = 900;
    /** Role chaining caps a session at one hour (STS AssumeRole, DurationSeconds). */
    private static final int CHAINED_MAX = 3600;

    private final IamEntities entities;
    private final IamStore iam;
    private final SecretCipher cipher;
    private final Clock clock;

    public Sessions(IamEntities entities, SecretCipher cipher, Clock clock) {
        this.entities = entities;
        this.iam = entities.store();
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Temporary credentials as STS returns them; the secret and token are shown once. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {}

    /** AssumeRole's answer. */
    public record AssumedRole(Credentials credentials, String assumedRoleArn, String assumedRoleId) {}

    public AssumedRole assumeRole(IamCaller c, String roleArn, String sessionName, Integer durationSeconds,
                                  Map<String, String> sessionTags) {
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
                    + " and have length between 2 and 64");
        }
        if (c.principal().type() == PrincipalType.ROOT) {
            throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED, "Roles may not be assumed by root accounts.");
        }
        String roleAccount = IamEntities.resourceAccount(roleArn, "");
        if (!roleArn.startsWith("arn:aws:iam::" + roleAccount + ":role/")) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must be a role ARN");
        }
        IamRows.Role role = iam.findRole(roleAccount, IdentityPolicies.roleName(roleArn))
                .filter(r -> Identities.roleArn(r).equals(roleArn)).orElse(null);
        if (role == null) {
            // AWS does not tell a caller whether another account's role exists.
            throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED, "User: " + c.principal().arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        PolicyDocument trust = PolicyDocument.parse(role.trustPolicy(), PolicyKind.RESOURCE);
        entities.authorize(c, "sts:AssumeRole", roleArn, List.of(trust), role.accountId());
        int max = c.principal().type() == PrincipalType.ASSUMED_ROLE ? Math.min(CHAINED_MAX, role.maxSessionSeconds())
                : role.maxSessionSeconds();
        int duration = durationSeconds == null ? Math.min(3600, max) : durationSeconds;
        if (duration < MIN_DURATION) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to " + MIN_DURATION);
        }
        if (duration > max) {
            throw new WharfException(ErrorCode.VALIDATION, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Credentials creds = issue(role.accountId(), "role", role.roleName(), sessionName, sessionTags, duration);
        Principal p = Identities.assumedRolePrincipal(role, sessionName, sessionTags);
        return new AssumedRole(creds, p.arn(), p.userId());
    }

    /** GetSessionToken: temporary credentials for the calling user or root, 900 s to 36 h (root: 1 h), default 12 h. */
    public Credentials getSessionToken(IamCaller c, Integer durationSeconds) {
        Principal p = c.principal();
        if (p.type() != PrincipalType.USER && p.type() != PrincipalType.ROOT) {
            throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED,
                    "Cannot call GetSessionToken with session credentials");
        }
        int max = p.type() == PrincipalType.ROOT ? 3600 : 129_600;
        int duration = durationSeconds == null ? Math.min(43_200, max) : durationSeconds;
        if (duration < MIN_DURATION || duration > max) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between " + MIN_DURATION + " and " + max);
        }
        return issue(p.accountId(), p.type() == PrincipalType.ROOT ? "root" : "user", p.userName(), null, Map.of(), duration);
    }

    private Credentials issue(String accountId, String kind, String name, String sessionName, Map<String, String> tags, int seconds) {
        String akid = Identities.newId("ASIA");
        String secret = Identities.newSecret();
        byte[] raw = new byte[96];
        RANDOM.nextBytes(raw);
        String token = Base64.getEncoder().encodeToString(raw);
        Instant now = clock.instant();
        // Whole seconds: STS reports Expiration to the second, and nothing derived may outlive what it reports.
        Instant expires = now.plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        iam.createSession(new IamRows.Session(akid, accountId, kind, name, sessionName, cipher.encrypt(secret),
                Identities.tokenHash(token), tags, now.toEpochMilli(), expires.toEpochMilli()));
        return new Credentials(akid, secret, token, expires);
    }
}
