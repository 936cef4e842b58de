package dev.wharf.storage.blob;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content address as the OCI image-spec defines it ({@code algorithm ":" encoded}), validated at
 * birth: only the registered algorithms {@code sha256} (64 lowercase hex) and {@code sha512}
 * (128 lowercase hex) are accepted, so a {@code Digest} is always safe to use in a path.
 */
public record Digest(Algorithm algorithm, String hex) {

    public enum Algorithm {
        SHA256("sha256", "SHA-256", 64),
        SHA512("sha512", "SHA-512", 128);

        private final String prefix;
        private final String jcaName;
        private final int hexLength;

        Algorithm(String prefix, String jcaName, int hexLength) {
            this.prefix = prefix;
            this.jcaName = jcaName;
            this.hexLength = hexLength;
        }

        public String prefix() { return prefix; }

        public int hexLength() { return hexLength; }

        public MessageDigest newMessageDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is missing from this JVM", e);
            }
        }

        /** Parses {@code sha256} / {@code sha512}; anything else is DIGEST_INVALID (unsupported algorithm). */
        public static Algorithm of(String name) {
            for (Algorithm a : values()) {
                if (a.prefix.equals(name)) {
                    return a;
                }
            }
            throw new WharfException(ErrorCode.DIGEST_INVALID,
                    "Unsupported digest algorithm '" + Texts.clip(name) + "': use sha256 or sha512");
        }
    }

    public Digest {
        if (algorithm == null || hex == null || hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw new WharfException(ErrorCode.DIGEST_INVALID, "Invalid digest: the encoded part must be "
                    + (algorithm == null ? "hex" : algorithm.hexLength() + " lowercase hex characters"));
        }
    }

    /** Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}; throws DIGEST_INVALID otherwise. */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new WharfException(ErrorCode.DIGEST_INVALID, "Invalid digest: the digest is empty");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.length() > 200) {
            throw new WharfException(ErrorCode.DIGEST_INVALID,
                    "Invalid digest '" + Texts.clip(text) + "': expected <algorithm>:<hex>, e.g. sha256:<64 hex>");
        }
        Algorithm alg = Algorithm.of(text.substring(0, colon));
        String hex = text.substring(colon + 1);
        if (hex.length() != alg.hexLength() || !isLowerHex(hex)) {
            throw new WharfException(ErrorCode.DIGEST_INVALID, "Invalid digest '" + Texts.clip(text)
                    + "': " + alg.prefix() + " needs " + alg.hexLength() + " lowercase hex characters");
        }
        return new Digest(alg, hex);
    }

    /** True when {@code text} parses as a digest; never throws. */
    public static boolean looksLikeDigest(String text) {
        return text != null && text.indexOf(':') > 0;
    }

    public static Digest of(Algorithm algorithm, byte[] rawHash) {
        return new Digest(algorithm, HexFormat.of().formatHex(rawHash));
    }

    public static Digest sha256(byte[] content) {
        return of(Algorithm.SHA256, Algorithm.SHA256.newMessageDigest().digest(content));
    }

    public static Digest compute(Algorithm algorithm, byte[] content) {
        return of(algorithm, algorithm.newMessageDigest().digest(content));
    }

    /** Constant-time equality with a freshly computed hash. */
    public boolean matches(byte[] rawHash) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), rawHash);
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Echoes of client input in messages are clipped so that an error stays readable. */
    static final class Texts {
        private Texts() {}

        static String clip(String s) {
            if (s == null) return "";
            return s.length() > 80 ? s.substring(0, 80) + "..." : s;
        }
    }
}
