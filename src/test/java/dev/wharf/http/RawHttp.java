package dev.wharf.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a response off a raw socket, for the transfer tests that need a client of their own shape. */
final class RawHttp {
    private RawHttp() {}

    /** The status line and headers, up to and including the empty line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            assertThat(b).isNotNegative();
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Exactly {@code length} bytes of body, read at most {@code step} at a time (a slow reader). */
    static byte[] readBody(InputStream in, int length, int step) throws IOException {
        byte[] body = new byte[length];
        int got = 0;
        while (got < length) {
            int n = in.read(body, got, Math.min(step, length - got));
            assertThat(n).isPositive();
            got += n;
        }
        return body;
    }

    /**
     * GETs {@code target} twice on one connection whose receive window is 4 KiB, reading the body
     * 1,000 bytes at a time (a slow reader), and checks each response is 200 with exactly
     * {@code expected}: the server must resume a full socket many times and keep the connection.
     */
    static void getTwiceThroughATinyWindow(int port, String target, byte[] expected) throws IOException {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int round = 0; round < 2; round++) {
                out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readHead(in)).startsWith("HTTP/1.1 200").contains("Content-Length: " + expected.length);
                assertThat(Arrays.equals(readBody(in, expected.length, 1000), expected)).isTrue();
            }
        }
    }
}
