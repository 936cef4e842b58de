package dev.wharf.secrets;

import dev.wharf.testing.ManualClock;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Secrets Manager calls spend their account's rate per operation at the one authorization point, like every other call. */
class SecretsManagerThrottlingTest {
    @Test
    void pastItsRateAGetSecretValueIsThrottlingExceptionAndOtherOperationsKeepTheirOwnRate() {
        // the clock stands still, so no token comes back while the test runs, however slow the machine
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_THROTTLING_GET_SECRET_VALUE", "1/2"),
                new ManualClock());
             SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                     .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            sm.createSecret(r -> r.name("hot").secretString("v"));
            sm.getSecretValue(r -> r.secretId("hot"));
            sm.getSecretValue(r -> r.secretId("hot"));
            SecretsManagerException e = catchThrowableOfType(SecretsManagerException.class, () -> sm.getSecretValue(r -> r.secretId("hot")));
            assertThat(e).as("the third call within the burst of two").isNotNull();
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(sm.describeSecret(r -> r.secretId("hot")).name()).isEqualTo("hot");
        }
    }
}
