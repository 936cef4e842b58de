package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.S3BlobStore;
import dev.wharf.testing.S3ProxyBucket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Garbage collection over the S3 blob store (S3Proxy): the pass deletes objects with DeleteObjects batches, and only garbage. */
@Tag("e2e")
class GcOnS3Test {
    private static final int IMAGES = 9;
    @RegisterExtension
    static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-gc");

    @TempDir
    Path dir;

    @Test
    void aPassDeletesExactlyTheObjectsNoImageNeedsAndTheRestPulls() throws IOException {
        try (S3BlobStore store = S3BlobStore.open(S3.settings("gc", false));
             GcFixture f = new GcFixture(dir, Clock.systemUTC(), m -> m, s -> store)) {
            f.createRepository("s3/a");
            f.createRepository("s3/b");
            byte[] base = bytes("base layer");
            List<Digest> images = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                images.add(f.pushImage(i % 2 == 0 ? "s3/a" : "s3/b", "t" + i, bytes("{\"i\":" + i + "}"),
                        List.of(base, bytes("own " + i))));
            }
            for (int i = 0; i < IMAGES; i++) if (i % 3 != 0) f.deleteImage(i % 2 == 0 ? "s3/a" : "s3/b", images.get(i));

            // batches smaller than what is freed: claims and DeleteObjects requests come in several rounds
            GarbageCollector.Report r = new GarbageCollector(f.meta, f.store, f.clock,
                    new LeaseExclusive(f.meta, "gc", Duration.ofHours(1), f.clock), 5, GarbageCollector.MAX_REST).run(Duration.ZERO, false);

            Set<Digest> needed = new HashSet<>();
            needed.add(Digest.sha256(base));
            for (int i = 0; i < IMAGES; i += 3) {
                needed.add(Digest.sha256(bytes("{\"i\":" + i + "}")));
                needed.add(Digest.sha256(bytes("own " + i)));
                assertThat(f.pullsAndVerifies(i % 2 == 0 ? "s3/a" : "s3/b", Digest.sha256(bytes("own " + i)))).isTrue();
            }
            assertThat(r.blobs()).isEqualTo(2 * (IMAGES - (IMAGES + 2) / 3));
            assertThat(r.failed()).isZero();
            assertThat(listed(store)).containsExactlyInAnyOrderElementsOf(needed);
        }
    }

    private static List<Digest> listed(S3BlobStore store) {
        try {
            return store.list();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
