package dev.wharf.replication;

import dev.wharf.testing.Await;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-account replication within one Wharf, through the AWS SDK: the destination registry's
 * policy decides, as in ECR; an allowed image becomes pullable in the destination, a refused one
 * is FAILED with the reason.
 */
class CrossAccountReplicationTest {
    private static final String ALLOWING = "444455556666";
    private static final String REFUSING = "777788889999";
    private static TestServer server;
    private static EcrClient source;
    private static EcrClient allowing;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("WHARF_REPLICATION_POLL_INTERVAL", "100ms"));
        server.app().identities().createAccount(ALLOWING, "AKIAWHARFREPLDEST001", "dest-secret-key-00000000000000000000000000", false);
        server.app().identities().createAccount(REFUSING, "AKIAWHARFREPLDEST002", "dest-secret-key-00000000000000000000000001", false);
        source = server.ecr();
        allowing = server.ecr("AKIAWHARFREPLDEST001", "dest-secret-key-00000000000000000000000000");
        allowing.putRegistryPolicy(r -> r.policyText("""
                {"Version":"2012-10-17","Statement":[{"Sid":"ReplicationAccessCrossAccount","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["ecr:CreateRepository","ecr:ReplicateImage"],
                 "Resource":"arn:aws:ecr:%s:%s:repository/*"}]}""".formatted(TestServer.ACCOUNT, TestServer.REGION, ALLOWING)));
        // the destination's REPLICATION template makes replicated repositories immutable
        allowing.createRepositoryCreationTemplate(r -> r.prefix("team").appliedFor(List.of(
                software.amazon.awssdk.services.ecr.model.RCTAppliedFor.REPLICATION)).imageTagMutability("IMMUTABLE"));
        source.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(
                rule("team", ALLOWING), rule("locked", REFUSING))));
    }

    private static software.amazon.awssdk.services.ecr.model.ReplicationRule rule(String prefix, String destination) {
        return software.amazon.awssdk.services.ecr.model.ReplicationRule.builder()
                .destinations(d -> d.region(TestServer.REGION).registryId(destination))
                .repositoryFilters(f -> f.filter(prefix).filterType("PREFIX_MATCH")).build();
    }

    @AfterAll
    static void stop() {
        allowing.close();
        source.close();
        server.close();
    }

    private static ImageReplicationStatus statusOnceDone(String repository, String digest) {
        Await.until(Duration.ofSeconds(30), "replication of " + repository + " ends", () -> source.describeImageReplicationStatus(
                r -> r.repositoryName(repository).imageId(i -> i.imageDigest(digest))).replicationStatuses().stream()
                .anyMatch(s -> !s.statusAsString().equals("IN_PROGRESS")));
        List<ImageReplicationStatus> statuses = source.describeImageReplicationStatus(
                r -> r.repositoryName(repository).imageId(i -> i.imageDigest(digest))).replicationStatuses();
        assertThat(statuses).hasSize(1);
        return statuses.get(0);
    }

    @Test
    void anImageAllowedByTheDestinationPolicyIsPullableThereAndComplete() {
        source.createRepository(r -> r.repositoryName("team/app"));
        Images.Pushed pushed = Images.push(OciClient.of(server), "team/app", "v1", 1);

        ImageReplicationStatus s = statusOnceDone("team/app", pushed.digest());
        assertThat(s.statusAsString()).isEqualTo("COMPLETE");
        assertThat(s.registryId()).isEqualTo(ALLOWING);
        assertThat(s.region()).isEqualTo(TestServer.REGION);
        assertThat(s.failureCode()).isNull();

        var got = allowing.batchGetImage(r -> r.registryId(ALLOWING).repositoryName("team/app").imageIds(i -> i.imageTag("v1")));
        assertThat(got.failures()).isEmpty();
        assertThat(got.images()).singleElement().satisfies(i -> assertThat(i.imageId().imageDigest()).isEqualTo(pushed.digest()));
        assertThat(allowing.getDownloadUrlForLayer(r -> r.registryId(ALLOWING).repositoryName("team/app")
                .layerDigest(pushed.layer())).downloadUrl()).isNotBlank();
        assertThat(allowing.describeRepositories(r -> r.registryId(ALLOWING).repositoryNames("team/app")).repositories())
                .singleElement().satisfies(repo -> assertThat(repo.imageTagMutabilityAsString()).isEqualTo("IMMUTABLE"));
        // the status names the image by tag too
        assertThat(source.describeImageReplicationStatus(r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))
                .imageId().imageDigest()).isEqualTo(pushed.digest());
    }

    @Test
    void anImageTheDestinationPolicyDoesNotAllowFailsWithTheReasonAndCreatesNothing() {
        source.createRepository(r -> r.repositoryName("locked/app"));
        Images.Pushed pushed = Images.push(OciClient.of(server), "locked/app", "v1", 2);

        ImageReplicationStatus s = statusOnceDone("locked/app", pushed.digest());
        assertThat(s.statusAsString()).isEqualTo("FAILED");
        assertThat(s.registryId()).isEqualTo(REFUSING);
        assertThat(s.failureCode()).contains("registry policy of " + REFUSING).contains("ecr:ReplicateImage");
        try (EcrClient refusing = server.ecr("AKIAWHARFREPLDEST002", "dest-secret-key-00000000000000000000000001")) {
            assertThatThrownBy(() -> refusing.describeRepositories(r -> r.repositoryNames("locked/app")))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Test
    void anImageNoRuleCoversIsNotReplicated() {
        source.createRepository(r -> r.repositoryName("other/app"));
        Images.Pushed pushed = Images.push(OciClient.of(server), "other/app", "v1", 3);
        assertThat(source.describeImageReplicationStatus(r -> r.repositoryName("other/app").imageId(i -> i.imageDigest(pushed.digest())))
                .replicationStatuses()).isEmpty();
    }

    @Test
    void aMultiPlatformIndexArrivesWithItsChildren() {
        source.createRepository(r -> r.repositoryName("team/multi"));
        OciClient oci = OciClient.of(server);
        Images.Pushed amd = Images.push(oci, "team/multi", "amd64", 4);
        Images.Pushed arm = Images.push(oci, "team/multi", "arm64", 5);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + dev.wharf.testing.OciLayout.OCI_INDEX + "\",\"manifests\":["
                + child(oci, "team/multi", amd.digest(), "amd64") + "," + child(oci, "team/multi", arm.digest(), "arm64") + "]}";
        String digest = oci.putManifest("team/multi", "v1", dev.wharf.testing.OciLayout.OCI_INDEX,
                index.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(statusOnceDone("team/multi", digest).statusAsString()).isEqualTo("COMPLETE");
        var got = allowing.batchGetImage(r -> r.registryId(ALLOWING).repositoryName("team/multi")
                .imageIds(i -> i.imageTag("v1"), i -> i.imageDigest(amd.digest()), i -> i.imageDigest(arm.digest())));
        assertThat(got.failures()).isEmpty();
        assertThat(got.images()).hasSize(3);
    }

    /** The index entry of an image already pushed: its descriptor with its platform. */
    private static String child(OciClient oci, String repository, String digest, String arch) {
        byte[] manifest = oci.send("GET", "/v2/" + repository + "/manifests/" + digest,
                Map.of("Accept", dev.wharf.testing.OciLayout.OCI_MANIFEST), null).body();
        return "{\"mediaType\":\"" + dev.wharf.testing.OciLayout.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":"
                + manifest.length + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
    }
}
