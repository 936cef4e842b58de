package dev.wharf.metrics;

import dev.wharf.testing.Await;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus's own linter accepts the garbage collector's series once a pass has run. */
@Tag(ExternalProcess.TAG)
class GcPromtoolCheckTest {

    @Test
    void promtoolFindsNoProblemInTheGcMetricsAfterAPass() {
        try (TestServer server = GcMetricsTest.collectingServer()) {
            server.createRepositories("gc/metrics");
            GcMetricsTest.pushUnreferencedBlob(server, new byte[3000]);
            Await.until(GcMetricsTest.WAIT, "a pass freed the blob",
                    () -> GcMetricsTest.value(GcMetricsTest.scrape(server), "wharf_gc_reclaimed_blobs_total") >= 1);
            String text = GcMetricsTest.scrape(server);
            assertThat(text).contains("# TYPE wharf_gc_passes_total counter", "# TYPE wharf_gc_last_pass_timestamp_seconds gauge");

            ExternalProcess.Result r = ExternalProcess.command("promtool", "check", "metrics")
                    .stdin(text.getBytes(StandardCharsets.UTF_8)).mergeErrors().timeout(Duration.ofSeconds(60)).run();
            assertThat(r.out()).as("promtool's findings").isEmpty();
            assertThat(r.exit()).isZero();
        }
    }
}
