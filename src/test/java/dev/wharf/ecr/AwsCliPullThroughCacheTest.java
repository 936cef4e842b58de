package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.Distribution;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull through cache as the check runs it: {@code aws ecr create-pull-through-cache-rule}
 * in front of a local CNCF Distribution (plain http, so with the operator's switch), then skopeo
 * pulls through Wharf, the repository appears, and the image is served again with the upstream stopped.
 */
@Tag(ExternalProcess.TAG)
class AwsCliPullThroughCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * The aws CLI (v1) fetches any parameter that starts with {@code http://} and sends what it read
     * instead, unless its configuration says {@code cli_follow_urlparam = false}: an upstream URL must
     * go as it is written.
     */
    private ExternalProcess.Result aws(TestServer s, String... args) {
        Map<String, String> env = new HashMap<>(s.awsCliEnv());
        try {
            Path config = tmp.resolve("aws-config");
            Files.writeString(config, "[default]\ncli_follow_urlparam = false\n");
            env.put("AWS_CONFIG_FILE", config.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AwsCli.run(s, env, List.of(args));
    }

    private JsonNode ok(TestServer s, String... args) throws Exception {
        ExternalProcess.Result r = aws(s, args);
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void aRuleMadeWithTheAwsCliServesAnUpstreamImageAndKeepsServingItWithTheUpstreamStopped() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "true")); EcrClient ecr = s.ecr();
             Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("3.20", 5, 128 << 10);
            upstream.push(layout.reference("3.20"), "library/alpine:3.20");

            JsonNode created = ok(s, "ecr", "create-pull-through-cache-rule", "--ecr-repository-prefix", "local",
                    "--upstream-registry-url", upstream.url(), "--output", "json");
            assertThat(created.path("ecrRepositoryPrefix").asText()).isEqualTo("local");
            JsonNode validated = ok(s, "ecr", "validate-pull-through-cache-rule", "--ecr-repository-prefix", "local", "--output", "json");
            assertThat(validated.path("isValid").asBoolean()).isTrue();
            ExternalProcess.Result taken = aws(s, "ecr", "create-pull-through-cache-rule", "--ecr-repository-prefix", "local",
                    "--upstream-registry-url", upstream.url());
            assertThat(taken.exit()).isNotZero();
            assertThat(taken.err()).contains("PullThroughCacheRuleAlreadyExistsException");

            Skopeo skopeo = Skopeo.loggedIn(s, ecr);
            skopeo.pull("local/library/alpine:3.20", Files.createTempDirectory(tmp, "first"), "t").expectOk();
            JsonNode repos = ok(s, "ecr", "describe-repositories", "--repository-names", "local/library/alpine", "--output", "json");
            assertThat(repos.at("/repositories/0/repositoryName").asText()).isEqualTo("local/library/alpine");

            upstream.stop();
            Path again = Files.createTempDirectory(tmp, "again");
            skopeo.pull("local/library/alpine:3.20", again, "t").expectOk();
            assertThat(OciLayout.taggedDigest(again, "t")).isEqualTo(image.digest());
            JsonNode described = ok(s, "ecr", "describe-pull-through-cache-rules", "--output", "json");
            assertThat(described.at("/pullThroughCacheRules/0/upstreamRegistryUrl").asText()).isEqualTo(upstream.url());
        }
    }
}
