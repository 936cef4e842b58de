package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.FileSystemBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Small blobs kept in the database, through the registry's services as the server has them (a real
 * SQLite database and blob directory): which blobs become rows, that they pull whole and from any
 * offset, and that garbage collection and a refused push leave no row behind.
 */
class SmallBlobsInDatabaseTest {
    @TempDir
    Path dir;
    private GcFixture f;
    private FileSystemBlobStore files;

    @BeforeEach
    void open() throws IOException {
        f = new GcFixture(dir, Clock.systemUTC());
        files = new FileSystemBlobStore(dir);
        f.createRepository("small/app");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private boolean isRow(Digest d) {
        return f.rawMeta.blobContent(d.toString()).isPresent();
    }

    @Test
    void aBlobUpToTheBoundIsARowAndOneOverItAFile() {
        int bound = ((InlineBlobStore) f.store).maxInlineBytes();
        assertThat(bound).isEqualTo(64 << 10);
        Digest atBound = f.pushBlob("small/app", random(bound, 1));
        Digest over = f.pushBlob("small/app", random(bound + 1, 2));
        Digest empty = f.pushBlob("small/app", new byte[0]);
        assertThat(isRow(atBound)).isTrue();
        assertThat(files.file(atBound)).isEmpty();
        assertThat(isRow(empty)).isTrue();
        assertThat(isRow(over)).isFalse();
        assertThat(files.file(over)).isPresent();
        for (Digest d : List.of(atBound, over, empty)) assertThat(f.pullsAndVerifies("small/app", d)).as(d.toString()).isTrue();
        assertThat(f.stored()).containsExactlyInAnyOrder(atBound, over, empty);
    }

    @Test
    void aBoundOfZeroKeepsEveryBlobAFileEvenTheEmptyOne() throws IOException {
        f.close();
        f = new GcFixture(dir, Clock.systemUTC(), m -> m, s -> s, Map.of("WHARF_STORAGE_INLINE_BLOB_BYTES", "0"));
        Digest small = f.pushBlob("small/app", random(100, 7));
        Digest empty = f.pushBlob("small/app", new byte[0]);
        assertThat(f.rawMeta.blobContentDigests()).isEmpty();
        assertThat(files.file(small)).isPresent();
        assertThat(files.file(empty)).isPresent();
        assertThat(f.pullsAndVerifies("small/app", small)).isTrue();
    }

    @Test
    void aRowPullsFromAnOffsetAsARangeRequestReadsIt() throws IOException {
        byte[] b = random(4096, 3);
        Digest d = f.pushBlob("small/app", b);
        try (InputStream in = f.blobs.open(f.blobs.get(f.caller, GcFixture.ACCOUNT, "small/app", d), 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(b, 1000, 4096));
        }
    }

    @Test
    void garbageCollectionDeletesTheRowsOfAnImageNoLongerNeeded() {
        byte[] config = GcFixture.bytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        byte[] layer = random(4096, 4);
        Digest image = f.pushImage("small/app", "v1", config, List.of(layer));
        Digest cfg = Digest.sha256(config);
        Digest lay = Digest.sha256(layer);
        assertThat(isRow(cfg)).isTrue();
        assertThat(isRow(lay)).isTrue();
        f.gc(Duration.ZERO);
        assertThat(f.stored()).as("needed by a tagged image").containsExactlyInAnyOrder(cfg, lay);
        f.deleteImage("small/app", image);
        f.gc(Duration.ZERO);
        assertThat(f.stored()).isEmpty();
        assertThat(f.rawMeta.blobContentDigests()).isEmpty();
    }

    @Test
    void aWrongDigestOrAShortBodyLeavesNoRow() {
        byte[] layer = random(4096, 5);
        Digest claimed = Digest.sha256(random(4096, 6));
        assertThatThrownBy(() -> f.blobs.upload(f.caller, GcFixture.ACCOUNT, "small/app", claimed, (long) layer.length,
                new ByteArrayInputStream(layer)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LAYER_DIGEST_MISMATCH));
        Digest d = Digest.sha256(layer);
        assertThatThrownBy(() -> f.blobs.upload(f.caller, GcFixture.ACCOUNT, "small/app", d, 4096L,
                new ByteArrayInputStream(layer, 0, 1000)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID));
        assertThat(f.rawMeta.blobContentDigests()).isEmpty();
        assertThat(f.stored()).isEmpty();
    }
}
