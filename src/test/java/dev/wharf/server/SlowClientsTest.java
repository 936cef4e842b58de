package dev.wharf.server;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and idle clients cannot hold the server: the header-read timeout closes connections that
 * dribble their headers (slowloris), the idle timeout closes silent ones, and the connection cap
 * holds new connections back until one closes. Bounds are generous correctness bounds: these
 * tests check what happens, not how fast.
 */
@Tag("slow") // a stress test of seconds: in bin/test, not in the inner loop (bin/test --fast)
class SlowClientsTest {
    private static final long GENEROUS_MILLIS = 60_000;

    @Test
    void fiveHundredSlowlorisConnectionsNeitherStopHealthNorPullsAndAreClosedByTheHeaderTimeout() throws Exception {
        try (TestServer server = TestServer.start(Map.of("WHARF_HEADER_TIMEOUT", "2s"))) {
            server.createRepositories("slow/app");
            OciClient oci = OciClient.of(server);
            byte[] layer = new byte[64 << 10];
            new Random(7).nextBytes(layer);
            String digest = oci.pushBlob("slow/app", layer);

            List<Socket> slow = new ArrayList<>();
            ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int i = 0; i < 500; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream().write(("GET /v2/ HTTP/1.1\r\nHost: " + server.host() + "\r\nX-Slow: ")
                            .getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                // one more header byte on every connection every 200 ms: never idle, never done
                trickler.scheduleAtFixedRate(() -> {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write('a');
                        } catch (IOException closedByServer) {
                            // expected once the header timeout has struck
                        }
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);

                HttpResponse<byte[]> health = oci.send("GET", "/healthz");
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<byte[]> pull = oci.send("GET", "/v2/slow/app/blobs/" + digest);
                assertThat(pull.statusCode()).isEqualTo(200);
                assertThat(pull.body()).isEqualTo(layer);

                long deadline = System.currentTimeMillis() + GENEROUS_MILLIS;
                int stillOpen = 0;
                for (Socket s : slow) {
                    if (!closedBy(s, deadline)) stillOpen++;
                }
                assertThat(stillOpen).as("slowloris connections the server kept open").isZero();
            } finally {
                trickler.shutdownNow();
                trickler.awaitTermination(10, TimeUnit.SECONDS);
                for (Socket s : slow) s.close();
            }
        }
    }

    @Test
    void aKeptAliveConnectionThatFallsSilentIsClosedByTheIdleTimeout() throws Exception {
        try (TestServer server = TestServer.start(Map.of("WHARF_IDLE_TIMEOUT", "1s"));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");

            assertThat(closedBy(s, System.currentTimeMillis() + GENEROUS_MILLIS)).as("closed by the idle timeout").isTrue();
        }
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        try (TestServer server = TestServer.start(Map.of("WHARF_MAX_CONNECTIONS", "3", "WHARF_HEADER_TIMEOUT", "10m"))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream().write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    held.add(s);
                }
                awaitAccepted(server, held);
                try (Socket fourth = new Socket("127.0.0.1", server.port())) {
                    fourth.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: " + server.host() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    fourth.setSoTimeout(500);
                    // Whatever the machine's speed, a working cap never answers here; a missing cap answers at once.
                    assertThat(readOrTimeout(fourth.getInputStream())).as("answered beyond the cap").isEmpty();

                    held.removeFirst().close();
                    fourth.setSoTimeout((int) GENEROUS_MILLIS);
                    assertThat(readResponse(fourth.getInputStream())).startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket s : held) s.close();
            }
        }
    }

    /** The held connections are the server's (accepted), not waiting in the kernel's queue: each finishes one request. */
    private static void awaitAccepted(TestServer server, List<Socket> held) throws IOException {
        for (Socket s : held) {
            s.getOutputStream().write(("Host: " + server.host() + "\r\n\r\nGET /healthz HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout((int) GENEROUS_MILLIS);
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    /** True when the server closed the connection (end of stream or reset) before the deadline. */
    private static boolean closedBy(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return false;
            s.setSoTimeout((int) Math.max(1, left));
            try {
                if (in.read(buf) < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    /** One response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
        return head.toString();
    }

    private static String readOrTimeout(InputStream in) throws IOException {
        try {
            byte[] b = new byte[256];
            int n = in.read(b);
            return n < 0 ? "" : new String(b, 0, n, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "";
        }
    }
}
