package dev.wharf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A raw HTTP/1.1 client for {@code /v2/} with {@code Authorization: Basic <ECR authorization token>},
 * able to set the Host header (which picks the account's registry) that JDK clients refuse to set.
 */
public final class V2 {
    private final int port;
    private final String host;
    private final String authorizationToken;

    /** @param host the Host header, e.g. {@code 444455556666.dkr.ecr.us-east-1.localhost:5000}; null for 127.0.0.1 */
    public V2(int port, String host, String authorizationToken) {
        this.port = port;
        this.host = host == null ? "127.0.0.1:" + port : host;
        this.authorizationToken = authorizationToken;
    }

    /** A status and a body (the OCI error document when failed). */
    public record Response(int status, String body) {}

    public Response send(String method, String path, String contentType, byte[] body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            if (authorizationToken != null) head.append("Authorization: Basic ").append(authorizationToken).append("\r\n");
            if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            String payload = text.substring(split + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) payload = dechunk(payload);
            return new Response(status, new String(payload.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = s.indexOf("\r\n", i);
            int n = Integer.parseInt(s.substring(i, eol).split(";")[0].trim(), 16);
            if (n == 0) return out.toString();
            out.append(s, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
    }

    /** Pushes a one-layer OCI image as {@code repository:tag}; the status of the first failing step, or 201. */
    public Response pushImage(String repository, String tag) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"tag\":\""
                + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : new byte[][] {config, layer}) {
            Response r = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest(blob), "application/octet-stream", blob);
            if (r.status() != 201) return r;
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + digest(layer) + "\",\"size\":" + layer.length + "}]}";
        return send("PUT", "/v2/" + repository + "/manifests/" + tag, "application/vnd.oci.image.manifest.v1+json",
                manifest.getBytes(StandardCharsets.UTF_8));
    }

    /** GET of a manifest: {@code ecr:BatchGetImage}. */
    public Response pullManifest(String repository, String tag) {
        return send("GET", "/v2/" + repository + "/manifests/" + tag, null, null);
    }

    public static String digest(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
