package dev.wharf.oci;

import dev.wharf.testing.Logs;
import dev.wharf.testing.WharfTest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push and pull with the real {@code skopeo}: image layouts built on disk are copied to Wharf and
 * back, and the digests and bytes must survive the round trip unchanged.
 */
@Tag("e2e")
@WharfTest
class SkopeoEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static OciClient oci;
    private static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(TestServer s) {
        server = s;
        oci = new OciClient(server.url(), TestServer.basicAuth(server.registryPassword()));
        server.createRepositories("e2e/app", "e2e/multi", "e2e/copy", "e2e/chunked", "e2e/doomed");
        try (EcrClient ecr = server.ecr()) {
            skopeo = Skopeo.loggedIn(server, ecr);
        }
    }

    private static void push(OciLayout layout, String tag, String repository, String... extra) {
        skopeo.push(layout.reference(tag), repository, tag, extra).expectOk();
    }

    /**
     * Pulls {@code reference} into a new layout tagged {@code tag}; the tag names {@code digest}, and
     * every blob {@code digest} needs is there, byte for byte as in {@code original}.
     */
    private void assertPullsUnchanged(OciLayout original, String reference, String tag, String digest, String... extra)
            throws IOException {
        Path pulled = Files.createTempDirectory(tmp, "pulled");
        skopeo.pull(reference, pulled, tag, extra).expectOk();
        assertThat(OciLayout.taggedDigest(pulled, tag)).isEqualTo(digest);
        for (String d : original.closure(digest)) {
            Path copy = pulled.resolve("blobs").resolve(d.replace(':', '/'));
            assertThat(copy).as("pulled blob %s", d).exists();
            assertThat(Files.readAllBytes(copy)).as("bytes of %s", d).isEqualTo(original.read(d));
        }
    }

    @Test
    void aMultiLayerImageOfSeveralMebibytesRoundTripsByteForByte() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("image"));
        OciLayout.Descriptor image = layout.taggedImage("v1", 1, 3 << 20, 2 << 20, 1 << 20);

        push(layout, "v1", "e2e/app");

        HttpResponse<byte[]> head = oci.send("HEAD", "/v2/e2e/app/manifests/v1");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
        assertPullsUnchanged(layout, "e2e/app:v1", "v1", image.digest());
    }

    @Test
    void aMultiPlatformIndexRoundTripsWithEveryImage() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("multi"));
        OciLayout.Descriptor amd = layout.image("linux", "amd64", 2, 512 << 10, 256 << 10);
        OciLayout.Descriptor arm = layout.image("linux", "arm64", 3, 384 << 10);
        Map<OciLayout.Descriptor, String> platforms = new LinkedHashMap<>();
        platforms.put(amd, "linux/amd64");
        platforms.put(arm, "linux/arm64");
        OciLayout.Descriptor index = layout.index(platforms);
        layout.tag("multi", index);

        push(layout, "multi", "e2e/multi", "--all");

        HttpResponse<byte[]> got = oci.send("GET", "/v2/e2e/multi/manifests/multi");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue(OciLayout.OCI_INDEX);
        assertThat(got.headers().firstValue("Docker-Content-Digest")).hasValue(index.digest());
        assertThat(got.body()).isEqualTo(layout.read(index.digest()));
        assertPullsUnchanged(layout, "e2e/multi:multi", "multi", index.digest(), "--all", "--preserve-digests");
    }

    @Test
    void anArtifactWhoseSubjectIsTheImageIsListedAsAReferrer() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("artifact"));
        OciLayout.Descriptor image = layout.image("linux", "amd64", 4, 64 << 10);
        byte[] sbom = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
        OciLayout.Descriptor artifact = layout.artifact("application/spdx+json", image, sbom);
        layout.tag("base", image).tag("sbom", artifact);

        push(layout, "base", "e2e/app");
        push(layout, "sbom", "e2e/app");

        HttpResponse<byte[]> refs = oci.send("GET", "/v2/e2e/app/referrers/" + image.digest());
        assertThat(refs.statusCode()).isEqualTo(200);
        JsonNode manifests = JSON.readTree(refs.body()).path("manifests");
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).path("digest").asText()).isEqualTo(artifact.digest());
        assertThat(manifests.get(0).path("artifactType").asText()).isEqualTo("application/spdx+json");
        assertPullsUnchanged(layout, "e2e/app@" + artifact.digest(), "sbom", artifact.digest(), "--preserve-digests");
    }

    @Test
    void aBlobPushedInChunksOverHttpIsPulledBySkopeo() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("chunked"));
        OciLayout.Descriptor image = layout.image("linux", "amd64", 5, 3 << 20);
        for (String blob : List.of(layout.config(image).digest(), layout.layers(image).get(0).digest())) {
            byte[] content = layout.read(blob);
            HttpResponse<byte[]> started = oci.send("POST", "/v2/e2e/chunked/blobs/uploads/");
            String location = started.headers().firstValue("Location").orElseThrow();
            int chunk = 1 << 20;
            for (int off = 0; off < content.length; off += chunk) {
                int end = Math.min(content.length, off + chunk);
                HttpResponse<byte[]> r = oci.send("PATCH", location, Map.of("Content-Range", off + "-" + (end - 1),
                        "Content-Type", "application/octet-stream"), java.util.Arrays.copyOfRange(content, off, end));
                OciClient.expect(r, 202);
                assertThat(r.headers().firstValue("Range")).hasValue("0-" + (end - 1));
                location = r.headers().firstValue("Location").orElseThrow();
            }
            OciClient.expect(oci.send("PUT", location + "?digest=" + blob), 201);
        }
        oci.putManifest("e2e/chunked", "v1", OciLayout.OCI_MANIFEST, layout.read(image.digest()));

        assertPullsUnchanged(layout, "e2e/chunked:v1", "v1", image.digest());
    }

    @Test
    void copyingBetweenRepositoriesOfTheRegistryMountsTheBlobs() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("mount"));
        OciLayout.Descriptor image = layout.taggedImage("src", 6, 256 << 10, 128 << 10);
        push(layout, "src", "e2e/app");

        ListAppender<ILoggingEvent> access = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger("wharf.access");
        access.start();
        log.addAppender(access);
        try {
            skopeo.copyWithin("e2e/app:src", "e2e/copy:mounted").expectOk();
        } finally {
            log.detachAppender(access);
        }
        List<String> lines = Logs.events(access).stream().map(ILoggingEvent::getFormattedMessage).toList();
        // Each layer is mounted (POST ?mount=&from= answered 201) instead of uploaded; skopeo
        // always reads the small config and pushes it again, which is its behaviour, not a mount.
        assertThat(lines.stream().filter(l -> l.startsWith("POST /v2/e2e/copy/blobs/uploads/ 201")).count())
                .as("mounts in %s", lines).isEqualTo(2);
        assertThat(lines.stream().filter(l -> l.startsWith("PATCH /v2/e2e/copy/")).count())
                .as("uploads in %s", lines).isLessThanOrEqualTo(1);
        for (String d : layout.closure(image.digest()).subList(1, 4)) {
            assertThat(oci.send("HEAD", "/v2/e2e/copy/blobs/" + d).statusCode()).as("mounted %s", d).isEqualTo(200);
        }
        assertThat(oci.send("HEAD", "/v2/e2e/copy/manifests/mounted").headers().firstValue("Docker-Content-Digest"))
                .hasValue(image.digest());
    }

    @Test
    void deleteByDigestWithSkopeoAndByTagOverHttp() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("delete"));
        OciLayout.Descriptor first = layout.image("linux", "amd64", 7, 32 << 10);
        OciLayout.Descriptor second = layout.image("linux", "amd64", 8, 32 << 10);
        layout.tag("one", first).tag("two", second).tag("two-again", second);
        push(layout, "one", "e2e/doomed");
        push(layout, "two", "e2e/doomed");
        push(layout, "two-again", "e2e/doomed");

        // skopeo delete resolves the tag and deletes the manifest by digest
        skopeo.delete("e2e/doomed:one").expectOk();
        assertThat(oci.send("GET", "/v2/e2e/doomed/manifests/" + first.digest()).statusCode()).isEqualTo(404);
        assertThat(oci.send("GET", "/v2/e2e/doomed/manifests/one").statusCode()).isEqualTo(404);

        OciClient.expect(oci.send("DELETE", "/v2/e2e/doomed/manifests/two"), 202);
        assertThat(oci.send("GET", "/v2/e2e/doomed/manifests/two").statusCode()).isEqualTo(404);
        assertThat(oci.send("GET", "/v2/e2e/doomed/manifests/two-again").statusCode()).as("the other tag stays").isEqualTo(200);
        assertThat(JSON.readTree(oci.send("GET", "/v2/e2e/doomed/tags/list").body()).path("tags").toString())
                .isEqualTo("[\"two-again\"]");
    }
}
