package dev.wharf.cli;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --port 0}: the server binds a free port itself (no pick-then-bind race) and every
 * URL it hands out names the port it got.
 */
class PortZeroTest {

    @Test
    void aServerAskedForPortZeroBindsAFreePortAndNamesItInItsUrls() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            int port = s.app().port();
            assertThat(port).isPositive();
            assertThat(s.app().config().server().port()).isEqualTo(port);
            assertThat(ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).proxyEndpoint())
                    .isEqualTo("http://127.0.0.1:" + port);
            assertThat(ecr.createRepository(r -> r.repositoryName("zero")).repository().repositoryUri())
                    .isEqualTo(TestServer.ACCOUNT + ".dkr.ecr.us-east-1.localhost:" + port + "/zero");
            HttpResponse<byte[]> challenge = new OciClient(s.url(), "").send("GET", "/v2/");
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
