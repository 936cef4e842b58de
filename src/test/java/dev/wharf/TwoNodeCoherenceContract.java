package dev.wharf;

import dev.wharf.limits.Rate;
import dev.wharf.registry.ThrottleOverrides;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes of one deployment: whatever is changed through node A (or by an admin command on the
 * shared database) holds on node B at B's very next request, with no waiting. Each case first warms
 * B (the rows B caches are read through B), then changes them through A, then asks B at once; a
 * cache that trusted a time-to-live would answer the old state. Subclasses say which database the
 * two nodes share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeCoherenceContract {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    private final AtomicInteger names = new AtomicInteger();
    protected TestServer nodeA;
    protected TestServer nodeB;

    /** Starts two nodes on one shared metadata database, both with throttling on. */
    protected abstract void startNodes(Map<String, String> env) throws Exception;

    /** The shared metadata database, opened as an admin command opens it (another process than both nodes). */
    protected abstract MetadataStore openSharedStore() throws Exception;

    protected abstract void stopAll() throws Exception;

    @BeforeAll
    void start() throws Exception {
        // restores complete at once, and a rule may name a plain-HTTP upstream (one that refuses connections)
        startNodes(Map.of("WHARF_THROTTLING_ENABLED", "true", "WHARF_ARCHIVE_RESTORE_DELAY", "0s",
                "WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "true"));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (nodeA != null) nodeA.close();
            if (nodeB != null) nodeB.close();
        } finally {
            stopAll();
        }
    }

    private String unique(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    /** Pushes a one-layer image through {@code client} and returns its manifest's bytes. */
    private static byte[] image(OciClient client, String repository, String tag, int seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob(repository, config);
        String layerDigest = client.pushBlob(repository, layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        client.putManifest(repository, tag, MANIFEST, manifest);
        return manifest;
    }

    private static HttpResponse<byte[]> getManifest(OciClient client, String repository, String reference) {
        return client.send("GET", "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", MANIFEST), null);
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A registry client on {@code node} for an access key, logged in through that node. */
    private static OciClient loggedIn(TestServer node, AccessKey key) {
        try (EcrClient ecr = node.ecr(key.accessKeyId(), key.secretAccessKey())) {
            String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return new OciClient(node.url(), TestServer.basicAuth(decoded.substring(decoded.indexOf(':') + 1)));
        }
    }

    /** A user of the test account with one access key, and with the managed policy when it is not null. */
    private AccessKey user(String name, String managedPolicy) {
        try (IamClient iam = nodeA.iam()) {
            iam.createUser(r -> r.userName(name));
            if (managedPolicy != null) iam.attachUserPolicy(r -> r.userName(name).policyArn(managedPolicy));
            return iam.createAccessKey(r -> r.userName(name)).accessKey();
        }
    }

    @Test
    void anImageDeletedThroughOneNodeIsUnknownOnTheOtherAtItsNextRequest() {
        String repo = unique("deleted");
        nodeA.createRepositories(repo);
        OciClient a = OciClient.of(nodeA);
        OciClient b = OciClient.of(nodeB);
        String digest = OciClient.sha256(image(a, repo, "v1", 1));
        OciClient.expect(getManifest(b, repo, digest), 200);

        OciClient.expect(a.send("DELETE", "/v2/" + repo + "/manifests/" + digest), 202);

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(404);
        assertThat(body(after)).contains("MANIFEST_UNKNOWN");
    }

    @Test
    void aTagMovedThroughOneNodeNamesTheNewImageOnTheOtherAtItsNextRequest() {
        String repo = unique("moved");
        nodeA.createRepositories(repo);
        OciClient a = OciClient.of(nodeA);
        OciClient b = OciClient.of(nodeB);
        String first = OciClient.sha256(image(a, repo, "latest", 2));
        assertThat(getManifest(b, repo, "latest").headers().firstValue("Docker-Content-Digest")).hasValue(first);

        String second = OciClient.sha256(image(a, repo, "latest", 3));

        assertThat(getManifest(b, repo, "latest").headers().firstValue("Docker-Content-Digest")).hasValue(second);
    }

    @Test
    void aRepositoryDeletedThroughOneNodeIsUnknownOnTheOtherAtItsNextRequest() {
        String repo = unique("gone");
        nodeA.createRepositories(repo);
        OciClient b = OciClient.of(nodeB);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 4));
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.deleteRepository(r -> r.repositoryName(repo).force(true));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(404);
        assertThat(body(after)).contains("NAME_UNKNOWN");
    }

    @Test
    void tagImmutabilitySetThroughOneNodeHoldsOnTheOtherAtItsNextRequest() {
        String repo = unique("immutable");
        nodeA.createRepositories(repo);
        OciClient b = OciClient.of(nodeB);
        image(b, repo, "v1", 5);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":6}".getBytes(StandardCharsets.UTF_8);
        String configDigest = b.pushBlob(repo, config);
        byte[] other = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        OciClient.expect(getManifest(b, repo, "v1"), 200);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.putImageTagMutability(r -> r.repositoryName(repo).imageTagMutability(ImageTagMutability.IMMUTABLE));
        }

        HttpResponse<byte[]> moved = b.send("PUT", "/v2/" + repo + "/manifests/v1", Map.of("Content-Type", MANIFEST), other);
        assertThat(moved.statusCode()).as(body(moved)).isEqualTo(400);
        assertThat(body(moved)).contains("TAG_INVALID");
    }

    @Test
    void aRepositoryPolicyRemovedThroughOneNodeNoLongerGrantsOnTheOther() {
        String repo = unique("granted");
        String name = unique("puller");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 7));
        AccessKey key = user(name, null);
        try (IamClient iam = nodeA.iam(); EcrClient ecr = nodeA.ecr()) {
            iam.putUserPolicy(r -> r.userName(name).policyName("login").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}"));
            ecr.setRepositoryPolicy(r -> r.repositoryName(repo).policyText("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + TestServer.ACCOUNT + ":user/" + name + "\"},"
                    + "\"Action\":\"ecr:BatchGetImage\"}]}"));
        }
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.deleteRepositoryPolicy(r -> r.repositoryName(repo));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(403);
    }

    @Test
    void anIdentityPolicyDetachedThroughOneNodeNoLongerGrantsOnTheOther() {
        String repo = unique("identity");
        String name = unique("reader");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 8));
        AccessKey key = user(name, READ_ONLY);
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (IamClient iam = nodeA.iam()) {
            iam.detachUserPolicy(r -> r.userName(name).policyArn(READ_ONLY));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(403);
    }

    @Test
    void anAccessKeyDeactivatedThroughOneNodeFailsOnTheOtherWithItsTokensAtItsNextRequest() {
        String repo = unique("deactivated");
        String name = unique("ci");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 9));
        AccessKey key = user(name, READ_ONLY);
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (IamClient iam = nodeA.iam()) {
            iam.updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as("the registry token of the deactivated key").isEqualTo(403);
        assertThat(body(after)).contains("revoked");
        try (EcrClient ecr = nodeB.ecr(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(() -> ecr.describeRepositories(r -> {})).as("a SigV4 call with the deactivated key")
                    .isInstanceOf(SdkServiceException.class).hasMessageContaining("security token");
        }
    }

    @Test
    void anAccessKeyDeletedThroughOneNodeFailsOnTheOtherWithItsTokensAtItsNextRequest() {
        String repo = unique("deleted-key");
        String name = unique("bot");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 10));
        AccessKey key = user(name, READ_ONLY);
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (IamClient iam = nodeA.iam()) {
            iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as("the registry token of the deleted key").isEqualTo(403);
        assertThat(body(after)).contains("revoked");
    }

    @Test
    void aThrottlingOverrideSetOnTheSharedDatabaseHoldsOnEveryNodeAtItsNextRequest() throws Exception {
        // no retries: the SDK would otherwise wait for the bucket to refill and hide the refusal
        try (EcrClient b = EcrClient.builder().endpointOverride(URI.create(nodeB.url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
             MetadataStore admin = openSharedStore()) {
            b.describeRegistry(r -> {});
            b.describeRegistry(r -> {});
            ThrottleOverrides rates = new ThrottleOverrides(admin);
            rates.set(TestServer.ACCOUNT, "DescribeRegistry", new Rate(1, 1));
            try {
                // the bucket holds one request at most: of two at once, the second is refused
                assertThatThrownBy(() -> {
                    b.describeRegistry(r -> {});
                    b.describeRegistry(r -> {});
                }).isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
            } finally {
                rates.reset(TestServer.ACCOUNT, "DescribeRegistry");
            }
        }
    }

    @Test
    void aServiceLimitSetOnTheSharedDatabaseHoldsOnEveryNodeAtItsNextRequest() throws Exception {
        try (EcrClient b = nodeB.ecr(); MetadataStore admin = openSharedStore()) {
            b.createRepository(r -> r.repositoryName(unique("counted")));
            int existing = b.describeRepositories(r -> r.maxResults(1000)).repositories().size();
            admin.putAccountLimit(TestServer.ACCOUNT, "repositoriesPerAccount", existing);
            try {
                assertThatThrownBy(() -> b.createRepository(r -> r.repositoryName(unique("over"))))
                        .isInstanceOf(LimitExceededException.class);
            } finally {
                admin.deleteAccountLimit(TestServer.ACCOUNT, "repositoriesPerAccount");
            }
        }
    }
    @Test
    void aTagPushedThroughOneNodeIsPullableOnTheOtherAtItsNextRequest() {
        String repo = unique("new-tag");
        nodeA.createRepositories(repo);
        OciClient a = OciClient.of(nodeA);
        OciClient b = OciClient.of(nodeB);
        image(a, repo, "v1", 11);
        OciClient.expect(getManifest(b, repo, "v1"), 200);
        assertThat(getManifest(b, repo, "v2").statusCode()).isEqualTo(404);

        String pushed = OciClient.sha256(image(a, repo, "v2", 12));

        HttpResponse<byte[]> after = getManifest(b, repo, "v2");
        assertThat(after.statusCode()).as(body(after)).isEqualTo(200);
        assertThat(after.headers().firstValue("Docker-Content-Digest")).hasValue(pushed);
    }

    @Test
    void aTagDeletedThroughOneNodeIsUnknownOnTheOtherWhileItsImageStays() {
        String repo = unique("untagged");
        nodeA.createRepositories(repo);
        OciClient a = OciClient.of(nodeA);
        OciClient b = OciClient.of(nodeB);
        byte[] manifest = image(a, repo, "kept", 13);
        a.putManifest(repo, "dropped", MANIFEST, manifest);
        OciClient.expect(getManifest(b, repo, "dropped"), 200);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(i -> i.imageTag("dropped")));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, "dropped");
        assertThat(after.statusCode()).as(body(after)).isEqualTo(404);
        assertThat(body(after)).contains("MANIFEST_UNKNOWN");
        OciClient.expect(getManifest(b, repo, "kept"), 200);
    }

    @Test
    void anImageArchivedThroughOneNodeIsUnpullableOnTheOtherAndPullableAgainOnceRestored() {
        String repo = unique("archived");
        nodeA.createRepositories(repo);
        OciClient b = OciClient.of(nodeB);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 14));
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.updateImageStorageClass(r -> r.repositoryName(repo).imageId(i -> i.imageDigest(digest)).targetStorageClass("ARCHIVE"));
            HttpResponse<byte[]> archived = getManifest(b, repo, digest);
            assertThat(archived.statusCode()).as(body(archived)).isEqualTo(404);
            assertThat(body(archived)).contains("ARCHIVED");

            ecr.updateImageStorageClass(r -> r.repositoryName(repo).imageId(i -> i.imageDigest(digest)).targetStorageClass("STANDARD"));
        }

        HttpResponse<byte[]> restored = getManifest(b, repo, digest);
        assertThat(restored.statusCode()).as(body(restored)).isEqualTo(200);
    }

    @Test
    void aRepositoryPolicySetThroughOneNodeGrantsOnTheOtherAtItsNextRequest() {
        String repo = unique("newly-granted");
        String name = unique("grantee");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 15));
        AccessKey key = user(name, null);
        try (IamClient iam = nodeA.iam()) {
            iam.putUserPolicy(r -> r.userName(name).policyName("login").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}"));
        }
        OciClient b = loggedIn(nodeB, key);
        assertThat(getManifest(b, repo, digest).statusCode()).as("before the policy").isEqualTo(403);

        try (EcrClient ecr = nodeA.ecr()) {
            ecr.setRepositoryPolicy(r -> r.repositoryName(repo).policyText("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + TestServer.ACCOUNT + ":user/" + name + "\"},"
                    + "\"Action\":\"ecr:BatchGetImage\"}]}"));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(200);
    }

    @Test
    void aPullThroughCacheRuleCreatedOrDeletedThroughOneNodeHoldsOnTheOthersNextManifestGet() {
        String prefix = unique("upstream");
        OciClient b = OciClient.of(nodeB);
        String repo = prefix + "/team/app";
        HttpResponse<byte[]> before = getManifest(b, repo, "v1");
        assertThat(before.statusCode()).as(body(before)).isEqualTo(404);
        assertThat(body(before)).contains("NAME_UNKNOWN");

        try (EcrClient ecr = nodeA.ecr()) {
            // an upstream that refuses every connection: a pull that uses the rule answers 502 UNAVAILABLE
            ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix(prefix).upstreamRegistryUrl("http://127.0.0.1:1"));
            HttpResponse<byte[]> ruled = getManifest(b, repo, "v1");
            assertThat(ruled.statusCode()).as(body(ruled)).isEqualTo(502);
            assertThat(body(ruled)).contains("UNAVAILABLE");

            ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix(prefix));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, "v1");
        assertThat(after.statusCode()).as(body(after)).isEqualTo(404);
        assertThat(body(after)).contains("NAME_UNKNOWN");
    }
    @Test
    void aUserRemovedFromAGroupThroughOneNodeLosesTheGroupsPolicyOnTheOther() {
        String repo = unique("grouped");
        String name = unique("member");
        String group = unique("readers");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 16));
        AccessKey key = user(name, null);
        try (IamClient iam = nodeA.iam()) {
            iam.createGroup(r -> r.groupName(group));
            iam.attachGroupPolicy(r -> r.groupName(group).policyArn(READ_ONLY));
            iam.addUserToGroup(r -> r.groupName(group).userName(name));
        }
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (IamClient iam = nodeA.iam()) {
            iam.removeUserFromGroup(r -> r.groupName(group).userName(name));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(403);
    }

    @Test
    void aManagedPolicysNewDefaultVersionSetThroughOneNodeHoldsOnTheOther() {
        String repo = unique("versioned");
        String name = unique("versioned-user");
        String policy = unique("pull");
        nodeA.createRepositories(repo);
        String digest = OciClient.sha256(image(OciClient.of(nodeA), repo, "v1", 17));
        AccessKey key = user(name, null);
        String allow = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"ecr:GetAuthorizationToken\",\"ecr:BatchGetImage\"],\"Resource\":\"*\"}]}";
        String loginOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}";
        String arn;
        try (IamClient iam = nodeA.iam()) {
            arn = iam.createPolicy(r -> r.policyName(policy).policyDocument(allow)).policy().arn();
            iam.attachUserPolicy(r -> r.userName(name).policyArn(arn));
        }
        OciClient b = loggedIn(nodeB, key);
        OciClient.expect(getManifest(b, repo, digest), 200);

        try (IamClient iam = nodeA.iam()) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(loginOnly).setAsDefault(true));
        }

        HttpResponse<byte[]> after = getManifest(b, repo, digest);
        assertThat(after.statusCode()).as(body(after)).isEqualTo(403);
    }
}
