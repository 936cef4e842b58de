package dev.wharf.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code aws secretsmanager} commands against Wharf, unchanged: the pull-through cache
 * credential secret of ECR's user guide is created, read, rotated, described, listed and deleted.
 */
@Tag("e2e")
class AwsCliSecretsManagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode aws(TestServer s, String... args) throws Exception {
        ExternalProcess.Result r = AwsCli.run(s, s.awsCliEnv(), List.of(args));
        assertThat(r.exit()).as("aws %s: %s", args[1], r.err()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    @Test
    void thePullThroughCacheCredentialSecretIsManagedWithTheAwsCli() throws Exception {
        try (TestServer s = TestServer.start()) {
            JsonNode created = aws(s, "secretsmanager", "create-secret", "--name", "ecr-pullthroughcache/upstream",
                    "--secret-string", "{\"username\":\"u\",\"accessToken\":\"p\"}", "--output", "json");
            String arn = created.path("ARN").asText();
            assertThat(arn).startsWith("arn:aws:secretsmanager:us-east-1:" + TestServer.ACCOUNT + ":secret:ecr-pullthroughcache/upstream-");
            assertThat(s.app().secretValues().secretString(TestServer.ACCOUNT, arn)).contains("{\"username\":\"u\",\"accessToken\":\"p\"}");

            JsonNode value = aws(s, "secretsmanager", "get-secret-value", "--secret-id", "ecr-pullthroughcache/upstream", "--output", "json");
            assertThat(value.path("SecretString").asText()).isEqualTo("{\"username\":\"u\",\"accessToken\":\"p\"}");
            assertThat(value.path("VersionStages").get(0).asText()).isEqualTo("AWSCURRENT");

            JsonNode put = aws(s, "secretsmanager", "put-secret-value", "--secret-id", arn,
                    "--secret-string", "{\"username\":\"u\",\"accessToken\":\"p2\"}", "--output", "json");
            assertThat(aws(s, "secretsmanager", "get-secret-value", "--secret-id", arn, "--output", "json").path("SecretString").asText())
                    .isEqualTo("{\"username\":\"u\",\"accessToken\":\"p2\"}");
            JsonNode described = aws(s, "secretsmanager", "describe-secret", "--secret-id", arn, "--output", "json");
            assertThat(described.path("VersionIdsToStages").path(put.path("VersionId").asText()).get(0).asText()).isEqualTo("AWSCURRENT");
            assertThat(described.path("VersionIdsToStages").path(created.path("VersionId").asText()).get(0).asText()).isEqualTo("AWSPREVIOUS");

            JsonNode listed = aws(s, "secretsmanager", "list-secrets", "--filters", "Key=name,Values=ecr-pullthroughcache/", "--output", "json");
            assertThat(listed.path("SecretList").get(0).path("ARN").asText()).isEqualTo(arn);

            ExternalProcess.Result missing = AwsCli.run(s, s.awsCliEnv(), List.of("secretsmanager", "get-secret-value", "--secret-id", "absent"));
            assertThat(missing.exit()).isNotZero();
            assertThat(missing.err()).contains("ResourceNotFoundException");

            JsonNode deleted = aws(s, "secretsmanager", "delete-secret", "--secret-id", arn, "--recovery-window-in-days", "7", "--output", "json");
            assertThat(deleted.path("DeletionDate").isMissingNode()).isFalse();
            ExternalProcess.Result scheduled = AwsCli.run(s, s.awsCliEnv(),
                    List.of("secretsmanager", "get-secret-value", "--secret-id", "ecr-pullthroughcache/upstream"));
            assertThat(scheduled.err()).contains("InvalidRequestException");
            assertThat(s.app().secretValues().secretString(TestServer.ACCOUNT, arn)).isEmpty();
        }
    }
}
