package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.StoredBlobs;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.wharf.cli.AccountLimitsCommandTest.wharf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code wharf gc} beside a running server: frees what no image needs, keeps what one does, and says so. */
class GcCommandTest {

    private static String manifest(String config, String... layers) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + OciClient.sha256(bytes(config))
                + "\",\"size\":" + config.length() + "},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"").append(OciClient.sha256(bytes(layers[i])))
                    .append("\",\"size\":").append(layers[i].length()).append('}');
        }
        return sb.append("]}").toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void usageShowsSharedBytesAndAPassBesideARunningServerFreesTheDeletedImagesOwnBlobs() throws Exception {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            s.createRepositories("gc/one", "gc/two");
            OciClient oci = OciClient.of(s);
            for (String b : new String[]{"{\"one\":1}", "shared", "only one"}) oci.pushBlob("gc/one", bytes(b));
            for (String b : new String[]{"{\"two\":2}", "shared"}) oci.pushBlob("gc/two", bytes(b));
            String one = oci.putManifest("gc/one", "v1", "application/vnd.oci.image.manifest.v1+json",
                    bytes(manifest("{\"one\":1}", "shared", "only one")));
            oci.putManifest("gc/two", "v1", "application/vnd.oci.image.manifest.v1+json", bytes(manifest("{\"two\":2}", "shared")));
            String dir = s.dataDir().toString();
            AccountLimitsCommandTest.Run usage = wharf("usage", "--data-dir", dir, "--output", "json");
            assertThat(usage.exit()).as(usage.err()).isZero();
            JsonNode two = new ObjectMapper().readTree(usage.out()).get("repositories").get(1);
            assertThat(two.get("repositoryName").asText()).isEqualTo("gc/two");
            assertThat(two.get("uniqueBytes").asLong()).isEqualTo("{\"two\":2}".length());
            assertThat(two.get("sharedBytes").asLong()).isEqualTo("shared".length());
            OciClient.expect(oci.send("DELETE", "/v2/gc/one/manifests/" + one), 202);

            AccountLimitsCommandTest.Run dry = wharf("gc", "--data-dir", dir, "--grace", "0s", "--dry-run", "--output", "json");
            assertThat(dry.exit()).as(dry.err()).isZero();
            JsonNode d = new ObjectMapper().readTree(dry.out());
            assertThat(d.get("blobs").asInt()).isEqualTo(2);
            assertThat(StoredBlobs.hex(s.dataDir()).size()).isEqualTo(4);

            AccountLimitsCommandTest.Run run = wharf("gc", "--data-dir", dir, "--grace", "0s", "--output", "json");
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode r = new ObjectMapper().readTree(run.out());
            assertThat(r.get("blobs").asInt()).isEqualTo(2);
            assertThat(r.get("bytes").asLong()).isEqualTo("{\"one\":1}".length() + "only one".length());
            assertThat(StoredBlobs.hex(s.dataDir()).size()).isEqualTo(2);
            OciClient.expect(oci.send("GET", "/v2/gc/two/blobs/" + OciClient.sha256(bytes("shared"))), 200);

            AccountLimitsCommandTest.Run text = wharf("gc", "--data-dir", dir);
            assertThat(text.out()).startsWith("garbage collection freed 0 blobs (0 bytes)");
        }
    }

    @Test
    void aGraceThatIsNotADurationIsRefused() {
        AccountLimitsCommandTest.Run r = wharf("gc", "--data-dir", "/nonexistent-wharf-dir", "--grace", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a duration");
    }
}
