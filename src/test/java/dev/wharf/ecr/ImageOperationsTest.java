package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static dev.wharf.ecr.EcrFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WharfTest
class ImageOperationsTest {
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start(TestServer s, EcrClient e) {
        server = s;
        ecr = e;
    }

    private static String repo(String name) {
        ecr.createRepository(r -> r.repositoryName(name));
        return name;
    }

    private static ImageIdentifier tag(String t) {
        return ImageIdentifier.builder().imageTag(t).build();
    }

    private static ImageIdentifier digest(String d) {
        return ImageIdentifier.builder().imageDigest(d).build();
    }

    @Test
    void putImageAnswersTheImageAndBatchGetImageReturnsItsManifest() {
        String repo = repo("images/put-get");
        String d = pushImage(ecr, repo, "v1", 1);
        var got = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("v1")));
        assertThat(got.failures()).isEmpty();
        assertThat(got.images()).singleElement().satisfies(i -> {
            assertThat(i.imageId().imageDigest()).isEqualTo(d);
            assertThat(i.imageId().imageTag()).isEqualTo("v1");
            assertThat(i.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(sha256(i.imageManifest().getBytes(StandardCharsets.UTF_8))).isEqualTo(d);
            assertThat(i.registryId()).isEqualTo(TestServer.ACCOUNT);
        });
    }

    @Test
    void pushingTheSameManifestAndTagAgainIsImageAlreadyExists() {
        String repo = repo("images/again");
        pushImage(ecr, repo, "v1", 2);
        assertThatThrownBy(() -> pushImage(ecr, repo, "v1", 2)).isInstanceOf(ImageAlreadyExistsException.class);
    }

    @Test
    void aDigestThatDoesNotMatchTheManifestIsImageDigestDoesNotMatch() {
        String repo = repo("images/digest-mismatch");
        pushImage(ecr, repo, "base", 3);
        String manifest = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("base"))).images().get(0).imageManifest();
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(repo).imageManifest(manifest).imageTag("other")
                .imageDigest("sha256:" + "0".repeat(64)))).isInstanceOf(ImageDigestDoesNotMatchException.class);
    }

    @Test
    void aManifestWithUnknownLayersIsLayersNotFound() {
        String repo = repo("images/no-layers");
        String manifest = EcrFixtures.manifest("{}".getBytes(StandardCharsets.UTF_8), new byte[]{1, 2, 3});
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(repo).imageManifest(manifest).imageTag("x")))
                .isInstanceOf(LayersNotFoundException.class);
    }

    @Test
    void anIndexOfUnknownManifestsIsReferencedImagesNotFound() {
        String repo = repo("images/no-children");
        String index = EcrFixtures.index("sha256:" + "1".repeat(64), "100");
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(repo).imageManifest(index).imageTag("multi")))
                .isInstanceOf(ReferencedImagesNotFoundException.class);
    }

    @Test
    void anImmutableTagCannotBeMovedByPutImage() {
        ecr.createRepository(r -> r.repositoryName("images/immutable").imageTagMutability("IMMUTABLE"));
        pushImage(ecr, "images/immutable", "v1", 4);
        assertThatThrownBy(() -> pushImage(ecr, "images/immutable", "v1", 5)).isInstanceOf(ImageTagAlreadyExistsException.class)
                .hasMessageContaining("cannot be overwritten because the repository is immutable");
    }

    @Test
    void batchGetImageReportsEachFailureByCode() {
        String repo = repo("images/failures");
        String d = pushImage(ecr, repo, "v1", 6);
        var got = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(
                tag("missing"), digest("sha256:" + "2".repeat(64)), digest("not-a-digest"),
                ImageIdentifier.builder().imageTag("v1").imageDigest("sha256:" + "3".repeat(64)).build(),
                ImageIdentifier.builder().build(), tag("v1")));
        assertThat(got.images()).extracting(i -> i.imageId().imageDigest()).containsExactly(d);
        assertThat(got.failures()).extracting(f -> f.failureCode()).containsExactly(ImageFailureCode.IMAGE_NOT_FOUND,
                ImageFailureCode.IMAGE_NOT_FOUND, ImageFailureCode.INVALID_IMAGE_DIGEST, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                ImageFailureCode.MISSING_DIGEST_AND_TAG);
    }

    @Test
    void batchGetImageWithAcceptedMediaTypesThatExcludeTheManifestIsAFailure() {
        String repo = repo("images/accepted");
        pushImage(ecr, repo, "v1", 7);
        var got = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("v1"))
                .acceptedMediaTypes("application/vnd.oci.image.manifest.v1+json"));
        assertThat(got.images()).isEmpty();
        assertThat(got.failures()).singleElement().satisfies(f -> assertThat(f.failureReason()).contains("acceptedMediaTypes"));
    }

    @Test
    void batchDeleteByTagRemovesOnlyTheTagWhileTheImageHasOthers() {
        String repo = repo("images/untag");
        String d = pushImage(ecr, repo, "v1", 8);
        String manifest = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("v1"))).images().get(0).imageManifest();
        ecr.putImage(r -> r.repositoryName(repo).imageManifest(manifest).imageTag("latest"));
        var deleted = ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(tag("v1")));
        assertThat(deleted.imageIds()).containsExactly(ImageIdentifier.builder().imageDigest(d).imageTag("v1").build());
        assertThat(ecr.describeImages(r -> r.repositoryName(repo)).imageDetails()).singleElement()
                .satisfies(i -> assertThat(i.imageTags()).containsExactly("latest"));
        ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(tag("latest")));
        assertThat(ecr.describeImages(r -> r.repositoryName(repo)).imageDetails()).isEmpty();
    }

    @Test
    void batchDeleteByDigestRemovesTheImageWithAllItsTags() {
        String repo = repo("images/delete-digest");
        String d = pushImage(ecr, repo, "a", 9);
        String manifest = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("a"))).images().get(0).imageManifest();
        ecr.putImage(r -> r.repositoryName(repo).imageManifest(manifest).imageTag("b"));
        var deleted = ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(digest(d), tag("gone")));
        assertThat(deleted.imageIds()).extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder("a", "b");
        assertThat(deleted.failures()).singleElement().satisfies(f -> assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound"));
    }

    @Test
    void anImageListedByAnIndexCannotBeDeletedByDigest() {
        String repo = repo("images/listed");
        String child = pushImage(ecr, repo, null, 10);
        int size = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(digest(child))).images().get(0).imageManifest().length();
        ecr.putImage(r -> r.repositoryName(repo).imageManifest(EcrFixtures.index(child, Integer.toString(size))).imageTag("multi"));
        var deleted = ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(digest(child)));
        assertThat(deleted.failures()).singleElement()
                .satisfies(f -> assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST));
    }

    @Test
    void listImagesFiltersByTagStatusAndPagesAcrossTokens() {
        String repo = repo("images/list");
        for (int i = 0; i < 5; i++) pushImage(ecr, repo, "t" + i, 100 + i);
        pushImage(ecr, repo, null, 200);
        List<ImageIdentifier> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListImagesResponse page = ecr.listImages(r -> r.repositoryName(repo).maxResults(2).nextToken(t));
            all.addAll(page.imageIds());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(6);
        assertThat(ecr.listImages(r -> r.repositoryName(repo).filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageIds())
                .singleElement().satisfies(i -> assertThat(i.imageTag()).isNull());
        assertThat(ecr.listImages(r -> r.repositoryName(repo).filter(f -> f.tagStatus(TagStatus.TAGGED))).imageIds()).hasSize(5);
        assertThat(ecr.listImagesPaginator(r -> r.repositoryName(repo).maxResults(1)).imageIds().stream().count()).isEqualTo(6);
    }

    @Test
    void aNextTokenFromAnotherQueryIsInvalidParameter() {
        String repo = repo("images/token");
        for (int i = 0; i < 3; i++) pushImage(ecr, repo, "t" + i, 300 + i);
        String token = ecr.listImages(r -> r.repositoryName(repo).maxResults(1)).nextToken();
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(repo).nextToken(token)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void describeImagesAnswersEveryDetailFieldIncludingThePullTimeRecordedBeforeARestart() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("wharf-describe");
        String d;
        try (TestServer s = TestServer.startOn(dir, Map.of()); EcrClient c = s.ecr()) {
            c.createRepository(r -> r.repositoryName("described"));
            d = pushImage(c, "described", "v1", 11);
            c.batchGetImage(r -> r.repositoryName("described").imageIds(tag("v1")));
        }
        try (TestServer s = TestServer.startOn(dir, Map.of()); EcrClient c = s.ecr()) {
            ImageDetail i = c.describeImages(r -> r.repositoryName("described").imageIds(tag("v1"))).imageDetails().get(0);
            assertThat(i.imageDigest()).isEqualTo(d);
            assertThat(i.imageTags()).containsExactly("v1");
            assertThat(i.imageSizeInBytes()).isEqualTo(1024 + "{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":11}".length());
            assertThat(i.imagePushedAt()).isNotNull();
            assertThat(i.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(i.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
            assertThat(i.lastRecordedPullTime()).isNotNull();
            assertThat(i.registryId()).isEqualTo(TestServer.ACCOUNT);
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    @Test
    void describeImagesOfAMissingImageIsImageNotFound() {
        String repo = repo("images/describe-missing");
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(repo).imageIds(tag("nope"))))
                .isInstanceOf(ImageNotFoundException.class);
    }

    @Test
    void describeImagesPagesAndFilters() {
        String repo = repo("images/describe-pages");
        for (int i = 0; i < 3; i++) pushImage(ecr, repo, "t" + i, 400 + i);
        DescribeImagesResponse first = ecr.describeImages(r -> r.repositoryName(repo).maxResults(2));
        assertThat(first.imageDetails()).hasSize(2);
        DescribeImagesResponse second = ecr.describeImages(r -> r.repositoryName(repo).maxResults(2).nextToken(first.nextToken()));
        assertThat(second.imageDetails()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThat(ecr.describeImages(r -> r.repositoryName(repo).filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageDetails()).isEmpty();
    }

    @Test
    void operationsOnAMissingRepositoryAreRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("images/none"))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("images/none"))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.batchGetImage(r -> r.repositoryName("images/none").imageIds(tag("x"))))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.batchDeleteImage(r -> r.repositoryName("images/none").imageIds(tag("x"))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void listImageReferrersAnswersTheManifestsWhoseSubjectIsTheImage() {
        String repo = repo("images/referrers");
        String subject = pushImage(ecr, repo, "v1", 12);
        int size = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(tag("v1"))).images().get(0).imageManifest().length();
        String empty = "{}";
        EcrFixtures.uploadLayer(ecr, repo, empty.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            String sbom = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"artifactType\":\"application/vnd.example.sbom." + i + "\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + sha256(empty.getBytes()) + "\"},"
                    + "\"layers\":[],\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\""
                    + subject + "\",\"size\":" + size + "},\"annotations\":{\"n\":\"" + i + "\"}}";
            ecr.putImage(r -> r.repositoryName(repo).imageManifest(sbom));
        }
        var page1 = ecr.listImageReferrers(r -> r.repositoryName(repo).subjectId(s -> s.imageDigest(subject)).maxResults(2));
        assertThat(page1.referrers()).hasSize(2);
        var page2 = ecr.listImageReferrers(r -> r.repositoryName(repo).subjectId(s -> s.imageDigest(subject)).nextToken(page1.nextToken()));
        assertThat(page2.referrers()).hasSize(1);
        var filtered = ecr.listImageReferrers(r -> r.repositoryName(repo).subjectId(s -> s.imageDigest(subject))
                .filter(f -> f.artifactTypes("application/vnd.example.sbom.1")));
        assertThat(filtered.referrers()).singleElement().satisfies(ref -> {
            assertThat(ref.annotations()).containsEntry("n", "1");
            assertThat(ref.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        });
        assertThat(ecr.describeImages(r -> r.repositoryName(repo).imageIds(digest(filtered.referrers().get(0).digest())))
                .imageDetails().get(0).subjectManifestDigest()).isEqualTo(subject);
    }

    @Test
    void imagesPerRepositoryIsEnforcedAsLimitExceeded() {
        try (TestServer s = TestServer.start(Map.of("WHARF_LIMITS_IMAGES_PER_REPOSITORY", "2")); EcrClient c = s.ecr()) {
            c.createRepository(r -> r.repositoryName("limited"));
            pushImage(c, "limited", "a", 1);
            pushImage(c, "limited", "b", 2);
            assertThatThrownBy(() -> pushImage(c, "limited", "c", 3)).isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("images per repository (2)");
        }
    }
}
