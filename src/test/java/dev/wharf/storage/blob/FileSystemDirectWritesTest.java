package dev.wharf.storage.blob;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Large chunks go around the page cache in whole blocks, with their unaligned heads and tails
 * through it: every mix of offsets and sizes must still leave exactly the bytes sent.
 */
class FileSystemDirectWritesTest {
    @TempDir
    Path root;

    private static final int MIB = 1 << 20;

    @ParameterizedTest(name = "direct writes {0}")
    @ValueSource(booleans = {true, false})
    void chunksAtUnalignedOffsetsLeaveExactlyTheBytesSent(boolean direct) throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root, direct, 32);
        if (direct) assumeTrue(store.writesDirect(), "this filesystem refuses O_DIRECT");
        else assertThat(store.writesDirect()).isFalse();
        byte[] all = new byte[11 * MIB + 4113];
        new Random(7).nextBytes(all);
        int[] chunks = {MIB + 17, 3 * MIB, 5, 2 * MIB + 4095, MIB, all.length - (7 * MIB + 4117)};
        String id = UUID.randomUUID().toString();
        long offset = 0;
        for (int c : chunks) {
            long n = store.write(id, offset, new Trickle(new ByteArrayInputStream(all, (int) offset, c)));
            assertThat(n).isEqualTo(c);
            offset += c;
        }
        assertThat(offset).isEqualTo(all.length);
        Digest d = Digest.of(Digest.Algorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(all));
        store.commitUpload(id, all.length, d);
        assertThat(Files.readAllBytes(store.file(d).orElseThrow())).isEqualTo(all);
    }

    @ParameterizedTest(name = "direct writes {0}")
    @ValueSource(booleans = {true, false})
    void aRetriedChunkReplacesTheRemainsOfTheFailedOne(boolean direct) throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root, direct, 32);
        if (direct) assumeTrue(store.writesDirect(), "this filesystem refuses O_DIRECT");
        byte[] first = new byte[3 * MIB + 100];
        new Random(1).nextBytes(first);
        String id = UUID.randomUUID().toString();
        store.write(id, 0, new ByteArrayInputStream(first));
        // the session's committed size was MIB + 3: the rest is a failed chunk's, and a retry starts there
        byte[] retry = new byte[2 * MIB + 9];
        new Random(2).nextBytes(retry);
        store.write(id, MIB + 3, new ByteArrayInputStream(retry));
        byte[] want = Arrays.copyOf(first, MIB + 3 + retry.length);
        System.arraycopy(retry, 0, want, MIB + 3, retry.length);
        try (InputStream in = store.openUpload(id)) {
            assertThat(in.readAllBytes()).isEqualTo(want);
        }
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(60) // a write that waited for a buffer would never end here
    void whenEveryDirectBufferIsTakenALargeWriteGoesThroughTheCacheAtOnce() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root, true, 1);
        assumeTrue(store.writesDirect(), "this filesystem refuses O_DIRECT");
        byte[] first = new byte[3 * MIB];
        byte[] second = new byte[5 * MIB + 77];
        new Random(4).nextBytes(first);
        new Random(5).nextBytes(second);
        // the first write holds the only buffer: it stops after its first full read until released
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InputStream held = new FilterInputStream(new ByteArrayInputStream(first)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 2 * MIB) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
                int n = super.read(b, off, len);
                if (n > 0) read += n;
                return n;
            }
        };
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            java.util.concurrent.Future<Long> a = pool.submit(() -> store.write("held", 0, held));
            holding.await();
            assertThat(store.write("other", 0, new ByteArrayInputStream(second))).isEqualTo(second.length);
            release.countDown();
            assertThat(a.get()).isEqualTo(first.length);
        }
        try (InputStream in = store.openUpload("held")) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        try (InputStream in = store.openUpload("other")) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
    }

    /** A body that arrives in uneven pieces, as a socket delivers it. */
    private static final class Trickle extends FilterInputStream {
        private final Random random = new Random(3);

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.max(1, Math.min(len, 1 + random.nextInt(300_000))));
        }
    }
}
