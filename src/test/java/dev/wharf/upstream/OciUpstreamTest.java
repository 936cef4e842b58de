package dev.wharf.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.registry.UpstreamRegistries.Credentials;
import dev.wharf.registry.UpstreamRegistries.Failure;
import dev.wharf.registry.UpstreamRegistries.Upstream;
import dev.wharf.registry.UpstreamRegistries.UpstreamException;
import dev.wharf.storage.blob.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The upstream client against registries that misbehave, which a real CNCF Distribution never does:
 * each test serves the answers of one upstream from a small HTTP server of its own. The ordinary
 * protocol (anonymous, Basic, token flow) is proven against Distribution in PullThroughCacheSkopeoTest.
 */
class OciUpstreamTest {
    private static final Digest BLOB = Digest.compute(Digest.Algorithm.SHA256, "blob".getBytes(StandardCharsets.UTF_8));
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final OciUpstream client = new OciUpstream(Duration.ofSeconds(5), Duration.ofSeconds(2), Clock.systemUTC());

    private interface Handler {
        void handle(HttpExchange ex) throws Exception;
    }

    private URI serve(Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                handler.handle(ex);
            } catch (Exception e) {
                ex.sendResponseHeaders(500, -1);
            }
        });
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        s.start();
        servers.add(s);
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        servers.forEach(s -> s.stop(0));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    @Test
    void aManifestOverTheLimitIsInvalidAndNotReadWhole() throws Exception {
        URI base = serve(ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", new byte[4096]));
        assertThatThrownBy(() -> client.manifest(new Upstream(base, null), "team/app", "v1", 1024))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("1024")
                .satisfies(e -> assertThat(((UpstreamException) e).failure()).isEqualTo(Failure.INVALID));
    }

    @Test
    void aManifestAskedForByDigestThatHashesToAnotherIsInvalid() throws Exception {
        URI base = serve(ex -> send(ex, 200, "application/vnd.oci.image.manifest.v1+json", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> client.manifest(new Upstream(base, null), "team/app", BLOB.toString(), 1024))
                .satisfies(e -> assertThat(((UpstreamException) e).failure()).isEqualTo(Failure.INVALID));
    }

    @Test
    void redirectsAreFollowedAtMostFiveTimes() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        URI base = serve(ex -> {
            seen.add(ex.getRequestURI().getPath());
            ex.getResponseHeaders().set("Location", ex.getRequestURI().getPath());
            send(ex, 307, null, new byte[0]);
        });
        assertThatThrownBy(() -> client.blob(new Upstream(base, null), "team/app", BLOB))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("more than 5");
        assertThat(seen).hasSize(6);
    }

    @Test
    void credentialsGoOnlyToTheUpstreamAndNotWhereItRedirectsABlob() throws Exception {
        List<String> elsewhere = Collections.synchronizedList(new ArrayList<>());
        URI storage = serve(ex -> {
            elsewhere.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            send(ex, 200, "application/octet-stream", "blob".getBytes(StandardCharsets.UTF_8));
        });
        URI base = serve(ex -> {
            if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"upstream\"");
                send(ex, 401, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Location", storage + "/bucket/blob?signature=x");
            send(ex, 307, null, new byte[0]);
        });

        var blob = client.blob(new Upstream(base, new Credentials("puller", "secret-token")), "team/app", BLOB);
        try (InputStream in = blob.body()) {
            assertThat(in.readAllBytes()).isEqualTo("blob".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(elsewhere).containsExactly("null");
    }

    @Test
    void aBodyThatStallsIsCutOffInsteadOfHoldingThePull() throws Exception {
        URI base = serve(ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            release.await(60, TimeUnit.SECONDS); // until the test ends
        });
        var blob = client.blob(new Upstream(base, null), "team/app", BLOB);
        try (InputStream in = blob.body()) {
            assertThat(blob.size()).isEqualTo(1000);
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("sent nothing");
        }
    }

    @Test
    void eachKindOfUpstreamAnswerIsTheFailureItMeans() throws Exception {
        URI missing = serve(ex -> send(ex, 404, null, new byte[0]));
        URI failing = serve(ex -> send(ex, 503, null, new byte[0]));
        URI refusing = serve(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"upstream\"");
            send(ex, 401, null, new byte[0]);
        });
        URI strange = serve(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Negotiate");
            send(ex, 401, null, new byte[0]);
        });
        URI realmless = serve(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer service=\"x\"");
            send(ex, 401, null, new byte[0]);
        });
        Credentials creds = new Credentials("puller", "secret-token");

        assertThat(failure(() -> client.manifest(new Upstream(missing, null), "a", "v1", 1024))).isEqualTo(Failure.NOT_FOUND);
        assertThat(failure(() -> client.manifest(new Upstream(failing, null), "a", "v1", 1024))).isEqualTo(Failure.UNAVAILABLE);
        assertThat(failure(() -> client.ping(new Upstream(refusing, null)))).isEqualTo(Failure.UNAUTHORIZED);
        assertThat(failure(() -> client.ping(new Upstream(refusing, creds)))).isEqualTo(Failure.UNAUTHORIZED);
        assertThat(failure(() -> client.ping(new Upstream(strange, creds)))).isEqualTo(Failure.UNAUTHORIZED);
        assertThat(failure(() -> client.ping(new Upstream(realmless, creds)))).isEqualTo(Failure.INVALID);
        assertThat(failure(() -> client.ping(new Upstream(URI.create("http://127.0.0.1:1"), creds)))).isEqualTo(Failure.UNAVAILABLE);
    }

    @Test
    void noFailureNamesTheCredentials() throws Exception {
        URI refusing = serve(ex -> {
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"upstream\"");
            send(ex, 401, null, new byte[0]);
        });
        assertThatThrownBy(() -> client.ping(new Upstream(refusing, new Credentials("puller", "secret-token"))))
                .hasMessageNotContaining("secret-token").hasMessageContaining("refused the credentials");
    }

    private static Failure failure(Runnable call) {
        try {
            call.run();
        } catch (UpstreamException e) {
            return e.failure();
        }
        throw new AssertionError("no failure");
    }
}
