package dev.wharf.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 without a provider lookup per call: {@code getInstance} walks the
 * provider list, so one prototype of each is made at class load and cloned for each use (clones
 * share no state, and cloning works the same on platform and virtual threads, unlike a ThreadLocal).
 */
final class Crypto {
    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest SHA256;
    private static final Mac HMAC;
    private static final boolean CLONEABLE;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
            HMAC = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
        boolean cloneable;
        try {
            HMAC.clone();
            SHA256.clone();
            cloneable = true;
        } catch (CloneNotSupportedException e) {
            cloneable = false;
        }
        CLONEABLE = cloneable;
    }

    private Crypto() {}

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, String data) {
        Mac mac = mac();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static MessageDigest sha256() {
        try {
            return CLONEABLE ? (MessageDigest) SHA256.clone() : MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Mac mac() {
        try {
            return CLONEABLE ? (Mac) HMAC.clone() : Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
