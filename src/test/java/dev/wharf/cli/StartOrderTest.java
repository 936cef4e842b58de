package dev.wharf.cli;

import dev.wharf.config.ConfigException;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a start does before {@code /healthz} answers: everything that can make it fail. Work that
 * cannot fail it (the JVM's meters, scheduled work) comes after (docs/performance.md, "Warm start").
 */
class StartOrderTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aTakenManagementPortFailsTheStartBeforeHealthzEverAnswers(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("WHARF_MASTER_KEY", MASTER_KEY, "WHARF_MANAGEMENT_PORT", String.valueOf(taken.getLocalPort()));
            WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags("127.0.0.1", 0, data, null));
            try (Application app = Application.create(config, env, Clock.systemUTC())) {
                assertThatThrownBy(app::start).isInstanceOf(ConfigException.class)
                        .hasMessageContaining("management listener").hasMessageContaining("WHARF_MANAGEMENT_PORT");

                // The public port is bound (the kernel queues the connection), but nothing ever answers on it.
                HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build();
                try (HttpClient http = HttpClient.newHttpClient()) {
                    assertThatThrownBy(() -> http.send(healthz, HttpResponse.BodyHandlers.ofString()))
                            .isInstanceOf(HttpTimeoutException.class);
                }
            }
        }
    }
}
