package dev.wharf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Raw OCI Distribution API requests over {@link HttpClient} (HTTP/1.1), authenticated with a
 * registry password, for tests that must see every status and header as a client does.
 */
public final class OciClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    public OciClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** A client of the server, logged in as its account root. */
    public static OciClient of(TestServer server) {
        return new OciClient(server.url(), server.basicAuth());
    }

    /**
     * Sends one request. {@code headers} may carry {@code Authorization} (an empty value sends
     * none); a null body sends no body, a stream body is sent chunked.
     */
    public HttpResponse<byte[]> send(String method, String path, Map<String, String> headers, Object body) {
        HttpRequest.BodyPublisher publisher = switch (body) {
            case null -> HttpRequest.BodyPublishers.noBody();
            case byte[] b -> HttpRequest.BodyPublishers.ofByteArray(b);
            case String s -> HttpRequest.BodyPublishers.ofString(s);
            case InputStream in -> HttpRequest.BodyPublishers.ofInputStream(() -> in);
            default -> throw new IllegalArgumentException("body must be bytes, a string or a stream");
        };
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .method(method, publisher).timeout(Duration.ofSeconds(60));
        String auth = headers.getOrDefault("Authorization", authorization);
        if (!auth.isEmpty()) b.header("Authorization", auth);
        headers.forEach((k, v) -> {
            if (!k.equals("Authorization")) b.header(k, v);
        });
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> send(String method, String path) {
        return send(method, path, Map.of(), null);
    }

    /** Pushes a blob monolithically ({@code POST ?digest=}) and returns its sha256 digest. */
    public String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest,
                Map.of("Content-Type", "application/octet-stream"), content);
        expect(r, 201);
        return digest;
    }

    /** Puts a manifest under a tag or digest and returns its sha256 digest. */
    public String putManifest(String repository, String reference, String mediaType, byte[] manifest) {
        HttpResponse<byte[]> r = send("PUT", "/v2/" + repository + "/manifests/" + reference,
                Map.of("Content-Type", mediaType), manifest);
        expect(r, 201);
        return sha256(manifest);
    }

    public static void expect(HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode()
                    + " (expected " + status + "): " + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    public static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    public static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
