package dev.wharf.oci;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs larger than the server's send buffer (256 KiB) and upload write buffer (up to 1 MiB) go
 * through intact, whole and by byte ranges that straddle buffer boundaries.
 */
@WharfTest
class LargeBlobTransferTest {
    private static final int SIZE = 3 * (1 << 20) + 12_345;
    private static TestServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String auth;
    private static byte[] blob;
    private static String digest;

    @BeforeAll
    static void pushOneLargeBlob(TestServer s) throws Exception {
        server = s;
        try (EcrClient ecr = server.ecr()) {
            ecr.createRepository(r -> r.repositoryName("big/app"));
            auth = "Basic " + ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
        }
        blob = new byte[SIZE];
        new Random(7).nextBytes(blob);
        digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        HttpResponse<String> start = HTTP.send(request("/v2/big/app/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patch = HTTP.send(request(location).method("PATCH", HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(blob))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode()).isEqualTo(202);
        HttpResponse<String> put = HTTP.send(request(location + "?digest=" + digest).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(201);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", auth);
    }

    @Test
    void aLargeBlobPushedInOneStreamedChunkIsReadBackWhole() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(request("/v2/big/app/blobs/" + digest).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(Arrays.equals(r.body(), blob)).isTrue();
    }

    @ParameterizedTest(name = "bytes={0}-{1}")
    @CsvSource({"0, 0", "100, 300000", "262143, 262144", "262144, 1048576", "1048575, 3158072"})
    void aRangeAcrossSendBufferBoundariesHasExactlyItsBytes(int first, int last) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(request("/v2/big/app/blobs/" + digest).header("Range", "bytes=" + first + "-" + last).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(Arrays.equals(r.body(), Arrays.copyOfRange(blob, first, last + 1))).isTrue();
    }
}
