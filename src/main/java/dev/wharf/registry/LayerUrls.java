package dev.wharf.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short-lived download URLs of GetDownloadUrlForLayer, in the role of ECR's presigned S3 URLs:
 * {@code /wharf/layers/<account>/<repository>/<digest>?X-Wharf-Expires=<epoch s>&X-Wharf-Signature=<HMAC>}.
 * The HMAC-SHA256 covers account, repository, digest and expiry, so a URL opens exactly one layer
 * of one repository until it expires, and needs no other credential. The key is derived from the
 * master key, so every node of a deployment verifies every other node's URLs.
 */
public final class LayerUrls {
    public static final String PATH_PREFIX = "/wharf/layers/";
    public static final String EXPIRES = "X-Wharf-Expires";
    public static final String SIGNATURE = "X-Wharf-Signature";

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    public LayerUrls(byte[] key, Clock clock, Duration lifetime) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The path and query of a fresh URL for the layer. */
    public String sign(String account, String repository, String digest) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return PATH_PREFIX + account + "/" + repository + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8)
                + "?" + EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + mac(account, repository, digest, expires);
    }

    /** True when the signature is ours for exactly these values and has not expired. */
    public boolean verify(String account, String repository, String digest, String expires, String signature) {
        if (expires == null || signature == null) return false;
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() > exp) return false;
        return MessageDigest.isEqual(mac(account, repository, digest, exp).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String account, String repository, String digest, long expires) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return HexFormat.of().formatHex(m.doFinal((account + "\n" + repository + "\n" + digest + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
