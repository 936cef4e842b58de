package dev.wharf.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
}
