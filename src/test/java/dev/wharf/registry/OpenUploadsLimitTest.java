package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A repository holds at most {@code limits.openUploadsPerRepository} open sessions, on both doors. */
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

    @Test
    void aRepositoryAtItsOpenUploadLimitRefusesANewOneOnBothDoorsUntilOneEnds() throws Exception {
        String first = send("POST", "/v2/cap/full/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        assertThat(send("POST", "/v2/cap/full/blobs/uploads/").statusCode()).isEqualTo(202);

        HttpResponse<String> refused = send("POST", "/v2/cap/full/blobs/uploads/");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("TOOMANYREQUESTS").contains("open uploads");
        try (EcrClient ecr = server.ecr()) {
            assertThatThrownBy(() -> ecr.initiateLayerUpload(r -> r.repositoryName("cap/full")))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("open uploads");
            assertThat(ecr.initiateLayerUpload(r -> r.repositoryName("cap/other")).uploadId()).as("other repositories are unaffected")
                    .isNotBlank();
        }

        assertThat(send("DELETE", first).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/v2/cap/full/blobs/uploads/").statusCode()).isEqualTo(202);
    }

    @Test
    void anAbandonedSessionStopsCountingOnceItExpires() throws Exception {
        Path data = Files.createTempDirectory("wharf-cap");
        try {
            try (TestServer first = TestServer.startOn(data, Map.of("WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "1"))) {
                first.createRepositories("cap/expiring");
                assertThat(post(first).statusCode()).isEqualTo(202);
                assertThat(post(first).statusCode()).isEqualTo(429);
            }
            // start-up removes sessions idle for longer than auth.uploadExpiry (then the maintenance task does, hourly)
            try (TestServer restarted = TestServer.startOn(data, Map.of("WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "1",
                    "WHARF_UPLOAD_EXPIRY", "1ms"))) {
                assertThat(post(restarted).statusCode()).isEqualTo(202);
            }
        } finally {
            TestServer.deleteTree(data);
        }
    }

    private static HttpResponse<String> post(TestServer s) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + "/v2/cap/expiring/blobs/uploads/")).header("Authorization", s.basicAuth())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
