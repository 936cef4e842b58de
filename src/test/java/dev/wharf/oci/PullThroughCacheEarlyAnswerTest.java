package dev.wharf.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.testing.Await;
import dev.wharf.testing.Distribution;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first pull of an image through the cache is answered once its manifest is fetched and
 * verified, while its layers are stored in the background. A small proxy in front of a real CNCF
 * Distribution upstream holds one layer until the test releases it, or corrupts one, so the test
 * sees what a client gets while the layers are still on their way.
 */
@Tag(ExternalProcess.TAG)
class PullThroughCacheEarlyAnswerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestServer server;
    private static EcrClient ecr;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "true"));
        ecr = server.ecr();
    }

    @AfterAll
    static void stop() {
        if (ecr != null) ecr.close();
        if (server != null) server.close();
    }

    private void rule(String prefix, Proxy upstream) {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix(prefix).upstreamRegistryUrl(upstream.url()));
    }

    private boolean stored(String repository, String tag) {
        try {
            return !ecr.describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag))).imageDetails().isEmpty();
        } catch (ImageNotFoundException e) {
            return false;
        }
    }

    private static HttpResponse<byte[]> getManifest(OciClient oci, String repository, String reference) {
        return oci.send("GET", "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", OciLayout.OCI_MANIFEST), null);
    }

    @Test
    void aFirstPullThroughSkopeoGetsEveryBlobVerifiedAndTheImageIsThenCached() throws Exception {
        try (Distribution upstream = Distribution.start(); Proxy proxy = new Proxy(upstream)) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 31, 300 << 10, 200 << 10, 100 << 10);
            upstream.push(layout.reference("v1"), "team/app:v1");
            rule("whole", proxy);
            Skopeo skopeo = Skopeo.loggedIn(server, ecr);

            Path pulled = Files.createTempDirectory(tmp, "pulled");
            skopeo.pull("whole/team/app:v1", pulled, "t").expectOk();
            assertThat(OciLayout.taggedDigest(pulled, "t")).isEqualTo(image.digest());
            for (String d : layout.closure(image.digest())) assertThat(OciLayout.blob(pulled, d)).as("bytes of %s", d).isEqualTo(layout.read(d));

            Await.until(WAIT, "the image is stored", () -> stored("whole/team/app", "v1"));
            upstream.stop();
            Path again = Files.createTempDirectory(tmp, "again");
            skopeo.pull("whole/team/app:v1", again, "t").expectOk();
            assertThat(OciLayout.taggedDigest(again, "t")).isEqualTo(image.digest());
        }
    }

    @Test
    void theManifestIsAnsweredWhileALayerIsStillOnItsWayAndABlobGetMeanwhileGetsItsBytes() throws Exception {
        try (Distribution upstream = Distribution.start(); Proxy proxy = new Proxy(upstream);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 32, 200 << 10, 100 << 10);
            upstream.push(layout.reference("v1"), "team/slow:v1");
            String held = layout.layers(image).get(0).digest();
            proxy.hold(held);
            rule("early", proxy);
            OciClient oci = OciClient.of(server);

            HttpResponse<byte[]> first = getManifest(oci, "early/team/slow", "v1");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo(layout.read(image.digest()));
            assertThat(first.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
            Await.until(WAIT, "the background fetch asks the upstream for the held layer", () -> proxy.asked(held) == 1);

            HttpResponse<byte[]> second = getManifest(oci, "early/team/slow", "v1");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            HttpResponse<byte[]> byDigest = getManifest(oci, "early/team/slow", image.digest());
            assertThat(byDigest.statusCode()).isEqualTo(200);
            assertThat(byDigest.body()).isEqualTo(first.body());
            assertThat(proxy.asked("/manifests/")).as("manifest requests to the upstream").isEqualTo(1);
            assertThat(stored("early/team/slow", "v1")).as("stored while a layer is missing").isFalse();

            Future<HttpResponse<byte[]>> blob = pool.submit(() -> oci.send("GET", "/v2/early/team/slow/blobs/" + held));
            proxy.release();
            HttpResponse<byte[]> got = blob.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(layout.read(held));
            Await.until(WAIT, "the image is stored", () -> stored("early/team/slow", "v1"));
            assertThat(proxy.asked(held)).as("the blob GET shared the background's fetch").isEqualTo(1);
        }
    }

    @Test
    void aLayerTheUpstreamCorruptsIsNeverServedAndLeavesNoImageStored() throws Exception {
        try (Distribution upstream = Distribution.start(); Proxy proxy = new Proxy(upstream)) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 33, 200 << 10, 100 << 10);
            upstream.push(layout.reference("v1"), "team/bad:v1");
            String corrupt = layout.layers(image).get(1).digest();
            proxy.corrupt(corrupt);
            rule("corrupt", proxy);
            OciClient oci = OciClient.of(server);

            assertThat(getManifest(oci, "corrupt/team/bad", "v1").statusCode()).isEqualTo(200);
            Path pulled = Files.createTempDirectory(tmp, "pulled");
            assertThat(Skopeo.loggedIn(server, ecr).pull("corrupt/team/bad:v1", pulled, "t").ok()).isFalse();
            HttpResponse<byte[]> blob = oci.send("GET", "/v2/corrupt/team/bad/blobs/" + corrupt);
            assertThat(blob.statusCode()).isNotEqualTo(200);
            assertThat(blob.body()).hasSizeLessThan(layout.read(corrupt).length);

            // once the failed background fetch has ended, a manifest GET asks the upstream again
            Await.until(WAIT, "a manifest GET fetches from the upstream again", () -> {
                getManifest(oci, "corrupt/team/bad", "v1");
                return proxy.asked("/manifests/") >= 2;
            });
            assertThat(stored("corrupt/team/bad", "v1")).isFalse();
            assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("corrupt/team/bad")
                    .imageIds(i -> i.imageDigest(image.digest())))).isInstanceOf(ImageNotFoundException.class);
        }
    }

    /**
     * An HTTP proxy in front of the upstream (GETs only, which is all the cache sends): holds the
     * response to one blob until {@link #release}, or flips a byte of one blob's body, and counts requests.
     */
    private static final class Proxy implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final HttpServer server;
        private final String upstream;
        private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String held;
        private volatile String corrupted;

        Proxy(Distribution upstream) throws IOException {
            this.upstream = upstream.url();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void hold(String digest) {
            held = digest;
        }

        void release() {
            released.countDown();
        }

        void corrupt(String digest) {
            corrupted = digest;
        }

        /** How many requests whose path ends with (or, for a path part, contains) {@code part} reached the proxy. */
        int asked(String part) {
            return asked.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToInt(e -> e.getValue().get()).sum();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String path = ex.getRequestURI().getRawPath();
                asked.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI())).method(ex.getRequestMethod(),
                        HttpRequest.BodyPublishers.noBody());
                for (String h : List.of("Accept", "Authorization")) {
                    String v = ex.getRequestHeaders().getFirst(h);
                    if (v != null) b.header(h, v);
                }
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] body = r.body();
                if (held != null && path.endsWith("/blobs/" + held) && !released.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IOException("the held blob was never released");
                }
                if (corrupted != null && path.endsWith("/blobs/" + corrupted) && body.length > 0) {
                    body = body.clone();
                    body[body.length - 1] ^= 1;
                }
                for (String h : List.of("Content-Type", "Docker-Content-Digest", "Docker-Distribution-Api-Version", "WWW-Authenticate", "Location")) {
                    r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
                }
                ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
        }
    }
}
