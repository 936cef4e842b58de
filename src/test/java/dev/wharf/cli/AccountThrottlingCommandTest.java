package dev.wharf.cli;

import dev.wharf.testing.ManualClock;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static dev.wharf.cli.AccountLimitsCommandTest.wharf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code wharf account limits --set throttling.<Operation>=RATE[/BURST]}: one account's own rate, set beside a running server. */
class AccountThrottlingCommandTest {

    @Test
    void anAccountsOwnRateHoldsWithinASecondAndResetRestoresThePublishedOne() {
        ManualClock clock = new ManualClock();
        try (TestServer s = TestServer.start(Map.of("WHARF_THROTTLING_ENABLED", "true"), clock);
             EcrClient ecr = EcrClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                     .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String dir = s.dataDir().toString();
            AccountLimitsCommandTest.Run shown = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT);
            assertThat(shown.out()).containsPattern("throttling.GetAuthorizationToken +500/500  default")
                    .containsPattern("throttling.PutImage +10/10  default");

            AccountLimitsCommandTest.Run set = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT,
                    "--set", "throttling.GetAuthorizationToken=1/1");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).containsPattern("throttling.GetAuthorizationToken +1/1  override");
            clock.advance(Duration.ofSeconds(2)); // past the second for which a node reuses an account's rates
            ecr.getAuthorizationToken(r -> {});
            EcrException e = catchThrowableOfType(EcrException.class, () -> ecr.getAuthorizationToken(r -> {}));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");

            AccountLimitsCommandTest.Run reset = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT,
                    "--reset", "throttling.GetAuthorizationToken");
            assertThat(reset.out()).containsPattern("throttling.GetAuthorizationToken +500/500  default");
            clock.advance(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) ecr.getAuthorizationToken(r -> {});
        }
    }

    @Test
    void aBadRateOrOperationNameIsRefusedWithTheReason() {
        try (TestServer s = TestServer.start()) {
            String dir = s.dataDir().toString();
            AccountLimitsCommandTest.Run words = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT,
                    "--set", "throttling.PutImage=fast");
            assertThat(words.exit()).isEqualTo(2);
            assertThat(words.err()).contains("'fast' is not a rate");
            AccountLimitsCommandTest.Run name = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT,
                    "--set", "throttling.put image=5");
            assertThat(name.exit()).isEqualTo(2);
            assertThat(name.err()).contains("is not an operation name");
        }
    }
}
