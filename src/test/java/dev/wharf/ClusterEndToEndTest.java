package dev.wharf;

import dev.wharf.testing.Await;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.WharfCluster;
import dev.wharf.testing.WharfNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Wharf nodes in processes of their own behind haproxy, on one PostgreSQL and one S3 bucket,
 * driven through the load balancer by real clients as a deployment is: requests of one upload land
 * on both nodes, and a node killed in the middle of a push costs the client a retry, not an image.
 * The node is killed last: the tests run in order.
 */
@Tag(ExternalProcess.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {
    private static WharfCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        cluster = WharfCluster.start(2);
        cluster.createRepositories("cluster/chunked", "cluster/app");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** How many requests of {@code method} to {@code pathPart} the node's access log shows. */
    private static long served(WharfNode node, String method, String pathPart) {
        return node.log().lines().filter(l -> l.contains(method) && l.contains(pathPart)).count();
    }

    @Test
    @Order(1)
    void aChunkedUploadThroughTheLoadBalancerHasItsPatchesServedByBothNodesAndCompletes() {
        byte[] content = new byte[6 * 300_000 + 17];
        new Random(11).nextBytes(content);
        String digest = OciClient.sha256(content);
        OciClient oci = cluster.oci();
        HttpResponse<byte[]> started = oci.send("POST", "/v2/cluster/chunked/blobs/uploads/");
        OciClient.expect(started, 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        String session = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        for (int from = 0; from < content.length; from += 300_000) {
            int to = Math.min(content.length, from + 300_000);
            HttpResponse<byte[]> r = oci.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                    "Content-Range", from + "-" + (to - 1)), Arrays.copyOfRange(content, from, to));
            OciClient.expect(r, 202);
            location = r.headers().firstValue("Location").orElseThrow();
        }
        String sep = location.contains("?") ? "&" : "?";
        OciClient.expect(oci.send("PUT", location + sep + "digest=" + digest), 201);

        HttpResponse<byte[]> got = oci.send("GET", "/v2/cluster/chunked/blobs/" + digest);
        OciClient.expect(got, 200);
        assertThat(got.body()).isEqualTo(content);
        // the access log line of a request is written as it ends: wait (bounded) for the last ones
        Await.until(Duration.ofSeconds(10), "seven PATCHes logged", () ->
                served(cluster.node(0), "PATCH", session) + served(cluster.node(1), "PATCH", session) == 7);
        assertThat(served(cluster.node(0), "PATCH", session)).as("PATCHes served by node 1").isPositive();
        assertThat(served(cluster.node(1), "PATCH", session)).as("PATCHes served by node 2").isPositive();
    }

    @Test
    @Order(2)
    void aNodeKilledMidPushLosesNothingAndThePushRetriedThroughTheLoadBalancerCompletes() throws Exception {
        OciLayout layout = new OciLayout(Files.createDirectory(tmp.resolve("src")));
        OciLayout.Descriptor before = layout.taggedImage("before", 20, 200_000, 3_000);
        OciLayout.Descriptor image = layout.taggedImage("big", 21, 24 << 20, 24 << 20, 24 << 20, 24 << 20);
        Skopeo skopeo = cluster.skopeo();
        skopeo.push(layout.reference("before"), "cluster/app", "before").expectOk();

        WharfNode victim = cluster.node(1);
        long uploadsBefore = served(cluster.node(0), "POST", "/blobs/uploads/") + served(victim, "POST", "/blobs/uploads/");
        CompletableFuture<Skopeo.Result> push = CompletableFuture.supplyAsync(() ->
                skopeo.push(layout.reference("big"), "cluster/app", "big", "--retry-times", "3"));
        // Once the layers go (an upload session opened; four of 24 MiB, several at once), wait until
        // haproxy has had a request in progress with the victim for two polls in a row (a layer's
        // PATCH, not a quick HEAD), and kill it then.
        AtomicInteger busyPolls = new AtomicInteger();
        Await.until(Duration.ofSeconds(60), "the push sending a layer through node 2", () -> {
            if (push.isDone()) return true;
            boolean uploading = served(cluster.node(0), "POST", "/blobs/uploads/") + served(victim, "POST", "/blobs/uploads/") > uploadsBefore;
            if (uploading && cluster.loadBalancer().requestsInProgress(2) > 0) return busyPolls.incrementAndGet() >= 2;
            busyPolls.set(0);
            return false;
        });
        assertThat(push).as("the push still runs when the node is killed").isNotDone();
        victim.kill();

        // The cut request fails the copy: skopeo (1.9) does not retry a blob write that a dead
        // node broke off (its --retry-times covers other failures), so the client runs it again,
        // through the load balancer, which now sends everything to the node that lives.
        Skopeo.Result first = push.get(5, TimeUnit.MINUTES);
        assertThat(first.ok() && !first.output().contains("retrying")).as("the kill cut the push short:\n" + first.output()).isFalse();
        if (!first.ok()) skopeo.push(layout.reference("big"), "cluster/app", "big", "--retry-times", "3").expectOk();

        for (String tag : new String[] {"before", "big"}) {
            Path pulled = tmp.resolve("pulled-" + tag);
            skopeo.pull("cluster/app:" + tag, pulled, tag).expectOk();
            OciLayout.Descriptor expected = tag.equals("big") ? image : before;
            assertThat(OciLayout.taggedDigest(pulled, tag)).isEqualTo(expected.digest());
            for (String d : layout.closure(expected.digest())) {
                assertThat(OciLayout.blob(pulled, d)).as(tag + " " + d).isEqualTo(layout.read(d));
            }
        }
    }
}
