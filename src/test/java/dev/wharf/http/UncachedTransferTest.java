package dev.wharf.http;

import dev.wharf.testing.Await;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Exchange#sendFile} of a file that is not in the page cache (as a large upload leaves its
 * blob): the bytes are read around the cache ({@link UncachedReads}) and arrive intact, whole and by
 * ranges at every alignment, on the sendfile connector and on a plain one; a file in the cache, and
 * a region too small for the check, still go by sendfile; clients that leave in the middle give
 * back what their transfers held.
 */
class UncachedTransferTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 9 * MIB + 4321;
    private static Server jetty;
    private static SendfileConnector sendfile;
    private static ServerConnector plain;
    private static byte[] content;
    private static Path uncached;
    private static Path cached;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** GET /FILE?offset=N&length=M sends those bytes of FILE ("uncached" or "cached"). */
    @BeforeAll
    static void serve(@TempDir Path dir) throws Exception {
        content = new byte[SIZE];
        new Random(5).nextBytes(content);
        uncached = writeAroundTheCache(dir.resolve("uncached"), content);
        cached = Files.write(dir.resolve("cached"), content);
        jetty = new Server();
        sendfile = new SendfileConnector(jetty, new HttpConnectionFactory());
        plain = new ServerConnector(jetty, new HttpConnectionFactory());
        for (ServerConnector c : new ServerConnector[] {sendfile, plain}) {
            c.setHost("127.0.0.1");
            c.setPort(0);
            jetty.addConnector(c);
        }
        jetty.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Exchange ex = new Exchange(request, response);
                Path file = request.getHttpURI().getPath().equals("/cached") ? cached : uncached;
                long length = Long.parseLong(ex.query("length"));
                ex.status(200);
                ex.header("Content-Length", length);
                try {
                    ex.sendFile(file, Long.parseLong(ex.query("offset")), length);
                    callback.succeeded();
                } catch (RuntimeException e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        jetty.start();
        try (FileChannel ch = FileChannel.open(uncached)) {
            assumeTrue(UncachedReads.uncached(ch, 0, SIZE), "this filesystem keeps O_DIRECT writes in the page cache");
        }
    }

    /** The file written with O_DIRECT from an aligned buffer, so that none of its pages is cached. */
    private static Path writeAroundTheCache(Path file, byte[] bytes) throws IOException {
        int padded = (bytes.length + UncachedReads.ALIGN - 1) / UncachedReads.ALIGN * UncachedReads.ALIGN;
        ByteBuffer b = ByteBuffer.allocateDirect(padded + UncachedReads.ALIGN).alignedSlice(UncachedReads.ALIGN);
        b.put(bytes).position(0).limit(padded);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
            while (b.hasRemaining()) ch.write(b, b.position());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(bytes.length);
        }
        return file;
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static HttpResponse<byte[]> get(ServerConnector c, String file, long offset, long length) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + c.getLocalPort() + "/" + file + "?offset=" + offset + "&length=" + length);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertBytes(HttpResponse<byte[]> r, long offset, long length) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize((int) length);
        assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(content, (int) offset, (int) (offset + length)))).isTrue();
    }

    /** What each path sent since the counts {@code before}, once the counts reach {@code expected} (or 10 s pass). */
    private static long[] sentSince(long[] before, long expected) {
        Await.until(Duration.ofSeconds(10), "the counts to settle", () -> total(counts()) - total(before) >= expected);
        long[] now = counts();
        return new long[] {now[0] - before[0], now[1] - before[1]};
    }

    private static long[] counts() {
        return new long[] {UncachedReads.sentBytes(), sendfile.transferredBytes()};
    }

    private static long total(long[] c) {
        return c[0] + c[1];
    }

    @Test
    void aWholeUncachedFileIsReadAroundTheCacheOnBothConnectorsAndStaysUncached() throws Exception {
        for (ServerConnector c : new ServerConnector[] {sendfile, plain}) {
            long[] before = counts();
            assertBytes(get(c, "uncached", 0, SIZE), 0, SIZE);
            assertThat(sentSince(before, SIZE)).containsExactly(SIZE, 0);
        }
        try (FileChannel ch = FileChannel.open(uncached)) {
            assertThat(UncachedReads.uncached(ch, 0, SIZE)).isTrue();
        }
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 4194304",          // the smallest region checked, aligned
            "1, 4194304",          // one byte past an aligned start
            "65535, 4194306",      // across every chunk boundary, unaligned at both ends
            "1048576, 5242880",    // chunk-aligned at both ends
            "4195983, 5242880",    // to the file's last byte (SIZE - 5 MiB)
            "3145745, 6291456",    // ends 17 bytes into a chunk's last block
    })
    void aRangeOfAnUncachedFileHasExactlyItsBytes(long offset, long length) throws Exception {
        long[] before = counts();
        assertBytes(get(sendfile, "uncached", offset, length), offset, length);
        assertThat(sentSince(before, length)).containsExactly(length, 0);
    }

    @Test
    void aCachedFileGoesBySendfile() throws Exception {
        long[] before = counts();
        assertBytes(get(sendfile, "cached", 0, SIZE), 0, SIZE);
        assertThat(sentSince(before, SIZE)).containsExactly(0, SIZE);
    }

    @Test
    void clientsThatLeaveInTheMiddleGiveBackWhatTheirTransfersHeld() throws Exception {
        for (int i = 0; i < 12; i++) { // more than the transfers that may hold buffers at once
            try (Socket s = new Socket("127.0.0.1", sendfile.getLocalPort())) {
                s.getOutputStream().write(("GET /uncached?offset=0&length=" + SIZE + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readNBytes(200_000);
            }
        }
        // the servers' sides of those transfers end when their writes fail; then a GET goes around the
        // cache again (a count can trail its bytes: the next round's difference then holds it too)
        Await.until(Duration.ofSeconds(20), "a whole GET read around the cache after the abandoned transfers", () -> {
            long[] before = counts();
            try {
                assertBytes(get(sendfile, "uncached", 0, SIZE), 0, SIZE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            long[] now = counts();
            return now[0] - before[0] >= SIZE && now[1] == before[1];
        });
    }
}
