package dev.wharf.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.ManualClock;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unmodified {@code aws} CLI and {@code skopeo} against throttling and the audit trail: the CLI
 * without retries sees ThrottlingException, with standard retries it succeeds; {@code aws cloudtrail
 * lookup-events} finds CreateRepository, a denied call with its errorCode, and a skopeo push as
 * PutImage with the pusher's identity, and no record holds a secret.
 */
@Tag(ExternalProcess.TAG)
class AwsCliAuditAndThrottlingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {}

    private Result aws(TestServer server, Map<String, String> env, String... args) {
        try (ExternalProcess.Started p = start(server, env, args)) {
            return finish(p);
        }
    }

    private ExternalProcess.Started start(TestServer server, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", server.url(), "--region", TestServer.REGION, "--output", "json"));
        cmd.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(server.awsCliEnv());
        all.putAll(env);
        return ExternalProcess.command(cmd).env(all).start();
    }

    private Result finish(ExternalProcess.Started p) {
        ExternalProcess.Result r = p.finish(Duration.ofSeconds(120));
        return new Result(r.exit(), r.out(), r.err());
    }

    private JsonNode awsJson(TestServer server, Map<String, String> env, String... args) throws Exception {
        Result r = aws(server, env, args);
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void withoutRetriesTheCliSeesThrottlingExceptionPastALowRate() throws Exception {
        // The server's clock stands still: no token comes back while the (slow) CLI starts again.
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_THROTTLING_DESCRIBE_REPOSITORIES", "1/1"),
                new ManualClock())) {
            Map<String, String> noRetries = Map.of("AWS_RETRY_MODE", "standard", "AWS_MAX_ATTEMPTS", "1");
            awsJson(s, noRetries, "ecr", "describe-repositories");
            Result throttled = aws(s, noRetries, "ecr", "describe-repositories");
            assertThat(throttled.exit()).isNotZero();
            assertThat(throttled.err()).contains("ThrottlingException").contains("Rate exceeded");
        }
    }

    @Test
    void withStandardRetriesEveryCliCallSucceeds() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_THROTTLING_DESCRIBE_REPOSITORIES", "1/1"))) {
            Map<String, String> standard = Map.of("AWS_RETRY_MODE", "standard", "AWS_MAX_ATTEMPTS", "10");
            List<ExternalProcess.Started> running = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) running.add(start(s, standard, "ecr", "describe-repositories"));
                for (ExternalProcess.Started p : running) {
                    Result r = finish(p);
                    assertThat(r.exit()).as(r.err()).isZero();
                }
            } finally {
                running.forEach(ExternalProcess.Started::close);
            }
            assertThat(s.app().throttle().throttled()).as("the server did throttle, and the CLI retried").isPositive();
        }
    }

    @Test
    void skopeoIsAnsweredTooManyRequestsPastALowBatchGetImageRate() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_THROTTLING_BATCH_GET_IMAGE", "1/1"),
                new ManualClock())) {
            s.createRepositories("cli/pulled");
            Skopeo skopeo;
            try (EcrClient ecr = s.ecr()) {
                skopeo = Skopeo.loggedIn(s, ecr);
            }
            OciLayout layout = new OciLayout(tmp.resolve("pulled"));
            layout.taggedImage("v1", 3, 1000);
            skopeo.push(layout.reference("v1"), "cli/pulled", "v1").expectOk();
            Skopeo.Result pulls = skopeo.inspectRaw("cli/pulled:v1");
            if (pulls.ok()) pulls = skopeo.inspectRaw("cli/pulled:v1"); // the push itself may have spent the one token
            assertThat(pulls.ok()).isFalse();
            assertThat(pulls.output()).containsIgnoringCase("toomanyrequests").contains("Rate exceeded");
        }
    }

    @Test
    void lookupEventsFindsCreateRepositoryADenialAndASkopeoPushAndNoSecret() throws Exception {
        try (TestServer s = TestServer.start()) {
            Map<String, String> env = Map.of();
            awsJson(s, env, "ecr", "create-repository", "--repository-name", "cli/audited");

            AccessKey denied;
            AccessKey pusher;
            try (IamClient iam = s.iam()) {
                iam.createUser(r -> r.userName("cli-denied"));
                denied = iam.createAccessKey(r -> r.userName("cli-denied")).accessKey();
                iam.createUser(r -> r.userName("cli-pusher"));
                iam.attachUserPolicy(r -> r.userName("cli-pusher").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"));
                pusher = iam.createAccessKey(r -> r.userName("cli-pusher")).accessKey();
            }
            Result refused = aws(s, Map.of("AWS_ACCESS_KEY_ID", denied.accessKeyId(), "AWS_SECRET_ACCESS_KEY", denied.secretAccessKey()),
                    "ecr", "describe-repositories");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("AccessDeniedException");

            String token;
            try (EcrClient ecr = s.ecr(pusher.accessKeyId(), pusher.secretAccessKey())) {
                token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            }
            OciLayout layout = new OciLayout(tmp.resolve("layout"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 7, 2000);
            String manifest = new String(layout.read(image.digest()), java.nio.charset.StandardCharsets.UTF_8);
            new Skopeo(s, token).push(layout.reference("v1"), "cli/audited", "v1").expectOk();

            JsonNode created = awsJson(s, env, "cloudtrail", "lookup-events",
                    "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateRepository");
            JsonNode create = JSON.readTree(created.path("Events").get(0).path("CloudTrailEvent").asText());
            assertThat(create.path("eventName").asText()).isEqualTo("CreateRepository");
            assertThat(create.path("requestParameters").path("repositoryName").asText()).isEqualTo("cli/audited");
            assertThat(create.path("userAgent").asText()).contains("aws-cli");

            JsonNode deniedEvents = awsJson(s, env, "cloudtrail", "lookup-events",
                    "--lookup-attributes", "AttributeKey=Username,AttributeValue=cli-denied");
            JsonNode denial = JSON.readTree(deniedEvents.path("Events").get(0).path("CloudTrailEvent").asText());
            assertThat(denial.path("eventName").asText()).isEqualTo("DescribeRepositories");
            assertThat(denial.path("errorCode").asText()).isEqualTo("AccessDeniedException");
            assertThat(denial.path("userIdentity").path("accessKeyId").asText()).isEqualTo(denied.accessKeyId());

            JsonNode pushes = awsJson(s, env, "cloudtrail", "lookup-events",
                    "--lookup-attributes", "AttributeKey=EventName,AttributeValue=PutImage", "--start-time", "2020-01-01T00:00:00Z");
            assertThat(pushes.path("Events")).hasSize(1);
            JsonNode put = JSON.readTree(pushes.path("Events").get(0).path("CloudTrailEvent").asText());
            assertThat(put.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT + ":user/cli-pusher");
            assertThat(put.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
            assertThat(put.path("userAgent").asText()).containsIgnoringCase("skopeo");
            assertThat(put.path("requestParameters").path("imageTag").asText()).isEqualTo("v1");

            Result everything = aws(s, env, "cloudtrail", "lookup-events");
            assertThat(everything.exit()).as(everything.err()).isZero();
            String password = new String(java.util.Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8).substring(4);
            assertThat(everything.out()).contains("InitiateLayerUpload").contains("CompleteLayerUpload")
                    .doesNotContain(TestServer.SECRET_KEY).doesNotContain(denied.secretAccessKey()).doesNotContain(pusher.secretAccessKey())
                    .doesNotContain(token).doesNotContain(password).doesNotContain("Signature=")
                    .doesNotContain(manifest).doesNotContain(JSON.writeValueAsString(manifest));
        }
    }
}
