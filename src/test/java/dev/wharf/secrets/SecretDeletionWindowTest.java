package dev.wharf.secrets;

import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secret scheduled for deletion is gone once its deletion date passes: not found, and its name
 * free again. The server's clock moves; the accepted signing skew is widened so the SDK's
 * signatures, made at the real time, still count.
 */
@WharfTest(env = "WHARF_CLOCK_SKEW=40d")
class SecretDeletionWindowTest {
    @Test
    void aSecretIsGoneOnceItsRecoveryWindowHasPassed(TestServer s, MutableClock clock) {
        try (SecretsManagerClient sm = SecretsManagerThroughSdkTest.root(s)) {
            String arn = sm.createSecret(r -> r.name("short-lived").secretString("v")).arn();
            sm.deleteSecret(r -> r.secretId("short-lived").recoveryWindowInDays(7L));
            clock.advance(Duration.ofDays(6));
            assertThatThrownBy(() -> sm.createSecret(r -> r.name("short-lived").secretString("w"))).isInstanceOf(InvalidRequestException.class);
            assertThat(sm.describeSecret(r -> r.secretId("short-lived")).deletedDate()).isNotNull();

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            assertThatThrownBy(() -> sm.describeSecret(r -> r.secretId("short-lived"))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sm.describeSecret(r -> r.secretId(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThat(sm.listSecrets(r -> r.includePlannedDeletion(true)).secretList()).isEmpty();
            String again = sm.createSecret(r -> r.name("short-lived").secretString("w")).arn();
            assertThat(again).isNotEqualTo(arn);
            assertThat(sm.getSecretValue(r -> r.secretId("short-lived")).secretString()).isEqualTo("w");
        }
    }
}
