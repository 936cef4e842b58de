package dev.wharf.registry;

import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.BlobStoreContract;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filesystem store with small blobs in a real SQLite metadata database: every promise of the
 * blob store contract (whose sessions and large blobs are the files'), and what the rows add.
 */
class InlineBlobStoreTest extends BlobStoreContract {
    private static final int MAX = 64 << 10;
    @TempDir
    Path root;
    private MetadataStore meta;

    @Override
    protected BlobStore newStore() throws Exception {
        meta = SqliteMetadataStores.open(root.resolve("wharf.db"));
        return new InlineBlobStore(new FileSystemBlobStore(root), meta, MAX);
    }

    @Override
    protected BlobStore sameBackend() throws Exception {
        return new InlineBlobStore(new FileSystemBlobStore(root), meta, MAX);
    }

    @AfterEach
    void closeMeta() {
        if (meta != null) meta.close();
    }

    private InlineBlobStore inline() {
        return (InlineBlobStore) store;
    }

    @Test
    void aWholeBlobIsARowNotAFileAndReadsFromAnyOffset() throws IOException {
        byte[] b = bytes(5000, 1);
        Digest d = Digest.sha256(b);
        inline().putWhole(d, b, b.length);
        assertThat(inline().file(d)).as("a file for a blob kept as a row").isEmpty();
        assertThat(meta.blobContent(d.toString())).hasValueSatisfying(v -> assertThat(v).isEqualTo(b));
        assertThat(store.size(d)).hasValue(5000);
        assertThat(store.list()).containsExactly(d);
        for (int offset : new int[]{0, 1, 4999, 5000}) {
            try (InputStream in = store.open(d, offset)) {
                assertThat(in.readAllBytes()).as("from " + offset).isEqualTo(java.util.Arrays.copyOfRange(b, offset, b.length));
            }
        }
    }

    @Test
    void onlyTheFirstLengthBytesAreKeptAndAnExistingRowStays() throws IOException {
        byte[] b = bytes(100, 2);
        byte[] buffer = java.util.Arrays.copyOf(b, 300); // the caller's buffer may be larger than the blob
        Digest d = Digest.sha256(b);
        inline().putWhole(d, buffer, 100);
        inline().putWhole(d, buffer, 100);
        try (InputStream in = store.open(d, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        assertThat(meta.blobContentDigests()).containsExactly(d.toString());
    }

    @Test
    void aDigestKeptBothWaysIsReadFromTheFileAndDeletedWhole() throws IOException {
        byte[] b = bytes(2048, 3);
        Digest d = Digest.sha256(b);
        inline().putWhole(d, b, b.length);
        store.write("u1", 0, new ByteArrayInputStream(b)); // the same blob pushed in chunks as well
        store.commitUpload("u1", b.length, d);
        assertThat(inline().file(d)).isPresent();
        assertThat(store.list()).containsExactly(d);
        store.delete(d);
        assertThat(store.list()).isEmpty();
        assertThat(meta.blobContent(d.toString())).isEmpty();
        assertThatThrownBy(() -> store.open(d, 0)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.size(d)).isEmpty();
    }

    @Test
    void theBoundIsTheStoresAndZeroKeepsNoneNotEvenTheEmptyBlob() throws Exception {
        assertThat(inline().maxWholeBytes()).isEqualTo(MAX);
        assertThat(new InlineBlobStore(new FileSystemBlobStore(root), meta, 0).maxWholeBytes())
                .as("a bound no blob length is at or under").isNegative();
    }

    @Test
    void aRowWrittenWhenTheBoundWasHigherIsStillReadAndDeleted() throws Exception {
        byte[] b = bytes(10, 4);
        Digest d = Digest.sha256(b);
        inline().putWhole(d, b, b.length);
        InlineBlobStore off = new InlineBlobStore(new FileSystemBlobStore(root), meta, 0);
        try (InputStream in = off.open(d, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(b);
        }
        off.delete(d);
        assertThat(off.list()).isEmpty();
    }
}
