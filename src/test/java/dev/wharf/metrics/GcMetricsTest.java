package dev.wharf.metrics;

import dev.wharf.testing.Await;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} tells an operator what the server's scheduled garbage collection does: passes by
 * result, when the last one ended and how long it took, what it found and what it freed.
 */
class GcMetricsTest {
    static final Duration WAIT = Duration.ofMinutes(2);

    /** A server collecting every second with no grace, so a blob pushed without a manifest goes at the next pass. */
    static TestServer collectingServer() {
        return TestServer.startWithManagement(Map.of("WHARF_GC_INTERVAL", "1s", "WHARF_GC_GRACE", "0s"));
    }

    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) throw new AssertionError(series + " not in /metrics:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    static String scrape(TestServer server) {
        try {
            return MetricsEndpointTest.get(server.managementPort(), "/metrics").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void pushUnreferencedBlob(TestServer server, byte[] bytes) {
        V2 v2 = new V2(server.port(), null, Base64.getEncoder().encodeToString(
                ("AWS:" + server.registryPassword()).getBytes(StandardCharsets.UTF_8)));
        assertThat(v2.send("POST", "/v2/gc/metrics/blobs/uploads/?digest=" + V2.digest(bytes), "application/octet-stream", bytes)
                .status()).isEqualTo(201);
    }

    @Test
    void aPassThatFreesABlobIsCountedWithItsBytesAndTheLastPassGaugesAreSet() {
        try (TestServer server = collectingServer()) {
            server.createRepositories("gc/metrics");
            String before = scrape(server);
            assertThat(value(before, "wharf_gc_passes_total{result=\"failed\"}")).isZero();
            assertThat(value(before, "wharf_gc_reclaimed_blobs_total")).isZero();

            pushUnreferencedBlob(server, new byte[5000]);
            Await.until(WAIT, "a pass freed the blob", () -> value(scrape(server), "wharf_gc_reclaimed_blobs_total") >= 1);

            String after = scrape(server);
            assertThat(value(after, "wharf_gc_reclaimed_blobs_total")).isEqualTo(1);
            assertThat(value(after, "wharf_gc_reclaimed_bytes_total")).isEqualTo(5000);
            assertThat(value(after, "wharf_maintenance_removed_bytes_total{task=\"gc\"}")).isEqualTo(5000);
            assertThat(value(after, "wharf_gc_passes_total{result=\"ok\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "wharf_gc_passes_total{result=\"failed\"}")).isZero();
            assertThat(value(after, "wharf_gc_deletion_failures_total")).isZero();
            assertThat(value(after, "wharf_gc_last_pass_timestamp_seconds")).isGreaterThan(value(before, "process_start_time_seconds"));
            assertThat(value(after, "wharf_gc_last_pass_duration_seconds")).isNotNaN().isNotNegative();
            assertThat(value(after, "wharf_gc_last_pass_candidates")).isNotNaN().isNotNegative();
        }
    }

    @Test
    void beforeAnyPassTheLastPassGaugesAreNotANumber() {
        try (TestServer server = TestServer.startWithManagement(Map.of())) { // hourly: no pass during this test
            String text = scrape(server);
            assertThat(value(text, "wharf_gc_last_pass_timestamp_seconds")).isNaN();
            assertThat(value(text, "wharf_gc_last_pass_candidates")).isNaN();
            assertThat(value(text, "wharf_gc_passes_total{result=\"ok\"}")).isZero();
        }
    }
}
