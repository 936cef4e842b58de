package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replication.* keys: the queue's timings and the deployments that stand for other regions, from the file and the environment. */
class ReplicationConfigTest {
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
    void withNothingConfiguredNoOtherRegionIsReachableAndRetriesBackOffToTenMinutes() throws Exception {
        WharfConfig.Replication r = load(Map.of(), null).replication();
        assertThat(r.regions()).isEmpty();
        assertThat(r.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.retryBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.retryMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.maxAttempts()).isEqualTo(10);
    }

    @Test
    void regionsComeFromTheFileAndTheEnvironmentAndTheSecretIsNeverPrinted() throws Exception {
        WharfConfig.Replication r = load(Map.of("WHARF_REPLICATION_AP_SOUTHEAST_2_ENDPOINT", "https://{registryId}.dkr.ecr.ap-southeast-2.example.com/",
                        "WHARF_REPLICATION_AP_SOUTHEAST_2_ACCESS_KEY_ID", "AKIAEXAMPLE000000002",
                        "WHARF_REPLICATION_AP_SOUTHEAST_2_SECRET_ACCESS_KEY", "very-secret-2", "WHARF_REPLICATION_MAX_ATTEMPTS", "3"),
                "replication:\n  retryBase: 1s\n  regions:\n    eu-west-1:\n      endpoint: http://10.0.0.5:5000\n"
                        + "      accessKeyId: AKIAEXAMPLE000000001\n      secretAccessKey: very-secret-1\n").replication();
        assertThat(r.regions()).containsOnlyKeys("eu-west-1", "ap-southeast-2");
        WharfConfig.RemoteRegion sydney = r.regions().get("ap-southeast-2");
        assertThat(sydney.endpoint()).isEqualTo("https://{registryId}.dkr.ecr.ap-southeast-2.example.com");
        assertThat(sydney.accessKeyId()).isEqualTo("AKIAEXAMPLE000000002");
        assertThat(r.regions().get("eu-west-1").secretAccessKey()).isEqualTo("very-secret-1");
        assertThat(r.toString()).doesNotContain("very-secret");
        assertThat(r.retryBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.maxAttempts()).isEqualTo(3);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(Map.of("WHARF_REPLICATION_EU_WEST_1_ENDPOINT", "http://10.0.0.5:5000"), "needs endpoint, accessKeyId and secretAccessKey"),
                Arguments.of(Map.of("WHARF_REPLICATION_EU_WEST_1_ENDPOINT", "ftp://10.0.0.5", "WHARF_REPLICATION_EU_WEST_1_ACCESS_KEY_ID", "A",
                        "WHARF_REPLICATION_EU_WEST_1_SECRET_ACCESS_KEY", "s"), "not an http:// or https:// URL"),
                Arguments.of(Map.of("WHARF_REPLICATION_US_EAST_1_ENDPOINT", "http://10.0.0.5", "WHARF_REPLICATION_US_EAST_1_ACCESS_KEY_ID", "A",
                        "WHARF_REPLICATION_US_EAST_1_SECRET_ACCESS_KEY", "s"), "this Wharf's own region"),
                Arguments.of(Map.of("WHARF_REPLICATION_MAX_ATTEMPTS", "0"), "replication.maxAttempts must be between 1 and 100"),
                Arguments.of(Map.of("WHARF_REPLICATION_RETRY_BASE", "10m", "WHARF_REPLICATION_RETRY_MAX", "1m"), "retryMax at least retryBase"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void aBadReplicationSettingStopsTheStartWithTheReason(Map<String, String> env, String reason) {
        assertThatThrownBy(() -> load(env, null)).isInstanceOf(ConfigException.class).hasMessageContaining(reason);
    }

    @Test
    void anUnknownKeyUnderARegionIsRefused() {
        assertThatThrownBy(() -> load(Map.of(), "replication:\n  regions:\n    eu-west-1:\n      endpoint: http://h\n"
                + "      accessKeyId: A\n      secretAccessKey: s\n      password: x\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replication.regions.eu-west-1.password");
    }
}
