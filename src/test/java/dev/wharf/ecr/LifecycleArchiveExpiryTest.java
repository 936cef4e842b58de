package dev.wharf.ecr;

import dev.wharf.testing.Await;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.signer.AwsSignerExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * ECR's two-step cleanup by pull activity, run by the scheduler: a rule archives images nobody pulled, a
 * second rule deletes archived images once they have been in the archive for its days (at least 90).
 */
class LifecycleArchiveExpiryTest {
    private static final String POLICY = """
            {"rules":[
             {"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},
              "action":{"type":"transition","targetStorageClass":"archive"}},
             {"rulePriority":2,"selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned",
              "countUnit":"days","countNumber":90},"action":{"type":"expire"}}]}""";

    /** An ECR client that signs with the server's (moved) clock, so its requests stay within the SigV4 skew. */
    private static EcrClient signingWith(TestServer s, MutableClock clock) {
        return EcrClient.builder().endpointOverride(URI.create(s.url())).region(Region.US_EAST_1)
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .overrideConfiguration(o -> o.putExecutionAttribute(AwsSignerExecutionAttribute.SIGNING_CLOCK, clock))
                .build();
    }

    private static String status(EcrClient ecr, String tag) {
        var details = ecr.describeImages(r -> r.repositoryName("pulls")).imageDetails().stream()
                .filter(d -> d.imageTags().contains(tag)).toList();
        return details.isEmpty() ? "DELETED" : details.get(0).imageStatusAsString();
    }

    @Test
    void unpulledImagesAreArchivedAndDeletedNinetyDaysLater() {
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of("WHARF_LIFECYCLE_INTERVAL", "1s"), clock); EcrClient ecr = signingWith(s, clock)) {
            ecr.createRepository(r -> r.repositoryName("pulls"));
            pushImage(ecr, "pulls", "stale", 1);
            pushImage(ecr, "pulls", "busy", 2);
            ecr.putLifecyclePolicy(r -> r.repositoryName("pulls").lifecyclePolicyText(POLICY));

            clock.advance(Duration.ofDays(29));
            ecr.batchGetImage(r -> r.repositoryName("pulls").imageIds(ImageIdentifier.builder().imageTag("busy").build()));
            // the pull is recorded before time moves on, so no run after it can judge "busy" unpulled
            Await.until(Duration.ofSeconds(20), "the pull time of busy is recorded", () -> ecr.describeImages(r -> r.repositoryName("pulls")
                    .imageIds(ImageIdentifier.builder().imageTag("busy").build())).imageDetails().get(0).lastRecordedPullTime() != null);
            clock.advance(Duration.ofDays(2));
            Await.until(Duration.ofSeconds(20), "the scheduled run archived the unpulled image", () -> "ARCHIVED".equals(status(ecr, "stale")));
            assertThat(status(ecr, "busy")).isEqualTo("ACTIVE");

            clock.advance(Duration.ofDays(89));
            // 89 days in the archive: the expire rule must not have taken it yet, whatever the scheduler did meanwhile
            ecr.startLifecyclePolicyPreview(r -> r.repositoryName("pulls"));
            assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("pulls")).previewResults())
                    .noneMatch(p -> p.imageTags().contains("stale") || p.appliedRulePriority() == 2);
            assertThat(status(ecr, "stale")).isEqualTo("ARCHIVED");

            clock.advance(Duration.ofDays(2));
            Await.until(Duration.ofSeconds(20), "the scheduled run deleted the long-archived image", () -> "DELETED".equals(status(ecr, "stale")));
            assertThat(status(ecr, "busy")).isEqualTo("ARCHIVED"); // not pulled for 91 days: archived by rule 1 in the meantime
        }
    }

    @Test
    void thePreviewNamesTheStorageClassOfEachResult() {
        MutableClock clock = new MutableClock();
        // no scheduled run during the test: the preview alone is looked at
        try (TestServer s = TestServer.start(Map.of("WHARF_LIFECYCLE_INTERVAL", "24h"), clock); EcrClient ecr = signingWith(s, clock)) {
            ecr.createRepository(r -> r.repositoryName("pulls"));
            pushImage(ecr, "pulls", "cold", 1);
            pushImage(ecr, "pulls", "warm", 2);
            ecr.updateImageStorageClass(r -> r.repositoryName("pulls").imageId(ImageIdentifier.builder().imageTag("cold").build())
                    .targetStorageClass("ARCHIVE"));
            ecr.putLifecyclePolicy(r -> r.repositoryName("pulls").lifecyclePolicyText(POLICY));
            clock.advance(Duration.ofDays(91));

            ecr.startLifecyclePolicyPreview(r -> r.repositoryName("pulls"));
            var results = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("pulls")).previewResults();
            assertThat(results).extracting(p -> p.imageTags().get(0), p -> p.storageClassAsString(), p -> p.action().typeAsString(),
                            p -> p.appliedRulePriority())
                    .containsExactlyInAnyOrder(tuple("cold", "ARCHIVE", "EXPIRE", 2), tuple("warm", "STANDARD", "TRANSITION", 1));
        }
    }

    @Test
    void expiringUnpulledImagesDirectlyIsRefusedAsEcrRefusesIt() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("pulls"));
            String expireByPull = POLICY.replace("\"transition\",\"targetStorageClass\":\"archive\"", "\"expire\"");
            assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("pulls").lifecyclePolicyText(expireByPull)))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("sinceImagePulled can only be used with action type 'transition'");
        }
    }
}
