package dev.wharf.http;

import dev.wharf.testing.Await;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Exchange#sendFile} on Jetty's own connector (sendfile off, or TLS): the bytes are copied
 * through pooled 1 MiB buffers, two at a time for a region larger than one (the next part read
 * while the last is written), or through one small buffer once {@link CopyBuffers}' budget is spent. Whole files and ranges at the buffers' edges arrive intact, to fast
 * and slow readers; clients that leave in the middle of a transfer, while others read other files
 * from the same pool, cost no one a byte: a buffer still being written is never handed to another
 * request (the slow reader shows it: reading into the buffer being written garbles its bytes).
 */
class CopiedTransferTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 3 * MIB + 4321;
    private static Server jetty;
    private static ServerConnector connector;
    private static final byte[][] contents = new byte[2][];
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** GET /?file=K&offset=N&length=M sends those bytes of file K (0 or 1), through a pool made as the server makes it. */
    @BeforeAll
    static void serveTwoFiles(@TempDir Path dir) throws Exception {
        Path[] files = new Path[2];
        for (int k = 0; k < 2; k++) {
            contents[k] = new byte[SIZE];
            new Random(31 + k).nextBytes(contents[k]);
            files[k] = Files.write(dir.resolve("blob" + k), contents[k]);
        }
        jetty = new Server(new QueuedThreadPool(32), null, new ArrayByteBufferPool.Quadratic(0, MIB, Integer.MAX_VALUE, 16L * MIB, 32L * MIB));
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new FileRangeHandler(request -> files[Integer.parseInt(new Exchange(request, null).query("file"))]));
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static HttpResponse<byte[]> get(int file, long offset, long length) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/?file=" + file + "&offset=" + offset + "&length=" + length);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 3149749",           // the whole file: four buffers, the last one short
            "0, 1",
            "0, 1048576",           // exactly one buffer: one blocking write
            "0, 1048577",           // one byte more: two buffers in turn
            "1048575, 2097154",     // from a buffer's last byte to past the next edge
            "7, 3149742",           // to the file's last byte from an odd offset
    })
    void aRangeHasExactlyItsBytes(long offset, int length) throws Exception {
        HttpResponse<byte[]> r = get(1, offset, length);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(length);
        assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(contents[1], (int) offset, (int) offset + length))).isTrue();
    }

    @Test
    void aSlowReaderWithATinyWindowGetsEveryByteAndTheConnectionCarriesTheNextRequest() throws Exception {
        RawHttp.getTwiceThroughATinyWindow(connector.getLocalPort(), "/?file=0&offset=3&length=" + (SIZE - 3), Arrays.copyOfRange(contents[0], 3, SIZE));
    }

    @Test
    void clientsLeavingInTheMiddleCostTheOthersNoByte() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<Boolean>> whole = new ArrayList<>();
            List<Future<?>> leaving = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 6; i++) {
                    leaving.add(threads.submit(() -> {
                        try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
                            s.setReceiveBufferSize(8192);
                            s.getOutputStream().write(("GET /?file=0&offset=0&length=" + SIZE + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            RawHttp.readHead(s.getInputStream());
                            s.getInputStream().readNBytes(50_000);
                        }
                        return null;
                    }));
                    whole.add(threads.submit(() -> Arrays.equals(get(1, 0, SIZE).body(), contents[1])));
                }
            }
            for (Future<?> f : leaving) f.get(60, TimeUnit.SECONDS);
            for (Future<Boolean> f : whole) assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            threads.shutdownNow();
        }
        HttpResponse<byte[]> after = get(0, 0, SIZE);
        assertThat(Arrays.equals(after.body(), contents[0])).isTrue();
    }

    @Test
    void whenTheBudgetOfLargeBuffersIsSpentATransferStillSendsEveryByteThroughASmallOne() throws Exception {
        List<CopyBuffers.Lease> held = new ArrayList<>();
        try {
            while (Exchange.COPY_BUFFERS.largeFree() > 0) held.add(Exchange.COPY_BUFFERS.lease(jetty.getByteBufferPool(), 3L * MIB));
            HttpResponse<byte[]> r = get(1, 5, SIZE - 5);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(contents[1], 5, SIZE))).isTrue();
        } finally {
            for (CopyBuffers.Lease lease : held) for (int k = 0; k < lease.size(); k++) lease.release(k);
        }
        // every transfer gives its budget back (one of an earlier test's leaving clients may still be ending)
        Await.until(Duration.ofSeconds(10), "the copy budget to be whole again", () -> Exchange.COPY_BUFFERS.largeFree() == CopyBuffers.LARGE_BUFFERS);
    }
}
