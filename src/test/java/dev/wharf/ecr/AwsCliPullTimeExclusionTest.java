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
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pull-time update exclusions with the real clients: the exclusion is registered with {@code aws
 * ecr register-pull-time-update-exclusion}; skopeo pulls by the excluded user leave
 * {@code lastRecordedPullTime} absent while another user's pull records it.
 */
@Tag("e2e")
class AwsCliPullTimeExclusionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";

    @TempDir
    Path tmp;

    private static JsonNode aws(TestServer s, String... args) throws Exception {
        ExternalProcess.Result r = AwsCli.run(s, s.awsCliEnv(), List.of(args));
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    private static Skopeo as(TestServer s, IamClient iam, String user) {
        iam.createUser(r -> r.userName(user));
        iam.attachUserPolicy(r -> r.userName(user).policyArn(READ_ONLY));
        var key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        try (EcrClient ecr = s.ecr(key.accessKeyId(), key.secretAccessKey())) {
            return Skopeo.loggedIn(s, ecr);
        }
    }

    @Test
    void anExcludedUsersSkopeoPullLeavesLastRecordedPullTimeUnset() throws Exception {
        Path data = tmp.resolve("data");
        try (TestServer s = TestServer.startOn(data, Map.of()); EcrClient ecr = s.ecr(); IamClient iam = s.iam()) {
            aws(s, "ecr", "create-repository", "--repository-name", "watched");
            OciLayout a = new OciLayout(tmp.resolve("a"));
            a.taggedImage("scanned", 21, 2048);
            OciLayout b = new OciLayout(tmp.resolve("b"));
            b.taggedImage("deployed", 22, 2048);
            Skopeo root = Skopeo.loggedIn(s, ecr);
            root.push(a.reference("scanned"), "watched", "scanned").expectOk();
            root.push(b.reference("deployed"), "watched", "deployed").expectOk();

            Skopeo scanner = as(s, iam, "scanner");
            Skopeo deployer = as(s, iam, "deployer");
            JsonNode registered = aws(s, "ecr", "register-pull-time-update-exclusion", "--principal-arn",
                    "arn:aws:iam::" + TestServer.ACCOUNT + ":user/scanner", "--output", "json");
            assertThat(registered.path("principalArn").asText()).endsWith(":user/scanner");

            scanner.pull("watched:scanned", tmp.resolve("pulled-by-scanner"), "x").expectOk();
            deployer.pull("watched:deployed", tmp.resolve("pulled-by-deployer"), "x").expectOk();
        }
        try (TestServer s = TestServer.startOn(data, Map.of())) { // pull times are written at shutdown at the latest
            JsonNode scanned = aws(s, "ecr", "describe-images", "--repository-name", "watched", "--image-ids", "imageTag=scanned", "--output", "json");
            JsonNode deployed = aws(s, "ecr", "describe-images", "--repository-name", "watched", "--image-ids", "imageTag=deployed", "--output", "json");
            assertThat(scanned.at("/imageDetails/0/lastRecordedPullTime").isMissingNode()).as("pulled only by the excluded scanner").isTrue();
            assertThat(deployed.at("/imageDetails/0/lastRecordedPullTime").isMissingNode()).as("pulled by the deployer").isFalse();
            JsonNode listed = aws(s, "ecr", "list-pull-time-update-exclusions", "--output", "json");
            assertThat(listed.at("/pullTimeUpdateExclusions/0").asText()).endsWith(":user/scanner");
        }
    }
}
