package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttling.* and audit.* keys: from the file and the environment, the environment winning, bad values refused. */
class ThrottlingAndAuditConfigTest {
    @TempDir
    Path dir;

    private WharfConfig load(Map<String, String> env, String yaml) throws Exception {
        Path file = null;
        if (yaml != null) {
            file = dir.resolve("wharf.yaml");
            Files.writeString(file, yaml);
        }
        return new ConfigLoader(env).load(new ConfigLoader.Flags(null, null, dir, file));
    }

    @Test
    void withNothingConfiguredThrottlingIsOnWithThePublishedRatesAndEventsAreKeptNinetyDays() throws Exception {
        WharfConfig c = load(Map.of(), null);
        assertThat(c.throttling().enabled()).isTrue();
        assertThat(c.throttling().rates()).isEmpty();
        assertThat(c.audit().retention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void ratesComeFromTheFileAndTheEnvironmentByOperationNameInAnySpelling() throws Exception {
        WharfConfig c = load(Map.of("WHARF_THROTTLING_GET_AUTHORIZATION_TOKEN", "1/2", "WHARF_THROTTLING_PUT_IMAGE", "30",
                        "WHARF_THROTTLING_ENABLED", "false", "WHARF_AUDIT_RETENTION", "7d"),
                "throttling:\n  rates:\n    PutImage: 20/40\n    BatchGetImage: 5\n    DEFAULT: 50\naudit:\n  retention: 30d\n");
        assertThat(c.throttling().enabled()).isFalse();
        assertThat(c.throttling().rates()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GETAUTHORIZATIONTOKEN", "1/2", "PUTIMAGE", "30", "BATCHGETIMAGE", "5", "DEFAULT", "50"));
        assertThat(c.audit().retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aBadRateOrRetentionStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> load(Map.of("WHARF_THROTTLING_PUT_IMAGE", "fast"), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("WHARF_THROTTLING_PUT_IMAGE must be RATE or RATE/BURST");
        assertThatThrownBy(() -> load(Map.of("WHARF_THROTTLING_PUT_IMAGE", "0"), null)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of(), "throttling:\n  rates:\n    PutImage: 1/0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("throttling.rates.PutImage");
        assertThatThrownBy(() -> load(Map.of(), "throttling:\n  rates: 5\n")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> load(Map.of("WHARF_AUDIT_RETENTION", "0s"), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("audit.retention must be positive");
        assertThatThrownBy(() -> load(Map.of(), "throttling:\n  burst: 5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration keys: throttling.burst");
    }
}
