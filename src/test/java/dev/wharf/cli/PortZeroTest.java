package dev.wharf.cli;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --port 0}: the server binds a free port itself (no pick-then-bind race) and every
 * URL it hands out names the port it got.
 */
class PortZeroTest {

    @Test
    void aServerAskedForPortZeroBindsAFreePortAndNamesItInItsUrls(@TempDir Path data) throws Exception {
        // the management listener on a free port too: the default (5001) may be taken by another process
        Map<String, String> env = Map.of("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]), "WHARF_MANAGEMENT_PORT", "0");
        WharfConfig asked = new ConfigLoader(env).load(new ConfigLoader.Flags("127.0.0.1", 0, data, null));
        try (Application app = Application.create(asked, env, Clock.systemUTC())) {
            app.identities().createAccount(TestServer.ACCOUNT, TestServer.ACCESS_KEY, TestServer.SECRET_KEY, true);
            app.start();
            int port = app.port();
            assertThat(port).isPositive();
            assertThat(app.config().server().port()).isEqualTo(port);
            String url = "http://127.0.0.1:" + port;
            try (EcrClient ecr = EcrClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                    .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).proxyEndpoint()).isEqualTo(url);
                assertThat(ecr.createRepository(r -> r.repositoryName("zero")).repository().repositoryUri())
                        .isEqualTo(TestServer.ACCOUNT + ".dkr.ecr.us-east-1.localhost:" + port + "/zero");
            }
            HttpResponse<byte[]> challenge = new OciClient(url, "").send("GET", "/v2/");
            assertThat(challenge.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"http://127.0.0.1:" + port + "/\",service=\"ecr.amazonaws.com\"");
        }
    }

    @Test
    void twoServersStartedTogetherOnPortZeroGetTwoPorts() {
        try (TestServer a = TestServer.start(); TestServer b = TestServer.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(new OciClient(a.url(), a.basicAuth()).send("GET", "/v2/").statusCode()).isEqualTo(200);
            assertThat(new OciClient(b.url(), b.basicAuth()).send("GET", "/v2/").statusCode()).isEqualTo(200);
        }
    }
}
