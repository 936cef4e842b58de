package dev.wharf.metrics;

import dev.wharf.storage.meta.JdbcUsageStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM's and the process's meters are bound after the server answers, on a thread of their own
 * (docs/performance.md, "Warm start"); whichever comes first, that binding or a scrape, binds
 * them, so every scrape shows them, each series once.
 */
class JvmMetersTest {
    /** One meter of each binder, as Prometheus names them. */
    static final List<String> JVM_SERIES = List.of("process_cpu_seconds_total", "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads", "jvm_classes_loaded_classes", "jvm_info", "system_cpus", "process_uptime_seconds",
            "process_files_open_files");

    @TempDir
    Path dir;

    private static void assertEachJvmSeriesOnce(String text) {
        for (String series : JVM_SERIES) {
            assertThat(Pattern.compile("(?m)^# TYPE " + Pattern.quote(series) + " ").matcher(text).results().count())
                    .as(series).isEqualTo(1);
        }
    }

    @Test
    void aScrapeRightAfterTheServerStartsShowsTheJvmMeters() throws Exception {
        try (TestServer server = TestServer.startWithManagement(Map.of())) {
            assertEachJvmSeriesOnce(MetricsEndpointTest.get(server.managementPort(), "/metrics").body());
        }
    }

    @Test
    void aScrapeBeforeAnyBackgroundBindingBindsTheJvmMetersItself() {
        try (MetadataStore meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
             WharfMetrics metrics = new WharfMetrics(JdbcUsageStore.sharing(meta), 10, Clock.systemUTC())) {
            assertEachJvmSeriesOnce(metrics.scrape());
        }
    }

    @Test
    void theBackgroundBindingAndAScrapeTogetherBindEachMeterOnce() throws Exception {
        try (MetadataStore meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
             WharfMetrics metrics = new WharfMetrics(JdbcUsageStore.sharing(meta), 10, Clock.systemUTC())) {
            Thread binding = metrics.bindJvmMetersInBackground();
            String during = metrics.scrape();
            binding.join();
            assertEachJvmSeriesOnce(during);
            assertEachJvmSeriesOnce(metrics.scrape());
            metrics.bindJvmMetersInBackground().join();
            assertEachJvmSeriesOnce(metrics.scrape());
        }
    }
}
