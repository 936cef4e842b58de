package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.Await;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Archive and restore with the real clients: skopeo cannot pull an image archived with the aws CLI, and pulls it again once restored. */
@Tag("e2e")
class AwsCliArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode aws(TestServer s, String... args) throws Exception {
        ExternalProcess.Result r = AwsCli.run(s, s.awsCliEnv(), List.of(args));
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void anArchivedImageIsRefusedToSkopeoAndPullsAgainAfterRestore() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_ARCHIVE_RESTORE_DELAY", "2s")); EcrClient ecr = s.ecr()) {
            s.createRepositories("vault");
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            layout.taggedImage("v1", 31, 4096);
            Skopeo skopeo = Skopeo.loggedIn(s, ecr);
            skopeo.push(layout.reference("v1"), "vault", "v1").expectOk();

            JsonNode archived = aws(s, "ecr", "update-image-storage-class", "--repository-name", "vault", "--image-id", "imageTag=v1",
                    "--target-storage-class", "ARCHIVE", "--output", "json");
            assertThat(archived.path("imageStatus").asText()).isEqualTo("ARCHIVED");
            assertThat(skopeo.pull("vault:v1", tmp.resolve("refused"), "x").ok()).as("an archived image is not pulled").isFalse();

            JsonNode restoring = aws(s, "ecr", "update-image-storage-class", "--repository-name", "vault", "--image-id", "imageTag=v1",
                    "--target-storage-class", "STANDARD", "--output", "json");
            assertThat(restoring.path("imageStatus").asText()).isEqualTo("ACTIVATING");
            // the restore completes on the server's clock after the configured delay: wait for it, bounded
            Await.until(Duration.ofSeconds(30), "the restore completed", () -> {
                try {
                    return "ACTIVE".equals(aws(s, "ecr", "describe-images", "--repository-name", "vault", "--image-ids", "imageTag=v1",
                            "--output", "json").at("/imageDetails/0/imageStatus").asText());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            skopeo.pull("vault:v1", tmp.resolve("restored"), "x").expectOk();
        }
    }
}
