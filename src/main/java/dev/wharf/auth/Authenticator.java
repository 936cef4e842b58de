package dev.wharf.auth;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.auth.sigv4.SigV4Verifier;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.iam.Identities;
import dev.wharf.policy.Principal;

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
        // Revocation is immediate: the key's status is read on every request (never cached).
        Principal principal = identities.activePrincipal(claims.accessKeyId()).orElseThrow(() -> new WharfException(ErrorCode.ACCESS_DENIED,
                "Your authorization token was revoked: the access key it was issued to is inactive or deleted. Reauthenticate and try again."));
        return new Authenticated(principal, claims.accessKeyId(), claims.expiresAt());
    }

    /**
     * Verifies a SigV4-signed AWS API request for {@code service} in this Wharf's region.
     *
     * @throws WharfException with the AWS common error for the failure
     */
    public Authenticated sigv4(SignedRequest request, String region, String service) {
        Identities.ResolvedKey[] resolved = new Identities.ResolvedKey[1];
        sigv4.verify(request, region, service, akid -> {
            resolved[0] = identities.resolve(akid).orElse(null);
            return resolved[0] == null ? java.util.Optional.empty() : java.util.Optional.of(resolved[0].secretAccessKey());
        });
        return new Authenticated(resolved[0].principal(), resolved[0].accessKeyId(), null);
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
