package dev.wharf.metrics;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus's own linter accepts what {@code /metrics} serves (names, units, help, types). */
@Tag("external")
class PromtoolCheckTest {

    @Test
    void promtoolFindsNoProblemInTheMetricsOfABusyServer() throws Exception {
        int port = MetricsEndpointTest.freePort();
        try (TestServer server = TestServer.start(Map.of("WHARF_MANAGEMENT_PORT", Integer.toString(port)))) {
            server.createRepositories("app");
            String text = MetricsEndpointTest.get(port, "/metrics").body();
            assertThat(text).contains("wharf_requests_seconds_bucket");

            Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            assertThat(out).as("promtool's findings").isEmpty();
            assertThat(p.exitValue()).isZero();
        }
    }
}
