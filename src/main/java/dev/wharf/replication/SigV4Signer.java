package dev.wharf.replication;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs an awsJson request ({@code POST /}) with AWS Signature Version 4, as the AWS SDKs do
 * ("Create a signed AWS API request" in the IAM user guide): the headers given plus {@code host}
 * and {@code x-amz-date} are signed, and the body's SHA-256 is the payload hash. Replication signs
 * its calls to another Wharf with it; the class-data cache's training session ({@code cli}) signs
 * its ECR calls with it too.
 */
public final class SigV4Signer {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKeyId;
    private final byte[] secret;

    public SigV4Signer(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secret = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
    }

    /** The headers to send: {@code headers} plus {@code X-Amz-Date} and {@code Authorization}. */
    public Map<String, String> sign(String host, String region, String service, Map<String, String> headers, byte[] body, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((k, v) -> canonical.put(k.toLowerCase(java.util.Locale.ROOT), v.trim()));
        canonical.put("host", host);
        canonical.put("x-amz-date", amzDate);
        StringBuilder ch = new StringBuilder();
        canonical.forEach((k, v) -> ch.append(k).append(':').append(v).append('\n'));
        String signed = String.join(";", canonical.keySet());
        String request = "POST\n/\n\n" + ch + "\n" + signed + "\n" + HEX.formatHex(sha256(body));
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(request.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(secret, day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, toSign));
        Map<String, String> out = new TreeMap<>(headers);
        out.put("X-Amz-Date", amzDate);
        out.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signed
                + ", Signature=" + signature);
        return out;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
