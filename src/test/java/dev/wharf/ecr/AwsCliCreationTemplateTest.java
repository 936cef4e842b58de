package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECR's create on push with the real clients: a template made with {@code aws ecr
 * create-repository-creation-template}, then a {@code skopeo copy} to a repository that does not
 * exist creates it immutable, and the same tag cannot be pushed over.
 */
@Tag("e2e")
class AwsCliCreationTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode aws(TestServer s, String... args) throws Exception {
        ExternalProcess.Result r = AwsCli.run(s, s.awsCliEnv(), List.of(args));
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void aCreateOnPushTemplateMakesSkopeosPushCreateAnImmutableRepository() throws Exception {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            JsonNode created = aws(s, "ecr", "create-repository-creation-template", "--prefix", "builds",
                    "--applied-for", "CREATE_ON_PUSH", "--image-tag-mutability", "IMMUTABLE",
                    "--resource-tags", "Key=source,Value=template", "--output", "json");
            assertThat(created.at("/repositoryCreationTemplate/appliedFor/0").asText()).isEqualTo("CREATE_ON_PUSH");

            OciLayout layout = new OciLayout(tmp.resolve("image"));
            layout.taggedImage("v1", 7, 4096);
            Skopeo skopeo = Skopeo.loggedIn(s, ecr);
            skopeo.push(layout.reference("v1"), "builds/app", "v1").expectOk();

            JsonNode repos = aws(s, "ecr", "describe-repositories", "--repository-names", "builds/app", "--output", "json");
            assertThat(repos.at("/repositories/0/imageTagMutability").asText()).isEqualTo("IMMUTABLE");
            JsonNode tags = aws(s, "ecr", "list-tags-for-resource", "--resource-arn", repos.at("/repositories/0/repositoryArn").asText(),
                    "--output", "json");
            assertThat(tags.at("/tags/0/Value").asText()).isEqualTo("template");

            OciLayout other = new OciLayout(tmp.resolve("other"));
            other.taggedImage("v1", 8, 4096);
            assertThat(skopeo.push(other.reference("v1"), "builds/app", "v1").ok()).as("an immutable tag is not pushed over").isFalse();
            JsonNode listed = aws(s, "ecr", "describe-repository-creation-templates", "--output", "json");
            assertThat(listed.at("/repositoryCreationTemplates/0/prefix").asText()).isEqualTo("builds");
        }
    }
}
