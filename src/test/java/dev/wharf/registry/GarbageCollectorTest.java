package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Garbage collection through the real services and stores: what a pass frees, and what it must keep. */
class GarbageCollectorTest {
    private static final Duration ZERO = Duration.ZERO;

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock();
    GcFixture f;

    @BeforeEach
    void open() {
        f = new GcFixture(dir, clock);
        f.createRepository("team/a");
        f.createRepository("team/b");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Digest d(byte[] b) {
        return Digest.sha256(b);
    }

    @Test
    void aDeletedImagesBlobsAreFreedAndLayersSharedWithAnotherImageAreKept() {
        byte[] shared = bytes("shared layer"), onlyA = bytes("layer of a only"), cfgA = bytes("{\"a\":1}"), cfgB = bytes("{\"b\":1}");
        Digest a = f.pushImage("team/a", "v1", cfgA, List.of(shared, onlyA));
        f.pushImage("team/b", "v1", cfgB, List.of(shared));
        f.deleteImage("team/a", a);

        GarbageCollector.Report r = f.gc(ZERO);

        assertThat(r.blobs()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(onlyA.length + cfgA.length);
        assertThat(f.stored()).containsExactlyInAnyOrder(d(shared), d(cfgB));
        assertThat(f.pullsAndVerifies("team/b", d(shared))).isTrue();
        assertThat(f.pullsAndVerifies("team/b", d(cfgB))).isTrue();
    }

    @Test
    void aLayerSharedByTwoRepositoriesIsKeptUntilTheLastImageUsingItGoes() {
        byte[] shared = bytes("base layer");
        Digest a = f.pushImage("team/a", "v1", bytes("{}"), List.of(shared));
        Digest b = f.pushImage("team/b", "v1", bytes("{\"x\":2}"), List.of(shared));
        f.deleteImage("team/a", a);
        f.gc(ZERO);
        assertThat(f.stored()).contains(d(shared));
        assertThatThrownBy(() -> f.blobs.get(f.caller, GcFixture.ACCOUNT, "team/a", d(shared)))
                .as("the deleted image's repository no longer serves the layer").isInstanceOf(WharfException.class);

        f.deleteImage("team/b", b);
        f.gc(ZERO);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void layersPushedBeforeTheirManifestSurviveAPassWithinTheGracePeriod() {
        byte[] cfg = bytes("{\"slow\":true}"), layer = bytes("slow push layer");
        f.pushBlob("team/a", cfg);
        f.pushBlob("team/a", layer);
        clock.advance(Duration.ofMinutes(30));

        GarbageCollector.Report r = f.gc(Duration.ofHours(1));

        assertThat(r.blobs()).isZero();
        Digest m = f.putManifest("team/a", "late", GcFixture.manifest(cfg, List.of(layer), null, 0));
        clock.advance(Duration.ofHours(2));
        f.gc(Duration.ofHours(1));
        assertThat(f.stored()).containsExactlyInAnyOrder(d(cfg), d(layer));
        assertThat(f.images.get(f.caller, GcFixture.ACCOUNT, "team/a", m.toString(), false).digest()).isEqualTo(m);
    }

    @Test
    void layersWhoseManifestNeverCameAreFreedAfterTheGracePeriod() {
        f.pushBlob("team/a", bytes("abandoned"));
        clock.advance(Duration.ofHours(2));

        assertThat(f.gc(Duration.ofHours(1)).blobs()).isEqualTo(1);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void aManifestWhoseBlobWasCollectedIsRefusedWithManifestBlobUnknown() {
        byte[] cfg = bytes("{\"c\":3}"), layer = bytes("collected before its manifest");
        f.pushBlob("team/a", cfg);
        f.pushBlob("team/a", layer);
        f.gc(ZERO);

        assertThatThrownBy(() -> f.putManifest("team/a", "v1", GcFixture.manifest(cfg, List.of(layer), null, 0)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN));
    }

    @Test
    void aBlobPushedAgainWhileQueuedForDeletionKeepsItsBytes() {
        byte[] layer = bytes("pushed again");
        f.pushBlob("team/a", layer);
        // the first half of a pass: the link and the row go, the bytes are queued
        assertThat(f.meta.deleteUnreferencedLinks(clock.millis() + 1, 10)).isEqualTo(1);
        assertThat(f.meta.queueUnlinkedBlobs(clock.millis() + 1, clock.millis(), 10)).hasSize(1);

        f.pushBlob("team/b", layer);
        f.gc(Duration.ofHours(1));

        assertThat(f.stored()).containsExactly(d(layer));
        assertThat(f.pullsAndVerifies("team/b", d(layer))).isTrue();
    }

    @Test
    void aBlobPushedAgainWhileACollectorDeletesItsBytesWaitsAndIsWrittenAfresh() throws Exception {
        byte[] layer = bytes("pushed while being deleted");
        f.pushBlob("team/a", layer);
        f.meta.deleteUnreferencedLinks(clock.millis() + 1, 10);
        f.meta.queueUnlinkedBlobs(clock.millis() + 1, clock.millis(), 10);
        List<GcStore.QueuedDeletion> claimed = f.meta.claimDeletions("collector", clock.millis(),
                clock.millis() + GarbageCollector.CLAIM.toMillis(), 10);
        assertThat(claimed).hasSize(1);

        CompletableFuture<Digest> push = CompletableFuture.supplyAsync(() -> f.pushBlob("team/b", layer));
        // the push cannot finish while the claim holds: its row would outlive the bytes
        assertThat(push).isNotDone();
        f.store.delete(d(layer));
        f.meta.finishDeletions("collector", List.of(d(layer).toString()));

        assertThat(push.get(30, TimeUnit.SECONDS)).isEqualTo(d(layer));
        assertThat(f.stored()).containsExactly(d(layer));
        assertThat(f.pullsAndVerifies("team/b", d(layer))).isTrue();
    }

    @Test
    void deletingARepositoryFreesItsBlobs() {
        f.pushImage("team/a", "v1", bytes("{\"r\":1}"), List.of(bytes("repo layer")));
        f.repositories.delete(f.caller, GcFixture.ACCOUNT, "team/a", true);

        assertThat(f.gc(ZERO).blobs()).isEqualTo(2);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void deletingAnAccountFreesItsBlobs() {
        f.pushImage("team/a", "v1", bytes("{\"acct\":1}"), List.of(bytes("account layer")));
        f.meta.deleteAccount(GcFixture.ACCOUNT);

        assertThat(f.gc(ZERO).blobs()).isEqualTo(2);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void anIndexsChildrenGoWithItUnlessTaggedOrListedElsewhere() {
        byte[] c1 = bytes("{\"arch\":\"amd64\"}"), c2 = bytes("{\"arch\":\"arm64\"}");
        byte[] l1 = bytes("amd64 layer"), l2 = bytes("arm64 layer");
        f.pushBlob("team/a", c1);
        f.pushBlob("team/a", l1);
        f.pushBlob("team/a", c2);
        f.pushBlob("team/a", l2);
        byte[] m1 = GcFixture.manifest(c1, List.of(l1), null, 0), m2 = GcFixture.manifest(c2, List.of(l2), null, 0);
        f.putManifest("team/a", null, m1);
        f.putManifest("team/a", "arm64", m2);
        Digest idx = f.putManifest("team/a", "multi", GcFixture.index(List.of(m1, m2)));
        f.deleteImage("team/a", idx);

        GarbageCollector.Report r = f.gc(ZERO);

        assertThat(r.manifests()).as("the untagged child").isEqualTo(1);
        assertThat(f.meta.findManifest(repoId("team/a"), d(m1).toString())).isEmpty();
        assertThat(f.meta.findManifest(repoId("team/a"), d(m2).toString())).as("tagged: kept").isPresent();
        assertThat(f.stored()).containsExactlyInAnyOrder(d(c2), d(l2));
    }

    @Test
    void aReferrerWhoseSubjectIsDeletedIsCollected() {
        byte[] cfg = bytes("{\"s\":1}"), layer = bytes("subject layer");
        Digest subject = f.pushImage("team/a", "v1", cfg, List.of(layer));
        byte[] sigCfg = bytes("{\"sig\":1}"), sig = bytes("signature blob");
        f.pushBlob("team/a", sigCfg);
        f.pushBlob("team/a", sig);
        byte[] subjectBody = f.images.get(f.caller, GcFixture.ACCOUNT, "team/a", subject.toString(), false).body();
        Digest referrer = f.putManifest("team/a", null, GcFixture.manifest(sigCfg, List.of(sig), subject, subjectBody.length));
        f.gc(ZERO);
        assertThat(f.meta.findManifest(repoId("team/a"), referrer.toString())).as("its subject is there").isPresent();

        f.deleteImage("team/a", subject);
        GarbageCollector.Report r = f.gc(ZERO);

        assertThat(r.manifests()).isEqualTo(1);
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void aDryRunCountsWhatAPassWouldFreeAndFreesNothing() {
        byte[] cfg = bytes("{\"dry\":1}"), layer = bytes("dry layer");
        Digest m = f.pushImage("team/a", "v1", cfg, List.of(layer));
        f.deleteImage("team/a", m);

        GarbageCollector.Report dry = f.collector().run(ZERO, true);

        assertThat(dry.blobs()).isEqualTo(2);
        assertThat(dry.bytes()).isEqualTo(cfg.length + layer.length);
        assertThat(f.stored()).hasSize(2);
        assertThat(f.gc(ZERO).blobs()).isEqualTo(2);
    }

    @Test
    void onlyOneCollectorRunsAtATime() {
        assertThat(f.meta.acquireLease("gc", "another node", clock.millis(), clock.millis() + 60_000)).isTrue();

        GarbageCollector.Report r = f.gc(ZERO);

        assertThat(r.ran()).isFalse();
        f.meta.releaseLease("gc", "another node");
        assertThat(f.gc(ZERO).ran()).isTrue();
    }

    private long repoId(String name) {
        return f.repositories.find(GcFixture.ACCOUNT, name).orElseThrow().id();
    }
}
