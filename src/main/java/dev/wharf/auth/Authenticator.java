package dev.wharf.auth;

import dev.wharf.audit.CallRecord;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.auth.sigv4.CredentialScope;
import dev.wharf.auth.sigv4.SigV4Verifier;
import dev.wharf.auth.sigv4.VerifiedSignature;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.iam.Identities;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Turns request credentials into an {@link Authenticated} caller: SigV4 for the AWS APIs, Basic tokens for {@code /v2/}. */
public final class Authenticator {
    private final Identities identities;
    private final RegistryTokens tokens;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final SigV4Verifier sigv4;

    public Authenticator(Identities identities, RegistryTokens tokens, Clock clock, Duration tokenLifetime, Duration clockSkew) {
        this.identities = identities;
        this.tokens = tokens;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
        this.sigv4 = new SigV4Verifier(clock, clockSkew);
    }

    public Identities identities() {
        return identities;
    }

    /** The challenge the OCI door sends with 401 (ECR's form). */
    public static String basicChallenge(String publicUrl) {
        return "Basic realm=\"" + publicUrl + "/\",service=\"ecr.amazonaws.com\"";
    }

    /**
     * Verifies an {@code Authorization: Basic base64(AWS:<password>)} header.
     *
     * @throws WharfException MISSING_AUTHENTICATION when absent or not Basic (→ 401 with the challenge),
     *                        ACCESS_DENIED / EXPIRED_TOKEN otherwise (→ 403 DENIED)
     */
    public Authenticated basic(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new WharfException(ErrorCode.MISSING_AUTHENTICATION,
                    "Not Authorized: log in with 'aws ecr get-login-password | docker login --username AWS --password-stdin <registry>'");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WharfException(ErrorCode.ACCESS_DENIED, "The Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals("AWS")) {
            throw new WharfException(ErrorCode.ACCESS_DENIED,
                    "The user name must be AWS and the password an authorization token from 'aws ecr get-login-password'");
        }
        RegistryTokens.Claims claims = tokens.verify(decoded.substring(colon + 1));
        // Re-resolved on every request: a deactivated or deleted key, a deleted user or role revokes the token at once.
        Identities.ResolvedKey key = identities.resolveWithoutSecret(claims.accessKeyId()).orElseThrow(() -> new WharfException(ErrorCode.ACCESS_DENIED,
                "Your authorization token was revoked: the access key it was issued to is inactive or deleted. Reauthenticate and try again."));
        if (key.expiresAt() != null && !clock.instant().isBefore(key.expiresAt())) {
            throw new WharfException(ErrorCode.EXPIRED_TOKEN, "Your authorization token has expired. Reauthenticate and try again.");
        }
        CallRecord.identity(key.principal(), key.accessKeyId());
        return new Authenticated(key.principal(), key.accessKeyId(), claims.expiresAt());
    }

    /**
     * Verifies a SigV4-signed AWS API request for {@code service} in this Wharf's region.
     *
     * @throws WharfException with the AWS common error for the failure
     */
    public Authenticated sigv4(SignedRequest request, String region, String service) {
        Identities.ResolvedKey[] resolved = new Identities.ResolvedKey[1];
        VerifiedSignature signature = sigv4.verify(request, region, service, akid -> {
            resolved[0] = identities.resolve(akid).orElse(null);
            return resolved[0] == null ? java.util.Optional.empty() : java.util.Optional.of(resolved[0].secretAccessKey());
        });
        Identities.ResolvedKey key = resolved[0];
        String token = signature.securityToken().orElse(null);
        if (key.temporary()) {
            // STS: temporary credentials are valid only with their session token, and only until they expire.
            if (!key.tokenMatches(token)) {
                throw new WharfException(ErrorCode.INVALID_SECURITY_TOKEN, "The security token included in the request is invalid.");
            }
            if (!clock.instant().isBefore(key.expiresAt())) {
                throw new WharfException(ErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired");
            }
        } else if (token != null) {
            throw new WharfException(ErrorCode.INVALID_SECURITY_TOKEN, "The security token included in the request is invalid.");
        }
        CallRecord.identity(key.principal(), key.accessKeyId());
        return new Authenticated(key.principal(), key.accessKeyId(), key.expiresAt());
    }

    /**
     * The region a Query API request (IAM, STS) may be signed for: IAM and STS are global, and
     * clients sign them for us-east-1 or for their configured region, so both are accepted.
     */
    public static String queryRegion(SignedRequest request, String configuredRegion) {
        return SigV4Verifier.peekScope(request).map(CredentialScope::region)
                .filter(r -> r.equals("us-east-1")).orElse(configuredRegion);
    }

    /** Issues an authorization token for an authenticated caller: 12 h, never past its credentials' expiry. */
    public IssuedToken issueToken(Authenticated caller) {
        Instant expires = clock.instant().plus(tokenLifetime);
        if (caller.credentialExpiry() != null && caller.credentialExpiry().isBefore(expires)) {
            expires = caller.credentialExpiry();
        }
        String password = tokens.issue(caller.accessKeyId(), caller.principal().accountId(), expires);
        return new IssuedToken(RegistryTokens.authorizationToken(password), expires);
    }

    public record IssuedToken(String authorizationToken, Instant expiresAt) {}
}
