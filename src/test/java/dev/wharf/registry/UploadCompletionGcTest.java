package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.UploadStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static dev.wharf.registry.GcFixture.ACCOUNT;
import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Completing an upload (one transaction links the blob, ends its pin and ends the session; a whole
 * blob PUT into an empty session takes no writer claim) against a collector deleting the same
 * digest's bytes: the completion waits for the collector's claim, so the blob it acknowledges always
 * pulls whole (docs/design.md, "Garbage collection").
 */
class UploadCompletionGcTest {
    private static final String REPO = "pins/app";
    private static final String COLLECTOR = "collector-under-test";

    @TempDir
    Path dir;

    /** The two ways an upload completes. */
    enum Push {
        /** POST, then PUT with the whole blob: no writer claim. */
        WHOLE_PUT,
        /** POST, PATCH with the bytes, then PUT without a body: under the session's writer claim. */
        CHUNK_THEN_PUT
    }

    private static void push(GcFixture f, Push how, byte[] content) {
        Digest d = Digest.sha256(content);
        String id = f.blobs.start(f.caller, ACCOUNT, REPO).uploadId();
        if (how == Push.WHOLE_PUT) {
            f.blobs.complete(f.caller, ACCOUNT, REPO, id, d, (long) content.length, new ByteArrayInputStream(content));
        } else {
            f.blobs.append(f.caller, ACCOUNT, REPO, id, null, null, (long) content.length, new ByteArrayInputStream(content));
            f.blobs.complete(f.caller, ACCOUNT, REPO, id, d, null, null);
        }
    }

    /** The store, with a latch released the first time a completion is refused (a collector's claim holds the digest). */
    private static UnaryOperator<MetadataStore> countingRefusedPins(CountDownLatch refused) {
        return real -> (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(), new Class<?>[]{MetadataStore.class},
                (proxy, m, args) -> {
                    Object r;
                    try {
                        r = m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    // a pin refused, or a small blob's one-step completion (docs/design.md, "Small blobs in the database")
                    if (m.getName().equals("pinBlob") && Boolean.FALSE.equals(r)) refused.countDown();
                    if (m.getName().equals("completeWithContent") && r == UploadStore.Completion.BLOB_CLAIMED) refused.countDown();
                    return r;
                });
    }

    @ParameterizedTest
    @EnumSource(Push.class)
    void aBlobPushedAgainWhileACollectorDeletesItsBytesPullsWholeOnceAcknowledged(Push how) throws Exception {
        CountDownLatch refused = new CountDownLatch(1);
        try (GcFixture f = new GcFixture(dir, Clock.systemUTC(), countingRefusedPins(refused), UnaryOperator.identity())) {
            f.createRepository(REPO);
            byte[] content = bytes("a layer collected and pushed again: " + how);
            Digest d = Digest.sha256(content);
            push(f, how, content);
            // a collector has unlinked the blob, queued its row and claimed the deletion of its bytes, and is about to delete them
            GcStore gc = f.meta;
            long later = System.currentTimeMillis() + 1_000;
            assertThat(gc.deleteUnreferencedLinks(later, 100)).isEqualTo(1);
            assertThat(gc.queueUnlinkedBlobs(later, later, 100)).extracting(GcStore.QueuedDeletion::digest).containsExactly(d.toString());
            assertThat(gc.claimDeletions(COLLECTOR, later, later + Duration.ofMinutes(2).toMillis(), 100)).hasSize(1);

            CompletableFuture<Void> again = CompletableFuture.runAsync(() -> push(f, how, content));
            // the push either finishes (it ignored the claim) or waits for it: only then does the collector go on
            while (!again.isDone() && !refused.await(10, TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
            }
            f.store.delete(d);
            gc.finishDeletions(COLLECTOR, List.of(d.toString()));
            again.get(5, TimeUnit.MINUTES);

            assertThat(f.stored()).as("bytes of the acknowledged blob").contains(d);
            assertThat(f.pullsAndVerifies(REPO, d)).isTrue();
            assertThat(refused.getCount()).as("the push waited for the collector's claim").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Push.class)
    void aPassRightAfterACompletionFindsTheBlobLinkedAndKeepsItsBytes(Push how) {
        try (GcFixture f = new GcFixture(dir, Clock.systemUTC())) {
            f.createRepository(REPO);
            byte[] config = bytes("{\"config\":\"" + how + "\"}");
            byte[] layer = bytes("layer " + how);
            push(f, how, config);
            push(f, how, layer);
            Digest manifest = f.putManifest(REPO, "t", GcFixture.manifest(config, List.of(layer), null, 0));

            f.gc(Duration.ZERO);

            assertThat(f.images.get(f.caller, ACCOUNT, REPO, manifest.toString(), false).digest()).isEqualTo(manifest);
            assertThat(f.pullsAndVerifies(REPO, Digest.sha256(layer))).isTrue();
            assertThat(f.stored()).contains(Digest.sha256(config), Digest.sha256(layer));
        }
    }

    /** The real store; {@code beforeCommit} runs once, as the first blob is about to become visible. */
    record HookedStore(BlobStore real, AtomicReference<Runnable> beforeCommit) implements BlobStore {
        public OptionalLong size(Digest d) throws IOException { return real.size(d); }
        public InputStream open(Digest d, long offset) throws IOException { return real.open(d, offset); }
        public void delete(Digest d) throws IOException { real.delete(d); }
        public void createUpload(String id) throws IOException { real.createUpload(id); }
        public long write(String id, long offset, InputStream data) throws IOException { return real.write(id, offset, data); }
        public InputStream openUpload(String id) throws IOException { return real.openUpload(id); }
        public void commitUpload(String id, long length, Digest d) throws IOException {
            Runnable hook = beforeCommit.getAndSet(null);
            if (hook != null) hook.run();
            real.commitUpload(id, length, d);
        }
        public void abortUpload(String id) throws IOException { real.abortUpload(id); }
        public List<String> uploadsOlderThan(Instant cutoff) throws IOException { return real.uploadsOlderThan(cutoff); }
        public List<Digest> list() throws IOException { return real.list(); }
    }

    @Test
    void aChunkThatLandsWhileAWholeBlobPutRunsWinsAndThePutIsToldTheSessionsSize() {
        AtomicReference<Runnable> beforeCommit = new AtomicReference<>();
        try (GcFixture f = new GcFixture(dir, Clock.systemUTC(), UnaryOperator.identity(), s -> new HookedStore(s, beforeCommit))) {
            f.createRepository(REPO);
            byte[] chunk = bytes("first chunk");
            byte[] whole = bytes("a whole blob sent to a session that a chunk reaches meanwhile");
            String id = f.blobs.start(f.caller, ACCOUNT, REPO).uploadId();
            beforeCommit.set(() -> f.blobs.append(f.caller, ACCOUNT, REPO, id, null, null, (long) chunk.length,
                    new ByteArrayInputStream(chunk)));

            assertThatThrownBy(() -> f.blobs.complete(f.caller, ACCOUNT, REPO, id, Digest.sha256(whole), (long) whole.length,
                    new ByteArrayInputStream(whole)))
                    .isInstanceOfSatisfying(WharfException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_RANGE_INVALID);
                        assertThat(e.detail()).containsEntry("size", (long) chunk.length);
                    });
            assertThat(f.rawMeta.findUpload(id)).get().extracting(u -> u.size()).isEqualTo((long) chunk.length);
            // the session goes on from the chunk
            f.blobs.complete(f.caller, ACCOUNT, REPO, id, Digest.sha256(chunk), null, null);
            assertThat(f.pullsAndVerifies(REPO, Digest.sha256(chunk))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Push.class)
    void aCompletionLeavesNoSessionAndNoPin(Push how) {
        try (GcFixture f = new GcFixture(dir, Clock.systemUTC())) {
            f.createRepository(REPO);
            byte[] content = bytes("no leftovers " + how);
            String id = f.blobs.start(f.caller, ACCOUNT, REPO).uploadId();
            Digest d = Digest.sha256(content);
            if (how == Push.WHOLE_PUT) {
                f.blobs.complete(f.caller, ACCOUNT, REPO, id, d, (long) content.length, new ByteArrayInputStream(content));
            } else {
                f.blobs.append(f.caller, ACCOUNT, REPO, id, null, null, (long) content.length, new ByteArrayInputStream(content));
                f.blobs.complete(f.caller, ACCOUNT, REPO, id, d, null, null);
            }

            assertThat(f.rawMeta.findUpload(id)).isEmpty();
            // no pin is left: once unlinked, the blob's row may be queued for deletion at once
            long later = System.currentTimeMillis() + 1_000;
            assertThat(f.meta.deleteUnreferencedLinks(later, 100)).isEqualTo(1);
            assertThat(f.meta.queueUnlinkedBlobs(later, System.currentTimeMillis(), 100))
                    .extracting(GcStore.QueuedDeletion::digest).containsExactly(d.toString());
        }
    }
}
