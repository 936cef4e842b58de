package dev.wharf.registry;

import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A repository holds at most {@code limits.openUploadsPerRepository} open sessions that hold bytes, on both doors: a session
 * is born without a row and counts from its first chunk on (docs/design.md, "Upload sessions").
 */
class OpenUploadsLimitTest {
    private static TestServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "2"));
        server.createRepositories("cap/full", "cap/other");
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", server.basicAuth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST, then a first chunk: a session holds bytes (and counts) from its first chunk on (docs/design.md, "Upload sessions"). */
    private static HttpResponse<String> startWithAChunk(TestServer s, String repo) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/v2/" + repo + "/blobs/uploads/"))
                .header("Authorization", s.basicAuth()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as("a session without bytes is never refused").isEqualTo(202);
        return chunk(s, started.headers().firstValue("Location").orElseThrow());
    }

    private static HttpResponse<String> chunk(TestServer s, String location) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + location)).header("Authorization", s.basicAuth())
                .header("Content-Type", "application/octet-stream").header("Content-Range", "0-4")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray("bytes".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRepositoryAtItsOpenUploadLimitRefusesTheFirstChunkOfAnotherOnBothDoorsUntilOneEnds() throws Exception {
        HttpResponse<String> first = startWithAChunk(server, "cap/full");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(startWithAChunk(server, "cap/full").statusCode()).isEqualTo(202);

        String waiting = send("POST", "/v2/cap/full/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        HttpResponse<String> refused = chunk(server, waiting);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("TOOMANYREQUESTS").contains("open uploads");
        try (EcrClient ecr = server.ecr()) {
            String id = ecr.initiateLayerUpload(r -> r.repositoryName("cap/full")).uploadId();
            assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName("cap/full").uploadId(id).partFirstByte(0L).partLastByte(4L)
                    .layerPartBlob(SdkBytes.fromUtf8String("bytes"))))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("open uploads");
            String other = ecr.initiateLayerUpload(r -> r.repositoryName("cap/other")).uploadId();
            assertThat(ecr.uploadLayerPart(r -> r.repositoryName("cap/other").uploadId(other).partFirstByte(0L).partLastByte(4L)
                    .layerPartBlob(SdkBytes.fromUtf8String("bytes"))).lastByteReceived()).as("other repositories are unaffected").isEqualTo(4L);
        }

        assertThat(send("DELETE", first.headers().firstValue("Location").orElseThrow()).statusCode()).isEqualTo(204);
        assertThat(chunk(server, waiting).statusCode()).as("the refused session was left as it was").isEqualTo(202);
    }

    @Test
    void anAbandonedSessionStopsCountingOnceItExpires() throws Exception {
        Path data = Files.createTempDirectory("wharf-cap");
        try {
            try (TestServer first = TestServer.startOn(data, Map.of("WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "1"))) {
                first.createRepositories("cap/expiring");
                assertThat(startWithAChunk(first, "cap/expiring").statusCode()).isEqualTo(202);
                assertThat(startWithAChunk(first, "cap/expiring").statusCode()).isEqualTo(429);
            }
            // start-up removes sessions idle for longer than auth.uploadExpiry (then the maintenance task does, hourly)
            MutableClock later = new MutableClock();
            later.advance(Duration.ofMinutes(10)); // within the request signatures' 15 minutes of skew
            try (TestServer restarted = TestServer.startOn(data, Map.of("WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "1",
                    "WHARF_UPLOAD_EXPIRY", "5m"), later)) {
                assertThat(startWithAChunk(restarted, "cap/expiring").statusCode()).isEqualTo(202);
            }
        } finally {
            TestServer.deleteTree(data);
        }
    }
}
