package dev.wharf.replication;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-region replication between two Wharf servers, with the real skopeo: an image skopeo pushes
 * to one appears in the other (the repository created there), and skopeo pulls it from there byte
 * for byte.
 */
@Tag("e2e")
class CrossRegionReplicationTest {
    @TempDir
    Path tmp;

    @Test
    void anImagePushedHereIsPulledFromTheOtherRegionByteForByte() {
        try (TestServer remote = RemoteSites.startRemote(); EcrClient remoteEcr = RemoteSites.remoteEcr(remote);
             TestServer here = TestServer.start(RemoteSites.sourceEnv(remote.url())); EcrClient ecr = here.ecr()) {
            RemoteSites.replicateEverything(ecr);
            ecr.createRepository(r -> r.repositoryName("web/app"));
            OciLayout layout = new OciLayout(tmp.resolve("src"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 11, 3000, 70_000);
            Skopeo.loggedIn(here, ecr).push(layout.reference("v1"), "web/app", "v1").expectOk();

            ImageReplicationStatus s = RemoteSites.statusOnceDone(ecr, "web/app", image.digest(), Duration.ofSeconds(60));
            assertThat(s.statusAsString()).as(s.failureCode()).isEqualTo("COMPLETE");
            assertThat(s.region()).isEqualTo(RemoteSites.REMOTE_REGION);
            assertThat(s.registryId()).isEqualTo(TestServer.ACCOUNT);

            Path pulled = tmp.resolve("pulled");
            new Skopeo(remote, remoteEcr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken())
                    .pull("web/app:v1", pulled, "v1").expectOk();
            assertThat(OciLayout.taggedDigest(pulled, "v1")).isEqualTo(image.digest());
            for (OciLayout.Descriptor layer : layout.layers(image)) {
                assertThat(OciLayout.blob(pulled, layer.digest())).isEqualTo(layout.read(layer.digest()));
            }
            assertThat(OciClient.sha256(OciLayout.blob(pulled, image.digest()))).isEqualTo(image.digest());
        }
    }
}
