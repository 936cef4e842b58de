package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-proof {@code nextToken}s: the position to resume after, bound to the operation
 * and scope it came from, with an HMAC. A token edited by hand or reused for another query is
 * InvalidParameterException.
 */
public final class PageTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final SecretKeySpec key;

    public PageTokens(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String issue(String scope, String position) {
        byte[] pos = position.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(pos) + "." + B64.encodeToString(mac(scope, pos));
    }

    /** @return the position; throws InvalidParameterException when the token is not one of ours for this scope */
    public String open(String scope, String token) {
        int dot = token.indexOf('.');
        try {
            if (dot > 0) {
                byte[] pos = B64D.decode(token.substring(0, dot));
                byte[] mac = B64D.decode(token.substring(dot + 1));
                if (MessageDigest.isEqual(mac, mac(scope, pos))) {
                    return new String(pos, StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException ignored) {
            // not base64: fall through to the error
        }
        throw new WharfException(ErrorCode.INVALID_PARAMETER,
                "Invalid parameter at 'nextToken': the token is not one this operation issued for this request");
    }

    private byte[] mac(String scope, byte[] pos) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(scope.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            return Arrays.copyOf(m.doFinal(pos), 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
