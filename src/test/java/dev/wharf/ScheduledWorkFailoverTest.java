package dev.wharf;

import dev.wharf.testing.Await;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.PostgresCluster;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled work (lifecycle policies, expiry, garbage collection) runs on one node of a deployment,
 * and moves to another when that node goes.
 */
@Tag(ExternalProcess.TAG)
class ScheduledWorkFailoverTest {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String KEEP_ONE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";

    private static void image(OciClient client, String repository, String tag, int seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob(repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        client.putManifest(repository, tag, MANIFEST, manifest);
    }

    @Test
    void oneNodeRunsTheScheduledWorkAndAnotherTakesOverWhenItStops() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("WHARF_STORAGE_METADATA", "postgres");
            env.put("WHARF_POSTGRES_URL", pg.createDatabase());
            env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
            env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
            env.put("WHARF_LIFECYCLE_INTERVAL", "100ms");
            TestServer nodeA = TestServer.start(env);
            try (TestServer nodeB = TestServer.start(env)) {
                try {
                    assertThat(nodeA.app().runsScheduledWork()).as("node A, started first").isTrue();
                    assertThat(nodeB.app().runsScheduledWork()).as("node B").isFalse();
                } finally {
                    nodeA.close();
                }
                // node B's own lifecycle ticks (every 100 ms) try the lease: node A gave it back as it stopped
                Await.until(Duration.ofSeconds(20), "node B runs the scheduled work", () -> nodeB.app().runsScheduledWork());

                OciClient b = OciClient.of(nodeB);
                try (EcrClient ecr = nodeB.ecr()) {
                    ecr.createRepository(r -> r.repositoryName("failover/app"));
                    image(b, "failover/app", "v1", 1);
                    image(b, "failover/app", "v2", 2);
                    ecr.putLifecyclePolicy(r -> r.repositoryName("failover/app").lifecyclePolicyText(KEEP_ONE));
                    Await.until(Duration.ofSeconds(20), "node B's lifecycle run expired the older image",
                            () -> ecr.listImages(r -> r.repositoryName("failover/app")).imageIds().size() == 1);
                }
            }
        }
    }
}
