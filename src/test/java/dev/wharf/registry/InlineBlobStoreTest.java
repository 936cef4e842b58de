package dev.wharf.registry;

import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.BlobStoreContract;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.FileSystemBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filesystem store with small blobs in a real SQLite metadata database, as the server has it
 * ({@link GcFixture}): every promise of the blob store contract (whose sessions and blobs written
 * through them are the files'), and what the rows add, with rows made by real pushes.
 */
class InlineBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;
    private GcFixture f;

    @Override
    protected BlobStore newStore() {
        f = new GcFixture(root, Clock.systemUTC());
        f.createRepository("inline/app");
        return f.store;
    }

    @Override
    protected BlobStore sameBackend() throws Exception {
        return new InlineBlobStore(new FileSystemBlobStore(root), f.meta, 64 << 10);
    }

    @AfterEach
    void closeFixture() {
        if (f != null) f.close();
    }

    private Digest pushed(byte[] b) {
        return f.pushBlob("inline/app", b);
    }

    @Test
    void aSmallBlobPushedWholeIsARowNotAFileAndReadsFromAnyOffset() throws IOException {
        byte[] b = bytes(5000, 1);
        Digest d = pushed(b);
        assertThat(((InlineBlobStore) store).file(d)).as("a file for a blob kept as a row").isEmpty();
        assertThat(f.rawMeta.blobContent(d.toString())).hasValueSatisfying(v -> assertThat(v).isEqualTo(b));
        assertThat(store.size(d)).hasValue(5000);
        assertThat(store.list()).containsExactly(d);
        for (int offset : new int[]{0, 1, 4999, 5000}) {
            try (InputStream in = store.open(d, offset)) {
                assertThat(in.readAllBytes()).as("from " + offset).isEqualTo(Arrays.copyOfRange(b, offset, b.length));
            }
        }
    }

    @Test
    void aDigestKeptBothWaysIsReadFromTheFileAndDeletedWhole() throws IOException {
        byte[] b = bytes(2048, 3);
        Digest d = pushed(b);
        store.write("u1", 0, new ByteArrayInputStream(b)); // the same blob pushed in chunks as well
        store.commitUpload("u1", b.length, d);
        assertThat(((InlineBlobStore) store).file(d)).isPresent();
        assertThat(store.list()).containsExactly(d);
        store.delete(d);
        assertThat(store.list()).isEmpty();
        assertThat(f.rawMeta.blobContent(d.toString())).isEmpty();
        assertThatThrownBy(() -> store.open(d, 0)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.size(d)).isEmpty();
    }

    @Test
    void aBatchDeletionRemovesRowsAndFilesAlike() throws IOException {
        Digest row1 = pushed(bytes(10, 4));
        Digest row2 = pushed(bytes(20, 5));
        byte[] big = bytes((64 << 10) + 1, 6);
        Digest file = pushed(big);
        assertThat(((InlineBlobStore) store).file(file)).isPresent();
        Map<Digest, String> refused = ((InlineBlobStore) store).deleteAll(List.of(row1, row2, file));
        assertThat(refused).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(f.rawMeta.blobContentDigests()).isEmpty();
    }

    @Test
    void aRowWrittenWhenTheBoundWasHigherIsStillReadAndDeleted() throws Exception {
        byte[] b = bytes(10, 7);
        Digest d = pushed(b);
        InlineBlobStore off = new InlineBlobStore(new FileSystemBlobStore(root), f.meta, 0);
        assertThat(off.maxInlineBytes()).isZero();
        try (InputStream in = off.open(d, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        off.delete(d);
        assertThat(off.list()).isEmpty();
    }

    @Test
    void aRowReadOnceIsServedFromMemoryUntilItsBlobIsDeleted() throws IOException {
        InlineBlobStore inline = (InlineBlobStore) store;
        byte[] b = bytes(4096, 8);
        Digest d = pushed(b);
        try (InputStream in = inline.open(d, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        assertThat(inline.recentBytes()).isEqualTo(4096);
        // the row goes behind the store's back: only the bytes kept in memory can answer now
        f.rawMeta.deleteBlobContents(List.of(d.toString()));
        try (InputStream in = inline.open(d, 100)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(b, 100, b.length));
        }
        assertThat(inline.file(d)).isEmpty();
        inline.delete(d);
        assertThat(inline.recentBytes()).isZero();
        assertThatThrownBy(() -> inline.open(d, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theBytesKeptInMemoryStayWithinTheirBoundAndABatchDeletionForgetsThem() throws IOException {
        InlineBlobStore inline = (InlineBlobStore) store;
        int size = InlineBlobStore.RECENT_MAX_BLOB;
        int count = (int) (InlineBlobStore.RECENT_BYTES / size) + 8;
        List<Digest> all = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Digest d = pushed(bytes(size, 100 + i));
            all.add(d);
            try (InputStream in = inline.open(d, 0)) {
                assertThat(in.readAllBytes()).hasSize(size);
            }
            assertThat(inline.recentBytes()).isLessThanOrEqualTo(InlineBlobStore.RECENT_BYTES);
        }
        assertThat(inline.recentBytes()).isGreaterThan(InlineBlobStore.RECENT_BYTES - size);
        assertThat(inline.deleteAll(all)).isEmpty();
        assertThat(inline.recentBytes()).isZero();
        for (Digest d : all) assertThatThrownBy(() -> inline.open(d, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aRowLargerThanTheMemoryBoundForOneBlobIsServedButNotKept(@TempDir Path other) throws Exception {
        try (GcFixture wide = new GcFixture(other, Clock.systemUTC(), java.util.function.UnaryOperator.identity(),
                java.util.function.UnaryOperator.identity(), Map.of("WHARF_STORAGE_INLINE_BLOB_BYTES", String.valueOf(256 << 10)))) {
            wide.createRepository("inline/wide");
            InlineBlobStore inline = (InlineBlobStore) wide.store;
            byte[] b = bytes(InlineBlobStore.RECENT_MAX_BLOB + 1, 9);
            Digest d = wide.pushBlob("inline/wide", b);
            assertThat(inline.file(d)).as("kept as a row").isEmpty();
            try (InputStream in = inline.open(d, 0)) {
                assertThat(in.readAllBytes()).isEqualTo(b);
            }
            assertThat(inline.recentBytes()).isZero();
        }
    }
}
