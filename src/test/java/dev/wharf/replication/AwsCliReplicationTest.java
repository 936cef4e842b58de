package dev.wharf.replication;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-account replication as the issue checks it, with the aws CLI and skopeo: the destination
 * account allows replication in its registry policy, the source configures a rule, an image skopeo
 * pushes appears in the destination with status COMPLETE.
 */
@Tag("e2e")
class AwsCliReplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESTINATION = "444455556666";
    private static final String DEST_KEY = "AKIAWHARFREPLCLI0001";
    private static final String DEST_SECRET = "dest-cli-secret-key-000000000000000000000";

    @TempDir
    Path tmp;

    private static JsonNode aws(TestServer s, Map<String, String> env, String... args) throws Exception {
        ExternalProcess.Result r = AwsCli.run(s, env, List.of(args));
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    @Test
    void anImagePushedInOneAccountAppearsInTheAccountThatAllowsReplication() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_REPLICATION_POLL_INTERVAL", "200ms")); EcrClient ecr = s.ecr()) {
            s.app().identities().createAccount(DESTINATION, DEST_KEY, DEST_SECRET, false);
            Map<String, String> dest = new HashMap<>(s.awsCliEnv());
            dest.put("AWS_ACCESS_KEY_ID", DEST_KEY);
            dest.put("AWS_SECRET_ACCESS_KEY", DEST_SECRET);
            aws(s, dest, "ecr", "put-registry-policy", "--policy-text", """
                    {"Version":"2012-10-17","Statement":[{"Sid":"ReplicationAccessCrossAccount","Effect":"Allow",
                     "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["ecr:CreateRepository","ecr:ReplicateImage"],
                     "Resource":"arn:aws:ecr:%s:%s:repository/*"}]}""".formatted(TestServer.ACCOUNT, TestServer.REGION, DESTINATION));
            aws(s, s.awsCliEnv(), "ecr", "put-replication-configuration", "--replication-configuration",
                    "rules=[{destinations=[{region=" + TestServer.REGION + ",registryId=" + DESTINATION + "}]}]", "--output", "json");
            JsonNode registry = aws(s, s.awsCliEnv(), "ecr", "describe-registry", "--output", "json");
            assertThat(registry.at("/replicationConfiguration/rules/0/destinations/0/registryId").asText()).isEqualTo(DESTINATION);

            aws(s, s.awsCliEnv(), "ecr", "create-repository", "--repository-name", "shared/app");
            OciLayout layout = new OciLayout(tmp.resolve("src"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 41, 4096);
            Skopeo.loggedIn(s, ecr).push(layout.reference("v1"), "shared/app", "v1").expectOk();

            String[] status = {"ecr", "describe-image-replication-status", "--repository-name", "shared/app", "--image-id",
                    "imageTag=v1", "--output", "json"};
            Await.until(Duration.ofSeconds(30), "the replication completes", () -> {
                try {
                    return aws(s, s.awsCliEnv(), status).at("/replicationStatuses/0/status").asText().equals("COMPLETE");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            JsonNode st = aws(s, s.awsCliEnv(), status);
            assertThat(st.at("/replicationStatuses/0/registryId").asText()).isEqualTo(DESTINATION);
            assertThat(st.at("/imageId/imageDigest").asText()).isEqualTo(image.digest());

            JsonNode images = aws(s, dest, "ecr", "describe-images", "--repository-name", "shared/app", "--output", "json");
            assertThat(images.at("/imageDetails/0/imageDigest").asText()).isEqualTo(image.digest());
            assertThat(images.at("/imageDetails/0/imageTags/0").asText()).isEqualTo("v1");
        }
    }
}
