package dev.wharf.ecr;

import dev.wharf.testing.Await;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageStorageClassUpdateNotSupportedException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive storage class through the AWS SDK and /v2/: archive, refuse pulls, restore after the delay, filter, lifecycle transition. */
class ArchiveOperationsTest {
    private static ImageIdentifier tag(String t) {
        return ImageIdentifier.builder().imageTag(t).build();
    }

    private static ImageDetail detail(EcrClient ecr, String repo, String t) {
        return ecr.describeImages(r -> r.repositoryName(repo).imageIds(tag(t))).imageDetails().get(0);
    }

    private static String update(EcrClient ecr, String repo, String t, String target) {
        return ecr.updateImageStorageClass(r -> r.repositoryName(repo).imageId(tag(t)).targetStorageClass(target)).imageStatusAsString();
    }

    @Test
    void anArchivedImageIsDescribedButNotPulledAndARestoreActivatesItAfterTheDelay() {
        MutableClock clock = new MutableClock();
        // a delay below the SigV4 clock skew: the SDK's requests stay valid after the clock moves past it
        try (TestServer s = TestServer.start(Map.of("WHARF_ARCHIVE_RESTORE_DELAY", "10m"), clock); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("cold"));
            String digest = pushImage(ecr, "cold", "v1", 1);

            var archived = ecr.updateImageStorageClass(r -> r.repositoryName("cold").imageId(tag("v1")).targetStorageClass("ARCHIVE"));
            assertThat(archived.imageStatusAsString()).isEqualTo("ARCHIVED");
            assertThat(archived.imageId().imageDigest()).isEqualTo(digest);
            assertThat(detail(ecr, "cold", "v1").imageStatusAsString()).isEqualTo("ARCHIVED");
            assertThat(detail(ecr, "cold", "v1").lastArchivedAt()).isNotNull();

            var got = ecr.batchGetImage(r -> r.repositoryName("cold").imageIds(tag("v1")));
            assertThat(got.images()).isEmpty();
            assertThat(got.failures()).singleElement().satisfies(f -> assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound"));
            var pulled = OciClient.of(s).send("GET", "/v2/cold/manifests/v1");
            assertThat(pulled.statusCode()).isEqualTo(404);
            assertThat(new String(pulled.body(), StandardCharsets.UTF_8)).contains("MANIFEST_UNKNOWN").contains("ARCHIVED");

            assertThat(update(ecr, "cold", "v1", "STANDARD")).isEqualTo("ACTIVATING");
            assertThat(detail(ecr, "cold", "v1").imageStatusAsString()).isEqualTo("ACTIVATING");
            assertThat(OciClient.of(s).send("GET", "/v2/cold/manifests/v1").statusCode()).isEqualTo(404);
            assertThatThrownBy(() -> update(ecr, "cold", "v1", "ARCHIVE")).isInstanceOf(ImageStorageClassUpdateNotSupportedException.class);

            clock.advance(Duration.ofMinutes(10));
            ImageDetail restored = detail(ecr, "cold", "v1");
            assertThat(restored.imageStatusAsString()).isEqualTo("ACTIVE");
            assertThat(restored.lastActivatedAt()).isAfter(restored.lastArchivedAt());
            assertThat(OciClient.of(s).send("GET", "/v2/cold/manifests/v1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theRestoreDelayIsTheOperators() {
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of("WHARF_ARCHIVE_RESTORE_DELAY", "1m"), clock); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("quick"));
            pushImage(ecr, "quick", "v1", 1);
            update(ecr, "quick", "v1", "ARCHIVE");
            update(ecr, "quick", "v1", "STANDARD");
            clock.advance(Duration.ofSeconds(59));
            assertThat(detail(ecr, "quick", "v1").imageStatusAsString()).isEqualTo("ACTIVATING");
            clock.advance(Duration.ofSeconds(1));
            assertThat(detail(ecr, "quick", "v1").imageStatusAsString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void describeImagesFiltersByImageStatus() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("mixed"));
            String cold = pushImage(ecr, "mixed", "cold", 1);
            String warm = pushImage(ecr, "mixed", "warm", 2);
            update(ecr, "mixed", "cold", "ARCHIVE");
            assertThat(ecr.describeImages(r -> r.repositoryName("mixed").filter(f -> f.imageStatus("ARCHIVED"))).imageDetails())
                    .extracting(ImageDetail::imageDigest).containsExactly(cold);
            assertThat(ecr.describeImages(r -> r.repositoryName("mixed").filter(f -> f.imageStatus("ACTIVE"))).imageDetails())
                    .extracting(ImageDetail::imageDigest).containsExactly(warm);
            assertThat(ecr.describeImages(r -> r.repositoryName("mixed").filter(f -> f.imageStatus("ACTIVATING"))).imageDetails()).isEmpty();
            assertThat(ecr.describeImages(r -> r.repositoryName("mixed")).imageDetails()).hasSize(2);
        }
    }

    @Test
    void pushingAnArchivedImageAgainRestoresItAtOnce() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("repushed"));
            pushImage(ecr, "repushed", "v1", 1);
            update(ecr, "repushed", "v1", "ARCHIVE");
            pushImage(ecr, "repushed", "v1-again", 1);
            ImageDetail d = detail(ecr, "repushed", "v1");
            assertThat(d.imageStatusAsString()).isEqualTo("ACTIVE");
            assertThat(d.lastActivatedAt()).isNotNull();
        }
    }

    @Test
    void aMissingImageIsImageNotFoundAndAnUnknownStorageClassIsInvalidParameter() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("errs"));
            pushImage(ecr, "errs", "v1", 1);
            assertThatThrownBy(() -> update(ecr, "errs", "nope", "ARCHIVE")).isInstanceOf(ImageNotFoundException.class);
            assertThatThrownBy(() -> update(ecr, "errs", "v1", "GLACIER")).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("targetStorageClass");
            assertThatThrownBy(() -> ecr.updateImageStorageClass(r -> r.repositoryName("errs").imageId(ImageIdentifier.builder().build())
                    .targetStorageClass("ARCHIVE"))).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void aLifecycleTransitionRuleArchivesTheImagesItSelects() {
        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                + "\"countNumber\":1},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}}]}";
        try (TestServer s = TestServer.start(Map.of("WHARF_LIFECYCLE_INTERVAL", "1s")); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("aging"));
            pushImage(ecr, "aging", "old", 1);
            pushImage(ecr, "aging", "new", 2);
            ecr.putLifecyclePolicy(r -> r.repositoryName("aging").lifecyclePolicyText(policy));
            var preview = ecr.startLifecyclePolicyPreview(r -> r.repositoryName("aging"));
            var got = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("aging"));
            assertThat(got.previewResults()).singleElement().satisfies(p -> assertThat(p.action().typeAsString()).isEqualTo("TRANSITION"));
            assertThat(got.summary().transitioningImageTotalCounts()).singleElement().satisfies(c -> assertThat(c.imageTotalCount()).isEqualTo(1));
            assertThat(preview.status()).isNotNull();
            // the scheduler runs on its own thread every second: wait for it, bounded
            Await.until(Duration.ofSeconds(20), "the scheduled lifecycle run archived an image",
                    () -> "ARCHIVED".equals(detail(ecr, "aging", "old").imageStatusAsString()));
            assertThat(detail(ecr, "aging", "new").imageStatusAsString()).isEqualTo("ACTIVE");
            assertThat(ecr.listImages(r -> r.repositoryName("aging")).imageIds()).hasSize(2);
        }
    }
}
