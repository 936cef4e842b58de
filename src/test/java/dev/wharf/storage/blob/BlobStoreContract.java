package dev.wharf.storage.blob;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every promise of the {@link BlobStore} Javadoc, for every backend: a backend's test extends
 * this class and says how to open a fresh, empty store. Like Distribution's storage-driver test
 * suite, the suite fails a test that leaves an upload session behind.
 */
public abstract class BlobStoreContract {
    protected BlobStore store;

    /** A new, empty store, private to one test. */
    protected abstract BlobStore newStore() throws Exception;

    /** A second store over the backend of the last {@link #newStore}, as another node opens it. */
    protected abstract BlobStore sameBackend() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        assertThat(store.list()).as("a new store is empty").isEmpty();
    }

    @AfterEach
    void leavesNoSessionBehind() throws IOException {
        assertThat(store.uploadsOlderThan(Instant.now().plus(Duration.ofDays(1))))
                .as("upload sessions the test did not commit or abort").isEmpty();
    }

    protected static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private Digest put(byte[] content) throws IOException {
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(content));
        Digest d = Digest.sha256(content);
        store.commitUpload(id, content.length, d);
        return d;
    }

    private byte[] read(Digest d, long offset) throws IOException {
        try (InputStream in = store.open(d, offset)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aCommittedBlobIsReadableWholeAndFromAnOffset() throws IOException {
        byte[] content = bytes(100_000, 1);
        Digest d = put(content);
        assertThat(store.size(d)).hasValue(content.length);
        assertThat(read(d, 0)).isEqualTo(content);
        assertThat(read(d, 99_990)).isEqualTo(java.util.Arrays.copyOfRange(content, 99_990, 100_000));
        assertThat(read(d, content.length)).isEmpty();
    }

    @Test
    void writesAtConsecutiveOffsetsAccumulateInOrder() throws IOException {
        String id = newId();
        store.createUpload(id);
        assertThat(store.write(id, 0, new ByteArrayInputStream("abc".getBytes()))).isEqualTo(3);
        assertThat(store.write(id, 3, new ByteArrayInputStream("def".getBytes()))).isEqualTo(3);
        try (InputStream in = store.openUpload(id)) {
            assertThat(in.readAllBytes()).isEqualTo("abcdef".getBytes());
        }
        store.abortUpload(id);
    }

    @Test
    void aWriteReplacesWhateverLayPastItsOffset() throws IOException {
        // the remains of a chunk that failed part-way are not part of the session
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream("abcdef".getBytes()));
        store.write(id, 3, new ByteArrayInputStream("XY".getBytes()));
        try (InputStream in = store.openUpload(id)) {
            assertThat(in.readAllBytes()).isEqualTo("abcXY".getBytes());
        }
        store.abortUpload(id);
    }

    @Test
    void commitKeepsOnlyTheCommittedLength() throws IOException {
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream("abcdef".getBytes()));
        Digest d = Digest.sha256("abc".getBytes());
        store.commitUpload(id, 3, d);
        assertThat(read(d, 0)).isEqualTo("abc".getBytes());
        assertThat(store.size(d)).hasValue(3);
    }

    @Test
    void aSessionIsInvisibleUntilCommitted() throws IOException {
        byte[] content = bytes(1000, 2);
        Digest d = Digest.sha256(content);
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(content));
        assertThat(store.size(d)).isEmpty();
        assertThat(store.list()).doesNotContain(d);
        assertThatThrownBy(() -> store.open(d, 0)).isInstanceOf(NoSuchFileException.class);
        store.commitUpload(id, content.length, d);
        assertThat(store.list()).containsExactly(d);
        assertThatThrownBy(() -> store.openUpload(id)).as("commit ends the session").isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFailedAppendLeavesAPartialSessionThatIsNeverVisible() throws IOException {
        byte[] content = bytes(10_000, 3);
        String id = newId();
        store.createUpload(id);
        InputStream breaks = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served == 5000) throw new IOException("connection reset");
                return content[served++] & 0xff;
            }
        };
        assertThatThrownBy(() -> store.write(id, 0, breaks)).isInstanceOf(IOException.class);
        assertThat(store.list()).isEmpty();
        assertThat(store.size(Digest.sha256(content))).isEmpty();
        store.abortUpload(id);
    }

    @Test
    void committingADigestThatExistsKeepsTheExistingCopyAndEndsTheSession() throws IOException {
        byte[] content = bytes(500, 4);
        Digest d = put(content);
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(content));
        store.commitUpload(id, content.length, d);
        assertThatThrownBy(() -> store.openUpload(id)).isInstanceOf(NoSuchFileException.class);
        assertThat(read(d, 0)).isEqualTo(content);
        assertThat(store.list()).containsExactly(d);
    }

    @Test
    void commitDoesNotHash() throws IOException {
        // The caller verified the digest while streaming; the store names the bytes as told.
        Digest named = Digest.sha256("something else".getBytes());
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream("xyz".getBytes()));
        store.commitUpload(id, 3, named);
        assertThat(read(named, 0)).isEqualTo("xyz".getBytes());
    }

    @Test
    void theEmptyBlobCanBeStored() throws IOException {
        Digest d = put(new byte[0]);
        assertThat(store.size(d)).hasValue(0);
        assertThat(read(d, 0)).isEmpty();
    }

    @Test
    void missingSessionsAndBlobsAreNoSuchFile() throws IOException {
        Digest absent = Digest.sha256("absent".getBytes());
        assertThat(store.size(absent)).isEmpty();
        assertThatThrownBy(() -> store.openUpload(newId())).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open(absent, 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.write(newId(), 1, new ByteArrayInputStream(new byte[1]))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.commitUpload(newId(), 0, absent)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theFirstWriteAtOffsetZeroCreatesTheSession() throws IOException {
        String id = newId();
        byte[] content = bytes(3000, 11);
        assertThat(store.write(id, 0, new ByteArrayInputStream(content))).isEqualTo(content.length);
        try (InputStream in = store.openUpload(id)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        Digest d = Digest.sha256(content);
        store.commitUpload(id, content.length, d);
        assertThat(read(d, 0)).isEqualTo(content);
    }

    @Test
    void anEmptyFirstWriteCreatesAnEmptySession() throws IOException {
        String id = newId();
        assertThat(store.write(id, 0, InputStream.nullInputStream())).isZero();
        Digest d = Digest.sha256(new byte[0]);
        store.commitUpload(id, 0, d);
        assertThat(store.size(d)).hasValue(0);
    }

    @Test
    void aSessionNeverWrittenIsNotListedAndAbortingItIsQuiet() throws IOException {
        String id = newId();
        assertThatThrownBy(() -> store.openUpload(id)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.uploadsOlderThan(Instant.now().plus(Duration.ofDays(1)))).doesNotContain(id);
        store.abortUpload(id);
        assertThatThrownBy(() -> store.write(id, 5, new ByteArrayInputStream(new byte[1]))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void abortDiscardsTheSessionAndIsIdempotent() throws IOException {
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(bytes(100, 5)));
        store.abortUpload(id);
        assertThatThrownBy(() -> store.openUpload(id)).isInstanceOf(NoSuchFileException.class);
        store.abortUpload(id);
        store.abortUpload(newId());
        assertThat(store.list()).isEmpty();
    }

    @Test
    void deleteRemovesABlobAndIsIdempotent() throws IOException {
        Digest d = put(bytes(100, 6));
        store.delete(d);
        assertThat(store.size(d)).isEmpty();
        assertThat(store.list()).isEmpty();
        store.delete(d);
    }

    @Test
    void listNamesEveryCommittedDigestOfEveryAlgorithm() throws IOException {
        Digest a = put(bytes(10, 7));
        byte[] content = bytes(10, 8);
        Digest b = Digest.compute(Digest.Algorithm.SHA512, content);
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(content));
        store.commitUpload(id, content.length, b);
        assertThat(store.list()).containsExactlyInAnyOrder(a, b);
        assertThat(read(b, 0)).isEqualTo(content);
    }

    @Test
    void uploadsOlderThanNamesSessionsLastWrittenBeforeTheCutoff() throws IOException {
        String id = newId();
        store.createUpload(id);
        assertThat(store.uploadsOlderThan(Instant.now().minus(Duration.ofHours(1)))).doesNotContain(id);
        assertThat(store.uploadsOlderThan(Instant.now().plus(Duration.ofHours(1)))).containsExactly(id);
        store.abortUpload(id);
    }

    @Test
    void concurrentAppendsToDifferentSessionsDoNotMix() throws Exception {
        int sessions = 8;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Digest>> done = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                byte[] content = bytes(64 * 1024, 100 + s);
                contents.add(content);
                Callable<Digest> upload = () -> {
                    String id = newId();
                    store.createUpload(id);
                    for (int off = 0; off < content.length; off += 4096) {
                        store.write(id, off, new ByteArrayInputStream(content, off, 4096));
                    }
                    Digest d = Digest.sha256(content);
                    store.commitUpload(id, content.length, d);
                    return d;
                };
                done.add(pool.submit(upload));
            }
            for (int s = 0; s < sessions; s++) {
                assertThat(read(done.get(s).get(), 0)).isEqualTo(contents.get(s));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code content} as chunks of the given sizes, commits it and returns its digest. */
    private Digest putInChunks(byte[] content, int... chunkSizes) throws IOException {
        String id = newId();
        store.createUpload(id);
        int off = 0;
        for (int size : chunkSizes) {
            assertThat(store.write(id, off, new ByteArrayInputStream(content, off, size))).isEqualTo(size);
            off += size;
        }
        assertThat(off).as("the chunks cover the content").isEqualTo(content.length);
        Digest d = Digest.sha256(content);
        store.commitUpload(id, content.length, d);
        return d;
    }

    private static int[] repeat(int count, int size) {
        int[] sizes = new int[count];
        java.util.Arrays.fill(sizes, size);
        return sizes;
    }

    @Test
    void aLargeBlobStreamedInOneAppendIsWholeAcrossEveryBoundary() throws IOException {
        // 20 MiB and a few bytes: more than two of any backend's pieces or parts (S3: 8 MiB pieces, 5 MiB part minimum)
        byte[] content = bytes((20 << 20) + 7, 10);
        Digest d = putInChunks(content, content.length);
        assertThat(store.size(d)).hasValue(content.length);
        assertThat(read(d, 0)).isEqualTo(content);
        int boundary = 8 << 20;
        assertThat(read(d, boundary - 3)).isEqualTo(java.util.Arrays.copyOfRange(content, boundary - 3, content.length));
    }

    @Test
    void aBlobAppendedInManySmallChunksIsWhole() throws IOException {
        // Chunks far below S3's part minimum, adding up to more than one part.
        byte[] content = bytes(12 * 600_000, 11);
        Digest d = putInChunks(content, repeat(12, 600_000));
        assertThat(read(d, 0)).isEqualTo(content);
    }

    @Test
    void aBlobAppendedInChunksOfMixedSizesIsWholeAndReadableFromAnyOffset() throws IOException {
        int mib = 1 << 20;
        int[] sizes = {3 * mib, 9 * mib, 1, 6 * mib + 5, 17};
        byte[] content = bytes(java.util.Arrays.stream(sizes).sum(), 12);
        Digest d = putInChunks(content, sizes);
        assertThat(read(d, 0)).isEqualTo(content);
        for (long offset : new long[] {3L * mib - 1, 12L * mib, 12L * mib + 1, content.length - 1}) {
            assertThat(read(d, offset)).as("from byte %d", offset)
                    .isEqualTo(java.util.Arrays.copyOfRange(content, (int) offset, content.length));
        }
    }

    @Test
    void aSessionReadBackMatchesEveryAppendInOrder() throws IOException {
        // The re-hash of a session continued on another node reads it through openUpload.
        int mib = 1 << 20;
        byte[] content = bytes(9 * mib + 3, 13);
        String id = newId();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(content, 0, 2));
        store.write(id, 2, new ByteArrayInputStream(content, 2, content.length - 2));
        try (InputStream in = store.openUpload(id)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store.abortUpload(id);
        assertThatThrownBy(() -> store.openUpload(id)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.write(id, 2, new ByteArrayInputStream(new byte[1]))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aSessionContinuedAndCommittedThroughAnotherNodeIsWhole() throws Exception {
        // Consecutive requests of one upload may land on different nodes sharing the backend.
        BlobStore other = sameBackend();
        byte[] content = bytes((6 << 20) + 3, 14);
        int[] cuts = {0, 1 << 20, 5 << 20, (6 << 20) + 1, content.length};
        String id = newId();
        store.createUpload(id);
        for (int i = 0; i + 1 < cuts.length; i++) {
            BlobStore node = i % 2 == 0 ? other : store;
            int from = cuts[i];
            assertThat(node.write(id, from, new ByteArrayInputStream(content, from, cuts[i + 1] - from))).isEqualTo(cuts[i + 1] - from);
        }
        try (InputStream in = other.openUpload(id)) {
            assertThat(in.readAllBytes()).as("the session as the other node reads it").isEqualTo(content);
        }
        Digest d = Digest.sha256(content);
        other.commitUpload(id, content.length, d);
        assertThatThrownBy(() -> store.openUpload(id)).as("commit ended the session everywhere").isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.write(id, content.length, new ByteArrayInputStream(new byte[1])))
                .as("a stale writer cannot continue the ended session").isInstanceOf(NoSuchFileException.class);
        assertThat(read(d, 0)).isEqualTo(content);
        assertThat(other.list()).containsExactly(d);
    }

    @Test
    void moreConcurrentLargeAppendsThanABackendBuffersAtOnceAllComplete() throws Exception {
        // A backend may bound the memory appends hold (S3: 8 large buffers); the rest must wait, not fail.
        int sessions = 12;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Digest>> done = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                byte[] content = bytes((1 << 20) + s, 200 + s);
                contents.add(content);
                done.add(pool.submit(() -> putInChunks(content, content.length)));
            }
            for (int s = 0; s < sessions; s++) {
                assertThat(read(done.get(s).get(), 0)).isEqualTo(contents.get(s));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCommitsOfTheSameDigestLeaveOneWholeCopy() throws Exception {
        byte[] content = bytes(256 * 1024, 9);
        Digest d = Digest.sha256(content);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                done.add(pool.submit(() -> {
                    String id = newId();
                    store.createUpload(id);
                    store.write(id, 0, new ByteArrayInputStream(content));
                    store.commitUpload(id, content.length, d);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(d, 0)).isEqualTo(content);
        assertThat(store.list()).containsExactly(d);
    }
}
