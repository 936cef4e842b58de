package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database half of the garbage-collection protocol (docs/design.md, "Garbage collection"),
 * for every {@link MetadataStore} backend: subclasses supply a fresh store.
 */
public abstract class GcStoreContract {
    private static final String ACCOUNT = "210987654321";
    protected MetadataStore meta;
    private long repo;

    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        meta = newStore();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIAGCCONTRACT000001", ACCOUNT, null, "e", "Active", 1));
        repo = meta.createRepository(new Rows.NewRepository(ACCOUNT, "gc/contract", "MUTABLE", null, false, "AES256", null, 1, Map.of()),
                10).id();
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    private String putManifestNeeding(String blob) {
        String m = digest('f');
        meta.putManifest(new Rows.Manifest(repo, m, "application/vnd.oci.image.manifest.v1+json", null, null, 2, 2,
                "{}".getBytes(StandardCharsets.UTF_8), 5, null), List.of(new Rows.Reference(blob, Rows.Reference.BLOB)), "v1", false, 10);
        return m;
    }

    @Test
    void aManifestIsNotStoredOverALinkThatIsGone() {
        assertThatThrownBy(() -> putManifestNeeding(digest('a'))).isInstanceOf(ReferenceGoneException.class).hasMessage(digest('a'));
        assertThat(meta.findManifest(repo, digest('f'))).as("nothing written").isEmpty();
        assertThat(meta.findTag(repo, "v1")).isEmpty();
    }

    @Test
    void aLinkAManifestNeedsIsNeitherCollectedNorUnlinked() {
        meta.linkBlob(repo, new Rows.Blob(digest('a'), 3), 1);
        putManifestNeeding(digest('a'));

        assertThat(meta.deleteUnreferencedLinks(Long.MAX_VALUE, 100)).isZero();
        assertThat(meta.unlinkBlob(repo, digest('a'))).isFalse();
        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 10, 100)).isEmpty();

        meta.deleteManifest(repo, digest('f'));
        assertThat(meta.deleteUnreferencedLinks(Long.MAX_VALUE, 100)).isEqualTo(1);
        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 10, 100)).containsExactly(new GcStore.QueuedDeletion(digest('a'), 3));
        assertThat(meta.findBlob(digest('a'))).isEmpty();
    }

    @Test
    void aLinkIsKeptForTheGracePeriod() {
        meta.linkBlob(repo, new Rows.Blob(digest('a'), 3), 100);

        assertThat(meta.deleteUnreferencedLinks(100, 100)).as("made at 100, not before 100").isZero();
        assertThat(meta.deleteUnreferencedLinks(101, 100)).isEqualTo(1);
    }

    @Test
    void aPinnedBlobIsNotQueuedUntilItsPinEndsOrLapses() {
        assertThat(meta.pinBlob(new Rows.Blob(digest('a'), 3), "upload-1", 10, 1_000)).isTrue();

        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 500, 100)).isEmpty();
        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 1_001, 100)).as("lapsed").hasSize(1);

        assertThat(meta.pinBlob(new Rows.Blob(digest('b'), 3), "upload-2", 2_000, 3_000)).isTrue();
        meta.unpinBlob("upload-2");
        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 2_001, 100)).as("ended").hasSize(1);
    }

    @Test
    void aHeldClaimIsNotTakenByAnotherCollectorUntilItLapses() {
        meta.pinBlob(new Rows.Blob(digest('a'), 3), "p1", 1, 2);
        meta.pinBlob(new Rows.Blob(digest('b'), 3), "p2", 1, 2);
        assertThat(meta.queueUnlinkedBlobs(Long.MAX_VALUE, 10, 100)).hasSize(2);

        List<GcStore.QueuedDeletion> first = meta.claimDeletions("collector", 10, 100, 1);
        List<GcStore.QueuedDeletion> second = meta.claimDeletions("other", 10, 100, 10);

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(meta.claimDeletions("third", 10, 100, 10)).isEmpty();
        assertThat(meta.claimDeletions("third", 101, 200, 10)).as("both lapsed").hasSize(2);
    }

    @Test
    void aClaimedDigestCannotBePinnedUntilTheClaimEndsOrLapses() {
        meta.pinBlob(new Rows.Blob(digest('a'), 3), "p1", 1, 2);
        meta.queueUnlinkedBlobs(Long.MAX_VALUE, 10, 100);
        assertThat(meta.claimDeletions("collector", 10, 100, 10)).hasSize(1);

        assertThat(meta.pinBlob(new Rows.Blob(digest('a'), 3), "p2", 50, 500)).as("bytes may be going right now").isFalse();
        assertThat(meta.linkBlob(repo, new Rows.Blob(digest('a'), 3), 50)).isFalse();
        assertThat(meta.findBlob(digest('a'))).isEmpty();

        assertThat(meta.pinBlob(new Rows.Blob(digest('a'), 3), "p2", 101, 500)).as("the claim lapsed").isTrue();
        assertThat(meta.finishDeletions("collector", List.of(digest('a')))).as("the lapsed claim was cancelled").isZero();
        assertThat(meta.findBlob(digest('a'))).isPresent();
    }

    @Test
    void anUnclaimedDeletionIsCancelledByAPin() {
        meta.pinBlob(new Rows.Blob(digest('a'), 3), "p1", 1, 2);
        meta.queueUnlinkedBlobs(Long.MAX_VALUE, 10, 100);

        assertThat(meta.pinBlob(new Rows.Blob(digest('a'), 3), "p2", 20, 500)).isTrue();

        assertThat(meta.claimDeletions("collector", 30, 100, 10)).isEmpty();
        assertThat(meta.linkExistingBlob(repo, digest('a'), 30)).isTrue();
    }

    @Test
    void aBlobWithoutARowIsNotLinkedByLinkExistingBlob() {
        assertThat(meta.linkExistingBlob(repo, digest('a'), 1)).isFalse();
        assertThat(meta.findLinkedBlob(repo, digest('a'))).isEmpty();
    }

    @Test
    void aLeaseHasOneHolderUntilItIsGivenBackOrLapses() {
        assertThat(meta.acquireLease("gc", "node-a", 0, 100)).isTrue();
        assertThat(meta.acquireLease("gc", "node-b", 50, 150)).isFalse();
        assertThat(meta.acquireLease("gc", "node-a", 50, 150)).as("renewed").isTrue();
        assertThat(meta.acquireLease("gc", "node-b", 151, 250)).as("lapsed").isTrue();
        meta.releaseLease("gc", "node-a");
        assertThat(meta.lease("gc")).contains(new GcStore.Lease("node-b", 250));
        meta.releaseLease("gc", "node-b");
        assertThat(meta.lease("gc")).isEmpty();
    }
}
