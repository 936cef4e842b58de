package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.S3BlobStore;
import dev.wharf.testing.S3ProxyBucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A blob that arrives whole in one request, on the S3 blob store (S3Proxy): one written under its
 * digest in one step when small enough for the store, the session's path when larger; a wrong
 * digest, or a body shorter or longer than its length, leaves nothing in the bucket and no session.
 * Which path a blob took does not show from outside; the tests check what each leaves behind, on
 * both sides of the store's bound.
 */
@Tag("e2e")
class WholeBlobsOnS3Test {
    @RegisterExtension
    static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-whole");

    @TempDir
    Path dir;
    private S3BlobStore store;
    private GcFixture f;

    @BeforeEach
    void open() throws IOException {
        store = S3BlobStore.open(S3.settings("t-" + UUID.randomUUID(), false));
        f = new GcFixture(dir, Clock.systemUTC(), m -> m, s -> store);
        f.createRepository("s3/whole");
    }

    @AfterEach
    void leavesNoSession() throws IOException {
        try {
            assertThat(store.uploadsOlderThan(Instant.now().plus(Duration.ofDays(1)))).as("upload sessions left in the bucket").isEmpty();
        } finally {
            f.close();
            store.close();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aSmallBlobPushedWholeIsStoredUnderItsDigestAndPulls() {
        byte[] layer = random(4096, 1);
        Digest d = f.pushBlob("s3/whole", layer);
        assertThat(f.stored()).containsExactly(d);
        assertThat(f.pullsAndVerifies("s3/whole", d)).isTrue();
        // pushed again (another image with the same layer): one copy, still pulls
        assertThat(f.pushBlob("s3/whole", layer)).isEqualTo(d);
        assertThat(f.stored()).containsExactly(d);
    }

    @Test
    void theEmptyBlobAndOneAtTheStoresBoundAreStoredAndPull() {
        Digest empty = f.pushBlob("s3/whole", new byte[0]);
        Digest atBound = f.pushBlob("s3/whole", random(store.maxWholeBytes(), 2));
        assertThat(f.stored()).containsExactlyInAnyOrder(empty, atBound);
        assertThat(f.pullsAndVerifies("s3/whole", empty)).isTrue();
        assertThat(f.pullsAndVerifies("s3/whole", atBound)).isTrue();
    }

    @Test
    void aBlobJustOverTheStoresBoundIsStoredAndPulls() {
        Digest d = f.pushBlob("s3/whole", random(store.maxWholeBytes() + 1, 3));
        assertThat(f.stored()).containsExactly(d);
        assertThat(f.pullsAndVerifies("s3/whole", d)).isTrue();
    }

    @Test
    void aWrongDigestIsRefusedAndNothingIsStored() {
        byte[] layer = random(4096, 4);
        Digest claimed = Digest.sha256(random(4096, 5));
        assertThatThrownBy(() -> f.blobs.upload(f.caller, GcFixture.ACCOUNT, "s3/whole", claimed, (long) layer.length,
                new ByteArrayInputStream(layer)))
                .isInstanceOfSatisfying(WharfException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYER_DIGEST_MISMATCH);
                    assertThat(e.getMessage()).contains(Digest.sha256(layer).toString()).contains(claimed.toString());
                });
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void aBodyShorterThanItsLengthIsRefusedAndNothingIsStored() {
        byte[] part = random(1000, 6);
        Digest d = Digest.sha256(random(4096, 6));
        assertThatThrownBy(() -> f.blobs.upload(f.caller, GcFixture.ACCOUNT, "s3/whole", d, 4096L, new ByteArrayInputStream(part)))
                .isInstanceOfSatisfying(WharfException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID);
                    assertThat(e.getMessage()).contains("4096").contains("1000");
                });
        assertThat(f.stored()).isEmpty();
    }

    @Test
    void aBodyLongerThanItsLengthIsRefusedAndNothingIsStored() {
        // a source that sends more than it declared (an upstream registry's blob, for the pull-through cache)
        byte[] body = random(4096, 7);
        Digest firstThousand = Digest.sha256(java.util.Arrays.copyOf(body, 1000));
        assertThatThrownBy(() -> f.blobs.upload(f.caller, GcFixture.ACCOUNT, "s3/whole", firstThousand, 1000L,
                new ByteArrayInputStream(body)))
                .isInstanceOfSatisfying(WharfException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIZE_INVALID);
                    assertThat(e.getMessage()).contains("1000").contains("more");
                });
        assertThat(f.stored()).isEmpty();
    }
}
