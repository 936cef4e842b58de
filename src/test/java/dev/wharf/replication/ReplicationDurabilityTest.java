package dev.wharf.replication;

import dev.wharf.testing.Await;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replication queue's promises across failures, between two Wharf servers: a destination that
 * is down is tried again (with backoff) until it is back, and work queued when a server stops is
 * done after it starts again.
 */
class ReplicationDurabilityTest {
    @TempDir
    Path tmp;

    private static void assertReplicated(EcrClient remoteEcr, String repository, String tag, String digest) {
        var got = remoteEcr.batchGetImage(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag)));
        assertThat(got.failures()).isEmpty();
        assertThat(got.images()).singleElement().satisfies(i -> assertThat(i.imageId().imageDigest()).isEqualTo(digest));
    }

    @Test
    void aDestinationThatIsDownIsTriedAgainUntilItIsBack() throws Exception {
        try (TestServer remote = RemoteSites.startRemote(); EcrClient remoteEcr = RemoteSites.remoteEcr(remote);
             SwitchableProxy site = new SwitchableProxy(remote.port(), false);
             TestServer here = TestServer.start(RemoteSites.sourceEnv(site.url())); EcrClient ecr = here.ecr()) {
            RemoteSites.replicateEverything(ecr);
            ecr.createRepository(r -> r.repositoryName("outage/app"));
            Images.Pushed pushed = Images.push(OciClient.of(here), "outage/app", "v1", 21);

            Await.until(Duration.ofSeconds(30), "two attempts meet the outage", () -> site.refused() >= 2);
            assertThat(RemoteSites.status(ecr, "outage/app", pushed.digest())).singleElement()
                    .satisfies(s -> assertThat(s.statusAsString()).isEqualTo("IN_PROGRESS"));

            site.up(remote.port());
            ImageReplicationStatus s = RemoteSites.statusOnceDone(ecr, "outage/app", pushed.digest(), Duration.ofSeconds(30));
            assertThat(s.statusAsString()).as(s.failureCode()).isEqualTo("COMPLETE");
            assertReplicated(remoteEcr, "outage/app", "v1", pushed.digest());
        }
    }

    @Test
    void workQueuedWhenTheServerStopsIsDoneAfterItStartsAgain() throws Exception {
        Path data = tmp.resolve("here");
        try (TestServer remote = RemoteSites.startRemote(); EcrClient remoteEcr = RemoteSites.remoteEcr(remote);
             SwitchableProxy site = new SwitchableProxy(remote.port(), false)) {
            Map<String, String> env = RemoteSites.sourceEnv(site.url());
            Images.Pushed pushed;
            try (TestServer here = TestServer.startOn(data, env); EcrClient ecr = here.ecr()) {
                RemoteSites.replicateEverything(ecr);
                ecr.createRepository(r -> r.repositoryName("restart/app"));
                pushed = Images.push(OciClient.of(here), "restart/app", "v1", 22);
                Await.until(Duration.ofSeconds(30), "an attempt meets the outage", () -> site.refused() >= 1);
            }
            site.up(remote.port());
            assertThat(remoteEcr.describeRepositories(r -> {}).repositories()).isEmpty();

            try (TestServer again = TestServer.startOn(data, env); EcrClient ecr = again.ecr()) {
                ImageReplicationStatus s = RemoteSites.statusOnceDone(ecr, "restart/app", pushed.digest(), Duration.ofSeconds(30));
                assertThat(s.statusAsString()).as(s.failureCode()).isEqualTo("COMPLETE");
            }
            assertReplicated(remoteEcr, "restart/app", "v1", pushed.digest());
        }
    }
}
