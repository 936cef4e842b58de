package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.StoredBlobs;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage collection seen from the real clients: images sharing layers pushed with skopeo, deleted
 * with the aws CLI, {@code wharf gc --grace 0s} beside the running server frees exactly the blobs no
 * image needs, and what remains pulls byte for byte.
 */
@Tag("e2e")
@WharfTest
class GcEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(TestServer s) {
        server = s;
        server.createRepositories("gc-e2e/a", "gc-e2e/b");
        try (EcrClient ecr = server.ecr()) {
            skopeo = Skopeo.loggedIn(server, ecr);
        }
    }

    private static JsonNode gc(String... extra) throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            String[] args = Stream.concat(Stream.of("gc", "--data-dir", server.dataDir().toString(), "--output", "json"),
                    Stream.of(extra)).toArray(String[]::new);
            exit = Main.run(args);
        } finally {
            System.setOut(out);
        }
        assertThat(exit).as(o.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(o.toString(StandardCharsets.UTF_8));
    }

    /** The blobs stored, files and small blobs' rows (docs/design.md, "Small blobs in the database"). */
    private static Set<String> blobFiles() {
        return StoredBlobs.hex(server.dataDir());
    }

    private static long blobBytes() {
        return StoredBlobs.bytes(server.dataDir());
    }

    private static void deleteWithAwsCli(String repo, String tag) {
        AwsCli.run(server, server.awsCliEnv(), List.of("--region", TestServer.REGION, "ecr", "batch-delete-image",
                "--repository-name", repo, "--image-ids", "imageTag=" + tag)).expectOk();
    }

    /** The hex digests of the blobs an image needs (its manifest lives in the database, not in a file). */
    private static Set<String> files(OciLayout layout, OciLayout.Descriptor image) {
        Set<String> out = new HashSet<>();
        for (String d : layout.closure(image.digest())) {
            if (!d.equals(image.digest())) out.add(d.substring("sha256:".length()));
        }
        return out;
    }

    private void assertPulls(OciLayout layout, OciLayout.Descriptor image, String repoAndTag, String tag) throws IOException {
        Path pulled = Files.createTempDirectory(tmp, "pulled");
        skopeo.pull(repoAndTag, pulled, tag).expectOk();
        assertThat(OciLayout.taggedDigest(pulled, tag)).isEqualTo(image.digest());
        for (String d : layout.closure(image.digest())) {
            assertThat(OciLayout.blob(pulled, d)).as("bytes of %s", d).isEqualTo(layout.read(d));
        }
    }

    @Test
    void deletedImagesFreeExactlyTheirOwnBlobsAndEverythingDeletedLeavesTheStoreEmpty() throws Exception {
        long baseline = blobBytes();
        OciLayout layout = new OciLayout(tmp.resolve("layout"));
        // the same seed and first size: one layer shared by the two images
        OciLayout.Descriptor one = layout.taggedImage("one", 7, 1 << 20, 300_000);
        OciLayout.Descriptor two = layout.taggedImage("two", 7, 1 << 20, 200_000);
        skopeo.push(layout.reference("one"), "gc-e2e/a", "one").expectOk();
        skopeo.push(layout.reference("two"), "gc-e2e/a", "two").expectOk();
        skopeo.push(layout.reference("two"), "gc-e2e/b", "two").expectOk();
        Set<String> before = blobFiles();

        deleteWithAwsCli("gc-e2e/a", "one");
        JsonNode r = gc("--grace", "0s");

        Set<String> oneOnly = new HashSet<>(files(layout, one));
        oneOnly.removeAll(files(layout, two));
        assertThat(r.get("blobs").asInt()).isEqualTo(oneOnly.size()); // its config and its own layer
        Set<String> after = blobFiles();
        Set<String> freed = new HashSet<>(before);
        freed.removeAll(after);
        assertThat(freed).as("files gone").containsExactlyInAnyOrderElementsOf(oneOnly);
        assertPulls(layout, two, "gc-e2e/a:two", "two");
        assertPulls(layout, two, "gc-e2e/b:two", "two");

        deleteWithAwsCli("gc-e2e/a", "two");
        assertThat(gc("--grace", "0s").get("blobs").asInt()).as("two is still in gc-e2e/b").isZero();
        assertPulls(layout, two, "gc-e2e/b:two", "two");

        deleteWithAwsCli("gc-e2e/b", "two");
        gc("--grace", "0s");
        assertThat(blobFiles()).isEmpty();
        assertThat(blobBytes()).isLessThanOrEqualTo(baseline);
    }
}
