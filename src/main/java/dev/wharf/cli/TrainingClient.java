package dev.wharf.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The training session's HTTP/1.1 client: one keep-alive connection to the throwaway server over
 * loopback, a request written in one piece, the answer read by its length or its chunks.
 *
 * <p>Not the JDK's {@code HttpClient}: the JVM recording the class-data cache keeps every class the
 * session loads, and a later {@code serve} loads them all as it starts (JEP 483). That client and the
 * TLS set-up it initializes are ~700 classes no server needs, which cost ~30 ms of every warm start
 * (docs/performance.md, "A trained class-data cache"). This one is a handful of small classes.
 */
final class TrainingClient implements AutoCloseable {
    private static final int TIMEOUT_MS = 60_000;
    private static final int MAX_LINE = 64 << 10;
    /** Answers above this are read and dropped (the large blobs); smaller ones are kept for the caller. */
    private static final int MAX_KEPT = 1 << 20;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    record Response(String request, int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TrainingClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The value of the {@code Host} header this client sends (what a signature must cover). */
    String hostHeader() {
        return host + ":" + port;
    }

    /** Sends one request and reads its answer; a connection the server closed is opened again for the next. */
    Response send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        String framing = body == null ? "" : "Content-Length: " + body.length + "\r\n";
        byte[] h = head(method, path, framing, headers);
        byte[] request = h;
        if (body != null && body.length > 0) {
            request = new byte[h.length + body.length];
            System.arraycopy(h, 0, request, 0, h.length);
            System.arraycopy(body, 0, request, h.length, body.length);
        }
        byte[] whole = request;
        return exchange(method, path, o -> o.write(whole));
    }

    /**
     * Sends a body of unknown length as Go's HTTP client does (docker, skopeo, containerd): in chunks
     * of {@code chunkBytes} with {@code Transfer-Encoding: chunked}.
     */
    Response sendChunked(String method, String path, Map<String, String> headers, byte[] body, int chunkBytes) throws IOException {
        byte[] h = head(method, path, "Transfer-Encoding: chunked\r\n", headers);
        return exchange(method, path, o -> {
            o.write(h);
            for (int off = 0; off < body.length; off += chunkBytes) {
                int n = Math.min(chunkBytes, body.length - off);
                o.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                o.write(body, off, n);
                o.write(CRLF);
            }
            o.write(LAST_CHUNK);
        });
    }

    private byte[] head(String method, String path, String framing, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader()).append("\r\n").append(framing);
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private interface RequestWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a request on the connection (opened if need be) and reads its answer; a failure closes the connection. */
    private Response exchange(String method, String path, RequestWriter request) throws IOException {
        if (socket == null) open();
        try {
            request.writeTo(out);
            out.flush();
            return read(method, method + " " + path);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response read(String method, String request) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException(request + ": not an HTTP answer: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            // no body
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (long n; (n = Long.parseLong(stripExtension(line()), 16)) > 0; line()) body(n, body);
            while (!line().isEmpty()) { } // trailers
        } else if (length != null) {
            body(Long.parseLong(length), body);
        } else {
            throw new IOException(request + ": an answer with neither a length nor chunks");
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) close();
        return new Response(request, status, headers, body.toByteArray());
    }

    private void body(long n, ByteArrayOutputStream kept) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 64 << 10)];
        for (long left = n; left > 0; ) {
            int r = in.read(buf, 0, (int) Math.min(left, buf.length));
            if (r < 0) throw new EOFException("the server closed the connection " + left + " bytes before the end of an answer");
            if (kept.size() + r <= MAX_KEPT) kept.write(buf, 0, r);
            left -= r;
        }
    }

    private static String stripExtension(String chunkSize) {
        int semi = chunkSize.indexOf(';');
        return (semi < 0 ? chunkSize : chunkSize.substring(0, semi)).trim();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new EOFException("the server closed the connection");
            if (line.length() >= MAX_LINE) throw new IOException("a header line over " + MAX_LINE + " bytes");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(s.getInputStream(), 64 << 10);
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a connection given up on
            }
            socket = null;
        }
    }
}
