package dev.wharf.metrics;

import dev.wharf.testing.Await;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /metrics} on the management listener, after real requests through both doors. */
class MetricsEndpointTest {
    private static TestServer server;
    private static int managementPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.startWithManagement(Map.of("WHARF_MANAGEMENT_REPOSITORY_SERIES", "1"));
        managementPort = server.managementPort();
        server.createRepositories("small", "large");
        V2 v2 = new V2(server.port(), null, Base64.getEncoder().encodeToString(
                ("AWS:" + server.registryPassword()).getBytes(StandardCharsets.UTF_8)));
        assertThat(v2.pushImage("small", "v1").status()).isEqualTo(201);
        assertThat(v2.send("POST", "/v2/large/blobs/uploads/?digest=" + V2.digest(new byte[4096]), "application/octet-stream",
                new byte[4096]).status()).isEqualTo(201);
        assertThat(v2.pullManifest("small", "missing").status()).isEqualTo(404);
        try (EcrClient ecr = server.ecr()) {
            assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("absent")))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String scrape() throws Exception {
        HttpResponse<String> r = get(managementPort, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    @Test
    void metricsAreServedOnTheManagementListenerAndNeverOnThePublicPort() throws Exception {
        assertThat(managementPort).isPositive().isNotEqualTo(server.port());
        assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
        assertThat(get(managementPort, "/other").statusCode()).isEqualTo(404);
    }

    @Test
    void requestsAreCountedByDoorOperationAndStatusWithLatencyBuckets() throws Exception {
        // a request is counted once its response is complete, which can be just after the client has it
        String last = "wharf_requests_seconds_count{door=\"ecr\",operation=\"DescribeRepositories\",status=\"400\"} 1";
        Await.until(Duration.ofSeconds(10), "the last request counted", () -> {
            try {
                return scrape().contains(last);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String text = scrape();
        assertThat(text)
                .contains("wharf_requests_seconds_count{door=\"ecr\",operation=\"CreateRepository\",status=\"200\"} 2")
                .contains("wharf_requests_seconds_count{door=\"ecr\",operation=\"DescribeRepositories\",status=\"400\"} 1")
                .contains("wharf_requests_seconds_count{door=\"oci\",operation=\"PutImage\",status=\"201\"} 1")
                .contains("wharf_requests_seconds_count{door=\"oci\",operation=\"BatchGetImage\",status=\"404\"} 1")
                .contains("wharf_requests_seconds_bucket{door=\"oci\",operation=\"PutImage\",status=\"201\",le=\"+Inf\"} 1");
    }

    @Test
    void bytesReceivedAndSentAreCountedPerDoor() throws Exception {
        String text = scrape();
        assertThat(value(text, "wharf_http_received_bytes_total{door=\"oci\"}")).isGreaterThanOrEqualTo(4096);
        assertThat(value(text, "wharf_http_sent_bytes_total{door=\"ecr\"}")).isPositive();
    }

    @Test
    void storedBytesArePerAccountAndOnlyTheLargestRepositoriesGetASeries() throws Exception {
        String text = scrape();
        assertThat(value(text, "wharf_account_stored_bytes{account=\"" + TestServer.ACCOUNT + "\"}")).isGreaterThan(4096);
        assertThat(text).contains("wharf_repository_stored_bytes{account=\"" + TestServer.ACCOUNT + "\",repository=\"large\"} 4096")
                .doesNotContain("repository=\"small\"");
        assertThat(text).contains("wharf_uploads_open 0");
    }

    @Test
    void jvmAndProcessFiguresAreThere() throws Exception {
        assertThat(scrape()).contains("jvm_memory_used_bytes{", "process_uptime_seconds", "jvm_threads_live_threads");
    }

    /** The value of the series line that starts with {@code series}. */
    static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
        throw new AssertionError("no series " + series + " in:\n" + text);
    }
}
