import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's small-image pusher: pushes N single-layer images (a 4 KiB random layer and a
 * small config) over raw HTTP/1.1 the way a registry client does — per blob POST /blobs/uploads/
 * then PUT ?digest= with the bytes (OCI distribution-spec "POST then PUT"), then PUT the
 * manifest by tag — sequentially over one keep-alive connection. Prints one line:
 * {@code images=N errors=E seconds=S}.
 *
 * <p>It speaks HTTP on a plain socket, one thread, each request written in one piece: the JDK's
 * {@code HttpClient} it used before spent 11–12.6 ms of its own per image here (several thread
 * hand-offs per request, each a wake-up on these VMs), more than some servers spend, so the
 * figure measured the client as much as the server (docs/performance.md, "Small pushes: a client
 * that costs less"). Every read has a timeout, so the run is bounded; a connection the server
 * closes is opened again.
 *
 * <pre>java SmallPushes.java BASE_URL AUTH_HEADER_VALUE_OR_- REPOSITORY COUNT</pre>
 * Run as a single-file source program (JDK ≥ 21); it is not part of the Wharf build.
 */
public final class SmallPushes {
    private static final int TIMEOUT_MS = 30_000;
    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!"http".equals(base.getScheme())) throw new IllegalArgumentException("only http:// is supported: " + args[0]);
        String auth = args[1].equals("-") ? null : args[1];
        String repo = args[2];
        int count = Integer.parseInt(args[3]);
        SecureRandom random = new SecureRandom();
        int errors = 0;
        try (Connection http = new Connection(base.getHost(), base.getPort() < 0 ? 80 : base.getPort(), auth)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                try {
                    byte[] layer = new byte[4096];
                    random.nextBytes(layer);
                    String layerDigest = pushBlob(http, repo, layer);
                    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                            + layerDigest + "\"]},\"config\":{\"Labels\":{\"n\":\"" + i + "-" + System.nanoTime() + "\"}}}")
                            .getBytes(StandardCharsets.UTF_8);
                    String configDigest = pushBlob(http, repo, config);
                    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                            + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                            + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
                    http.send("PUT", "/v2/" + repo + "/manifests/t" + i, MANIFEST, manifest).expect(201);
                } catch (Exception e) {
                    if (++errors <= 3) System.err.println("push " + i + " failed: " + e.getMessage());
                    http.reset();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("images=%d errors=%d seconds=%.3f%n", count, errors, seconds);
        }
    }

    private static String pushBlob(Connection http, String repo, byte[] bytes) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Response start = http.send("POST", "/v2/" + repo + "/blobs/uploads/", null, new byte[0]).expect(202);
        String location = start.headers.get("location");
        if (location == null) throw new IllegalStateException("POST /blobs/uploads/ answered 202 without a Location");
        URI target = URI.create(location);
        String path = target.getRawPath() + (target.getRawQuery() == null ? "?" : "?" + target.getRawQuery() + "&");
        http.send("PUT", path + "digest=" + digest, "application/octet-stream", bytes).expect(201);
        return digest;
    }

    private record Response(String request, int status, Map<String, String> headers, byte[] body) {
        Response expect(int wanted) {
            if (status != wanted) {
                throw new IllegalStateException(request + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
            }
            return this;
        }
    }

    /** One keep-alive HTTP/1.1 connection; opened on first use and again after the server closes it. */
    private static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private final String auth;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port, String auth) {
            this.host = host;
            this.port = port;
            this.auth = auth;
        }

        Response send(String method, String path, String contentType, byte[] body) throws IOException {
            if (socket == null) open();
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            if (auth != null) head.append("Authorization: ").append(auth).append("\r\n");
            if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
            byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[h.length + body.length];
            System.arraycopy(h, 0, request, 0, h.length);
            System.arraycopy(body, 0, request, h.length, body.length);
            out.write(request);
            out.flush();
            return read(method + " " + path);
        }

        private Response read(String request) throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP response: " + statusLine);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            String length = headers.get("content-length");
            if (status == 204 || status == 304 || status / 100 == 1) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (length != null) {
                int n = Integer.parseInt(length);
                if (n > MAX_BODY_BYTES) throw new IOException(request + ": a body of " + n + " bytes");
                body = in.readNBytes(n);
                if (body.length != n) throw new EOFException(request + ": the body ended after " + body.length + " of " + n + " bytes");
            } else {
                body = in.readNBytes(MAX_BODY_BYTES);
                reset();
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) reset();
            return new Response(request, status, headers, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) { }
                    return body.toByteArray();
                }
                if (body.size() + n > MAX_BODY_BYTES) throw new IOException("a chunked body over " + MAX_BODY_BYTES + " bytes");
                byte[] chunk = in.readNBytes(n);
                if (chunk.length != n) throw new EOFException("a chunk ended early");
                body.write(chunk);
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) throw new EOFException("the server closed the connection");
                if (line.length() >= MAX_HEADER_BYTES) throw new IOException("a header line over " + MAX_HEADER_BYTES + " bytes");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
            out = socket.getOutputStream();
        }

        void reset() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a connection we give up on
                }
            }
            socket = null;
        }

        @Override
        public void close() {
            reset();
        }
    }
}
