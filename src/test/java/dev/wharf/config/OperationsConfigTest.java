package dev.wharf.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The management, TLS, events and log-format settings: defaults, and every bad value refused with a message that names it. */
class OperationsConfigTest {

    private static WharfConfig load(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) env.put(keyValues[i], keyValues[i + 1]);
        return new ConfigLoader(env).load(ConfigLoader.Flags.none());
    }

    @Test
    void byDefaultMetricsListenOnLoopback5001AndThereIsNoTlsAndNoEvents() {
        WharfConfig c = load();
        assertThat(c.management()).isEqualTo(new WharfConfig.Management("127.0.0.1", 5001, 100));
        assertThat(c.tls().enabled()).isFalse();
        assertThat(c.events().enabled()).isFalse();
        assertThat(c.effectivePublicUrl()).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void withTlsThePublicUrlIsHttpsUnlessOneIsGiven() {
        assertThat(load("WHARF_TLS_CERT_FILE", "/c.pem", "WHARF_TLS_KEY_FILE", "/k.pem").effectivePublicUrl())
                .isEqualTo("https://127.0.0.1:5000");
        assertThat(load("WHARF_TLS_CERT_FILE", "/c.pem", "WHARF_TLS_KEY_FILE", "/k.pem", "WHARF_PUBLIC_URL", "https://r.example.com")
                .effectivePublicUrl()).isEqualTo("https://r.example.com");
    }

    @Test
    void webhookUrlsAndTrustedProxiesAreCommaSeparatedLists() {
        WharfConfig c = load("WHARF_EVENTS_WEBHOOK_URLS", "http://a:8080/hook, https://b.example.com/in",
                "WHARF_TRUSTED_PROXIES", "10.0.0.0/8 ,192.168.1.1");
        assertThat(c.events().webhookUrls()).containsExactly(URI.create("http://a:8080/hook"), URI.create("https://b.example.com/in"));
        assertThat(c.tls().trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.1");
        assertThat(c.tls().certFile()).isNull();
    }

    @Test
    void theCertificateAndKeyFilesArePaths() {
        WharfConfig c = load("WHARF_TLS_CERT_FILE", "/etc/wharf/c.pem", "WHARF_TLS_KEY_FILE", "/etc/wharf/k.pem");
        assertThat(List.of(c.tls().certFile(), c.tls().keyFile())).containsExactly(Path.of("/etc/wharf/c.pem"), Path.of("/etc/wharf/k.pem"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            WHARF_MANAGEMENT_PORT              | 5000           | must differ from server.port
            WHARF_MANAGEMENT_PORT              | 70000          | management.port must be between 0 and 65535
            WHARF_MANAGEMENT_REPOSITORY_SERIES | -1             | management.repositorySeries must be between 0 and 10000
            WHARF_TLS_CERT_FILE                | /c.pem         | go together
            WHARF_TLS_KEY_FILE                 | /k.pem         | go together
            WHARF_TLS_RELOAD_INTERVAL          | 0s             | tls.reloadInterval must be positive
            WHARF_EVENTS_WEBHOOK_URLS          | ftp://x/y      | is not an http:// or https:// URL
            WHARF_EVENTS_WEBHOOK_URLS          | http://a b     | is not a URL
            WHARF_EVENTS_MAX_AGE               | -1h            | events.maxAge must be positive
            WHARF_LOG_FORMAT                   | xml            | WHARF_LOG_FORMAT must be text or json
            """)
    void aBadValueIsRefusedNamingTheSetting(String variable, String value, String message) {
        assertThatThrownBy(() -> load(variable, value)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
