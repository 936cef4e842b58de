package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code DELETE /v2/<name>/manifests/<tag>} and BatchDeleteImage with an imageTag are one rule:
 * the tag goes, and the image goes with its last tag (ECR user guide, "Deleting an image").
 */
class DeleteByTagThroughBothDoorsTest {
    private static TestServer server;
    private static EcrClient ecr;
    private static V2 v2;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = server.ecr();
        v2 = new V2(server.port(), null, ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
    }

    @AfterAll
    static void stop() {
        ecr.close();
        server.close();
    }

    private static String digestOf(String repo, String tag) {
        return ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                .images().get(0).imageId().imageDigest();
    }

    private static List<String> digests(String repo) {
        return ecr.listImages(r -> r.repositoryName(repo)).imageIds().stream().map(ImageIdentifier::imageDigest).distinct().toList();
    }

    /** Pushes one image under {@code tags}; returns its digest. */
    private static String push(String repo, String... tags) {
        ecr.createRepository(r -> r.repositoryName(repo));
        assertEquals(201, v2.pushImage(repo, tags[0]).status());
        String digest = digestOf(repo, tags[0]);
        byte[] manifest = v2.pullManifest(repo, tags[0]).body().getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < tags.length; i++) {
            assertEquals(201, v2.send("PUT", "/v2/" + repo + "/manifests/" + tags[i], "application/vnd.oci.image.manifest.v1+json", manifest).status());
        }
        return digest;
    }

    @Test
    void aV2DeleteOfTheLastTagDeletesTheImage() {
        String digest = push("del/v2-last", "only");
        assertEquals(202, v2.send("DELETE", "/v2/del/v2-last/manifests/only", null, null).status());
        assertEquals(404, v2.send("GET", "/v2/del/v2-last/manifests/" + digest, null, null).status());
        assertEquals(List.of(), digests("del/v2-last"));
    }

    @Test
    void aBatchDeleteOfTheLastTagDeletesTheImage() {
        String digest = push("del/ecr-last", "only");
        ecr.batchDeleteImage(r -> r.repositoryName("del/ecr-last").imageIds(ImageIdentifier.builder().imageTag("only").build()));
        assertEquals(404, v2.send("GET", "/v2/del/ecr-last/manifests/" + digest, null, null).status());
        assertEquals(List.of(), digests("del/ecr-last"));
    }

    @Test
    void aV2DeleteOfOneOfTwoTagsKeepsTheImageUnderTheOther() {
        String digest = push("del/v2-two", "one", "two");
        assertEquals(202, v2.send("DELETE", "/v2/del/v2-two/manifests/one", null, null).status());
        assertEquals(404, v2.send("GET", "/v2/del/v2-two/manifests/one", null, null).status());
        assertEquals(200, v2.send("GET", "/v2/del/v2-two/manifests/two", null, null).status());
        assertEquals(List.of(digest), digests("del/v2-two"));
    }

    @Test
    void aV2DeleteOfAnUnknownTagIsManifestUnknown() {
        push("del/v2-unknown", "here");
        V2.Response r = v2.send("DELETE", "/v2/del/v2-unknown/manifests/absent", null, null);
        assertEquals(404, r.status());
        assertEquals(true, r.body().contains("MANIFEST_UNKNOWN"), r.body());
    }
}
