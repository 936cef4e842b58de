package dev.wharf.http;

import dev.wharf.testing.Await;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
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
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Exchange#sendFile} on a {@link SendfileConnector}: file bytes go to the socket with
 * sendfile (the connector counts them), intact, whole and by ranges, to fast and slow readers, and
 * a connection carries further requests after one; small files are copied as before.
 */
class SendfileTransferTest {
    private static final int SIZE = 5 * (1 << 20) + 4321;
    private static Server jetty;
    private static SendfileConnector connector;
    private static byte[] content;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** GET /?offset=N&length=M sends those bytes of the file. */
    @BeforeAll
    static void serveOneFile(@TempDir Path dir) throws Exception {
        content = new byte[SIZE];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("blob"), content);
        jetty = new Server();
        connector = new SendfileConnector(jetty, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new FileRangeHandler(request -> file));
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static HttpResponse<byte[]> get(long offset, long length) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/?offset=" + offset + "&length=" + length);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aWholeFileArrivesIntactAndEveryByteWentThroughSendfile() throws Exception {
        long before = connector.transferredBytes();
        HttpResponse<byte[]> r = get(0, SIZE);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(Arrays.equals(r.body(), content)).isTrue();
        assertThat(transferredSince(before, SIZE)).isEqualTo(SIZE);
    }

    /**
     * Bytes sent by sendfile since {@code before}. The server counts a transfer after transferTo
     * returns, which can be after the client has read the last byte: wait (bounded) for the count
     * to reach {@code expected} before reading it, so the assertion sees the finished count.
     */
    private static long transferredSince(long before, long expected) {
        Await.until(Duration.ofSeconds(10), "the sendfile count to settle", () -> connector.transferredBytes() - before >= expected);
        return connector.transferredBytes() - before;
    }

    @ParameterizedTest(name = "offset {0}, length {1}: {2} bytes by sendfile")
    @CsvSource({
            "0, 1, 0",               // small: copied through a buffer
            "100, 262143, 0",
            "0, 262144, 262144",     // from 256 KiB on: sendfile
            "262143, 1048577, 1048577",
            "4000000, 1246641, 1246641",  // to the file's last byte
    })
    void aRangeHasExactlyItsBytes(long offset, int length, long bySendfile) throws Exception {
        long before = connector.transferredBytes();
        HttpResponse<byte[]> r = get(offset, length);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(content, (int) offset, (int) offset + length))).isTrue();
        assertThat(transferredSince(before, bySendfile)).isEqualTo(bySendfile);
    }

    @Test
    void aSlowReaderWithATinyWindowGetsEveryByteAndTheConnectionCarriesTheNextRequest() throws Exception {
        RawHttp.getTwiceThroughATinyWindow(connector.getLocalPort(), "/?offset=7&length=" + (SIZE - 7), Arrays.copyOfRange(content, 7, SIZE));
    }

    @Test
    void aClientThatLeavesInTheMiddleOfATransferLeavesTheServerServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", connector.getLocalPort())) {
            s.getOutputStream().write(("GET /?offset=0&length=" + SIZE + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.readHead(s.getInputStream());
            s.getInputStream().readNBytes(100_000);
        }
        HttpResponse<byte[]> r = get(0, SIZE);
        assertThat(Arrays.equals(r.body(), content)).isTrue();
    }
}
