package dev.wharf.metrics;

import dev.wharf.testing.Await;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus's own linter accepts what {@code /metrics} serves (names, units, help, types). */
@Tag(ExternalProcess.TAG)
class PromtoolCheckTest {

    @Test
    void promtoolFindsNoProblemInTheMetricsOfABusyServer() throws Exception {
        try (TestServer server = TestServer.startWithManagement(Map.of())) {
            server.createRepositories("app");
            // a request is counted once its response is complete, which can be just after the client has it
            String[] text = new String[1];
            Await.until(Duration.ofSeconds(10), "the request's latency buckets in /metrics", () -> {
                try {
                    text[0] = MetricsEndpointTest.get(server.managementPort(), "/metrics").body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return text[0].contains("wharf_requests_seconds_bucket");
            });

            ExternalProcess.Result r = ExternalProcess.command("promtool", "check", "metrics")
                    .stdin(text[0].getBytes(StandardCharsets.UTF_8)).mergeErrors().timeout(Duration.ofSeconds(60)).run();
            assertThat(r.out()).as("promtool's findings").isEmpty();
            assertThat(r.exit()).isZero();
        }
    }
}
