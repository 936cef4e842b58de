package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code server.headerTimeout}, {@code server.idleTimeout}, {@code server.maxConnections} and
 * {@code server.sendfile}, {@code server.readAhead}: defaults, file, environment, validation.
 */
class ConnectionLimitsConfigTest {
    private static final ConfigLoader.Flags NO_FLAGS = new ConfigLoader.Flags(null, null, null, null);

    @Test
    void withNoConfigurationTheSlowClientLimitsHaveTheirDocumentedDefaults() {
        WharfConfig.Server s = new ConfigLoader(Map.of()).load(NO_FLAGS).server();

        assertThat(s.headerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.maxConnections()).isEqualTo(4096);
        assertThat(s.sendfile()).isFalse();
        assertThat(s.readAhead()).isFalse();
    }

    /** The two switches of the server's blob GETs, each with the other's accessor: turning one on leaves the other off. */
    static Stream<Arguments> switches() {
        Predicate<WharfConfig.Server> sendfile = WharfConfig.Server::sendfile;
        Predicate<WharfConfig.Server> readAhead = WharfConfig.Server::readAhead;
        return Stream.of(
                Arguments.of("sendfile", "WHARF_SENDFILE", sendfile, readAhead),
                Arguments.of("readAhead", "WHARF_READ_AHEAD", readAhead, sendfile));
    }

    @ParameterizedTest(name = "server.{0}")
    @MethodSource("switches")
    void aSwitchIsTurnedOnByTheFileOrTheEnvironmentAndSurvivesTheBoundPort(
            String key, String env, Predicate<WharfConfig.Server> on, Predicate<WharfConfig.Server> other,
            @TempDir Path dir) throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "server:\n  " + key + ": true\n");

        WharfConfig.Server fromFile = new ConfigLoader(Map.of()).load(new ConfigLoader.Flags(null, null, null, file)).server();
        WharfConfig.Server fromEnv = new ConfigLoader(Map.of(env, "true")).load(NO_FLAGS).server();

        assertThat(on.test(fromFile)).isTrue();
        assertThat(on.test(fromEnv)).isTrue();
        assertThat(on.test(fromEnv.withPort(5123))).isTrue();
        assertThat(other.test(fromFile)).isFalse();
        assertThat(other.test(fromEnv.withPort(5123))).isFalse();
    }

    @Test
    void theFileSetsThemAndTheEnvironmentOverridesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "server:\n  headerTimeout: 5s\n  idleTimeout: 30s\n  maxConnections: 100\n");
        ConfigLoader.Flags flags = new ConfigLoader.Flags(null, null, null, file);

        WharfConfig.Server fromFile = new ConfigLoader(Map.of()).load(flags).server();
        WharfConfig.Server fromEnv = new ConfigLoader(Map.of("WHARF_HEADER_TIMEOUT", "750ms", "WHARF_IDLE_TIMEOUT", "2m",
                "WHARF_MAX_CONNECTIONS", "7")).load(flags).server();

        assertThat(fromFile.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromFile.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromFile.maxConnections()).isEqualTo(100);
        assertThat(fromEnv.headerTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(fromEnv.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fromEnv.maxConnections()).isEqualTo(7);
    }

    @Test
    void aTimeoutOfZeroOrACapBelowOneIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("WHARF_HEADER_TIMEOUT", "0s")).load(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("headerTimeout");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("WHARF_IDLE_TIMEOUT", "0ms")).load(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("WHARF_MAX_CONNECTIONS", "0")).load(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxConnections");
    }
}
