package dev.wharf.auth;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry password inside an ECR authorization token ({@code base64("AWS:" + password)}).
 * The password is {@code wt1.<base64url(claims)>.<base64url(hmac)>}: it names the access key it
 * was issued to and its expiry, is signed with a key derived from the master key (so every node
 * can verify it), and holds no {@code :} (the aws CLI splits the token on the first one).
 * It carries no secret: revocation works because each use re-resolves the access key.
 */
public final class RegistryTokens {
    private static final String PREFIX = "wt1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final Mac prototype;
    private final Clock clock;

    public RegistryTokens(byte[] signingKey, Clock clock) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(signingKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.clock = clock;
    }

    /** What a verified token says. */
    public record Claims(String accessKeyId, String accountId, Instant issuedAt, Instant expiresAt) {}

    public String issue(String accessKeyId, String accountId, Instant expiresAt) {
        String claims = "1|" + accessKeyId + "|" + accountId + "|" + clock.instant().getEpochSecond() + "|" + expiresAt.getEpochSecond();
        byte[] c = claims.getBytes(StandardCharsets.UTF_8);
        return PREFIX + B64.encodeToString(c) + "." + B64.encodeToString(mac(c));
    }

    /** The full {@code authorizationToken} value: base64 of {@code AWS:<password>}. */
    public static String authorizationToken(String password) {
        return Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws WharfException ACCESS_DENIED for a token that is not ours or was altered, EXPIRED_TOKEN once expired
     */
    public Claims verify(String password) {
        Claims claims = parse(password);
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new WharfException(ErrorCode.EXPIRED_TOKEN, "Your authorization token has expired. Reauthenticate and try again.");
        }
        return claims;
    }

    private Claims parse(String password) {
        if (password != null && password.startsWith(PREFIX)) {
            int dot = password.indexOf('.', PREFIX.length());
            if (dot > 0) {
                try {
                    byte[] c = B64D.decode(password.substring(PREFIX.length(), dot));
                    byte[] m = B64D.decode(password.substring(dot + 1));
                    if (MessageDigest.isEqual(m, mac(c))) {
                        String[] f = new String(c, StandardCharsets.UTF_8).split("\\|");
                        if (f.length == 5 && f[0].equals("1")) {
                            return new Claims(f[1], f[2], Instant.ofEpochSecond(Long.parseLong(f[3])), Instant.ofEpochSecond(Long.parseLong(f[4])));
                        }
                    }
                } catch (IllegalArgumentException ignored) {
                    // malformed base64 or number: not a token of ours
                }
            }
        }
        throw new WharfException(ErrorCode.ACCESS_DENIED,
                "Your authorization token is invalid. Get a new one with 'aws ecr get-login-password' and log in again.");
    }

    private byte[] mac(byte[] claims) {
        try {
            // A clone of a keyed prototype: far cheaper than a provider lookup and key setup per request.
            Mac mac = (Mac) prototype.clone();
            return Arrays.copyOf(mac.doFinal(claims), 24);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
