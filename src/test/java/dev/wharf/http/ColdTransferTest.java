package dev.wharf.http;

import dev.wharf.testing.Await;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Exchange#sendFile} of a file that is not in the page cache (as a large upload leaves its
 * blob): the server reads each step into the cache ahead of sendfile ({@link ColdReads}), the bytes
 * arrive intact, whole and by ranges at every alignment, every one of them by sendfile, and the file
 * is in the cache afterwards, so the next GET reads nothing ahead; clients that leave in the middle
 * give back what their transfers held. Copied instead (Jetty's own connector) with server.readAhead
 * on, a cold region is announced to the kernel ahead of the copy ({@link ReadAhead}), every byte of it
 * once, and the kernel reads what it was told and no further; with it off (the default), nothing is
 * announced and the bytes arrive all the same.
 */
class ColdTransferTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 19 * MIB + 4321; // two steps and part of a third
    private static final int ALIGN = 64 << 10;
    private static Server jetty;
    private static SendfileConnector sendfile;
    private static ServerConnector plain;
    private static byte[] content;
    private static Path dir;
    private static int files;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** GET /NAME?offset=N&length=M sends those bytes of the file NAME; read-ahead is on unless the query also says ahead=off. */
    @BeforeAll
    static void serve(@TempDir Path tmp) throws Exception {
        dir = tmp;
        content = new byte[SIZE];
        new Random(5).nextBytes(content);
        jetty = new Server();
        sendfile = new SendfileConnector(jetty, new HttpConnectionFactory());
        plain = new ServerConnector(jetty, new HttpConnectionFactory());
        for (ServerConnector c : new ServerConnector[] {sendfile, plain}) {
            c.setHost("127.0.0.1");
            c.setPort(0);
            jetty.addConnector(c);
        }
        jetty.setHandler(new FileRangeHandler(request -> dir.resolve(request.getHttpURI().getPath().substring(1)),
                request -> !request.getHttpURI().getQuery().contains("ahead=off")));
        jetty.start();
        assumeTrue(cold(coldFile()), "this filesystem keeps O_DIRECT writes in the page cache");
    }

    /** A new file of the content, written with O_DIRECT from an aligned buffer so that none of its pages is cached. */
    private static String coldFile() throws IOException {
        String name = "cold-" + files++;
        int padded = (SIZE + ALIGN - 1) / ALIGN * ALIGN;
        ByteBuffer b = ByteBuffer.allocateDirect(padded + ALIGN).alignedSlice(ALIGN);
        b.put(content).position(0).limit(padded);
        Path file = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
            while (b.hasRemaining()) ch.write(b, b.position());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(SIZE);
        }
        return name;
    }

    private static boolean cold(String name) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(name))) {
            return cold(ch, 0, SIZE);
        }
    }

    /** Whether any page of {@code [pos, pos + length)} of the open file is absent from the page cache. */
    private static boolean cold(FileChannel ch, long pos, long length) {
        try {
            return ColdReads.cold(ch.map(FileChannel.MapMode.READ_ONLY, pos, length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static HttpResponse<byte[]> get(ServerConnector c, String file, long offset, long length) throws Exception {
        return get(c, file, offset, length, "");
    }

    private static HttpResponse<byte[]> get(ServerConnector c, String file, long offset, long length, String more) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + c.getLocalPort() + "/" + file + "?offset=" + offset + "&length=" + length + more);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertBytes(HttpResponse<byte[]> r, long offset, long length) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize((int) length);
        assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(content, (int) offset, (int) (offset + length)))).isTrue();
    }

    /** Bytes {read ahead, sent by sendfile} since {@code before}, once sendfile's count reaches {@code sent} (it can trail the client). */
    private static long[] since(long[] before, long sent) {
        Await.until(Duration.ofSeconds(10), "the sendfile count to settle", () -> counts()[1] - before[1] >= sent);
        long[] now = counts();
        return new long[] {now[0] - before[0], now[1] - before[1]};
    }

    private static long[] counts() {
        return new long[] {ColdReads.pagedInBytes(), sendfile.transferredBytes()};
    }

    @Test
    void aColdFileIsReadAheadOfSendfileAndIsInTheCacheAfterwards() throws Exception {
        String name = coldFile();
        long[] before = counts();
        assertBytes(get(sendfile, name, 0, SIZE), 0, SIZE);
        assertThat(since(before, SIZE)).containsExactly(SIZE, SIZE);
        assertThat(cold(name)).isFalse();

        before = counts();
        assertBytes(get(sendfile, name, 0, SIZE), 0, SIZE);
        assertThat(since(before, SIZE)).containsExactly(0, SIZE);
    }

    @Test
    void aColdFileOnAPlainConnectorArrivesIntact() throws Exception {
        String name = coldFile();
        assertBytes(get(plain, name, 0, SIZE), 0, SIZE);
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 4194304",          // the smallest region checked
            "1, 8388608",          // one step, one byte past the start
            "65535, 16777218",     // across the step boundaries, unaligned at both ends
            "8388608, 8388608",    // exactly the second step
            "1052897, 18874368",   // to the file's last byte (18 MiB)
    })
    void aRangeOfAColdFileHasExactlyItsBytes(long offset, long length) throws Exception {
        String name = coldFile();
        long[] before = counts();
        assertBytes(get(sendfile, name, offset, length), offset, length);
        assertThat(since(before, length)).containsExactly(length, length);
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 4194304",          // the smallest region announced
            "65535, 16777218",     // more than the window, unaligned at both ends
            "1052897, 18874368",   // to the file's last byte
    })
    void aCopiedRangeOfAColdFileIsAnnouncedOnceAndArrivesIntact(long offset, long length) throws Exception {
        assumeTrue(ReadAhead.available(), "this JVM cannot advise the kernel (JDK 21, or not Linux)");
        String name = coldFile();
        long before = ReadAhead.advisedBytes();
        assertBytes(get(plain, name, offset, length), offset, length);
        assertThat(ReadAhead.advisedBytes() - before).isEqualTo(length);
    }

    @Test
    void withReadAheadOffACopiedColdRangeIsNotAnnouncedAndArrivesIntact() throws Exception {
        assumeTrue(ReadAhead.available(), "this JVM cannot advise the kernel (JDK 21, or not Linux)");
        String name = coldFile();
        long before = ReadAhead.advisedBytes();
        assertBytes(get(plain, name, 65535, 16777218, "&ahead=off"), 65535, 16777218);
        assertThat(ReadAhead.advisedBytes() - before).isZero();
    }

    @Test
    void aCopiedRegionUnderTheThresholdIsNotAnnounced() throws Exception {
        assumeTrue(ReadAhead.available(), "this JVM cannot advise the kernel (JDK 21, or not Linux)");
        String name = coldFile();
        long before = ReadAhead.advisedBytes();
        assertBytes(get(plain, name, 0, ReadAhead.MIN_LENGTH - 1), 0, ReadAhead.MIN_LENGTH - 1);
        assertThat(ReadAhead.advisedBytes() - before).isZero();
    }

    @Test
    void theKernelReadsTheAnnouncedWindowAndNoFurther() throws Exception {
        assumeTrue(ReadAhead.available(), "this JVM cannot advise the kernel (JDK 21, or not Linux)");
        String name = coldFile();
        Path file = dir.resolve(name);
        try (ReadAhead ahead = ReadAhead.open(file, 0, SIZE); FileChannel ch = FileChannel.open(file)) {
            ahead.reached(0);
            Await.until(Duration.ofSeconds(10), "the announced window in the page cache",
                    () -> !cold(ch, 0, ReadAhead.AHEAD));
            long past = ReadAhead.AHEAD + ReadAhead.PIECE;
            assertThat(cold(ch, past, SIZE - past)).isTrue();
        }
    }

    @Test
    void aRegionUnderTheThresholdGoesBySendfileAlone() throws Exception {
        String name = coldFile();
        long[] before = counts();
        assertBytes(get(sendfile, name, 0, ColdReads.MIN_LENGTH - 1), 0, ColdReads.MIN_LENGTH - 1);
        assertThat(since(before, ColdReads.MIN_LENGTH - 1)).containsExactly(0, ColdReads.MIN_LENGTH - 1);
    }

    @Test
    void clientsThatLeaveInTheMiddleGiveBackWhatTheirTransfersHeld() throws Exception {
        for (int i = 0; i < 12; i++) { // more than the transfers that may hold a buffer at once
            try (Socket s = new Socket("127.0.0.1", sendfile.getLocalPort())) {
                s.getOutputStream().write(("GET /" + coldFile() + "?offset=0&length=" + SIZE + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().readNBytes(200_000);
            }
        }
        // the servers' sides of those transfers end when their writes fail; then a cold file is read ahead again
        Await.until(Duration.ofSeconds(20), "a cold file read ahead of sendfile after the abandoned transfers", () -> {
            try {
                String name = coldFile();
                long before = ColdReads.pagedInBytes();
                assertBytes(get(sendfile, name, 0, SIZE), 0, SIZE);
                return ColdReads.pagedInBytes() - before == SIZE;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
