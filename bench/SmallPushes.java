import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's small-image pusher: pushes N single-layer images (a 4 KiB random layer and a
 * small config) over raw HTTP the way a registry client does — per blob POST /blobs/uploads/
 * then PUT ?digest= with the bytes (OCI distribution-spec "POST then PUT"), then PUT the
 * manifest by tag — sequentially over one keep-alive connection. Every request has a timeout,
 * so the run is bounded. Prints one line: {@code images=N errors=E seconds=S}.
 *
 * <pre>java SmallPushes.java BASE_URL AUTH_HEADER_OR_- REPOSITORY COUNT</pre>
 * Run as a single-file source program (JDK ≥ 21); it is not part of the Wharf build.
 */
public final class SmallPushes {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String auth = args[1].equals("-") ? null : args[1];
        String repo = args[2];
        int count = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        SecureRandom random = new SecureRandom();
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try {
                byte[] layer = new byte[4096];
                random.nextBytes(layer);
                String layerDigest = pushBlob(http, base, auth, repo, layer);
                byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + layerDigest + "\"]},\"config\":{\"Labels\":{\"n\":\"" + i + "-" + System.nanoTime() + "\"}}}")
                        .getBytes(StandardCharsets.UTF_8);
                String configDigest = pushBlob(http, base, auth, repo, config);
                byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> r = http.send(request(base + "/v2/" + repo + "/manifests/t" + i, auth)
                        .header("Content-Type", MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(),
                        HttpResponse.BodyHandlers.ofString());
                expect(r, 201);
            } catch (Exception e) {
                if (errors.incrementAndGet() <= 3) System.err.println("push " + i + " failed: " + e.getMessage());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("images=%d errors=%d seconds=%.3f%n", count, errors.get(), seconds);
    }

    private static String pushBlob(HttpClient http, String base, String auth, String repo, byte[] bytes) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        HttpResponse<String> start = http.send(request(base + "/v2/" + repo + "/blobs/uploads/", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(start, 202);
        String location = start.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location"));
        String url = (location.startsWith("/") ? base + location : location) + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpResponse<String> put = http.send(request(url, auth).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        expect(put, 201);
        return digest;
    }

    private static HttpRequest.Builder request(String url, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (auth != null) b.header("Authorization", auth);
        return b;
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
