package dev.wharf.ecr;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without maxResults the paginated operations answer ECR's default page of 100 and a nextToken;
 * ListImages counts image ids (one per tag), so one image's tags may span pages.
 */
class DefaultPageSizeTest {

    @Test
    void describeRepositoriesAndListImagesAnswerAHundredByDefault() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            for (int i = 0; i < 101; i++) {
                String name = "page/r%03d".formatted(i);
                ecr.createRepository(r -> r.repositoryName(name));
            }
            DescribeRepositoriesResponse first = ecr.describeRepositories(r -> {});
            assertThat(first.repositories()).hasSize(100);
            assertThat(first.nextToken()).isNotNull();
            assertThat(ecr.describeRepositories(r -> r.nextToken(first.nextToken())).repositories())
                    .singleElement().satisfies(r -> assertThat(r.repositoryName()).isEqualTo("page/r100"));

            pushImage(ecr, "page/r000", "t000", 1);
            String manifest = ecr.batchGetImage(r -> r.repositoryName("page/r000").imageIds(i -> i.imageTag("t000")))
                    .images().get(0).imageManifest();
            for (int i = 1; i < 101; i++) {
                String tag = "t%03d".formatted(i);
                ecr.putImage(r -> r.repositoryName("page/r000").imageTag(tag).imageManifest(manifest));
            }
            ListImagesResponse images = ecr.listImages(r -> r.repositoryName("page/r000"));
            assertThat(images.imageIds()).hasSize(100);
            assertThat(images.nextToken()).isNotNull();
            assertThat(ecr.listImages(r -> r.repositoryName("page/r000").nextToken(images.nextToken())).imageIds())
                    .singleElement().satisfies(i -> assertThat(i.imageTag()).isEqualTo("t100"));
        }
    }
}
