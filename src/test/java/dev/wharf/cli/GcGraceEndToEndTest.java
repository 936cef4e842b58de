package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A push that sends its layers, then waits, then its manifest, survives {@code wharf gc} within the grace period. */
@Tag("e2e")
@WharfTest
class GcGraceEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(TestServer s) {
        server = s;
        server.createRepositories("gc-e2e/slow");
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

    private void assertPulls(OciLayout layout, OciLayout.Descriptor image, String repoAndTag, String tag) throws IOException {
        Path pulled = Files.createTempDirectory(tmp, "pulled");
        skopeo.pull(repoAndTag, pulled, tag).expectOk();
        assertThat(OciLayout.taggedDigest(pulled, tag)).isEqualTo(image.digest());
        for (String d : layout.closure(image.digest())) {
            assertThat(OciLayout.blob(pulled, d)).as("bytes of %s", d).isEqualTo(layout.read(d));
        }
    }

    @Test
    void aPushThatWaitsBetweenItsLayersAndItsManifestSurvivesAPassWithinTheGracePeriod() throws Exception {
        OciClient oci = new OciClient(server.url(), TestServer.basicAuth(server.registryPassword()));
        OciLayout layout = new OciLayout(tmp.resolve("slow"));
        OciLayout.Descriptor image = layout.taggedImage("slow", 11, 100_000);
        for (String d : layout.closure(image.digest())) {
            if (!d.equals(image.digest())) oci.pushBlob("gc-e2e/slow", layout.read(d));
        }

        JsonNode r = gc(); // the configured grace: 24h

        assertThat(r.get("ran").asBoolean()).isTrue();
        oci.putManifest("gc-e2e/slow", "slow", OciLayout.OCI_MANIFEST, layout.read(image.digest()));
        assertPulls(layout, image, "gc-e2e/slow:slow", "slow");
    }
}
