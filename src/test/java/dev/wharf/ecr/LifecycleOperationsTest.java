package dev.wharf.ecr;

import dev.wharf.testing.Await;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.time.Duration;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleOperationsTest {
    static final String KEEP_TWO = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep two\",\"selection\":{\"tagStatus\":\"any\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void aPolicyIsStoredReadAndDeleted() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("lc/crud"));
            assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("lc/crud"))).isInstanceOf(LifecyclePolicyNotFoundException.class);
            assertThat(ecr.putLifecyclePolicy(r -> r.repositoryName("lc/crud").lifecyclePolicyText(KEEP_TWO)).lifecyclePolicyText()).isEqualTo(KEEP_TWO);
            var got = ecr.getLifecyclePolicy(r -> r.repositoryName("lc/crud"));
            assertThat(got.lifecyclePolicyText()).isEqualTo(KEEP_TWO);
            assertThat(got.registryId()).isEqualTo(TestServer.ACCOUNT);
            assertThat(ecr.deleteLifecyclePolicy(r -> r.repositoryName("lc/crud")).lifecyclePolicyText()).isEqualTo(KEEP_TWO);
            assertThatThrownBy(() -> ecr.deleteLifecyclePolicy(r -> r.repositoryName("lc/crud"))).isInstanceOf(LifecyclePolicyNotFoundException.class);
            assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("lc/none").lifecyclePolicyText(KEEP_TWO)))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Test
    void anInvalidPolicyIsInvalidParameterNamingTheFault() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("lc/invalid"));
            String bad = KEEP_TWO.replace("imageCountMoreThan", "imageCountLessThan");
            assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("lc/invalid").lifecyclePolicyText(bad)))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("countType must be one of");
        }
    }

    @Test
    void aPreviewShowsWhatWouldExpireAndWhy() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("lc/preview"));
            assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("lc/preview")))
                    .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
            assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("lc/preview")))
                    .isInstanceOf(LifecyclePolicyNotFoundException.class);
            String oldest = pushImage(ecr, "lc/preview", "a", 1);
            String older = pushImage(ecr, "lc/preview", "b", 2);
            pushImage(ecr, "lc/preview", "c", 3);
            pushImage(ecr, "lc/preview", "d", 4);
            var started = ecr.startLifecyclePolicyPreview(r -> r.repositoryName("lc/preview").lifecyclePolicyText(KEEP_TWO));
            assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
            var page1 = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("lc/preview").maxResults(1));
            assertThat(page1.summary().expiringImageTotalCount()).isEqualTo(2);
            assertThat(page1.previewResults()).singleElement().satisfies(p -> {
                assertThat(p.appliedRulePriority()).isEqualTo(1);
                assertThat(p.action().typeAsString()).isEqualTo("EXPIRE");
            });
            var page2 = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("lc/preview").maxResults(1).nextToken(page1.nextToken()));
            assertThat(page2.nextToken()).isNull();
            assertThat(java.util.List.of(page1.previewResults().get(0).imageDigest(), page2.previewResults().get(0).imageDigest()))
                    .containsExactlyInAnyOrder(oldest, older);
            assertThat(ecr.listImages(r -> r.repositoryName("lc/preview")).imageIds()).hasSize(4);
        }
    }

    @Test
    void theSchedulerExpiresTheImagesThePolicySelects() throws Exception {
        try (TestServer s = TestServer.start(Map.of("WHARF_LIFECYCLE_INTERVAL", "100ms")); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("lc/run"));
            String a = pushImage(ecr, "lc/run", "a", 1);
            String b = pushImage(ecr, "lc/run", "b", 2);
            String c = pushImage(ecr, "lc/run", "c", 3);
            ecr.putLifecyclePolicy(r -> r.repositoryName("lc/run").lifecyclePolicyText(KEEP_TWO));
            // the scheduler runs on its own thread every 100 ms: wait for it, bounded
            // a run expires images before it records its evaluation time: wait for the run to finish
            Await.until(Duration.ofSeconds(20), "the scheduled lifecycle run expired an image and recorded itself",
                    () -> ecr.listImages(r -> r.repositoryName("lc/run")).imageIds().size() <= 2
                            && ecr.getLifecyclePolicy(r -> r.repositoryName("lc/run")).lastEvaluatedAt() != null);
            assertThat(ecr.listImages(r -> r.repositoryName("lc/run")).imageIds()).extracting(i -> i.imageDigest())
                    .containsExactlyInAnyOrder(b, c).doesNotContain(a);
            assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("lc/run")).lastEvaluatedAt()).isNotNull();
        }
    }
}
