package dev.wharf.limits;

import dev.wharf.testing.ManualClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Throttling as the AWS SDK for Java v2 and a raw {@code /v2/} client see it: ECR's
 * ThrottlingException, IAM's Throttling, OCI's 429 TOOMANYREQUESTS with Retry-After; the SDK's
 * standard retries back off and succeed.
 */
class ThrottlingThroughClientsTest {

    private static EcrClient ecr(TestServer s, ClientOverrideConfiguration retries) {
        return EcrClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .overrideConfiguration(retries).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A server whose clock stands still, so that no token comes back while the test runs, however slow the machine. */
    private static TestServer stillServer(Map<String, String> env) {
        Map<String, String> on = new java.util.HashMap<>(env);
        on.putIfAbsent("WHARF_THROTTLING_ENABLED", "true");
        return TestServer.start(on, new ManualClock());
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    @Test
    void pastTheConfiguredRateAnEcrCallIsThrottlingExceptionRateExceededWithStatus400() {
        try (TestServer s = stillServer(Map.of("WHARF_THROTTLING_GET_AUTHORIZATION_TOKEN", "1/2"));
             EcrClient ecr = ecr(s, noRetries())) {
            ecr.getAuthorizationToken(r -> {});
            ecr.getAuthorizationToken(r -> {});
            EcrException e = catchThrowableOfType(EcrException.class, () -> ecr.getAuthorizationToken(r -> {}));
            assertThat(e).as("the third call within the burst of two").isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isThrottlingException()).isTrue();
            // another operation has a bucket of its own
            ecr.describeRepositories(r -> {});
        }
    }

    @Test
    @Tag(ExternalProcess.TAG) // the SDK's backoff waits in real seconds: in the full suite, not the fast inner loop
    void theSdksStandardRetriesBackOffAndEveryCallSucceeds() throws Exception {
        // Standard retries (full-jitter backoff from 1 s for throttling), with room for ten attempts so that
        // a run of short random delays cannot exhaust them; four callers at once exceed one call a second.
        ClientOverrideConfiguration standard = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build()).build();
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_THROTTLING_DESCRIBE_REPOSITORIES", "1/1"));
             EcrClient ecr = ecr(s, standard)) {
            List<Future<?>> calls = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 8; i++) calls.add(pool.submit(() -> ecr.describeRepositories(r -> {})));
                for (Future<?> f : calls) f.get();
            }
            assertThat(s.app().throttle().throttled()).as("the server did throttle, and the SDK retried").isPositive();
        }
    }

    @Test
    void aThrottledIamCallIsThrottlingInTheQueryErrorDocument() {
        try (TestServer s = stillServer(Map.of("WHARF_THROTTLING_LIST_USERS", "1/1"));
             IamClient iam = IamClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                     .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                     .overrideConfiguration(noRetries()).httpClient(UrlConnectionHttpClient.create()).build()) {
            iam.listUsers();
            IamException e = catchThrowableOfType(IamException.class, iam::listUsers);
            assertThat(e).isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
            assertThat(e.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aV2RequestCountsAgainstTheEcrActionItIsAuthorizedAsAndIsAnsweredTooManyRequestsWithRetryAfter() {
        try (TestServer s = stillServer(Map.of("WHARF_THROTTLING_BATCH_GET_IMAGE", "1/1"))) {
            s.createRepositories("app");
            OciClient oci = OciClient.of(s);
            assertThat(oci.send("GET", "/v2/app/manifests/latest").statusCode()).as("the first pull finds no image").isEqualTo(404);
            HttpResponse<byte[]> throttled = oci.send("HEAD", "/v2/app/manifests/latest");
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
            HttpResponse<byte[]> body = oci.send("GET", "/v2/app/manifests/latest");
            assertThat(body.statusCode()).isEqualTo(429);
            assertThat(new String(body.body(), StandardCharsets.UTF_8)).contains("\"code\":\"TOOMANYREQUESTS\"").contains("Rate exceeded");
            // a blob HEAD is BatchCheckLayerAvailability: its own bucket, not throttled
            assertThat(oci.send("HEAD", "/v2/app/blobs/sha256:" + "a".repeat(64)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withThrottlingDisabledNoRateApplies() {
        try (TestServer s = stillServer(Map.of("WHARF_THROTTLING_ENABLED", "false", "WHARF_THROTTLING_GET_AUTHORIZATION_TOKEN", "1/1"));
             EcrClient ecr = ecr(s, noRetries())) {
            for (int i = 0; i < 5; i++) ecr.getAuthorizationToken(r -> {});
        }
    }
}
