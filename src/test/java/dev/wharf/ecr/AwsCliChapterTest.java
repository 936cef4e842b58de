package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ECR guide's CLI chapter, run with the real {@code aws} CLI against Wharf, parsing its JSON answers. */
@Tag("e2e")
class AwsCliChapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode aws(TestServer s, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("--output", "json", "ecr"));
        cmd.addAll(List.of(args));
        ExternalProcess.Result r = AwsCli.run(s, s.awsCliEnv(), cmd);
        String out = r.out();
        String err = r.err();
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + err).isZero();
        return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
    }

    @Test
    void theGuidesCliChapterWorksEndToEnd() throws Exception {
        try (TestServer s = TestServer.start(); EcrClient sdk = s.ecr()) {
            JsonNode created = aws(s, "create-repository", "--repository-name", "hello-repository", "--image-tag-mutability", "MUTABLE");
            assertThat(created.at("/repository/repositoryName").asText()).isEqualTo("hello-repository");
            String digest = EcrFixtures.pushImage(sdk, "hello-repository", "latest", 1);
            assertThat(aws(s, "list-images", "--repository-name", "hello-repository").at("/imageIds/0/imageTag").asText()).isEqualTo("latest");
            JsonNode described = aws(s, "describe-images", "--repository-name", "hello-repository");
            assertThat(described.at("/imageDetails/0/imageDigest").asText()).isEqualTo(digest);
            JsonNode got = aws(s, "batch-get-image", "--repository-name", "hello-repository", "--image-ids", "imageTag=latest");
            assertThat(got.at("/images/0/imageId/imageDigest").asText()).isEqualTo(digest);
            String policy = LifecycleOperationsTest.KEEP_TWO;
            assertThat(aws(s, "put-lifecycle-policy", "--repository-name", "hello-repository", "--lifecycle-policy-text", policy)
                    .at("/lifecyclePolicyText").asText()).isEqualTo(policy);
            JsonNode deleted = aws(s, "batch-delete-image", "--repository-name", "hello-repository", "--image-ids", "imageTag=latest");
            assertThat(deleted.at("/imageIds/0/imageDigest").asText()).isEqualTo(digest);
            assertThat(deleted.at("/failures").size()).isZero();
            EcrFixtures.pushImage(sdk, "hello-repository", "again", 2);
            assertThat(aws(s, "delete-repository", "--repository-name", "hello-repository", "--force")
                    .at("/repository/repositoryName").asText()).isEqualTo("hello-repository");
            assertThat(aws(s, "describe-repositories").at("/repositories").size()).isZero();
        }
    }
}
